/** `npm run build:web`: builds the explorer and GraphiQL into dist/web (npm start does this when needed). */
import { buildWebPages } from "./index.js";

try {
  await buildWebPages({ info: (message) => console.log(message) });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
