/**
 * `npm run token -- --sub alice --roles editor,staff [--expires 8h]`: prints a token signed with JWT_SECRET
 * (and JWT_ISSUER / JWT_AUDIENCE when set), for local use.
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../config/index.js";
import { mintToken } from "./mint-token.js";
import { subjectProblem } from "./token-verifier.js";

const { values } = parseArgs({
  options: {
    sub: { type: "string" },
    roles: { type: "string", default: "" },
    expires: { type: "string", default: "8h" },
  },
});

const config = loadConfig();
if (!config.auth.secret) {
  console.error("Set JWT_SECRET (32 characters or more) to mint tokens; the server must run with the same secret.");
  process.exit(1);
}
if (!values.sub) {
  console.error("Usage: npm run token -- --sub <who> [--roles editor,staff] [--expires 8h]");
  process.exit(1);
}
// The server would refuse the token (401): say so now rather than print one that cannot be used.
const problem = subjectProblem(values.sub);
if (problem !== undefined) {
  console.error(problem.replace("The token's `sub` claim", "--sub"));
  process.exit(1);
}
const token = await mintToken(config.auth.secret, {
  sub: values.sub,
  roles: values.roles.split(",").filter((role) => role.length > 0),
  expiresIn: values.expires,
  ...(config.auth.issuer ? { issuer: config.auth.issuer } : {}),
  ...(config.auth.audience ? { audience: config.auth.audience } : {}),
});
console.log(token);
