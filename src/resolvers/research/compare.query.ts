/**
 * `compare`: the relationships whose validity differs between two days — valid on `to` only (started) or on
 * `from` only (ended) — with their citations, in one read query. Scoped to an entity's relationships, the
 * query starts at that entity; otherwise it reads every relationship once (one pass over the relationship
 * store, measured in docs/benchmarks.md), keeping at most MAX_CHANGES + 1 to tell "too many" apart.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { cypherInt, toNumber } from "../../database/index.js";
import { type UndatedPolicy, firstDayCypher, undatedCypher, validOnCypher } from "../../graph-data/index.js";
import type { GraphDiff } from "./graph-diff.type.js";
import {
  type EdgeRow,
  PROJECTION_PARAMS,
  type SourceRow,
  edgeProjection,
  sourcesOfCypher,
  toGraphEdges,
} from "../shared/graph-records.js";

/** The most changes (started plus ended) one answer holds; more is refused with advice to narrow it. */
export const MAX_CHANGES = 1000;

export interface CompareFilter {
  readonly from: string;
  readonly to: string;
  readonly entityId: string | null;
  readonly relationshipTypes: readonly string[];
  readonly undated: UndatedPolicy;
}

/**
 * One pass over the relationships in scope: each is tested on both days under the policy, the undated ones
 * that hold on either day under INCLUDE are counted (kept by the policy or left out), and the changes are
 * collected, then ordered and cut in a subquery (which answers one row even when nothing changed).
 */
const changed = (match: string, undated: UndatedPolicy): string => `${match}
  WHERE type(r) IN $relationshipTypes
  WITH DISTINCT r
  WITH r, ${validOnCypher("r", "$to", undated)} AS onTo, ${validOnCypher("r", "$from", undated)} AS onFrom,
       ${undatedCypher("r")} AND (${validOnCypher("r", "$to")} OR ${validOnCypher("r", "$from")}) AS undatedHeld
  WITH count(CASE WHEN undatedHeld AND (onTo OR onFrom) THEN 1 END) AS undatedIncluded,
       count(CASE WHEN undatedHeld AND NOT (onTo OR onFrom) THEN 1 END) AS undatedExcluded,
       collect(CASE WHEN onTo <> onFrom THEN {r: r, onTo: onTo} END) AS changes
  CALL (changes) {
    UNWIND changes AS change
    WITH change.r AS r, change.onTo AS onTo
    ORDER BY ${firstDayCypher("CASE WHEN onTo THEN r.validFrom ELSE r.validTo END")}, coalesce(r.id, elementId(r))
    LIMIT $max
    RETURN collect(r) AS rels, collect(onTo) AS started
  }
  ${sourcesOfCypher("rels")}
  RETURN [x IN rels | ${edgeProjection("x")}] AS edges, started, sources, undatedIncluded, undatedExcluded`;

const ALL_CHANGES = "MATCH (:Entity)-[r]->(:Entity)";
const ENTITY_CHANGES = "MATCH (:Entity {id: $entityId})-[r]-(:Entity)";

/** The diff, or `undefined` when more than MAX_CHANGES relationships changed. */
export async function findChanges(tx: ManagedTransaction, filter: CompareFilter): Promise<GraphDiff | undefined> {
  const result = await tx.run(changed(filter.entityId ? ENTITY_CHANGES : ALL_CHANGES, filter.undated), {
    ...filter,
    max: cypherInt(MAX_CHANGES + 1),
    ...PROJECTION_PARAMS,
  });
  const record = result.records[0];
  const rows = (record?.get("edges") ?? []) as EdgeRow[];
  if (rows.length > MAX_CHANGES) return undefined;
  const started = (record?.get("started") ?? []) as boolean[];
  const edges = toGraphEdges(rows, (record?.get("sources") ?? []) as SourceRow[]);
  return {
    from: filter.from,
    to: filter.to,
    started: edges.filter((_, index) => started[index]),
    ended: edges.filter((_, index) => !started[index]),
    undatedIncluded: toNumber(record?.get("undatedIncluded") ?? 0),
    undatedExcluded: toNumber(record?.get("undatedExcluded") ?? 0),
  };
}
