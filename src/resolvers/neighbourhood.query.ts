/**
 * The neighbourhood of an entity: a breadth-first walk, one query per hop, in one read transaction (the
 * first query also finds the start). Each hop starts from the previous hop's nodes (by element id), keeps
 * only traversable relationships (valid on `asOf`, of the allowed types), skips nodes already seen and stops
 * at `limit` nodes, so a hub with a million neighbours costs one LIMITed query, not a path explosion. Then
 * one query fetches every traversable relationship among the nodes found, with its citations.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { cypherInt } from "../database/index.js";
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
import type { Subgraph } from "./subgraph.type.js";
import { type TraversalFilter, traversableCypher } from "./traversal.js";

const START_AND_FIRST_HOP = `
  MATCH (s:Entity {id: $id})
  CALL (s) {
    MATCH (s)-[r]-(b:Entity)
    WHERE ${traversableCypher("r")} AND b <> s
    WITH DISTINCT b
    ORDER BY b.name, b.id
    LIMIT $take
    RETURN collect({ elementId: elementId(b), node: ${nodeProjection("b")} }) AS hop
  }
  RETURN elementId(s) AS elementId, ${nodeProjection("s")} AS node, hop`;

const NEXT_HOP = `
  UNWIND $frontier AS elementId
  MATCH (a) WHERE elementId(a) = elementId
  MATCH (a)-[r]-(b:Entity)
  WHERE ${traversableCypher("r")} AND NOT elementId(b) IN $seen
  WITH DISTINCT b
  ORDER BY b.name, b.id
  LIMIT $take
  RETURN elementId(b) AS elementId, ${nodeProjection("b")} AS node`;

const EDGES_AMONG = `
  UNWIND $nodes AS elementId
  MATCH (a) WHERE elementId(a) = elementId
  MATCH (a)-[r]->(b:Entity)
  WHERE elementId(b) IN $nodes AND ${traversableCypher("r")}
  WITH collect(r) AS rels
  ${sourcesOfCypher("rels")}
  RETURN [r IN rels | ${edgeProjection("r")}] AS edges, sources`;

/** Undefined when no entity has the id. */
export async function findNeighbourhood(
  tx: ManagedTransaction,
  id: string,
  depth: number,
  filter: TraversalFilter,
  limit: number,
): Promise<Subgraph | undefined> {
  // One more than fits tells us whether we cut anything.
  const start = (await tx.run(START_AND_FIRST_HOP, { id, ...filter, take: cypherInt(limit), ...PROJECTION_PARAMS }))
    .records[0];
  if (!start) return undefined;

  const found: { elementId: string; node: NodeRow; hop: number }[] = [
    { elementId: start.get("elementId") as string, node: start.get("node") as NodeRow, hop: 0 },
  ];
  let truncated = false;
  const add = (rows: { elementId: string; node: NodeRow }[], hop: number): string[] => {
    const room = limit - found.length;
    if (rows.length > room) {
      truncated = true;
      rows = rows.slice(0, room);
    }
    found.push(...rows.map((row) => ({ ...row, hop })));
    return rows.map((row) => row.elementId);
  };
  let frontier = add(start.get("hop") as { elementId: string; node: NodeRow }[], 1);
  for (let hop = 2; hop <= depth && frontier.length > 0 && !truncated; hop += 1) {
    const result = await tx.run(NEXT_HOP, {
      frontier,
      seen: found.map((entry) => entry.elementId),
      ...filter,
      take: cypherInt(limit - found.length + 1),
      ...PROJECTION_PARAMS,
    });
    frontier = add(
      result.records.map((record) => ({
        elementId: record.get("elementId") as string,
        node: record.get("node") as NodeRow,
      })),
      hop,
    );
  }

  const among = (await tx.run(EDGES_AMONG, { nodes: found.map((entry) => entry.elementId), ...filter })).records[0];
  const edges = toGraphEdges((among?.get("edges") ?? []) as EdgeRow[], (among?.get("sources") ?? []) as SourceRow[]);
  found.sort(
    (a, b) => a.hop - b.hop || a.node.kind.localeCompare(b.node.kind) || a.node.name.localeCompare(b.node.name),
  );
  edges.sort(
    (a, b) => a.type.localeCompare(b.type) || a.fromId.localeCompare(b.fromId) || a.toId.localeCompare(b.toId),
  );
  return { nodes: found.map((entry) => toGraphNode(entry.node)), edges, truncated };
}
