/**
 * `npm run synthetic -- --nodes 1000000 [--seed 42]`: imports a synthetic graph (bench/synthetic-graph.ts)
 * into the configured database — NEO4J_URI, or the local Neo4j `npm start` runs — with a progress bar, and
 * reports nodes/s and relationships/s. Idempotent: the same nodes and seed import the same graph again
 * without changing it. A benchmark tool, not a way into a real graph: its bulk loader writes no history, so
 * it refuses any database that has one (every real write, the seed's included, leaves `Change` records).
 */
import { parseArgs } from "node:util";
import { bulkImport } from "./bulk-import.js";
import { loadConfig } from "../src/config/index.js";
import { connectDatabase } from "../src/database/index.js";
import { StartupError } from "../src/errors/index.js";
import { expectedRows, planGraph, syntheticBatches } from "./synthetic-graph.js";

const { values } = parseArgs({
  options: { nodes: { type: "string", default: "100000" }, seed: { type: "string", default: "42" } },
});

const IMPORT_TRANSACTION_TIMEOUT_MS = 3_600_000;

async function run(): Promise<void> {
  const plan = planGraph(Number(values.nodes), Number(values.seed));
  const config = loadConfig();
  // Imports run far longer than a request: not the API's per-transaction timeout. An explicit hour, not 0:
  // with 0 the server's own default applies, and the local Neo4j `npm start` runs has the API's 15 s
  // (a 100,000-node import into it failed at 70 %).
  const handle = await connectDatabase(
    {
      ...config,
      limits: { ...config.limits, transactionTimeoutMs: IMPORT_TRANSACTION_TIMEOUT_MS },
      local: { ...config.local, transactionTimeoutMs: IMPORT_TRANSACTION_TIMEOUT_MS },
    },
    { info: console.log, error: console.error },
    { reuseRunning: true },
  );
  try {
    const history = await handle.database.read(
      async (tx) => (await tx.run("MATCH (c:Change) RETURN c LIMIT 1")).records.length,
    );
    if (history > 0) {
      throw new StartupError(
        "NOT_A_BENCHMARK_DATABASE",
        "This database has a history of real writes: npm run synthetic writes without one, so it only fills databases used for benchmarks. Point NEO4J_URI at an empty one.",
      );
    }
    const stats = await bulkImport(handle.database, syntheticBatches(plan), {
      expectedRows: Math.round(expectedRows(plan)),
    });
    console.log(
      `Imported ${stats.nodes} nodes (${stats.nodesPerSecond}/s) and ${stats.relationships} relationships (${stats.relationshipsPerSecond}/s).`,
    );
  } finally {
    await handle.close();
  }
}

run().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof StartupError || error instanceof RangeError ? error.message : error);
    process.exit(1);
  },
);
