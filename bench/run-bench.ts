/**
 * `npm run bench [-- --nodes 100000]`: one command, one run, every tier side by side.
 *
 * 1. starts its own Neo4j (a temporary store on a free port, heap and page cache sized for the graph);
 * 2. imports a synthetic graph of `--nodes` nodes (bench/synthetic-graph.ts) and reports the import rate;
 * 3. starts, each in its own process on that Neo4j and as compiled JavaScript: the API as `npm start` runs
 *    it with the result cache off (T4 cold) and on (T4 cached), and the starter server a user would build
 *    instead (T2, bench/starter-server.ts);
 * 4. picks the parameter sets per question (bench/queries.ts) and checks that every tier answers each
 *    exactly as T1 does before timing anything (the cached server twice: computed, then from its cache);
 * 5. times, in `--rounds` rounds with the tiers' order rotated each round (medians are reported): T1
 *    (Cypher via neo4j-driver), T2, T3 (the GraphQL schema in-process), T4 cold and T4 cached (after a
 *    warm-up) at concurrency 1, and T1, T2 and both T4s at `--concurrency` (16);
 * 6. runs the mixed workload (reads with one write in 50 through the API) against both T4 servers,
 *    counting reads that show an older state than a write acknowledged before they were sent (must be 0);
 * 7. exports the whole graph over HTTP (GET /export, JSON and GEXF, probing /health meanwhile) and with
 *    `kg export` (JSON), each to completion, checking the record count;
 * 8. writes bench/results/latest.json (and nodes-<N>.json) and the tables in docs/benchmarks.md;
 * 9. then, unless `--no-explorer`, runs the explorer's browser bench (`npm run bench:explorer`,
 *    bench/explorer-bench.ts) on a Neo4j of its own, once this run's Neo4j and servers are stopped.
 *
 * `--questions search,shortestPath` times only those questions (steps 4–5) and skips 6–9 and the research
 * fields; such a partial run writes bench/results/questions-<N>.json only, never latest.json or the docs.
 * `--help` lists the options.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { graphql } from "graphql";
import { mintToken } from "../src/auth/index.js";
import { PROJECT_ROOT, loadConfig } from "../src/config/index.js";
import {
  Database,
  type LocalNeo4j,
  createDriver,
  ensureSchemaIndexes,
  freePort,
  startLocalNeo4j,
  toNumber,
  toPlain,
} from "../src/database/index.js";
import { buildApiSchema } from "../src/schema/index.js";
import { summarise, timeConcurrent, timeSequential } from "./latency.js";
import { startTestRedis, type TestRedis } from "../test/support/redis-server.js";
import { BENCH_QUERIES, type BenchQuery, type Params } from "./queries.js";
import { syntheticQuestions, timeResearch } from "./research.js";
import type { HotEntity, LoadJob, LoadResult } from "./http-load.js";
import {
  type BenchResult,
  type ExportResult,
  type MixedResult,
  type QueryResult,
  updateDocs,
  writeResults,
} from "./report.js";
import { Random, entityId, expectedRows, planGraph } from "./synthetic-graph.js";
import { syntheticReader } from "./synthetic-records.js";
import { createProgress } from "../src/cli/progress.js";
import { writeGraph } from "../src/write/index.js";

const { values: args } = parseArgs({
  options: {
    nodes: { type: "string", default: "100000" },
    seed: { type: "string", default: "42" },
    params: { type: "string", default: "100" },
    iterations: { type: "string", default: "300" },
    seconds: { type: "string", default: "5" },
    concurrency: { type: "string", default: "16" },
    rounds: { type: "string", default: "3" },
    "mixed-seconds": { type: "string", default: "10" },
    "results-dir": { type: "string", default: path.join(PROJECT_ROOT, "bench", "results") },
    docs: { type: "string", default: path.join(PROJECT_ROOT, "docs", "benchmarks.md") },
    "no-docs": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    "no-explorer": { type: "boolean", default: false },
    questions: { type: "string" },
    help: { type: "boolean", default: false },
    /** T4 cached with a Redis of its own (push mode: the version known without a read per request). */
    redis: { type: "boolean", default: false },
  },
});

const HELP = `npm run bench [-- options]
  --nodes N            synthetic graph size (100000)
  --seed N             generator seed (42)
  --params N           parameter sets per question (100)
  --iterations N       sequential requests per tier and question (300)
  --seconds N          seconds per tier at --concurrency (5)
  --concurrency N      concurrent clients (16)
  --rounds N           rounds, tiers' order rotated, medians reported (3)
  --mixed-seconds N    seconds of the mixed workload (10)
  --questions a,b      time only these questions (${BENCH_QUERIES.map((q) => q.name).join(", ")}); skips the mixed
                       workload, the exports, the research fields and the explorer; writes questions-<N>.json only
  --no-explorer        skip the explorer's browser bench at the end
  --redis              the cached tier with a Redis of its own (push mode)
  --results-dir DIR    where the JSON goes (bench/results)
  --docs FILE          the page the tables go in (docs/benchmarks.md)
  --no-docs            leave the page alone
  --quiet              no progress on stderr`;
if (args.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}

/** The questions timed: every one, or those `--questions` names (an unknown name is an error). */
function selectedQuestions(list: string | undefined): readonly BenchQuery[] {
  if (list === undefined) return BENCH_QUERIES;
  const names = list
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const unknown = names.filter((name) => !BENCH_QUERIES.some((query) => query.name === name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(
      `--questions: unknown ${unknown.join(", ") || "(none given)"}; known: ${BENCH_QUERIES.map((q) => q.name).join(", ")}`,
    );
  }
  return BENCH_QUERIES.filter((query) => names.includes(query.name));
}
const questions = selectedQuestions(args.questions);
const partial = args.questions !== undefined;

const nodes = Number(args.nodes);
const seed = Number(args.seed);
const paramCount = Number(args.params);
const iterations = Number(args.iterations);
const seconds = Number(args.seconds);
const concurrency = Number(args.concurrency);
const rounds = Math.max(1, Number(args.rounds));
const mixedSeconds = Number(args["mixed-seconds"]);
/** The servers' JWT secret: the mixed workload writes through the API as an editor. */
const BENCH_JWT_SECRET = "bench-secret-that-is-at-least-32-characters-long";
const log = (message: string): void => {
  if (!args.quiet) process.stderr.write(`${message}\n`);
};

const GiB = 1 << 30;
/** The transaction timeout of each research question (the API's own default is 15 s). */
const RESEARCH_TIMEOUT_MS = 120_000;
/** Bytes as whole MiB (no `>> 20`: JavaScript's shifts are 32-bit, and a 3 GiB heap came out negative). */
const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);
const heapBytes = nodes >= 500_000 ? 3 * GiB : nodes >= 50_000 ? 1 * GiB : 512 << 20;
const pageCacheBytes = Math.max(128 << 20, Math.min(6 * GiB, nodes * 4096));

async function main(): Promise<void> {
  const plan = planGraph(nodes, seed);
  const store = await mkdtemp(path.join(os.tmpdir(), "kg-bench-"));
  let neo4j: LocalNeo4j | undefined;
  const servers: RunningServerProcess[] = [];
  let db: Database | undefined;
  let redis: TestRedis | undefined;
  try {
    if (args.redis) redis = await startTestRedis();
    const settings = {
      // Only the start-up bound (a loaded machine may need more) and the compiler tier come from the
      // environment: the rest is fixed.
      ...loadConfig({
        NEO4J_LOCAL_START_TIMEOUT_MS: process.env.NEO4J_LOCAL_START_TIMEOUT_MS,
        NEO4J_LOCAL_JIT: process.env.NEO4J_LOCAL_JIT,
      }).local,
      dataDir: store,
      port: await freePort(),
      heapBytes,
      pageCacheBytes,
      transactionTimeoutMs: 0,
    };
    log(`Neo4j: store ${store}, heap ${mib(heapBytes)} MiB, page cache ${mib(pageCacheBytes)} MiB`);
    neo4j = await startLocalNeo4j(settings, { info: log });
    db = new Database(createDriver({ uri: neo4j.uri, user: "neo4j", password: undefined, database: "neo4j" }), "neo4j");

    log(`Importing a synthetic graph of ${nodes} nodes (seed ${seed}) through the write path, batched…`);
    const imported = await importThroughWritePath(db, plan);
    const importSeconds = imported.seconds;
    log(`Imported: ${JSON.stringify(imported)}`);

    const { schema } = await buildApiSchema();
    const context = () => ({
      db: db!,
      executionContext: db!.driver,
      sessionConfig: { database: "neo4j" },
      transaction: {},
      requestId: "bench",
    });
    buildCompiled();
    const started4 = await Promise.all([
      startServerProcess("src/main.ts", neo4j.uri, { RESULT_CACHE: "off" }),
      startServerProcess("src/main.ts", neo4j.uri, {
        RESULT_CACHE: "on",
        ...(redis ? { RESULT_CACHE_REDIS_URL: redis.url } : {}),
      }),
      startServerProcess("bench/starter-server.ts", neo4j.uri, {}),
    ]);
    servers.push(...started4);
    const [cold, cached, starter] = started4;
    const urls = { t4: `${cold.url}/graphql`, t4c: `${cached.url}/graphql`, t2: `${starter.url}/` };

    const random = new Random(seed + 1);
    const queries: Record<string, QueryResult> = {};
    const allBodies: string[] = [];
    for (const query of questions) {
      const params = await query.params(db, plan, random, paramCount);
      if (params.length === 0) throw new Error(`${query.name}: no usable parameters found`);
      await checkTiersAgree(query, params, db, schema, context, urls);
      log(`${query.name}: ${params.length} parameter sets, tiers agree; timing ${rounds} round(s)…`);

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
      const bodies = params.map((variables) => JSON.stringify({ query: query.graphql, variables }));
      const t2Bodies = params.map((variables) =>
        JSON.stringify({ query: query.t2?.graphql ?? query.graphql, variables }),
      );
      allBodies.push(...bodies);
      const warmup = Math.min(50, iterations);
      const sequential = async (task: (i: number) => Promise<void>) => {
        await timeSequential(warmup, task);
        return summarise(await timeSequential(iterations, task));
      };
      // Every tier at concurrency 1 and (but T3) at `concurrency`, in an order rotated each round.
      const c1: Record<Tier, () => Promise<{ p50: number; p99: number }>> = {
        t1: () => sequential(t1),
        t2: () => httpLoad({ url: urls.t2, bodies: t2Bodies, concurrency: 1, iterations, warmup }),
        t3: () => sequential(t3),
        t4: () => httpLoad({ url: urls.t4, bodies, concurrency: 1, iterations, warmup }),
        // Warmed with every parameter set, so what is timed is the repeated question.
        t4c: () => httpLoad({ url: urls.t4c, bodies, concurrency: 1, iterations, warmup: bodies.length }),
      };
      const cN: Record<Exclude<Tier, "t3">, () => Promise<{ rps: number; p99: number; errors: number }>> = {
        t1: () => timeConcurrent(concurrency, seconds, t1).then((r) => ({ ...r, p99: summarise(r.samples).p99 })),
        t2: () => httpLoad({ url: urls.t2, bodies: t2Bodies, concurrency, seconds, warmup: 0 }),
        t4: () => httpLoad({ url: urls.t4, bodies, concurrency, seconds, warmup: 0 }),
        t4c: () => httpLoad({ url: urls.t4c, bodies, concurrency, seconds, warmup: bodies.length }),
      };
      const samples = {
        c1: new Map<Tier, { p50: number; p99: number }[]>(),
        cN: new Map<Tier, { rps: number; p99: number }[]>(),
      };
      for (let round = 0; round < rounds; round += 1) {
        for (const tier of rotate(TIERS, round)) {
          samples.c1.set(tier, [...(samples.c1.get(tier) ?? []), await c1[tier]()]);
        }
        for (const tier of rotate(TIERS, round).filter((t): t is Exclude<Tier, "t3"> => t !== "t3")) {
          const measured = await cN[tier]();
          if (measured.errors > 0)
            throw new Error(`${query.name}: ${measured.errors} errors at ${tier} c${concurrency}`);
          samples.cN.set(tier, [...(samples.cN.get(tier) ?? []), measured]);
        }
      }
      const p50 = (tier: Tier) => median(samples.c1.get(tier)!.map((m) => m.p50));
      const p99 = (tier: Tier) => median(samples.c1.get(tier)!.map((m) => m.p99));
      const rps = (tier: Tier) => median(samples.cN.get(tier)!.map((m) => m.rps));
      const p99c = (tier: Tier) => median(samples.cN.get(tier)!.map((m) => m.p99));
      queries[query.name] = {
        description: query.description,
        params: params.length,
        t1_p50_ms: p50("t1"),
        t1_p99_ms: p99("t1"),
        t3_p50_ms: p50("t3"),
        t3_p99_ms: p99("t3"),
        t4_p50_ms: p50("t4"),
        t4_p99_ms: p99("t4"),
        ratio_p50: ratio(p50("t4"), p50("t1")),
        ratio_t3_p50: ratio(p50("t3"), p50("t1")),
        t1_rps_c16: rps("t1"),
        t4_rps_c16: rps("t4"),
        t4_p99_ms_c16: p99c("t4"),
        t2_p50_ms: p50("t2"),
        t2_p99_ms: p99("t2"),
        t2_rps_c16: rps("t2"),
        t2_p99_ms_c16: p99c("t2"),
        t4c_p50_ms: p50("t4c"),
        t4c_p99_ms: p99("t4c"),
        t4c_rps_c16: rps("t4c"),
        t4c_p99_ms_c16: p99c("t4c"),
        ratio_t4_t2_p50: ratio(p50("t4"), p50("t2")),
        ratio_t4_t2_rps: ratio(rps("t4"), rps("t2")),
        ratio_t4c_t1_p50: ratio(p50("t4c"), p50("t1")),
        ratio_t4c_t1_rps: ratio(rps("t4c"), rps("t1")),
      };
      log(`  ${JSON.stringify(queries[query.name])}`);
    }

    if (partial) {
      const file = path.join(args["results-dir"], `questions-${imported.nodes}.json`);
      await writeFile(
        file,
        `${JSON.stringify({ nodes: imported.nodes, relationships: imported.relationships, seed, date: new Date().toISOString(), load: os.loadavg(), settings: { iterations, seconds, concurrency, rounds }, queries }, null, 2)}\n`,
      );
      log(`Wrote ${file} (only the questions asked: no mixed workload, exports or research fields)`);
      return;
    }

    log(`Mixed workload: reads with one write in 50, ${mixedSeconds} s at concurrency ${concurrency}…`);
    const hot = await hotEntities(db, plan, 20);
    const token = await mintToken(BENCH_JWT_SECRET, { sub: "bench", roles: ["editor"], expiresIn: "2h" });
    const mixed: Record<string, MixedResult> = {};
    for (const [tier, url] of [
      ["t4c", urls.t4c],
      ["t4", urls.t4],
    ] as const) {
      const measured = await httpLoad({
        url,
        bodies: allBodies,
        concurrency,
        seconds: mixedSeconds,
        warmup: allBodies.length,
        mixed: { writeEvery: 50, token, hot },
      });
      if (measured.errors > 0) throw new Error(`mixed workload (${tier}): ${measured.errors} errors`);
      mixed[tier] = {
        rps: measured.rps,
        p50_ms: measured.p50,
        p99_ms: measured.p99,
        writes: measured.writes ?? 0,
        write_p50_ms: measured.writeP50 ?? 0,
        checked_reads: measured.checkedReads ?? 0,
        stale_reads: measured.stale ?? 0,
        cache_hits: measured.hits,
      };
      log(`  ${tier}: ${JSON.stringify(mixed[tier])}`);
      if ((measured.stale ?? 0) > 0) throw new Error(`mixed workload (${tier}): ${measured.stale} stale answers`);
    }

    const records = await exportableRecords(db);
    log(`Exporting all ${records} records: GET /export (json, gexf), kg export (json)…`);
    const exports: ExportResult[] = [];
    for (const format of ["json", "gexf"]) {
      exports.push(await timeHttpExport(cold.url, format, cold.child.pid!, records));
      log(`  ${JSON.stringify(exports.at(-1))}`);
    }
    exports.push(await timeCliExport(neo4j.uri, store, records));
    log(`  ${JSON.stringify(exports.at(-1))}`);

    // Bounded, so a question that cannot finish at this size is recorded as such instead of holding the run.
    log(`Research fields (in-process, one request at a time, each stopped after ${RESEARCH_TIMEOUT_MS / 1000} s)…`);
    const researchDb = new Database(db.driver, "neo4j", RESEARCH_TIMEOUT_MS);
    const research = await timeResearch(
      schema,
      () => ({ ...context(), db: researchDb }),
      syntheticQuestions(plan),
      log,
    );

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
        heap: `${mib(heapBytes)} MiB`,
        pageCache: `${mib(pageCacheBytes)} MiB`,
      },
      import: {
        nodesPerSecond: imported.nodesPerSecond,
        relationshipsPerSecond: imported.relationshipsPerSecond,
        seconds: importSeconds,
        how: "write path, batched (writeGraph with batched: true), with history",
        checkSeconds: imported.checkSeconds,
        nodeSeconds: imported.nodeSeconds,
        relationshipSeconds: imported.relationshipSeconds,
        indexSeconds: imported.indexSeconds,
      },
      settings: { iterations, seconds, concurrency, rounds, mixedSeconds },
      queries,
      mixed,
      exports,
      research,
    };
    await writeResults(args["results-dir"], result);
    if (!args["no-docs"]) await updateDocs(args["results-dir"], args.docs);
    log(`Wrote ${path.join(args["results-dir"], "latest.json")}${args["no-docs"] ? "" : ` and ${args.docs}`}`);
  } finally {
    await Promise.all(servers.map((running) => stopProcess(running.child)));
    await db?.close();
    await neo4j?.stop();
    await redis?.stop();
    await rm(store, { recursive: true, force: true });
  }
  if (!args["no-explorer"] && !partial) {
    log("The explorer in the browser (npm run bench:explorer)…");
    const explorer = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(PROJECT_ROOT, "bench", "explorer-bench.ts"),
        "--results-dir",
        args["results-dir"],
        ...(args["no-docs"] ? ["--no-docs"] : ["--docs", args.docs]),
      ],
      { cwd: PROJECT_ROOT, stdio: ["ignore", "inherit", "inherit"] },
    );
    if (explorer.status !== 0) throw new Error("the explorer bench failed");
  }
}

/**
 * Every tier must give T1's answer for every parameter set, or the timings would compare different work. The
 * cached server is asked twice: the first answer is computed, the second comes from its cache.
 */
async function checkTiersAgree(
  query: BenchQuery,
  params: Params[],
  db: Database,
  schema: Awaited<ReturnType<typeof buildApiSchema>>["schema"],
  context: () => object,
  urls: { t2: string; t4: string; t4c: string },
): Promise<void> {
  const over = async (url: string, text: string, variables: Params, tier: string): Promise<unknown> => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: text, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    if (body.errors) throw new Error(`${query.name} ${tier} ${JSON.stringify(variables)}: ${body.errors[0]!.message}`);
    return body.data;
  };
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
    const answers: Record<string, string> = {
      T2: canonical(
        (query.t2?.normalise ?? query.normalise)(
          await over(urls.t2, query.t2?.graphql ?? query.graphql, variables, "T2"),
        ),
      ),
      T3: canonical(query.normalise(inProcess.data)),
      T4: canonical(query.normalise(await over(urls.t4, query.graphql, variables, "T4"))),
      "T4 cached (computed)": canonical(query.normalise(await over(urls.t4c, query.graphql, variables, "T4 cached"))),
      "T4 cached (from cache)": canonical(query.normalise(await over(urls.t4c, query.graphql, variables, "T4 cached"))),
    };
    const wrong = Object.entries(answers).filter(([, answer]) => answer !== expected);
    if (wrong.length > 0) {
      throw new Error(
        `${query.name} ${JSON.stringify(variables)}: tiers disagree\n  T1 ${expected}\n${wrong.map(([tier, answer]) => `  ${tier} ${answer}`).join("\n")}`,
      );
    }
  }
}

type Tier = "t1" | "t2" | "t3" | "t4" | "t4c";
const TIERS: readonly Tier[] = ["t1", "t2", "t3", "t4", "t4c"];

/** The tiers in another order each round, so none is always timed first or right after another. */
function rotate<T>(items: readonly T[], round: number): T[] {
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(value * 1000) / 1000;
}

const ratio = (a: number, b: number): number => Math.round((a / Math.max(b, 0.001)) * 100) / 100;

/**
 * Organisations the mixed workload renames: each with its stored record as an `EntityInput` (every field,
 * so a rename changes the name only).
 */
async function hotEntities(db: Database, plan: ReturnType<typeof planGraph>, count: number): Promise<HotEntity[]> {
  const ids = Array.from({ length: Math.min(count, plan.counts.Organization) }, (_, i) =>
    entityId("Organization", Math.floor((i * plan.counts.Organization) / count)),
  );
  const fields = ["name", "nameFi", "nameSv", "nameEn", "aliases", "description", "category", "founded", "staffCount"];
  return db.read(async (tx) => {
    const result = await tx.run("UNWIND $ids AS id MATCH (n:Organization:Entity {id: id}) RETURN properties(n) AS p", {
      ids,
    });
    return result.records.map((record) => {
      const props = toPlain(record.get("p")) as Record<string, unknown>;
      const input: Record<string, unknown> = { kind: "Organization", id: props.id, sources: props.sourceIds };
      for (const field of fields) if (props[field] !== undefined && props[field] !== null) input[field] = props[field];
      return { id: props.id as string, name: props.name as string, input };
    });
  });
}

/** JSON with object keys sorted, so maps compare equal whatever order their keys came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/**
 * The synthetic graph imported as a user's file would be, through `writeGraph` with `batched: true` (the
 * write path's fast path for a first load: the same checks, planning and history, one transaction per batch,
 * the search and history indexes built once at the end). Phases are timed from the write path's progress
 * callbacks: the check of the whole input, the nodes (sources and entities), the relationships, and the
 * indexes built at the end.
 */
async function importThroughWritePath(db: Database, plan: ReturnType<typeof planGraph>) {
  await ensureSchemaIndexes(db);
  const progress = createProgress("import", Math.round(expectedRows(plan)), args.quiet ? "silent" : "auto");
  const started = performance.now();
  let checked = started;
  let nodesDone = 0;
  let relationshipsDone = 0;
  let written = 0;
  let total = Number.POSITIVE_INFINITY;
  const report = await writeGraph(
    db,
    { reader: syntheticReader(plan) },
    {
      dryRun: false,
      actor: "bench",
      origin: "bench:synthetic",
      staff: true,
      batched: true,
      maxListed: 0,
      timeoutMs: 3_600_000,
      onChecked: (records) => {
        checked = performance.now();
        total = records;
      },
      onProgress: (done) => {
        progress.advance(done - written);
        written = done;
        if (done >= plan.total && nodesDone === 0) nodesDone = performance.now();
        if (done >= total && relationshipsDone === 0) relationshipsDone = performance.now();
      },
    },
  );
  progress.stop();
  // The write path builds the deferred indexes in its last step; what is left of the time after the last
  // batch is that build.
  const ended = performance.now();
  const nodeCount = report.counts.source.new + report.counts.entity.new;
  const relationshipCount = report.counts.relationship.new;
  const seconds = (ms: number): number => Math.round(ms / 100) / 10;
  return {
    nodes: nodeCount,
    relationships: relationshipCount,
    checkSeconds: seconds(checked - started),
    nodeSeconds: seconds(nodesDone - checked),
    relationshipSeconds: seconds(relationshipsDone - nodesDone),
    indexSeconds: seconds(ended - relationshipsDone),
    nodesPerSecond: Math.round(nodeCount / Math.max(0.001, (nodesDone - checked) / 1000)),
    relationshipsPerSecond: Math.round(relationshipCount / Math.max(0.001, (relationshipsDone - nodesDone) / 1000)),
    seconds: seconds(ended - started),
  };
}

/** Builds the compiled server once, before three processes would each check it. */
function buildCompiled(): void {
  const built = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "bin", "run-compiled.mjs"), "--build"], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (built.status !== 0) throw new Error("building the compiled server failed");
}

interface RunningServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
}

/**
 * A server in its own process on the bench's Neo4j, as compiled JavaScript: `src/main.ts` is the API as
 * `npm start` runs it with NEO4J_URI; `bench/starter-server.ts` is T2.
 */
async function startServerProcess(
  entry: string,
  neo4jUri: string,
  env: Record<string, string>,
): Promise<RunningServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "bin", "run-compiled.mjs"), entry], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NEO4J_URI: neo4jUri,
      PORT: String(port),
      SEED_ON_START: "never",
      WEB_PAGES: "false",
      LOG_LEVEL: "warn",
      NEO4J_TX_TIMEOUT_MS: "60000",
      JWT_SECRET: BENCH_JWT_SECRET,
      // The load generator is one client sending thousands of requests a second: no per-client limits.
      RATE_LIMIT_GRAPHQL: "0",
      RATE_LIMIT_EXPORT: "0",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  // The API says it is ready at /ready; the starter has no such route, so any answer from it will do.
  const probe = entry.endsWith("main.ts") ? `${url}/ready` : `${url}/?query=%7B__typename%7D`;
  for (let attempt = 0; attempt < 240; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
    const ready = await fetch(probe, { headers: { "apollo-require-preflight": "true" } }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { child, url };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill("SIGKILL");
  throw new Error(`${entry} did not become ready in 120 s`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
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
/**
 * Entities and relationships in a JSON export, read line by line (one record per line): a million-node file
 * is larger than the longest string V8 can hold, so it cannot be parsed whole. A file that does not end as a
 * complete export counts as nothing.
 */
async function countExportedRecords(file: string): Promise<number> {
  let section = "";
  let count = 0;
  let last = "";
  for await (const line of createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity })) {
    const opened = /^ {2}"(\w+)": \[/.exec(line);
    if (opened) section = opened[1]!;
    else if ((section === "entities" || section === "relationships") && line.startsWith("    {")) count += 1;
    if (line.length > 0) last = line;
  }
  return last === "}" ? count : 0;
}

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
    const written = await countExportedRecords(out);
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

/** Runs bench/http-load.ts in its own process and returns what it measured. */
async function httpLoad(job: LoadJob): Promise<LoadResult> {
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
  return JSON.parse(output.trim().split("\n").pop()!) as LoadResult;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
