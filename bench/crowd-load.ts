/**
 * `npm run bench:crowd`: how long the crowd layer (src/crowd) takes to load, whole, on a Neo4j of its own —
 * into an empty graph and into one holding the curated seed, in one transaction and in batches, its Places
 * placed by the reference datasets as the command places them — and that a second load changes nothing.
 * After one load that is not reported (warming up), two rounds of the four runs, one line each, for
 * docs/benchmarks.md ("The crowd layer"). Not a test: nothing is asserted.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config/index.js";
import { loadCrowd, readTwinnedDataset } from "../src/crowd/index.js";
import { Database, createDriver, ensureSchemaIndexes, freePort, startLocalNeo4j } from "../src/database/index.js";
import { loadCuratedGraph } from "../src/write/index.js";

const config = loadConfig();
const dataDir = await mkdtemp(path.join(os.tmpdir(), "kg-crowd-bench-"));
const neo4j = await startLocalNeo4j(
  { ...config.local, dataDir, port: await freePort(), heapBytes: 1 << 30, pageCacheBytes: 256 << 20 },
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
} finally {
  await db.close();
  await neo4j.stop();
  await rm(dataDir, { recursive: true, force: true });
}
