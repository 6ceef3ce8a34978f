/**
 * `npm run bench [-- --nodes 100000]`: one command, one run, three tiers side by side.
 *
 * 1. starts its own Neo4j (a temporary store on a free port, heap and page cache sized for the graph);
 * 2. imports a synthetic graph of `--nodes` nodes (bench/synthetic-graph.ts) and reports the import rate;
 * 3. starts the API server in its own process on that Neo4j;
 * 4. picks one parameter set per question (bench/queries.ts) and checks that every tier answers each
 *    parameter exactly as T1 does before timing anything;
 * 5. times T1 (Cypher via neo4j-driver), T3 (the GraphQL schema in-process) and T4 (HTTP, load from its own
 *    process) at concurrency 1, and T1 and T4 at `--concurrency` (16);
 * 6. exports the whole graph over HTTP (GET /export, JSON and GEXF, probing /health meanwhile) and with
 *    `kg export` (JSON), each to completion, checking the record count;
 * 7. writes bench/results/latest.json (and nodes-<N>.json) and the tables in docs/benchmarks.md.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { graphql } from "graphql";
import { PROJECT_ROOT, loadConfig } from "../src/config/index.js";
import { bulkImport } from "./bulk-import.js";
import { Database, type LocalNeo4j, createDriver, freePort, startLocalNeo4j, toNumber } from "../src/database/index.js";
import { buildApiSchema } from "../src/schema/index.js";
import { summarise, timeConcurrent, timeSequential } from "./latency.js";
import { BENCH_QUERIES, type BenchQuery, type Params } from "./queries.js";
import { timeResearch } from "./research.js";
import { type BenchResult, type ExportResult, type QueryResult, updateDocs, writeResults } from "./report.js";
import { Random, expectedRows, planGraph, syntheticBatches } from "./synthetic-graph.js";

const { values: args } = parseArgs({
  options: {
    nodes: { type: "string", default: "100000" },
    seed: { type: "string", default: "42" },
    params: { type: "string", default: "100" },
    iterations: { type: "string", default: "300" },
    seconds: { type: "string", default: "5" },
    concurrency: { type: "string", default: "16" },
    "results-dir": { type: "string", default: path.join(PROJECT_ROOT, "bench", "results") },
    docs: { type: "string", default: path.join(PROJECT_ROOT, "docs", "benchmarks.md") },
    "no-docs": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
  },
});

const nodes = Number(args.nodes);
const seed = Number(args.seed);
const paramCount = Number(args.params);
const iterations = Number(args.iterations);
const seconds = Number(args.seconds);
const concurrency = Number(args.concurrency);
const log = (message: string): void => {
  if (!args.quiet) process.stderr.write(`${message}\n`);
};

const GiB = 1 << 30;
const heapBytes = nodes >= 500_000 ? 3 * GiB : nodes >= 50_000 ? 1 * GiB : 512 << 20;
const pageCacheBytes = Math.max(128 << 20, Math.min(6 * GiB, nodes * 4096));

async function main(): Promise<void> {
  const plan = planGraph(nodes, seed);
  const store = await mkdtemp(path.join(os.tmpdir(), "kg-bench-"));
  let neo4j: LocalNeo4j | undefined;
  let server: ChildProcess | undefined;
  let db: Database | undefined;
  try {
    const settings = {
      ...loadConfig({}).local,
      dataDir: store,
      port: await freePort(),
      heapBytes,
      pageCacheBytes,
      transactionTimeoutMs: 0,
    };
    log(`Neo4j: store ${store}, heap ${heapBytes >> 20} MiB, page cache ${pageCacheBytes >> 20} MiB`);
    neo4j = await startLocalNeo4j(settings, { info: log });
    db = new Database(createDriver({ uri: neo4j.uri, user: "neo4j", password: undefined, database: "neo4j" }), "neo4j");

    log(`Importing a synthetic graph of ${nodes} nodes (seed ${seed})…`);
    const started = performance.now();
    const imported = await bulkImport(db, syntheticBatches(plan), {
      expectedRows: Math.round(expectedRows(plan)),
      progress: args.quiet ? "silent" : "auto",
    });
    const importSeconds = Math.round((performance.now() - started) / 100) / 10;
    log(
      `Imported ${imported.nodes} nodes (${imported.nodesPerSecond}/s) and ${imported.relationships} relationships (${imported.relationshipsPerSecond}/s) in ${importSeconds} s`,
    );

    const { schema } = await buildApiSchema();
    const context = () => ({
      db: db!,
      executionContext: db!.driver,
      sessionConfig: { database: "neo4j" },
      transaction: {},
      requestId: "bench",
    });
    const port = await freePort();
    server = await startServerProcess(neo4j.uri, port);
    const url = `http://127.0.0.1:${port}/graphql`;

    const random = new Random(seed + 1);
    const queries: Record<string, QueryResult> = {};
    for (const query of BENCH_QUERIES) {
      const params = await query.params(db, plan, random, paramCount);
      if (params.length === 0) throw new Error(`${query.name}: no usable parameters found`);
      await checkTiersAgree(query, params, db, schema, context, url);
      log(`${query.name}: ${params.length} parameter sets, tiers agree; timing…`);

      const t1 = (i: number) => db!.read((tx) => query.t1(tx, params[i % params.length]!)).then(() => {});
      const t3 = async (i: number) => {
        const result = await graphql({
          schema,
          source: query.graphql,
          variableValues: params[i % params.length]!,
          contextValue: context(),
        });
        if (result.errors) throw new Error(result.errors[0]!.message);
      };
      await timeSequential(Math.min(50, iterations), t1);
      const t1c1 = summarise(await timeSequential(iterations, t1));
      await timeSequential(Math.min(50, iterations), t3);
      const t3c1 = summarise(await timeSequential(iterations, t3));
      const bodies = params.map((variables) => JSON.stringify({ query: query.graphql, variables }));
      const t4c1 = await httpLoad({ url, bodies, concurrency: 1, iterations, warmup: Math.min(50, iterations) });
      const t1c16 = await timeConcurrent(concurrency, seconds, t1);
      const t4c16 = await httpLoad({ url, bodies, concurrency, seconds, warmup: 0 });
      if (t4c1.errors > 0 || t4c16.errors > 0 || t1c16.errors > 0) {
        throw new Error(
          `${query.name}: errors while timing (T4 c1 ${t4c1.errors}, T4 c${concurrency} ${t4c16.errors}, T1 c${concurrency} ${t1c16.errors})`,
        );
      }
      const ratio = (a: number, b: number): number => Math.round((a / Math.max(b, 0.001)) * 100) / 100;
      queries[query.name] = {
        description: query.description,
        params: params.length,
        t1_p50_ms: t1c1.p50,
        t1_p99_ms: t1c1.p99,
        t3_p50_ms: t3c1.p50,
        t3_p99_ms: t3c1.p99,
        t4_p50_ms: t4c1.p50,
        t4_p99_ms: t4c1.p99,
        ratio_p50: ratio(t4c1.p50, t1c1.p50),
        ratio_t3_p50: ratio(t3c1.p50, t1c1.p50),
        t1_rps_c16: t1c16.rps,
        t4_rps_c16: t4c16.rps,
        t4_p99_ms_c16: t4c16.p99,
      };
      log(`  ${JSON.stringify(queries[query.name])}`);
    }

    const records = await exportableRecords(db);
    log(`Exporting all ${records} records: GET /export (json, gexf), kg export (json)…`);
    const exports: ExportResult[] = [];
    for (const format of ["json", "gexf"]) {
      exports.push(await timeHttpExport(`http://127.0.0.1:${port}`, format, server.pid!, records));
      log(`  ${JSON.stringify(exports.at(-1))}`);
    }
    exports.push(await timeCliExport(neo4j.uri, store, records));
    log(`  ${JSON.stringify(exports.at(-1))}`);

    log("Research fields (in-process, one request at a time)…");
    const research = await timeResearch(schema, context, plan, log);

    const result: BenchResult = {
      nodes: imported.nodes,
      relationships: imported.relationships,
      seed,
      date: new Date().toISOString(),
      machine: {
        cpu: os.cpus()[0]?.model ?? "unknown",
        cores: os.cpus().length,
        memoryGiB: Math.round(os.totalmem() / GiB),
        node: process.version,
        neo4j: neo4j.version,
        heap: `${heapBytes >> 20} MiB`,
        pageCache: `${pageCacheBytes >> 20} MiB`,
      },
      import: {
        nodesPerSecond: imported.nodesPerSecond,
        relationshipsPerSecond: imported.relationshipsPerSecond,
        seconds: importSeconds,
      },
      settings: { iterations, seconds, concurrency },
      queries,
      exports,
      research,
    };
    await writeResults(args["results-dir"], result);
    if (!args["no-docs"]) await updateDocs(args["results-dir"], args.docs);
    log(`Wrote ${path.join(args["results-dir"], "latest.json")}${args["no-docs"] ? "" : ` and ${args.docs}`}`);
  } finally {
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server!.once("exit", resolve));
    }
    await db?.close();
    await neo4j?.stop();
    await rm(store, { recursive: true, force: true });
  }
}

/** Every tier must give T1's answer for every parameter set, or the timings would compare different work. */
async function checkTiersAgree(
  query: BenchQuery,
  params: Params[],
  db: Database,
  schema: Awaited<ReturnType<typeof buildApiSchema>>["schema"],
  context: () => object,
  url: string,
): Promise<void> {
  for (const variables of params) {
    const expected = canonical(await db.read((tx) => query.t1(tx, variables)));
    const inProcess = await graphql({
      schema,
      source: query.graphql,
      variableValues: variables,
      contextValue: context(),
    });
    if (inProcess.errors)
      throw new Error(`${query.name} T3 ${JSON.stringify(variables)}: ${inProcess.errors[0]!.message}`);
    const t3 = canonical(query.normalise(inProcess.data));
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: query.graphql, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    if (body.errors) throw new Error(`${query.name} T4 ${JSON.stringify(variables)}: ${body.errors[0]!.message}`);
    const t4 = canonical(query.normalise(body.data));
    if (t3 !== expected || t4 !== expected) {
      throw new Error(
        `${query.name} ${JSON.stringify(variables)}: tiers disagree\n  T1 ${expected}\n  T3 ${t3}\n  T4 ${t4}`,
      );
    }
  }
}

/** JSON with object keys sorted, so maps compare equal whatever order their keys came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/** The API as `npm start` runs it, on the bench's Neo4j, in its own process. */
async function startServerProcess(neo4jUri: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src", "main.ts")], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NEO4J_URI: neo4jUri,
      PORT: String(port),
      SEED_ON_START: "never",
      LOG_LEVEL: "warn",
      NEO4J_TX_TIMEOUT_MS: "60000",
      // The load generator is one client sending thousands of requests a second: no per-client limits.
      RATE_LIMIT_GRAPHQL: "0",
      RATE_LIMIT_EXPORT: "0",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the API server exited with ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return child;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill("SIGKILL");
  throw new Error("the API server did not become ready in 60 s");
}

const MiB = 1 << 20;
const round1 = (value: number): number => Math.round(value * 10) / 10;

/** Resident memory of a process, in MiB (Linux /proc). */
async function rssMib(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kib / 1024);
}

/** Entities and relationships between entities: what a full export writes besides sources. */
async function exportableRecords(db: Database): Promise<number> {
  return db.read(async (tx) => {
    const result = await tx.run(
      "CALL () { MATCH (n:Entity) RETURN count(n) AS nodes } CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS rels } RETURN nodes + rels AS total",
    );
    return toNumber(result.records[0]?.get("total"));
  });
}

/**
 * GET /export to the end, counting bytes, while /health is asked every 250 ms and the server's RSS watched;
 * the file must end as a whole file does (a cut response does not).
 */
async function timeHttpExport(base: string, format: string, serverPid: number, records: number): Promise<ExportResult> {
  let healthMaxMs = 0;
  let peakRssMib = await rssMib(serverPid);
  let done = false;
  const probe = (async () => {
    while (!done) {
      const started = performance.now();
      await fetch(`${base}/health`).then((response) => response.arrayBuffer());
      healthMaxMs = Math.max(healthMaxMs, performance.now() - started);
      peakRssMib = Math.max(peakRssMib, await rssMib(serverPid));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const started = performance.now();
  const response = await fetch(`${base}/export?format=${format}`);
  if (response.status !== 200 || !response.body) throw new Error(`GET /export?format=${format}: ${response.status}`);
  let bytes = 0;
  let last = Buffer.alloc(0);
  for await (const chunk of response.body) {
    bytes += chunk.length;
    last = Buffer.from(chunk);
  }
  const seconds = (performance.now() - started) / 1000;
  done = true;
  await probe;
  const end = last.toString("utf8").trimEnd();
  if (!(format === "json" ? end.endsWith("}") : end.endsWith(`</${format}>`))) {
    throw new Error(`GET /export?format=${format} ended early: …${end.slice(-80)}`);
  }
  return {
    how: `GET /export?format=${format}`,
    records,
    mib: round1(bytes / MiB),
    seconds: round1(seconds),
    recordsPerSecond: Math.round(records / seconds),
    healthMaxMs: Math.round(healthMaxMs),
    peakRssMib,
  };
}

/**
 * `npm run kg -- export --format json` into a temporary file, with the command's peak RSS; the file must
 * hold every entity and relationship (no page cut or repeated).
 */
async function timeCliExport(neo4jUri: string, store: string, records: number): Promise<ExportResult> {
  const out = `${store}-export.json`;
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(PROJECT_ROOT, "src", "cli", "kg.ts"), "export", "--format", "json", "--out", out],
    { cwd: PROJECT_ROOT, env: { ...process.env, NEO4J_URI: neo4jUri }, stdio: ["ignore", "ignore", "pipe"] },
  );
  let peakRssMib = 0;
  const watch = setInterval(() => {
    void rssMib(child.pid!).then((mib) => (peakRssMib = Math.max(peakRssMib, mib)));
  }, 250);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearInterval(watch);
  if (code !== 0) throw new Error(`kg export exited with ${code}: ${stderr}`);
  const seconds = (performance.now() - started) / 1000;
  try {
    const file = JSON.parse(await readFile(out, "utf8")) as { entities: unknown[]; relationships: unknown[] };
    const written = file.entities.length + file.relationships.length;
    if (written !== records) throw new Error(`kg export wrote ${written} records; the graph has ${records}`);
    return {
      how: "kg export --format json",
      records,
      mib: round1((await stat(out)).size / MiB),
      seconds: round1(seconds),
      recordsPerSecond: Math.round(records / seconds),
      peakRssMib,
    };
  } finally {
    await rm(out, { force: true });
  }
}

interface LoadJob {
  url: string;
  bodies: string[];
  concurrency: number;
  iterations?: number;
  seconds?: number;
  warmup: number;
}

/** Runs bench/http-load.ts in its own process and returns what it measured. */
async function httpLoad(job: LoadJob): Promise<{ p50: number; p99: number; rps: number; errors: number }> {
  const file = path.join(os.tmpdir(), `kg-bench-load-${process.pid}.json`);
  await writeFile(file, JSON.stringify(job));
  const child = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "bench", "http-load.ts"), file], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  await rm(file, { force: true });
  if (code !== 0) throw new Error(`http-load exited with ${code}`);
  return JSON.parse(output.trim().split("\n").pop()!) as { p50: number; p99: number; rps: number; errors: number };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
