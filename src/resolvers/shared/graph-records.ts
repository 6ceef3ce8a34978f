/**
 * How nodes and relationships leave Cypher and become GraphNode / GraphEdge: one projection each, used by
 * every insights query; a relationship's citations are resolved in the same query (`sourcesOfCypher`).
 * A projection reads only what the request selects (`NodeSelection`, `EdgeSelection`; see selection.ts):
 * the fields left out come back as null or empty and GraphQL never shows them.
 */
import { externalIdUrl, parseExternalId } from "../../graph-data/index.js";
import { type NodeRow, type NodeSelection } from "../../graph-reads/index.js";
import type { Citation, GraphEdge } from "./graph-edge.type.js";
import type { GraphNode, LocalizedName } from "./graph-node.type.js";

// The entity's projection is shared below the API (src/graph-reads/): the queries here take it from this module.
export {
  ALL_NODE_FIELDS,
  PROJECTION_PARAMS,
  findEntity,
  nodeProjection,
  type NodeRow,
  type NodeSelection,
} from "../../graph-reads/index.js";

/** The node fields a request selects, from the GraphNode field names under it. */
export function nodeSelection(fields: ReadonlySet<string>): NodeSelection {
  return {
    description: fields.has("description"),
    names: fields.has("names"),
    aliases: fields.has("aliases"),
    externalIds: fields.has("externalIds"),
    location: fields.has("location"),
  };
}

/** The GraphEdge fields read besides `type`, `fromId` and `toId` (which every answer sorts by). */
export interface EdgeSelection {
  readonly id: boolean;
  readonly kind: boolean;
  readonly validFrom: boolean;
  readonly validTo: boolean;
  readonly status: boolean;
  /** `sources`: the citations, which need the cited `Source` records. */
  readonly sources: boolean;
}

export const ALL_EDGE_FIELDS: EdgeSelection = {
  id: true,
  kind: true,
  validFrom: true,
  validTo: true,
  status: true,
  sources: true,
};

/** The edge fields a request selects, from the GraphEdge field names under it. */
export function edgeSelection(fields: ReadonlySet<string>): EdgeSelection {
  return {
    id: fields.has("id"),
    kind: fields.has("kind"),
    validFrom: fields.has("validFrom"),
    validTo: fields.has("validTo"),
    status: fields.has("status"),
    sources: fields.has("sources"),
  };
}

/** Cypher map projection of relationship variable `r`; its citations are resolved by `sourcesOfCypher`. */
export function edgeProjection(r: string, selection: EdgeSelection = ALL_EDGE_FIELDS): string {
  const parts = [`type: type(${r})`, `fromId: startNode(${r}).id`, `toId: endNode(${r}).id`];
  if (selection.id) parts.push(`id: coalesce(${r}.id, elementId(${r}))`);
  if (selection.kind) parts.push(`kind: ${r}.kind`);
  if (selection.validFrom) parts.push(`validFrom: ${r}.validFrom`);
  if (selection.validTo) parts.push(`validTo: ${r}.validTo`);
  if (selection.status) parts.push(`status: ${r}.status`);
  if (selection.sources)
    parts.push(
      `sourceIds: coalesce(${r}.sourceIds, [])`,
      `excerpts: coalesce(${r}.excerpts, [])`,
      `locators: coalesce(${r}.locators, [])`,
    );
  return `{ ${parts.join(", ")} }`;
}

/**
 * Cypher `CALL` clause: the distinct `Source` records that the relationships in list variable `rels` cite,
 * as `sources`. One lookup per distinct source in the same query, rather than one per relationship
 * (a per-relationship subquery doubled the cost of a neighbourhood).
 */
export function sourcesOfCypher(rels: string): string {
  return `CALL (${rels}) {
    UNWIND ${rels} AS cited
    UNWIND coalesce(cited.sourceIds, []) AS sourceId
    WITH DISTINCT sourceId
    MATCH (s:Source {id: sourceId})
    RETURN collect(s { .id, .title, .publisher, .publisherKind, .publisherId, .url, .published }) AS sources
  }`;
}

/** A relationship as `edgeProjection` returns it; the optional fields are there when selected. */
export interface EdgeRow {
  id?: string;
  type: string;
  kind?: string | null;
  fromId: string;
  toId: string;
  validFrom?: string | null;
  validTo?: string | null;
  status?: string | null;
  sourceIds?: string[];
  excerpts?: string[];
  locators?: string[];
}

/** A `Source` as `sourcesOfCypher` returns it. */
export interface SourceRow {
  id: string;
  title: string;
  publisher?: string | null;
  publisherKind?: string | null;
  publisherId?: string | null;
  url?: string | null;
  published?: string | null;
}

export function toGraphNode(row: NodeRow): GraphNode {
  const names: LocalizedName[] = [];
  if (row.nameFi) names.push({ lang: "fi", value: row.nameFi });
  if (row.nameSv) names.push({ lang: "sv", value: row.nameSv });
  if (row.nameEn) names.push({ lang: "en", value: row.nameEn });
  const ids = (row.externalIds ?? []).flatMap((text) => parseExternalId(text) ?? []);
  if (row.isoCode) ids.push({ scheme: "iso3166", value: row.isoCode });
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    description: row.description ?? null,
    names,
    aliases: row.aliases ?? [],
    externalIds: ids.map((id) => ({ ...id, url: externalIdUrl(id) })),
    location: typeof row.lat === "number" && typeof row.lon === "number" ? { lat: row.lat, lon: row.lon } : null,
  };
}

/** Relationships as the insights API returns them, each citation joined to its source. */
export function toGraphEdges(rows: readonly EdgeRow[], sources: readonly SourceRow[]): GraphEdge[] {
  const cite = citations(sources);
  return rows.map((row) => ({
    id: row.id ?? "",
    type: row.type,
    kind: row.kind ?? null,
    fromId: row.fromId,
    toId: row.toId,
    validFrom: row.validFrom ?? null,
    validTo: row.validTo ?? null,
    status: row.status ?? null,
    sources: cite(row),
  }));
}

/**
 * Turns a row's `sourceIds` + `excerpts` (+ `locators`) into citations; sources missing from `sources` are
 * skipped. A source is a party to the relationship when its publisher is one of the row's ends.
 */
export function citations(
  sources: readonly SourceRow[],
): (
  row: Pick<EdgeRow, "sourceIds" | "excerpts" | "locators"> & Partial<Pick<EdgeRow, "fromId" | "toId">>,
) => Citation[] {
  const byId = new Map(sources.map((source) => [source.id, source]));
  return (row) =>
    (row.sourceIds ?? []).flatMap((sourceId, index) => {
      const source = byId.get(sourceId);
      if (!source) return [];
      const publisherId = source.publisherId ?? null;
      return [
        {
          sourceId,
          title: source.title,
          publisher: source.publisher ?? null,
          publisherKind: source.publisherKind ?? null,
          publisherId,
          party: publisherId !== null && (publisherId === row.fromId || publisherId === row.toId),
          url: source.url ?? null,
          published: source.published ?? null,
          excerpt: row.excerpts?.[index] || null,
          locator: row.locators?.[index] || null,
        },
      ];
    });
}
