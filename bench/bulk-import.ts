/**
 * The benchmark's bulk loader (not a way into the product's graph: every real write goes through src/write).
 * Bulk import of large synthetic graphs: batches of rows written with `UNWIND` in managed write transactions (each
 * batch retried as a whole on transient errors), constraints and indexes created first, `MERGE` by id so a
 * re-run changes nothing. Input is an async stream of batches, so memory stays flat however large the graph.
 * Labels and relationship types are checked against the model's allow-lists before they reach Cypher text.
 */
import { Neo4jError } from "neo4j-driver";
import { type Database, ensureSchemaIndexes } from "../src/database/index.js";
import { ENTITY_LABEL, SOURCE_LABEL, isEntityKind, isRelationshipType } from "../src/graph-data/index.js";
import { type Progress, createProgress } from "../src/cli/progress.js";
import { GRAPH_VERSION_LABEL } from "../src/write/index.js";

export type ImportBatch =
  | { readonly kind: "nodes"; readonly label: string; readonly rows: readonly Record<string, unknown>[] }
  | {
      readonly kind: "relationships";
      readonly type: string;
      readonly rows: readonly { from: string; to: string; properties: Record<string, unknown> & { id: string } }[];
    };

export interface ImportStats {
  readonly nodes: number;
  readonly relationships: number;
  readonly nodeSeconds: number;
  readonly relationshipSeconds: number;
  readonly nodesPerSecond: number;
  readonly relationshipsPerSecond: number;
}

export interface ImportOptions {
  /** Transactions in flight at once (default 2: one is written while the next is prepared and sent). */
  readonly concurrency?: number;
  /** For the progress bar: how many rows to expect in all. */
  readonly expectedRows?: number;
  readonly progress?: "auto" | "silent";
}

function nodeCypher(label: string): string {
  if (label === SOURCE_LABEL) return `UNWIND $rows AS row MERGE (n:${SOURCE_LABEL} {id: row.id}) SET n += row`;
  if (!isEntityKind(label)) throw new Error(`not an entity kind: ${label}`);
  return `UNWIND $rows AS row MERGE (n:${label}:${ENTITY_LABEL} {id: row.id}) SET n += row`;
}

function relationshipCypher(type: string): string {
  if (!isRelationshipType(type)) throw new Error(`not a relationship type: ${type}`);
  return `UNWIND $rows AS row
    MATCH (a:${ENTITY_LABEL} {id: row.from})
    MATCH (b:${ENTITY_LABEL} {id: row.to})
    MERGE (a)-[r:${type} {id: row.properties.id}]->(b)
    SET r += row.properties`;
}

export async function bulkImport(
  database: Database,
  batches: AsyncIterable<ImportBatch>,
  options: ImportOptions = {},
): Promise<ImportStats> {
  await ensureSchemaIndexes(database);
  const progress: Progress = createProgress("import", options.expectedRows ?? 0, options.progress ?? "auto");
  let nodes = 0;
  let relationships = 0;
  let nodeMs = 0;
  let relationshipMs = 0;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const write = async (batch: ImportBatch): Promise<void> => {
    const cypher = batch.kind === "nodes" ? nodeCypher(batch.label) : relationshipCypher(batch.type);
    await withRetries(() => database.write((tx) => tx.run(cypher, { rows: batch.rows })));
    progress.advance(batch.rows.length);
  };
  // Batches of one phase (nodes, then relationships) go out `concurrency` at a time; relationships wait
  // for every node batch, since they match their ends by id. Deadlocks on hub nodes are retried here
  // (the API's driver gives up on transient errors after half a second, which suits requests, not imports).
  const inFlight = new Set<Promise<void>>();
  let phase: ImportBatch["kind"] = "nodes";
  let phaseStarted = performance.now();
  const closePhase = async (): Promise<void> => {
    await Promise.all(inFlight);
    const elapsed = performance.now() - phaseStarted;
    if (phase === "nodes") nodeMs += elapsed;
    else relationshipMs += elapsed;
    phaseStarted = performance.now();
  };
  try {
    for await (const batch of batches) {
      if (batch.kind !== phase) {
        await closePhase();
        phase = batch.kind;
      }
      if (batch.kind === "nodes") nodes += batch.rows.length;
      else relationships += batch.rows.length;
      const pending = write(batch).finally(() => inFlight.delete(pending));
      inFlight.add(pending);
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
    await closePhase();
  } finally {
    await Promise.allSettled(inFlight);
    progress.stop();
  }
  await database.runSchemaCommand("CALL db.awaitIndexes(600)");
  // Not the write path, but a writer all the same: raise the graph's version as it does, so an API's result
  // cache (src/result-cache) knows the graph changed.
  await database.write((tx) =>
    tx.run(
      `MERGE (v:${GRAPH_VERSION_LABEL} {id: 'graph'})
       SET v.version = coalesce(v.version, 0) + 1, v.writeId = 'bulk-' + randomUUID(), v.at = datetime.transaction()`,
    ),
  );
  return {
    nodes,
    relationships,
    nodeSeconds: nodeMs / 1000,
    relationshipSeconds: relationshipMs / 1000,
    nodesPerSecond: Math.round(nodes / Math.max(nodeMs / 1000, 0.001)),
    relationshipsPerSecond: Math.round(relationships / Math.max(relationshipMs / 1000, 0.001)),
  };
}

/** Retries a batch on transient errors (deadlocks between concurrent batches on hub nodes). */
async function withRetries<T>(work: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const transient = error instanceof Neo4jError && (error.retriable || error.code.startsWith("Neo.TransientError"));
      if (!transient || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}
