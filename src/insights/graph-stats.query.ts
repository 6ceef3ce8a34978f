/**
 * Graph sizes from Neo4j's count store: `MATCH (n:Label) RETURN count(n)` and
 * `MATCH ()-[r:TYPE]->() RETURN count(r)` are answered without scanning, one branch per label and type
 * of the model's allow-lists.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { toNumber } from "../database/index.js";
import { ENTITY_KINDS, RELATIONSHIP_TYPES, SOURCE_LABEL } from "../model/index.js";
import type { GraphStats, KeyCount } from "./graph-stats.type.js";

const NODE_COUNTS = [...ENTITY_KINDS, SOURCE_LABEL]
  .map((label) => `MATCH (n:${label}) RETURN '${label}' AS key, count(n) AS count`)
  .join(" UNION ALL ");
const EDGE_COUNTS = RELATIONSHIP_TYPES.map((type) => `MATCH ()-[r:${type}]->() RETURN '${type}' AS key, count(r) AS count`).join(
  " UNION ALL ",
);

async function counts(tx: ManagedTransaction, cypher: string): Promise<KeyCount[]> {
  const result = await tx.run(cypher);
  return result.records
    .map((record) => ({ key: record.get("key") as string, count: toNumber(record.get("count")) }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export async function findGraphStats(tx: ManagedTransaction): Promise<GraphStats> {
  const nodesByKind = await counts(tx, NODE_COUNTS);
  const edgesByType = await counts(tx, EDGE_COUNTS);
  const total = (list: KeyCount[]): number => list.reduce((sum, entry) => sum + entry.count, 0);
  return { nodes: total(nodesByKind), edges: total(edgesByType), nodesByKind, edgesByType };
}
