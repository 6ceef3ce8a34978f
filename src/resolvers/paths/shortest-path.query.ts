/**
 * A shortest path between two entities in either direction, over traversable relationships (valid on
 * `asOf`, of the allowed types), with Cypher's `shortestPath()`: its bidirectional breadth-first search
 * applies an `all(r IN relationships(p) WHERE …)` predicate while it expands
 * (https://neo4j.com/docs/cypher-manual/5/patterns/reference/#shortest-functions). On the synthetic graph it
 * is an order of magnitude faster than the newer `ANY SHORTEST` with a quantified pattern (docs/benchmarks.md).
 */
import type { StatementRunner } from "../../database/index.js";
import { type UndatedPolicy, isTieCypher } from "../../graph-data/index.js";
import {
  type EdgeRow,
  type EdgeSelection,
  type NodeRow,
  type NodeSelection,
  PROJECTION_PARAMS,
  edgeProjection,
  nodeProjection,
  toGraphEdges,
  type SourceRow,
  sourcesOfCypher,
  toGraphNode,
} from "../shared/graph-records.js";
import type { GraphPath } from "./subgraph.type.js";
import { type TraversalFilter, traversableCypher } from "../shared/traversal.js";

/** The longest path anyone may ask for; path lengths cannot be Cypher parameters, so they are validated here. */
export const MAX_PATH_LENGTH = 10;

/** What a path request selects: the nodes' and the edges' fields. */
export interface PathSelection {
  readonly nodes: NodeSelection;
  readonly edges: EdgeSelection;
}

function shortestPathCypher(maxLength: number, selection: PathSelection, undated: UndatedPolicy): string {
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > MAX_PATH_LENGTH) {
    throw new RangeError(`maxLength out of range: ${maxLength}`);
  }
  return `
    MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
    MATCH p = shortestPath((a)-[*..${maxLength}]-(b))
    WHERE all(r IN relationships(p) WHERE ${traversableCypher("r", undated)} AND ${isTieCypher("r")}) AND all(n IN nodes(p) WHERE n:Entity)
    WITH p, relationships(p) AS rels
    ${selection.edges.sources ? sourcesOfCypher("rels") : "WITH p, rels, [] AS sources"}
    RETURN [n IN nodes(p) | ${nodeProjection("n", selection.nodes)}] AS nodes,
           [rel IN rels | ${edgeProjection("rel", selection.edges)}] AS edges, sources`;
}

/** A shortest path between two different entities; null when there is none (or either id is unknown). */
export async function findShortestPath(
  tx: StatementRunner,
  fromId: string,
  toId: string,
  maxLength: number,
  filter: TraversalFilter,
  selection: PathSelection,
): Promise<GraphPath | null> {
  const record = (
    await tx.run(shortestPathCypher(maxLength, selection, filter.undated), {
      fromId,
      toId,
      ...filter,
      ...PROJECTION_PARAMS,
    })
  ).records[0];
  if (!record) return null;
  const nodes = record.get("nodes") as NodeRow[];
  const edges = toGraphEdges(record.get("edges") as EdgeRow[], record.get("sources") as SourceRow[]);
  return { nodes: nodes.map(toGraphNode), edges };
}
