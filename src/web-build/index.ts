/**
 * The researchers' pages (`src/web/`: the explorer and GraphiQL) are built with Vite into `dist/web/`,
 * which the API serves. `ensureWebPages` builds them when they are missing or older than their sources
 * (a hash of `src/web/` and the lock file, kept in `dist/web/.build-id`), so a clean clone's first
 * `npm start` builds them once and later starts reuse the build. Nothing is loaded from a CDN at run time.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { constants as zlibConstants } from "node:zlib";
import type { build as ViteBuild } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";
import { PROJECT_ROOT } from "../config/index.js";

export const WEB_SOURCE_DIR = path.join(PROJECT_ROOT, "src", "web");
/** The record model the explorer's edit forms are derived from (src/graph-data/records.ts, vocabulary.ts). */
const SHARED_SOURCE_DIRS = [path.join(PROJECT_ROOT, "src", "graph-data")];
export const WEB_OUT_DIR = path.join(PROJECT_ROOT, "dist", "web");
const BUILD_ID_FILE = ".build-id";

/** The pages Vite builds, each an HTML entry under `src/web/`, served at `/<name>`. */
export const WEB_PAGES = ["explorer", "graphiql"] as const;
export type WebPage = (typeof WEB_PAGES)[number];

interface BuildLog {
  info(message: string): void;
}

/** A hash of everything the build reads that we control: the page sources, the record model and the dependency lock. */
export async function webSourceHash(): Promise<string> {
  const hash = createHash("sha256");
  const entries = (
    await Promise.all(
      [WEB_SOURCE_DIR, ...SHARED_SOURCE_DIRS].map((dir) => readdir(dir, { recursive: true, withFileTypes: true })),
    )
  ).flat();
  const files = entries
    .filter((entry) => entry.isFile())
    // `parentPath` arrived in Node 20.12; `path` is its older name.
    .map((entry) => path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name))
    .sort();
  for (const file of [...files, path.join(PROJECT_ROOT, "package-lock.json")]) {
    hash.update(path.relative(PROJECT_ROOT, file)).update("\0");
    hash.update(await readFile(file)).update("\0");
  }
  return hash.digest("hex");
}

/** True when `dist/web` holds a build of the current sources. */
export async function isWebBuildCurrent(): Promise<boolean> {
  const built = await readFile(path.join(WEB_OUT_DIR, BUILD_ID_FILE), "utf8").catch(() => undefined);
  return built === (await webSourceHash());
}

/**
 * Builds the pages into a fresh folder next to `dist/web`, then swaps it in, so a server that is serving
 * the old build never sees a half-written one.
 */
export async function buildWebPages(log: BuildLog): Promise<void> {
  const started = Date.now();
  const buildId = await webSourceHash();
  const staging = `${WEB_OUT_DIR}.building-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const { build } = await import("vite");
  try {
    await viteBuild(build, staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await writeFile(path.join(staging, BUILD_ID_FILE), buildId);
  await mkdir(path.dirname(WEB_OUT_DIR), { recursive: true });
  const old = `${WEB_OUT_DIR}.old-${process.pid}`;
  await rename(WEB_OUT_DIR, old).catch(() => undefined);
  await rename(staging, WEB_OUT_DIR);
  await rm(old, { recursive: true, force: true });
  log.info(`built the explorer and GraphiQL into dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Vite's build of the pages into `outDir`. */
async function viteBuild(build: typeof ViteBuild, outDir: string): Promise<void> {
  await build({
    root: WEB_SOURCE_DIR,
    configFile: false,
    envDir: false,
    base: "/",
    logLevel: "warn",
    worker: { format: "es" },
    // Every text asset also as .br and .gz, compressed once here, so the server sends what a browser accepts
    // without compressing on each request (web-pages.ts, express-static-gzip). Brotli at a middle quality:
    // the highest saves little more for many times the build's time (docs/benchmarks.md, "Compressed transfer").
    plugins: [
      compression({
        algorithms: [
          defineAlgorithm("brotliCompress", { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } }),
          defineAlgorithm("gzip", { level: 9 }),
        ],
        threshold: 1024,
        include: /\.(html|css|js|mjs|json|svg|ttf|wasm)$/,
      }),
    ],
    build: {
      outDir,
      emptyOutDir: true,
      // Monaco (GraphiQL's editor) is large by nature; the explorer's own chunk is small.
      chunkSizeWarningLimit: 6000,
      reportCompressedSize: false,
      rollupOptions: {
        // React libraries mark modules "use client" (meaningless in a plain bundle); Vite warns on each.
        onwarn(warning, warn) {
          if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
        },
        input: Object.fromEntries(WEB_PAGES.map((page) => [page, path.join(WEB_SOURCE_DIR, page, "index.html")])),
      },
    },
  });
}

/** Builds the pages unless the current build is up to date; says whether it built. */
export async function ensureWebPages(log: BuildLog): Promise<boolean> {
  if (await isWebBuildCurrent()) return false;
  log.info("building the explorer and GraphiQL (once per change of src/web or the lock file)…");
  await buildWebPages(log);
  return true;
}
