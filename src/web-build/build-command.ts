/**
 * `npm run build:web`: builds the explorer and GraphiQL into dist/web (npm start does this when needed).
 * `--if-changed` builds only when the sources changed since the last build (what `npm test` runs first).
 */
import { buildWebPages, ensureWebPages } from "./index.js";

const log = { info: (message: string) => console.log(message) };
try {
  if (process.argv.includes("--if-changed")) await ensureWebPages(log);
  else await buildWebPages(log);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
