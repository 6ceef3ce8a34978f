/**
 * A shortest path between two entities in either direction, over relationships valid on `asOf`, using
 * Cypher's `ANY SHORTEST` with the validity test inside the quantified pattern, so the search prunes
 * invalid relationships as it goes (https://neo4j.com/docs/cypher-manual/5/patterns/shortest-paths/).
 */
import type { ManagedTransaction } from "neo4j-driver";
import {
  type EdgeRow,
  type NodeRow,
  PROJECTION_PARAMS,
  edgeProjection,
  nodeProjection,
  toGraphEdges,
  toGraphNode,
} from "./graph-records.js";
import type { GraphPath } from "./subgraph.type.js";
import { type TraversalFilter, traversableCypher } from "./traversal.js";

/** The longest path anyone may ask for; path lengths cannot be Cypher parameters, so they are validated here. */
export const MAX_PATH_LENGTH = 10;

function shortestPathCypher(maxLength: number): string {
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > MAX_PATH_LENGTH) {
    throw new RangeError(`maxLength out of range: ${maxLength}`);
  }
  return `
    MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
    MATCH p = ANY SHORTEST (a)((x:Entity)-[r]-(y:Entity) WHERE ${traversableCypher("r")}){1,${maxLength}}(b)
    RETURN [n IN nodes(p) | ${nodeProjection("n")}] AS nodes, [rel IN relationships(p) | ${edgeProjection("rel")}] AS edges`;
}

export async function findShortestPath(
  tx: ManagedTransaction,
  fromId: string,
  toId: string,
  maxLength: number,
  filter: TraversalFilter,
): Promise<GraphPath | null> {
  const record = (await tx.run(shortestPathCypher(maxLength), { fromId, toId, ...filter, ...PROJECTION_PARAMS }))
    .records[0];
  if (!record) return null;
  const nodes = record.get("nodes") as NodeRow[];
  const edges = await toGraphEdges(tx, record.get("edges") as EdgeRow[]);
  return { nodes: nodes.map(toGraphNode), edges };
}
