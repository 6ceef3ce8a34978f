/**
 * `compare`: the relationships whose validity differs between two days — valid on `to` only (started) or on
 * `from` only (ended) — with their citations, in one read query. Scoped to an entity's relationships, the
 * query starts at that entity; otherwise it reads every relationship once (one pass over the relationship
 * store, measured in docs/benchmarks.md), keeping at most MAX_CHANGES + 1 to tell "too many" apart.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { cypherInt } from "../database/index.js";
import { firstDayCypher, validOnCypher } from "../graph-data/index.js";
import type { GraphDiff } from "./graph-diff.type.js";
import {
  type EdgeRow,
  PROJECTION_PARAMS,
  type SourceRow,
  edgeProjection,
  sourcesOfCypher,
  toGraphEdges,
} from "./graph-records.js";

/** The most changes (started plus ended) one answer holds; more is refused with advice to narrow it. */
export const MAX_CHANGES = 1000;

export interface CompareFilter {
  readonly from: string;
  readonly to: string;
  readonly entityId: string | null;
  readonly relationshipTypes: readonly string[];
}

const changed = (match: string): string => `${match}
  WHERE type(r) IN $relationshipTypes
  WITH DISTINCT r
  WITH r, ${validOnCypher("r", "$to")} AS onTo, ${validOnCypher("r", "$from")} AS onFrom
  WHERE onTo <> onFrom
  WITH r, onTo
  ORDER BY ${firstDayCypher("CASE WHEN onTo THEN r.validFrom ELSE r.validTo END")}, coalesce(r.id, elementId(r))
  LIMIT $max
  WITH collect(r) AS rels, collect(onTo) AS started
  ${sourcesOfCypher("rels")}
  RETURN [x IN rels | ${edgeProjection("x")}] AS edges, started, sources`;

const ALL_CHANGES = changed("MATCH (:Entity)-[r]->(:Entity)");
const ENTITY_CHANGES = changed("MATCH (:Entity {id: $entityId})-[r]-(:Entity)");

/** The diff, or `undefined` when more than MAX_CHANGES relationships changed. */
export async function findChanges(tx: ManagedTransaction, filter: CompareFilter): Promise<GraphDiff | undefined> {
  const result = await tx.run(filter.entityId ? ENTITY_CHANGES : ALL_CHANGES, {
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
  };
}
