/**
 * `npm run bench:crowd`: how long the crowd layer (src/crowd) takes to load, whole, on a Neo4j of its own —
 * into an empty graph and into one holding the curated seed, in one transaction and in batches, its Places
 * placed by the reference datasets as the command places them — and that a second load changes nothing.
 * After one load that is not reported (warming up), two rounds of the four runs, one line each, for
 * docs/benchmarks.md ("The crowd layer"). Then, on the curated seed with the crowd layer, the research
 * questions a researcher asks of it, each in-process through the GraphQL schema under the API's own
 * transaction timeout (NEO4J_TX_TIMEOUT_MS, 15 s by default), as bench/research.ts does for `npm run bench`:
 * whether each answers within the limits, and how fast. Not a test: nothing is asserted.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config/index.js";
import { loadCrowd, readTwinnedDataset } from "../src/crowd/index.js";
import { Database, createDriver, ensureSchemaIndexes, freePort, startLocalNeo4j } from "../src/database/index.js";
import { buildApiSchema } from "../src/schema/index.js";
import { loadCuratedGraph } from "../src/write/index.js";
import { type ResearchQuestion, timeResearch } from "./research.js";

/** The eight cities of the peers' source file, the scope of "the twin-city network of the eight cities". */
const EIGHT = ["helsinki", "espoo", "tampere", "turku", "stockholm", "tallinn", "oslo", "copenhagen"];
const eight = JSON.stringify(EIGHT);

const CROWD_QUESTIONS: readonly ResearchQuestion[] = [
  {
    name: "corroboration (Helsinki)",
    description: "Helsinki's ties classified: backed, other kind, crowd only, contradicted, outdated",
    runs: 5,
    source: `{ r: corroboration(entityId: "helsinki") { ties { toId verdict classes { class } claims { id sources { title } } } } }`,
  },
  {
    name: "corroboration (whole graph)",
    description: "every PARTNER_OF tie classified, first page of 200",
    runs: 3,
    source: `{ r: corroboration { total counts { class ties } } }`,
  },
  {
    name: "peers (Helsinki, Stockholm)",
    description: "what Helsinki and Stockholm share and what is unique to each",
    runs: 5,
    source: `{ r: peers(entityIds: ["helsinki", "stockholm"]) { sharedByAll { node { id } } unique { node { id } } } }`,
  },
  {
    name: "neighbourhood (St Petersburg)",
    description: "the largest hub, two steps, 200 nodes with their sources",
    runs: 5,
    source: `{ r: neighbourhood(id: "st-petersburg", depth: 2, limit: 200) { nodes { id } edges { id sources { title } } } }`,
  },
  {
    name: "search (a crowd label)",
    description: 'search "Sankt Petersburg": the curated city first, then places',
    runs: 10,
    source: `{ r: search(text: "Sankt Petersburg") { node { id } score } }`,
  },
  {
    name: "centrality DEGREE (twin network)",
    description: "top 20 by degree over every PARTNER_OF",
    runs: 3,
    source: `{ r: centrality(algorithm: DEGREE, relationshipTypes: ["PARTNER_OF"]) { node { id } score } }`,
  },
  {
    name: "centrality PAGERANK (twin network)",
    description: "top 20 by PageRank over every PARTNER_OF",
    runs: 3,
    source: `{ r: centrality(algorithm: PAGERANK, relationshipTypes: ["PARTNER_OF"]) { node { id } score } }`,
  },
  {
    name: "centrality BETWEENNESS (twin network)",
    description: "top 20 brokers of the whole twin network (sampled to the work budget)",
    runs: 3,
    source: `{ r: centrality(algorithm: BETWEENNESS, relationshipTypes: ["PARTNER_OF"]) { node { id } score } }`,
  },
  {
    name: "centrality BETWEENNESS (eight cities, two steps)",
    description: "the brokers among the eight cities and their partners up to two steps out",
    runs: 3,
    source: `{ r: centrality(algorithm: BETWEENNESS, around: ${eight}, hops: 2, relationshipTypes: ["PARTNER_OF"]) { node { id } score } }`,
  },
  {
    name: "centrality BETWEENNESS (eight cities, official word)",
    description: "the same, over ties an official source cites (no crowd)",
    runs: 3,
    source: `{ r: centrality(algorithm: BETWEENNESS, around: ${eight}, hops: 2, publisherKinds: ["city", "organisation", "government"]) { node { id } score } }`,
  },
  {
    name: "communities (twin network)",
    description: "Louvain over every PARTNER_OF (50 largest)",
    runs: 3,
    source: `{ r: communities(relationshipTypes: ["PARTNER_OF"]) { id size } }`,
  },
  {
    name: "communities (Helsinki's, eight cities two steps)",
    description: "which community Helsinki is in, among the eight cities and their partners two steps out",
    runs: 3,
    source: `{ r: communities(around: ${eight}, hops: 2, relationshipTypes: ["PARTNER_OF"], containing: ["helsinki"]) { id size members { id } } }`,
  },
  {
    name: "centrality DEGREE as of 1950 (ATTESTED)",
    description: "undated claims counted from when a source attests them: nobody in 1950",
    runs: 3,
    source: `{ r: centrality(algorithm: DEGREE, asOf: "1950-01-01", undated: ATTESTED) { node { id } score } }`,
  },
];

const config = loadConfig();
const dataDir = await mkdtemp(path.join(os.tmpdir(), "kg-crowd-bench-"));
const neo4j = await startLocalNeo4j(
  {
    ...config.local,
    dataDir,
    port: await freePort(),
    heapBytes: 1 << 30,
    pageCacheBytes: 256 << 20,
    // No server-side limit: the loads may take long on a busy machine; the research questions set their own.
    transactionTimeoutMs: 0,
  },
  { info: () => undefined },
);
const db = new Database(
  createDriver({ uri: neo4j.uri, user: "neo4j", password: undefined, database: "neo4j" }),
  "neo4j",
);
const dataset = await readTwinnedDataset();

async function wipe(): Promise<void> {
  await db.write(async (tx) => void (await tx.run("MATCH (n) DETACH DELETE n")));
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, (performance.now() - start) / 1000];
}

try {
  await ensureSchemaIndexes(db);
  console.log(
    `load average ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(" ")}, ${os.cpus().length} cores`,
  );
  // A first load into an empty graph, not reported: the JVM and Neo4j's query plans warm up (measured: the
  // first run of the four took 61 s, the same run later 20-odd).
  await loadCrowd(db, dataset, { dryRun: false, actor: "bench" });
  for (const [round, graph, batched] of [1, 2].flatMap((round) =>
    (["empty", "curated seed"] as const).flatMap((graph) =>
      [true, false].map((batched) => [round, graph, batched] as const),
    ),
  )) {
    await wipe();
    if (graph === "curated seed") await loadCuratedGraph(db);
    const [first, seconds] = await timed(() => loadCrowd(db, dataset, { dryRun: false, actor: "bench", batched }));
    const [again, secondsAgain] = await timed(() => loadCrowd(db, dataset, { dryRun: false, actor: "bench", batched }));
    const changed = Object.values(again.counts).reduce((sum, counts) => sum + counts.new + counts.changed, 0);
    console.log(
      `round ${round}, ${graph}, ${batched ? "batched" : "one transaction"}: ${seconds.toFixed(1)} s ` +
        `(entities ${first.counts.entity.new}, relationships ${first.counts.relationship.new}); ` +
        `again ${secondsAgain.toFixed(1)} s, ${changed} new or changed`,
    );
  }
  // The last round left the curated seed with the crowd layer: the graph a researcher would ask.
  const transactionTimeoutMs = config.local.transactionTimeoutMs;
  console.log(`research on the crowd layer (in-process, each stopped after ${transactionTimeoutMs / 1000} s):`);
  const { schema } = await buildApiSchema();
  const researchDb = new Database(db.driver, "neo4j", transactionTimeoutMs);
  const context = () => ({
    db: researchDb,
    executionContext: db.driver,
    sessionConfig: { database: "neo4j" },
    transaction: {},
    requestId: "bench",
  });
  const results = await timeResearch(schema, context, CROWD_QUESTIONS, (line) => console.log(line));
  console.log(JSON.stringify({ date: new Date().toISOString(), transactionTimeoutMs, research: results }));
} finally {
  await db.close();
  await neo4j.stop();
  await rm(dataDir, { recursive: true, force: true });
}
