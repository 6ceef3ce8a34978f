/**
 * How nodes and relationships leave Cypher and become GraphNode / GraphEdge: one projection each, used by
 * every insights query; a relationship's citations are resolved in the same query (`citationsCypher`).
 */
import type { ManagedTransaction } from "neo4j-driver";
import { ENTITY_KINDS } from "../model/index.js";
import type { Citation, GraphEdge } from "./graph-edge.type.js";
import type { GraphNode, LocalizedName } from "./graph-node.type.js";

/** Parameters every query using the projections must pass. */
export const PROJECTION_PARAMS = { entityKinds: [...ENTITY_KINDS] };

/** Cypher map projection of entity variable `n` (the query must pass PROJECTION_PARAMS). */
export function nodeProjection(n: string): string {
  return `{ id: ${n}.id, kind: [l IN labels(${n}) WHERE l IN $entityKinds][0], name: ${n}.name, nameFi: ${n}.nameFi, nameSv: ${n}.nameSv, nameEn: ${n}.nameEn, aliases: coalesce(${n}.aliases, []) }`;
}

/**
 * Cypher expression: the citations of relationship variable `r`, in order, each source looked up by id
 * with its excerpt (`sourceIds[i]` ↔ `excerpts[i]`); sources missing from the database are skipped.
 */
export function citationsCypher(r: string): string {
  return `COLLECT { UNWIND range(0, size(coalesce(${r}.sourceIds, [])) - 1) AS i
    MATCH (s:Source {id: ${r}.sourceIds[i]})
    RETURN { sourceId: s.id, title: s.title, publisher: s.publisher, url: s.url, published: s.published, excerpt: ${r}.excerpts[i] } }`;
}

/** Cypher map projection of relationship variable `r`, with its citations. */
export function edgeProjection(r: string): string {
  return `{ type: type(${r}), kind: ${r}.kind, fromId: startNode(${r}).id, toId: endNode(${r}).id, validFrom: ${r}.validFrom, validTo: ${r}.validTo, status: ${r}.status, sources: ${citationsCypher(r)} }`;
}

export interface NodeRow {
  id: string;
  kind: string;
  name: string;
  nameFi: string | null;
  nameSv: string | null;
  nameEn: string | null;
  aliases: string[];
}

export interface EdgeRow {
  type: string;
  kind: string | null;
  fromId: string;
  toId: string;
  validFrom: string | null;
  validTo: string | null;
  status: string | null;
  sources: Citation[];
}

export function toGraphNode(row: NodeRow): GraphNode {
  const names: LocalizedName[] = [];
  if (row.nameFi) names.push({ lang: "fi", value: row.nameFi });
  if (row.nameSv) names.push({ lang: "sv", value: row.nameSv });
  if (row.nameEn) names.push({ lang: "en", value: row.nameEn });
  return { id: row.id, kind: row.kind, name: row.name, names, aliases: row.aliases };
}

/** A relationship as the insights API returns it (Neo4j nulls for absent properties kept as null). */
export function toGraphEdge(row: EdgeRow): GraphEdge {
  return {
    type: row.type,
    kind: row.kind ?? null,
    fromId: row.fromId,
    toId: row.toId,
    validFrom: row.validFrom ?? null,
    validTo: row.validTo ?? null,
    status: row.status ?? null,
    sources: toCitations(row.sources),
  };
}

/** Citations as `citationsCypher` returns them, with Neo4j's absent values as null. */
export function toCitations(sources: readonly Citation[]): Citation[] {
  return sources.map((source) => ({
    sourceId: source.sourceId,
    title: source.title,
    publisher: source.publisher ?? null,
    url: source.url ?? null,
    published: source.published ?? null,
    excerpt: source.excerpt ?? null,
  }));
}

/** Looks up one entity by id; undefined when there is none. */
export async function findEntity(tx: ManagedTransaction, id: string): Promise<NodeRow | undefined> {
  const result = await tx.run(`MATCH (n:Entity {id: $id}) RETURN ${nodeProjection("n")} AS node`, {
    id,
    ...PROJECTION_PARAMS,
  });
  return result.records[0]?.get("node") as NodeRow | undefined;
}
