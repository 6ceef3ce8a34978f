/**
 * The neighbourhood of an entity: a breadth-first walk in ONE statement (one round trip), each hop a
 * subquery that starts from the previous hops' nodes, keeps only traversable relationships (valid on
 * `asOf`, of the allowed types), skips nodes already found and stops at `limit` nodes (a top-k `LIMIT`,
 * so a hub with a million neighbours costs one bounded sort, not a path explosion). Then the traversable
 * relationships among the nodes found, with their citations when the request selects them. The projections
 * read only the fields the request selects (graph-records.ts).
 *
 * Before, the walk was one query per hop plus one for the relationships (three round trips for depth 2) and
 * always read every field: on the benchmark's neighbourhoods, the one-statement form is faster and serves
 * more requests per second (docs/benchmarks.md).
 */
import { MAX_LIST_SIZE } from "../../config/list-size.js";
import { cypherInt, type StatementRunner, toNumber } from "../../database/index.js";
import { RELATIONSHIP_TYPES, type UndatedPolicy, undatedCypher, validOnCypher } from "../../graph-data/index.js";
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
import type { Subgraph } from "./subgraph.type.js";
import { type TraversalFilter, traversableCypher } from "../shared/traversal.js";

/** The deepest walk anyone may ask for (the resolver checks `depth` against it). */
export const MAX_DEPTH = 4;

/**
 * What the request selects: which node and edge fields, whether it wants the edges at all, and whether it
 * wants the undated counts (which read the relationships among the nodes even when the edges are not wanted).
 */
export interface NeighbourhoodSelection {
  readonly nodes: NodeSelection;
  readonly edges: EdgeSelection | undefined;
  readonly undatedCounts: boolean;
  /** `total` or `totalExact`: how many entities the neighbourhood holds without the limit. */
  readonly total: boolean;
  /** `firstHopTypes`: the start's relationships by type. */
  readonly firstHopTypes: boolean;
}

/** What the walk's own statement reads. */
type WalkSelection = Omit<NeighbourhoodSelection, "total" | "firstHopTypes">;

/**
 * The most entities `total` counts: the most any `limit` may ask for, so the count never walks further than
 * the largest neighbourhood a request may fetch (and is priced as one, src/resolvers/shared/insight-costs.ts).
 */
export const TOTAL_BOUND = MAX_LIST_SIZE;

/**
 * The walk itself, shared by the neighbourhood and its count. Hop `k` keeps `found<k>[..room]` where room is
 * what the limit leaves after the hops before it (the start counts as one); one more than fits tells whether
 * it cut. `ordered`: each hop keeps the first by name (the neighbourhood, so an answer is stable), or any
 * (the count, which only needs how many, so it stops at the limit without sorting).
 */
function walkCypher(
  depth: number,
  undated: UndatedPolicy,
  ordered: boolean,
): { lines: string[]; hops: string[]; cuts: string[] } {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) throw new RangeError(`depth out of range: ${depth}`);
  const lines = ["MATCH (s:Entity {id: $id})"];
  const hops: string[] = [];
  const cuts: string[] = [];
  for (let hop = 1; hop <= depth; hop += 1) {
    const before = [...hops];
    const seen = before.length === 0 ? "[]" : before.join(" + ");
    const room = `$limit - 1${before.map((name) => ` - size(${name})`).join("")}`;
    const carried = ["s", ...before, ...cuts].join(", ");
    const from =
      hop === 1
        ? "MATCH (s)-[r]-(b:Entity)"
        : `WITH ${carried}, ${before.at(-1)} AS frontier, ${seen} AS seen WHERE NOT (${cuts.join(" OR ")})
      UNWIND frontier AS a
      MATCH (a)-[r]-(b:Entity)`;
    const notSeen = hop === 1 ? "" : " AND NOT b IN seen";
    const order = ordered ? "\n      ORDER BY b.name, b.id" : "";
    lines.push(`CALL (${carried}) {
      ${from}
      WHERE ${traversableCypher("r", undated)} AND b <> s${notSeen}
      WITH DISTINCT b${order}
      LIMIT $limit
      RETURN collect(b) AS found${hop}
    }`);
    lines.push(`WITH ${carried}, found${hop}[..${room}] AS hop${hop}, size(found${hop}) > ${room} AS cut${hop}`);
    hops.push(`hop${hop}`);
    cuts.push(`cut${hop}`);
  }
  return { lines, hops, cuts };
}

/** The statement for one depth and selection. */
function neighbourhoodCypher(depth: number, selection: WalkSelection, undated: UndatedPolicy): string {
  const { lines, hops, cuts } = walkCypher(depth, undated, true);
  const all = ["[s]", ...hops].join(" + ");
  const hopLists = ["[s]", ...hops].map((list) => `[n IN ${list} | ${nodeProjection("n", selection.nodes)}]`);
  lines.push(`WITH ${all} AS nodes, ${cuts.join(" OR ")} AS truncated, [${hopLists.join(", ")}] AS hops`);
  if (!selection.edges && !selection.undatedCounts) {
    lines.push("RETURN hops, truncated, [] AS edges, [] AS sources, 0 AS undatedIncluded, 0 AS undatedExcluded");
    return lines.join("\n");
  }
  // The relationships among the nodes that every policy would walk; the undated ones this policy leaves out
  // are counted, not returned.
  lines.push(`CALL (nodes) {
      UNWIND nodes AS a
      MATCH (a)-[r]->(b:Entity)
      WHERE b IN nodes AND ${traversableCypher("r", "INCLUDE")}
      WITH r, ${validOnCypher("r", "$asOf", undated)} AS kept, ${undatedCypher("r")} AS undated
      RETURN collect(CASE WHEN kept THEN r END) AS rels,
             count(CASE WHEN undated AND kept THEN 1 END) AS undatedIncluded,
             count(CASE WHEN undated AND NOT kept THEN 1 END) AS undatedExcluded
    }`);
  const counts = "undatedIncluded, undatedExcluded";
  if (!selection.edges) {
    lines.push(`RETURN hops, truncated, [] AS edges, [] AS sources, ${counts}`);
    return lines.join("\n");
  }
  if (selection.edges.sources) {
    lines.push(`WITH hops, truncated, rels, ${counts}`, sourcesOfCypher("rels"));
  } else {
    lines.push(`WITH hops, truncated, rels, [] AS sources, ${counts}`);
  }
  lines.push(
    `RETURN hops, truncated, [r IN rels | ${edgeProjection("r", selection.edges)}] AS edges, sources, ${counts}`,
  );
  return lines.join("\n");
}

/** How many entities the walk reaches with `$limit` as its bound, unordered; `truncated` when it reached it. */
function countCypher(depth: number, undated: UndatedPolicy): string {
  const { lines, hops, cuts } = walkCypher(depth, undated, false);
  lines.push(
    `RETURN 1 + ${hops.map((name) => `size(${name})`).join(" + ")} AS total, ${cuts.join(" OR ")} AS truncated`,
  );
  return lines.join("\n");
}

/**
 * The start's relationships the walk may follow, whatever their type, counted by type: how many entities each
 * type reaches in one hop (its parameter `$relationshipTypes` is every type).
 */
function firstHopTypesCypher(undated: UndatedPolicy): string {
  return `MATCH (s:Entity {id: $id})-[r]-(b:Entity)
    WHERE b <> s AND ${traversableCypher("r", undated)}
    RETURN type(r) AS key, count(DISTINCT b) AS count
    ORDER BY count DESC, key`;
}

/** Statements by depth and selection: a few dozen at most, built once each. */
const statements = new Map<string, string>();

function statementFor(
  depth: number,
  selection: WalkSelection | "count" | "firstHopTypes",
  undated: UndatedPolicy,
): string {
  const key = JSON.stringify([depth, selection, undated]);
  let cypher = statements.get(key);
  if (cypher === undefined) {
    cypher =
      selection === "count"
        ? countCypher(depth, undated)
        : selection === "firstHopTypes"
          ? firstHopTypesCypher(undated)
          : neighbourhoodCypher(depth, selection, undated);
    statements.set(key, cypher);
  }
  return cypher;
}

/**
 * How many entities the neighbourhood holds without `limit`, the start included: the answer's own count when
 * the limit did not cut it; otherwise a second walk, unordered and bounded by TOTAL_BOUND (exact: false when
 * that bound cut it too, or when the limit already was the bound).
 */
async function countNeighbourhood(
  tx: StatementRunner,
  id: string,
  depth: number,
  filter: TraversalFilter,
  limit: number,
  found: { count: number; truncated: boolean },
): Promise<{ total: number; totalExact: boolean }> {
  if (!found.truncated) return { total: found.count, totalExact: true };
  if (limit >= TOTAL_BOUND) return { total: found.count, totalExact: false };
  const record = (
    await tx.run(statementFor(depth, "count", filter.undated), { id, ...filter, limit: cypherInt(TOTAL_BOUND) })
  ).records[0];
  if (!record) return { total: found.count, totalExact: false };
  return { total: toNumber(record.get("total")), totalExact: !(record.get("truncated") as boolean) };
}

/** Undefined when no entity has the id. */
export async function findNeighbourhood(
  tx: StatementRunner,
  id: string,
  depth: number,
  filter: TraversalFilter,
  limit: number,
  selection: NeighbourhoodSelection,
): Promise<Subgraph | undefined> {
  const { total: wantsTotal, firstHopTypes: wantsTypes, ...read } = selection;
  const record = (
    await tx.run(statementFor(depth, read, filter.undated), {
      id,
      ...filter,
      limit: cypherInt(limit),
      ...PROJECTION_PARAMS,
    })
  ).records[0];
  if (!record) return undefined;
  const hops = record.get("hops") as NodeRow[][];
  const found = hops.flatMap((rows, hop) => rows.map((node) => ({ node, hop })));
  found.sort(
    (a, b) => a.hop - b.hop || a.node.kind.localeCompare(b.node.kind) || a.node.name.localeCompare(b.node.name),
  );
  const edges = toGraphEdges(record.get("edges") as EdgeRow[], record.get("sources") as SourceRow[]);
  edges.sort(
    (a, b) => a.type.localeCompare(b.type) || a.fromId.localeCompare(b.fromId) || a.toId.localeCompare(b.toId),
  );
  const truncated = record.get("truncated") as boolean;
  const counted = wantsTotal
    ? await countNeighbourhood(tx, id, depth, filter, limit, { count: found.length, truncated })
    : { total: found.length, totalExact: !truncated };
  const firstHopTypes = wantsTypes
    ? (
        await tx.run(statementFor(1, "firstHopTypes", filter.undated), {
          id,
          ...filter,
          relationshipTypes: RELATIONSHIP_TYPES,
        })
      ).records.map((row) => ({ key: row.get("key") as string, count: toNumber(row.get("count")) }))
    : [];
  return {
    nodes: found.map((entry) => toGraphNode(entry.node)),
    edges,
    truncated,
    ...counted,
    firstHopTypes,
    undatedIncluded: toNumber(record.get("undatedIncluded")),
    undatedExcluded: toNumber(record.get("undatedExcluded")),
  };
}
