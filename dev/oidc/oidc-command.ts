/**
 * `npm run oidc [-- --port 4010]`: the development OpenID provider (dev-provider.ts) for signing in to a
 * local explorer. Prints the environment to start the API with, and its test users. Ctrl-C stops it.
 */
import { parseArgs } from "node:util";
import { DEV_USERS, startDevProvider } from "./dev-provider.js";

const { values } = parseArgs({ options: { port: { type: "string", default: "4010" } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error("Usage: npm run oidc -- [--port 4010]");
  process.exit(1);
}
const provider = await startDevProvider({ port }).catch((error: NodeJS.ErrnoException) => {
  console.error(
    error.code === "EADDRINUSE" ? `Port ${port} is in use: npm run oidc -- --port <another>` : String(error),
  );
  process.exit(1);
});
const env = Object.entries(provider.env)
  .map(([name, value]) => `${name}=${value}`)
  .join(" ");
console.log(`Development OpenID provider (local use only) at ${provider.issuer}

Start the API with it:
  ${env} npm start

Then sign in at http://127.0.0.1:4000/explorer as:
${DEV_USERS.map((user) => `  ${user.username} / ${user.password}  (roles: ${user.roles.join(", ")})`).join("\n")}
`);
const stop = () => {
  void provider.stop().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
