/**
 * `npm run bench:explorer [-- --runs 5 --sizes 50,200,1000 --label before]`: the explorer's own speed, in the
 * shipped Chromium (test/support/browser.ts), against the API as `npm start` runs it on a Neo4j of its own.
 *
 * 1. starts a Neo4j on a temporary store and writes, through the write path (writeGraph), one hub city per
 *    size with `size − 1` partner cities (every third partner also twinned with the next, so the layout has
 *    more than a star to relax), every city placed on the map;
 * 2. starts the compiled server with the pages;
 * 3. per run and size (sizes in an order rotated each run): a fresh page at `/explorer?limit=1000`, the hub's
 *    name typed into the search box until its hit is listed, the hit chosen with Enter, and then waits for the
 *    drawing to settle; the explorer's performance marks (src/web/explorer/timing-marks.ts) give each step;
 *    on the largest, the map and the dashboard are then switched to and timed until drawn;
 * 4. writes bench/results/explorer-<label>.json and the tables between the explorer markers in
 *    docs/benchmarks.md (every label's results there, bench/explorer-report.ts).
 *
 * With `--profile`, one more run on the largest is profiled (CDP Profiler) and its costliest functions reported.
 * `npm run bench` runs this after its own stages unless given `--no-explorer`. Not a test: nothing here fails on
 * a time.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { PROJECT_ROOT, loadConfig } from "../src/config/index.js";
import {
  Database,
  type LocalNeo4j,
  createDriver,
  ensureSchemaIndexes,
  freePort,
  startLocalNeo4j,
} from "../src/database/index.js";
import { recordsReader } from "../src/graph-data/index.js";
import { TIMING_MARKS } from "../src/web/explorer/timing-marks.js";
import { writeGraph } from "../src/write/index.js";
import { launchChromium } from "../test/support/browser.js";
import {
  type ExplorerBenchResult,
  type ExplorerRun,
  explorerSection,
  replaceExplorerSection,
  runSteps,
  topSelfTime,
} from "./explorer-report.js";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    sizes: { type: "string", default: "50,200,1000" },
    label: { type: "string", default: "latest" },
    "results-dir": { type: "string", default: path.join(PROJECT_ROOT, "bench", "results") },
    docs: { type: "string", default: path.join(PROJECT_ROOT, "docs", "benchmarks.md") },
    "no-docs": { type: "boolean", default: false },
    /** Profile the last run on the largest neighbourhood (CDP Profiler) and report where its time went. */
    profile: { type: "boolean", default: false },
  },
});
const runs = Math.max(1, Number(args.runs));
const sizes = args.sizes.split(",").map(Number);
const largest = Math.max(...sizes);
const log = (message: string): void => void process.stderr.write(`${message}\n`);

const HUB_NAMES: Record<number, string> = { 50: "Hubtown Fifty", 200: "Hubtown Twohundred", 1000: "Hubtown Thousand" };
const hubName = (size: number): string => HUB_NAMES[size] ?? `Hubtown ${size}`;
const hubId = (size: number): string => `bench-hub-${size}`;

/** One hub of `size` cities (itself and its partners), as records for the write path. */
function hubRecords(size: number): Parameters<typeof recordsReader>[0] {
  const hub = hubId(size);
  const pad = (index: number) => String(index).padStart(4, "0");
  const partners = Array.from({ length: size - 1 }, (_, index) => `${hub}-partner-${pad(index)}`);
  // Spread over Europe and beyond, deterministically.
  const place = (index: number) => ({ lat: -50 + ((index * 37) % 110), lon: -170 + ((index * 53) % 340) });
  return {
    sources: [{ id: `${hub}-source`, title: `Partners of ${hubName(size)}`, publisherKind: "city", published: "2020" }],
    entities: [
      { kind: "City", id: hub, name: hubName(size), location: { lat: 60.17, lon: 24.94 }, sources: [`${hub}-source`] },
      ...partners.map((id, index) => ({
        kind: "City",
        id,
        name: `Twin ${pad(index)} of ${size}`,
        location: place(index),
        sources: [`${hub}-source`],
      })),
    ],
    relationships: [
      ...partners.map((id) => ({
        type: "PARTNER_OF",
        from: hub,
        to: id,
        kind: "bilateral",
        citations: [{ source: `${hub}-source`, excerpt: "our partner city" }],
      })),
      ...partners
        .filter((_, index) => index % 3 === 0 && index + 1 < partners.length)
        .map((id, index) => ({
          type: "PARTNER_OF",
          from: id,
          to: partners[index * 3 + 1]!,
          kind: "bilateral",
          citations: [{ source: `${hub}-source`, excerpt: "also partners" }],
        })),
    ],
  };
}

async function startServer(neo4jUri: string): Promise<{ child: ChildProcess; url: string }> {
  const built = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "bin", "run-compiled.mjs"), "--build"], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (built.status !== 0) throw new Error("building the compiled server failed");
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "bin", "run-compiled.mjs"), "src/main.ts"], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NEO4J_URI: neo4jUri,
      PORT: String(port),
      SEED_ON_START: "never",
      WEB_PAGES: "true",
      LOG_LEVEL: "warn",
      // A first, cold neighbourhood on a busy machine can take longer than the API's default bound.
      NEO4J_TX_TIMEOUT_MS: "60000",
      RATE_LIMIT_GRAPHQL: "0",
      RATE_LIMIT_EXPORT: "0",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 240; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, url };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill("SIGKILL");
  throw new Error("the server did not become ready in 120 s");
}

// Page-side code is passed as strings: this project's Node code has no DOM types.
const CANVAS = `document.querySelector('[data-testid="graph-canvas"]')`;
const settled = (size: number) => `(() => {
  const hit = performance.getEntriesByName("${TIMING_MARKS.hitChosen}")[0];
  const drawn = performance.getEntriesByName("${TIMING_MARKS.drawn}")[0];
  const cy = ${CANVAS}?.cy;
  return !!(hit && drawn && drawn.startTime > hit.startTime && cy && cy.nodes().length === ${size});
})()`;
/** Clicks the view button named `name` and waits, frame by frame, until `done` holds; the milliseconds. */
const timeView = (name: string, done: string) => `(async () => {
  const button = [...document.querySelectorAll("nav.views button")].find((b) => b.textContent === "${name}");
  const started = performance.now();
  button.click();
  for (;;) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (${done}) return performance.now() - started;
  }
})()`;

async function oneRun(
  page: Page,
  base: string,
  size: number,
  profiled?: (top: ReturnType<typeof topSelfTime>) => void,
): Promise<ExplorerRun> {
  await page.goto(`${base}/explorer?limit=1000&lang=en`);
  const search = page.getByTestId("search").getByRole("combobox");
  await search.waitFor();
  const typedAt = await page.evaluate<number>("performance.now()");
  await search.fill(hubName(size));
  await page
    .getByTestId("search")
    .getByRole("option")
    .filter({ hasText: hubName(size) })
    .first()
    .waitFor();
  const searchMs = (await page.evaluate<number>("performance.now()")) - typedAt;
  const cdp = profiled ? await page.context().newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
  }
  await search.press("Enter");
  // Polled in the page, frame by frame (the page's CSP refuses playwright's waitForFunction, which evaluates text).
  await page.evaluate(`(async () => {
    const started = performance.now();
    while (!${settled(size)}) {
      if (performance.now() - started > 120000) {
        const status = document.querySelector('[data-testid="graph-status"]')?.textContent;
        const marks = performance.getEntriesByType("mark").map((m) => m.name + "@" + Math.round(m.startTime));
        throw new Error("the drawing did not settle in 120 s: " + location.href + " " + status + " " +
          ${CANVAS}?.cy?.nodes().length + " nodes; " + marks.join(" "));
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  })()`);
  if (cdp && profiled) profiled(topSelfTime((await cdp.send("Profiler.stop")).profile, 15));
  const marks = await page.evaluate<{ name: string; startTime: number }[]>(
    `performance.getEntriesByType("mark").map((m) => ({ name: m.name, startTime: m.startTime }))`,
  );
  const [drawnNodes, drawnEdges] = await page.evaluate<[number, number]>(
    `[${CANVAS}.cy.nodes().length, ${CANVAS}.cy.edges().length]`,
  );
  const run: ExplorerRun = { size, drawnNodes, drawnEdges, searchMs: Math.round(searchMs), steps: runSteps(marks) };
  if (size !== largest) return run;
  const mapMs = await page.evaluate<number>(
    timeView(
      "Map",
      `/^${size} places/.test(document.querySelector('[data-testid="map-status"]')?.textContent ?? "") &&
       (document.querySelector('[data-testid="map-basemap"]')?.getAttribute("d") ?? "") !== ""`,
    ),
  );
  const dashboardMs = await page.evaluate<number>(
    timeView(
      "Dashboard",
      `(() => { const d = document.querySelector('[data-testid="dashboard"]');
        return !!d && !d.textContent.includes("Loading…") && d.querySelectorAll("canvas").length > 0; })()`,
    ),
  );
  return { ...run, mapMs: Math.round(mapMs), dashboardMs: Math.round(dashboardMs) };
}

async function main(): Promise<void> {
  const store = await mkdtemp(path.join(os.tmpdir(), "kg-explorer-bench-"));
  const uptime = execFileSync("uptime", { encoding: "utf8" });
  let neo4j: LocalNeo4j | undefined;
  let db: Database | undefined;
  let server: { child: ChildProcess; url: string } | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    neo4j = await startLocalNeo4j(
      {
        ...loadConfig({ NEO4J_LOCAL_START_TIMEOUT_MS: process.env.NEO4J_LOCAL_START_TIMEOUT_MS }).local,
        dataDir: store,
        port: await freePort(),
        heapBytes: 512 << 20,
        pageCacheBytes: 128 << 20,
        transactionTimeoutMs: 0,
      },
      { info: log },
    );
    db = new Database(createDriver({ uri: neo4j.uri, user: "neo4j", password: undefined, database: "neo4j" }), "neo4j");
    await ensureSchemaIndexes(db);
    for (const size of sizes) {
      await writeGraph(
        db,
        { reader: recordsReader(hubRecords(size)) },
        { dryRun: false, actor: "bench", origin: "bench:explorer", staff: true, batched: true, maxListed: 0 },
      );
      log(`wrote ${hubName(size)}: ${size} cities`);
    }
    server = await startServer(neo4j.uri);
    browser = await launchChromium();
    const measured: ExplorerRun[] = [];
    let profile: ExplorerBenchResult["profile"];
    // One unmeasured run per size first: the server's and the browser's caches warm, as for a reader's second search.
    for (let round = -1; round < runs; round++) {
      for (let index = 0; index < sizes.length; index++) {
        const size = sizes[(index + Math.max(0, round)) % sizes.length]!;
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
        try {
          const run = await oneRun(await context.newPage(), server.url, size);
          if (round >= 0) measured.push(run);
          log(`${round < 0 ? "warm-up" : `run ${round + 1}`} ${size}: ${JSON.stringify(run)}`);
        } finally {
          await context.close();
        }
      }
    }
    if (args.profile) {
      // One more run, not counted: the profiler slows what it watches.
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
      await oneRun(await context.newPage(), server.url, largest, (top) => (profile = { size: largest, top }));
      await context.close();
    }
    const result: ExplorerBenchResult = {
      label: args.label,
      date: new Date().toISOString(),
      uptime,
      chromium: `Chromium ${browser.version()} (@sparticuz/chromium, headless, 1440 × 900)`,
      runsPerSize: runs,
      runs: measured,
      ...(profile ? { profile } : {}),
    };
    if (profile) log(`profile: ${JSON.stringify(profile.top, null, 1)}`);
    const dir = args["results-dir"];
    await writeFile(path.join(dir, `explorer-${args.label}.json`), `${JSON.stringify(result, null, 2)}\n`);
    if (!args["no-docs"]) {
      const all: ExplorerBenchResult[] = [];
      for (const file of (await readdir(dir)).filter((name) => /^explorer-.+\.json$/.test(name)).sort()) {
        all.push(JSON.parse(await readFile(path.join(dir, file), "utf8")) as ExplorerBenchResult);
      }
      all.sort((a, b) => a.date.localeCompare(b.date));
      const doc = existsSync(args.docs) ? await readFile(args.docs, "utf8") : "";
      await writeFile(args.docs, replaceExplorerSection(doc, explorerSection(all)));
      log(`wrote ${args.docs}`);
    }
  } finally {
    await browser?.close();
    if (server) await stopProcess(server.child);
    await db?.close();
    await neo4j?.stop();
    await rm(store, { recursive: true, force: true });
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

await main();
