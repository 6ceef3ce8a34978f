/**
 * How nodes and relationships leave Cypher and become GraphNode / GraphEdge: one projection each, used by
 * every insights query, and one lookup that turns `sourceIds` + `excerpts` into citations.
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

/** Cypher map projection of relationship variable `r`. */
export function edgeProjection(r: string): string {
  return `{ type: type(${r}), kind: ${r}.kind, fromId: startNode(${r}).id, toId: endNode(${r}).id, validFrom: ${r}.validFrom, validTo: ${r}.validTo, status: ${r}.status, sourceIds: coalesce(${r}.sourceIds, []), excerpts: coalesce(${r}.excerpts, []) }`;
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
  sourceIds: string[];
  excerpts: string[];
}

export function toGraphNode(row: NodeRow): GraphNode {
  const names: LocalizedName[] = [];
  if (row.nameFi) names.push({ lang: "fi", value: row.nameFi });
  if (row.nameSv) names.push({ lang: "sv", value: row.nameSv });
  if (row.nameEn) names.push({ lang: "en", value: row.nameEn });
  return { id: row.id, kind: row.kind, name: row.name, names, aliases: row.aliases };
}

interface SourceRow {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  published: string | null;
}

/** Loads the sources the rows cite (one query for all of them) and builds the edges with their citations. */
export async function toGraphEdges(tx: ManagedTransaction, rows: readonly EdgeRow[]): Promise<GraphEdge[]> {
  const lookup = await citationLookup(tx, rows);
  return rows.map((row) => ({
    type: row.type,
    kind: row.kind,
    fromId: row.fromId,
    toId: row.toId,
    validFrom: row.validFrom,
    validTo: row.validTo,
    status: row.status,
    sources: lookup(row),
  }));
}

/** Returns a function giving a row's citations; sources missing from the database are skipped. */
export async function citationLookup(
  tx: ManagedTransaction,
  rows: readonly Pick<EdgeRow, "sourceIds" | "excerpts">[],
): Promise<(row: Pick<EdgeRow, "sourceIds" | "excerpts">) => Citation[]> {
  const ids = [...new Set(rows.flatMap((row) => row.sourceIds))];
  const sources = new Map<string, SourceRow>();
  if (ids.length > 0) {
    const result = await tx.run(
      "MATCH (s:Source) WHERE s.id IN $ids RETURN s { .id, .title, .publisher, .url, .published } AS source",
      { ids },
    );
    for (const record of result.records) {
      const source = record.get("source") as SourceRow;
      sources.set(source.id, source);
    }
  }
  return (row) =>
    row.sourceIds.flatMap((sourceId, index) => {
      const source = sources.get(sourceId);
      if (!source) return [];
      return [
        {
          sourceId,
          title: source.title,
          publisher: source.publisher ?? null,
          url: source.url ?? null,
          published: source.published ?? null,
          excerpt: row.excerpts[index] ?? null,
        },
      ];
    });
}

/** Looks up one entity by id; undefined when there is none. */
export async function findEntity(tx: ManagedTransaction, id: string): Promise<NodeRow | undefined> {
  const result = await tx.run(`MATCH (n:Entity {id: $id}) RETURN ${nodeProjection("n")} AS node`, {
    id,
    ...PROJECTION_PARAMS,
  });
  return result.records[0]?.get("node") as NodeRow | undefined;
}
