#!/usr/bin/env node
/**
 * Runs one of the project's TypeScript entry points as the JavaScript that `tsc` compiled it to, compiling
 * first when the sources changed since the last build (like the web pages, src/web-build): a hash of every
 * file the build reads — src/ (the browser pages excepted), the benchmark's starter server, the tsconfig
 * files and the lock file — is kept in dist/.server-build-id. `npm start`, `npm run seed`, `npm run kg` and
 * `npm run token` run through here, so no TypeScript is compiled at run time (tsx is for development:
 * tests, the benchmark, scratch work). It is plain JavaScript because it runs before anything is compiled.
 *
 *   node bin/run-compiled.mjs src/main.ts [args…]   build if needed, then run dist/src/main.js
 *   node bin/run-compiled.mjs --build               build if needed, and stop
 *
 * Two processes starting at once build once: the first takes a lock (a folder), the second waits for it.
 * Without TypeScript installed (`npm ci --omit=dev`), a missing or stale build is an error that says to run
 * `npm run build` where the dev dependencies are.
 */
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import process from "node:process";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(ROOT, "dist");
const BUILD_ID = path.join(DIST, ".server-build-id");
const LOCK = path.join(DIST, ".server-build.lock");
/** A lock older than this belongs to a build that died. */
const STALE_LOCK_MS = 10 * 60 * 1000;

/** Every file the compiled build depends on, in a stable order. */
async function buildInputs() {
  const sources = (await readdir(path.join(ROOT, "src"), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .filter((file) => !file.startsWith(path.join(ROOT, "src", "web") + path.sep));
  const others = ["bench/starter-server.ts", "tsconfig.json", "tsconfig.build.json", "package-lock.json"];
  return [...sources.sort(), ...others.map((file) => path.join(ROOT, file))];
}

async function sourceHash() {
  const hash = createHash("sha256");
  for (const file of await buildInputs()) {
    hash.update(path.relative(ROOT, file)).update("\0");
    hash.update(await readFile(file)).update("\0");
  }
  return hash.digest("hex");
}

async function isCurrent(expected) {
  return (await readFile(BUILD_ID, "utf8").catch(() => undefined)) === expected;
}

async function takeLock() {
  await mkdir(DIST, { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      return;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      const age =
        Date.now() -
        (await stat(LOCK).then(
          (s) => s.mtimeMs,
          () => Date.now(),
        ));
      if (age > STALE_LOCK_MS) await rm(LOCK, { recursive: true, force: true });
      else await sleep(250);
    }
  }
}

/** Compiles when the build is missing or stale; returns whether it compiled. */
async function ensureBuild() {
  const expected = await sourceHash();
  if (await isCurrent(expected)) return false;
  await takeLock();
  try {
    if (await isCurrent(expected)) return false; // another process built it while we waited
    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    if (!existsSync(tsc)) {
      throw new Error(
        "The compiled server in dist/ is missing or older than its sources, and TypeScript is not installed " +
          "here to build it: run `npm run build` where the dev dependencies are installed.",
      );
    }
    process.stderr.write("compiling the server (once per change of src/ or the lock file)…\n");
    const started = Date.now();
    const result = spawnSync(process.execPath, [tsc, "-p", path.join(ROOT, "tsconfig.build.json")], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (result.status !== 0) throw new Error(`tsc failed (exit ${result.status}); see the errors above.`);
    await writeFile(BUILD_ID, expected);
    process.stderr.write(`compiled into dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return true;
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

async function main() {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) throw new Error("usage: node bin/run-compiled.mjs <src/…/entry.ts | --build> [args…]");
  await ensureBuild();
  if (entry === "--build") return;
  const compiled = path.join(DIST, entry.replace(/\.ts$/, ".js"));
  // The entry sees the arguments after its own name, as it would under `node <entry>`.
  process.argv = [process.argv[0], compiled, ...args];
  await import(pathToFileURL(compiled).href);
}

main().catch((error) => {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
