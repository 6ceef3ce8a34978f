/**
 * A shortest path between two entities in either direction, over traversable relationships (valid on
 * `asOf`, of the allowed types), with Cypher's `shortestPath()`: its bidirectional breadth-first search
 * applies an `all(r IN relationships(p) WHERE …)` predicate while it expands
 * (https://neo4j.com/docs/cypher-manual/5/patterns/reference/#shortest-functions). Measured on a 100k-node
 * synthetic graph, it answers in 10–120 ms where the newer `ANY SHORTEST` with a quantified pattern took 1–2 s.
 */
import type { ManagedTransaction } from "neo4j-driver";
import {
  type EdgeRow,
  type NodeRow,
  PROJECTION_PARAMS,
  edgeProjection,
  nodeProjection,
  toGraphEdges,
  type SourceRow,
  sourcesOfCypher,
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
    MATCH p = shortestPath((a)-[*..${maxLength}]-(b))
    WHERE all(r IN relationships(p) WHERE ${traversableCypher("r")}) AND all(n IN nodes(p) WHERE n:Entity)
    WITH p, relationships(p) AS rels
    ${sourcesOfCypher("rels")}
    RETURN [n IN nodes(p) | ${nodeProjection("n")}] AS nodes, [rel IN rels | ${edgeProjection("rel")}] AS edges, sources`;
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
  const edges = toGraphEdges(record.get("edges") as EdgeRow[], record.get("sources") as SourceRow[]);
  return { nodes: nodes.map(toGraphNode), edges };
}
