/**
 * Graph sizes from Neo4j's count store: `MATCH (n:Label) RETURN count(n)` and
 * `MATCH ()-[r:TYPE]->() RETURN count(r)` are answered without scanning, one branch per label and type
 * of the model's allow-lists.
 */
import { toNumber, type StatementRunner } from "../../database/index.js";
import { ENTITY_KINDS, RELATIONSHIP_TYPES, SOURCE_LABEL } from "../../graph-data/index.js";
import type { GraphStats, KeyCount } from "./graph-stats.type.js";

const NODE_LABELS = [...ENTITY_KINDS, SOURCE_LABEL];
const NODE_COUNTS = NODE_LABELS.map((label) => `MATCH (n:${label}) RETURN '${label}' AS key, count(n) AS count`).join(
  " UNION ALL ",
);
const EDGE_COUNTS = RELATIONSHIP_TYPES.map(
  (type) => `MATCH ()-[r:${type}]->() RETURN '${type}' AS key, count(r) AS count`,
).join(" UNION ALL ");

/** Counts per key; keys Neo4j has never seen (a label no node ever had) return no row, so they count 0. */
async function counts(tx: StatementRunner, cypher: string, keys: readonly string[]): Promise<KeyCount[]> {
  const result = await tx.run(cypher);
  const found = new Map(result.records.map((record) => [record.get("key") as string, toNumber(record.get("count"))]));
  return keys
    .map((key) => ({ key, count: found.get(key) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export async function findGraphStats(tx: StatementRunner): Promise<GraphStats> {
  const nodesByKind = await counts(tx, NODE_COUNTS, NODE_LABELS);
  const edgesByType = await counts(tx, EDGE_COUNTS, RELATIONSHIP_TYPES);
  const total = (list: KeyCount[]): number => list.reduce((sum, entry) => sum + entry.count, 0);
  return { nodes: total(nodesByKind), edges: total(edgesByType), nodesByKind, edgesByType };
}
