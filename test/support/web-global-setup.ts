/** Builds the explorer and GraphiQL once before the integration tests, so servers started by tests find them built. */
import { ensureWebPages } from "../../src/web-build/index.js";

export default async function setup(): Promise<void> {
  await ensureWebPages({ info: (message) => console.log(`[web] ${message}`) });
}
