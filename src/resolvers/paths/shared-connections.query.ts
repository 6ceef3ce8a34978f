/**
 * `sharedConnections`: entities linked to both `a` and `b` (in either direction, by any relationship valid
 * on `asOf`), each with the two relationships. The pattern is anchored at both ends, so its cost is bounded
 * by the smaller of the two entities' degrees; at most MAX_SHARED rows are returned.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { cypherInt } from "../../database/index.js";
import { type UndatedPolicy, isTieCypher, validOnCypher } from "../../graph-data/index.js";
import {
  type EdgeRow,
  type NodeRow,
  PROJECTION_PARAMS,
  type SourceRow,
  edgeProjection,
  nodeProjection,
  sourcesOfCypher,
  toGraphEdges,
  toGraphNode,
} from "../shared/graph-records.js";
import type { SharedConnection } from "./shared-connection.type.js";

/** The most rows one answer holds (by the shared entity's name). */
export const MAX_SHARED = 1000;

const shared = (undated: UndatedPolicy): string => `
  MATCH (a:Entity {id: $aId})-[ra]-(n:Entity)-[rb]-(b:Entity {id: $bId})
  WHERE n <> a AND n <> b AND ${isTieCypher("ra")} AND ${isTieCypher("rb")} AND ${validOnCypher("ra", "$asOf", undated)} AND ${validOnCypher("rb", "$asOf", undated)}
  WITH n, ra, rb
  ORDER BY n.name, n.id, coalesce(ra.id, elementId(ra)), coalesce(rb.id, elementId(rb))
  LIMIT $max
  WITH collect(n) AS nodes, collect(ra) AS fromA, collect(rb) AS fromB
  WITH nodes, fromA, fromB, fromA + fromB AS rels
  ${sourcesOfCypher("rels")}
  RETURN [x IN nodes | ${nodeProjection("x")}] AS nodes, [x IN fromA | ${edgeProjection("x")}] AS fromA,
         [x IN fromB | ${edgeProjection("x")}] AS fromB, sources`;

export async function findSharedConnections(
  tx: ManagedTransaction,
  aId: string,
  bId: string,
  asOf: string | null,
  undated: UndatedPolicy,
): Promise<SharedConnection[]> {
  const result = await tx.run(shared(undated), { aId, bId, asOf, max: cypherInt(MAX_SHARED), ...PROJECTION_PARAMS });
  const record = result.records[0];
  const sources = (record?.get("sources") ?? []) as SourceRow[];
  const nodes = (record?.get("nodes") ?? []) as NodeRow[];
  const fromA = toGraphEdges((record?.get("fromA") ?? []) as EdgeRow[], sources);
  const fromB = toGraphEdges((record?.get("fromB") ?? []) as EdgeRow[], sources);
  return nodes.map((node, index) => ({ node: toGraphNode(node), fromA: fromA[index]!, fromB: fromB[index]! }));
}
