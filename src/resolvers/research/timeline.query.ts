/**
 * `timeline`: an entity's relationships in either direction with the entity at the other end, by start
 * (partial dates by their first day; undated starts last), then end, type and the other's name.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { cypherInt } from "../../database/index.js";
import { firstDayCypher } from "../../graph-data/index.js";
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
import type { TimelineEntry } from "./timeline-entry.type.js";

const TIMELINE = `
  MATCH (:Entity {id: $entityId})-[r]-(other:Entity)
  WHERE type(r) IN $relationshipTypes
  WITH r, other
  ORDER BY r.validFrom IS NULL, ${firstDayCypher("r.validFrom")}, r.validTo IS NULL, ${firstDayCypher("r.validTo")},
           type(r), other.name, coalesce(r.id, elementId(r))
  LIMIT $limit
  WITH collect(r) AS rels, collect(other) AS others
  ${sourcesOfCypher("rels")}
  RETURN [x IN rels | ${edgeProjection("x")}] AS edges, [o IN others | ${nodeProjection("o")}] AS others, sources`;

export async function findTimeline(
  tx: ManagedTransaction,
  entityId: string,
  relationshipTypes: readonly string[],
  limit: number,
): Promise<TimelineEntry[]> {
  const result = await tx.run(TIMELINE, { entityId, relationshipTypes, limit: cypherInt(limit), ...PROJECTION_PARAMS });
  const record = result.records[0];
  const edges = toGraphEdges((record?.get("edges") ?? []) as EdgeRow[], (record?.get("sources") ?? []) as SourceRow[]);
  const others = (record?.get("others") ?? []) as NodeRow[];
  return edges.map((edge, index) => ({ edge, other: toGraphNode(others[index]!) }));
}
