/** `npm run codegen`: writes the explorer's API types (src/web/explorer/generated/) from the committed schema. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { EXPLORER_TYPES_FILE, generateExplorerTypes } from "./explorer-types.js";

try {
  await mkdir(path.dirname(EXPLORER_TYPES_FILE), { recursive: true });
  await writeFile(EXPLORER_TYPES_FILE, await generateExplorerTypes());
  console.log(`Wrote ${path.relative(process.cwd(), EXPLORER_TYPES_FILE)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
