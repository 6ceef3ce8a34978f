/**
 * Builds, once before the tiers that start servers and commands, what `npm start` and the commands would
 * otherwise build on first use: the compiled server (bin/run-compiled.mjs) and the explorer and GraphiQL
 * pages. So no test waits for a compiler inside its own timeout.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/config/index.js";
import { ensureWebPages } from "../../src/web-build/index.js";

export default async function setup(): Promise<void> {
  const built = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "bin", "run-compiled.mjs"), "--build"], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (built.status !== 0) throw new Error(`building the server failed (exit ${built.status})`);
  await ensureWebPages({ info: (message) => console.log(`[web] ${message}`) });
}
