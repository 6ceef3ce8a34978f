/**
 * A shortest path between two entities in either direction, over traversable relationships (valid on
 * `asOf`, of the allowed types, not denials), with Cypher's `shortestPath()`: its bidirectional
 * breadth-first search applies an `all(r IN relationships(p) WHERE …)` predicate while it expands
 * (https://neo4j.com/docs/cypher-manual/5/patterns/reference/#shortest-functions), so an invalid
 * relationship prunes the search where it stands. On the synthetic graph it is an order of magnitude
 * faster than the newer `ANY SHORTEST` with a quantified pattern (docs/benchmarks.md).
 */
import type { StatementRunner } from "../../database/index.js";
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
import { type TraversalFilter, relationshipTypesPattern, stepCypher } from "../shared/traversal.js";
import { isTieCypher } from "../../graph-data/index.js";

/** The longest path anyone may ask for; path lengths cannot be Cypher parameters, so they are validated here. */
export const MAX_PATH_LENGTH = 10;

/** What a path request selects: the nodes' and the edges' fields. */
export interface PathSelection {
  readonly nodes: NodeSelection;
  readonly edges: EdgeSelection;
}

/**
 * One statement: both ends looked up (so an empty answer is explained without another round trip) and the
 * path. The filter becomes text where that lets the search do less per relationship it expands: the
 * allowed types go into the pattern, and the validity test and the publisher test are written only when
 * `asOf` and `publisherKinds` are given (the types are allow-listed, the rest are parameters).
 *
 * Two tests are rarely false, so they are first made on the path found rather than on everything the
 * search reaches (`inside` false): that no relationship on it is a denial (`isTieCypher`), and that it runs
 * through entities only (the write path and a restore connect nothing else). The search without them
 * explores a graph that holds the one with them, so a shortest path it finds that passes them is a shortest
 * path of that one too, and no path there means none with them either; only when the path found fails
 * one is the search run again with both inside.
 */
function shortestPathCypher(
  maxLength: number,
  selection: PathSelection,
  filter: TraversalFilter,
  inside: boolean,
): string {
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > MAX_PATH_LENGTH) {
    throw new RangeError(`maxLength out of range: ${maxLength}`);
  }
  const steps = [...stepCypher("r", filter), ...(inside ? [isTieCypher("r")] : [])];
  const tests = [
    ...(steps.length > 0 ? [`all(r IN relationships(p) WHERE ${steps.join(" AND ")})`] : []),
    ...(inside ? ["all(n IN nodes(p) WHERE n:Entity)"] : []),
  ];
  return `
    OPTIONAL MATCH (a:Entity {id: $fromId})
    OPTIONAL MATCH (b:Entity {id: $toId})
    OPTIONAL MATCH p = shortestPath((a)-[:${relationshipTypesPattern(filter.relationshipTypes)}*..${maxLength}]-(b))
    ${tests.length > 0 ? `WHERE ${tests.join(" AND ")}` : ""}
    WITH a, b, p, relationships(p) AS rels
    ${selection.edges.sources ? sourcesOfCypher("rels") : "WITH a, b, p, rels, [] AS sources"}
    RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
           all(n IN coalesce(nodes(p), []) WHERE n:Entity) AND all(r IN coalesce(rels, []) WHERE ${isTieCypher("r")}) AS passes,
           [n IN nodes(p) | ${nodeProjection("n", selection.nodes)}] AS nodes,
           [rel IN rels | ${edgeProjection("rel", selection.edges)}] AS edges, sources`;
}

/** What a path answers: the path, or which end was not found (both found and no path: `path` is null). */
export interface ShortestPathAnswer {
  readonly path: GraphPath | null;
  readonly fromFound: boolean;
  readonly toFound: boolean;
}

/** A shortest path between two different entities, and whether each was found. */
export async function findShortestPath(
  tx: StatementRunner,
  fromId: string,
  toId: string,
  maxLength: number,
  filter: TraversalFilter,
  selection: PathSelection,
  inside = false,
): Promise<ShortestPathAnswer> {
  const record = (
    await tx.run(shortestPathCypher(maxLength, selection, filter, inside), {
      fromId,
      toId,
      ...filter,
      ...PROJECTION_PARAMS,
    })
  ).records[0];
  if (record?.get("passes") === false) {
    return findShortestPath(tx, fromId, toId, maxLength, filter, selection, true);
  }
  const fromFound = record?.get("fromFound") === true;
  const toFound = record?.get("toFound") === true;
  const nodes = record?.get("nodes") as NodeRow[] | null | undefined;
  if (!nodes) return { path: null, fromFound, toFound };
  const edges = toGraphEdges(record!.get("edges") as EdgeRow[], record!.get("sources") as SourceRow[]);
  return { path: { nodes: nodes.map(toGraphNode), edges }, fromFound, toFound };
}
