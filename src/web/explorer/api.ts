/** Every question the explorer asks the public GraphQL API, typed. */
import { request } from "./api-request.js";
import { closeNames, suggestionQuery } from "./did-you-mean.js";
import { type PartnerCount, countPartners } from "../../graph-data/partner-count.js";
import type { Undated } from "./url-state.js";
import { CHANGE_FIELDS, type ChangeEntry } from "./edit-api.js";
import type {
  CentralityAlgorithm,
  CorroborationClass,
  ExplorerCentralityQuery,
  ExplorerCentralityQueryVariables,
  ExplorerChangesQuery,
  ExplorerChangesQueryVariables,
  ExplorerCommunitiesQuery,
  ExplorerCommunitiesQueryVariables,
  ExplorerCompareQuery,
  ExplorerCompareQueryVariables,
  ExplorerCorroborationQuery,
  ExplorerCorroborationQueryVariables,
  ExplorerDashboardQuery,
  ExplorerDashboardQueryVariables,
  ExplorerEntitySourcesQuery,
  ExplorerEntitySourcesQueryVariables,
  ExplorerNeighbourhoodQuery,
  ExplorerNeighbourhoodQueryVariables,
  ExplorerNodeQuery,
  ExplorerNodeQueryVariables,
  ExplorerPathQuery,
  ExplorerPathQueryVariables,
  ExplorerPeersQuery,
  ExplorerPeersQueryVariables,
  ExplorerSearchQuery,
  ExplorerSearchQueryVariables,
  ExplorerSharedQuery,
  ExplorerSharedQueryVariables,
  ExplorerSourcesQuery,
  ExplorerSourcesQueryVariables,
  ExplorerSuggestQuery,
  ExplorerSuggestQueryVariables,
  ExplorerTimelineQuery,
  ExplorerTimelineQueryVariables,
  ExplorerEntityRelationshipsQuery,
  ExplorerEntityRelationshipsQueryVariables,
  ExplorerYearActivityFragment,
} from "./generated/operations.js";

export type { ChangeEntry };

/** An entity as the explorer draws it (the fields of `NODE_FIELDS`; `location` is WGS 84, null when not known). */
export type GraphNode = NonNullable<ExplorerNodeQuery["node"]>;

/** Who publishes a source: the vocabulary's publisher kinds; null where the source does not say. */
export type PublisherKind = "city" | "organisation" | "government" | "media" | "crowd";

/**
 * A source cited for a relationship. `publisherKind` is a `PublisherKind` (null when not recorded); `party` is
 * true when the publisher is an end of the relationship; a dataset is cited by `locator`, not by an excerpt.
 */
export type Citation = GraphEdge["sources"][number];

/** A relationship with its sources (the fields of `EDGE_FIELDS`). */
export type GraphEdge = Subgraph["edges"][number];

/**
 * An entity's neighbourhood: `total` counts its entities without the limit (the start included, up to 1000;
 * `totalExact` false when there are more); `firstHopTypes` how many entities each of the start's relationship
 * types reaches, whatever types were asked for.
 */
export type Subgraph = ExplorerNeighbourhoodQuery["neighbourhood"];

export type SourceRecord = ExplorerSourcesQuery["sources"][number];

const NODE_FIELDS = "id kind name description names { lang value } aliases location { lat lon }";
const CITATION_FIELDS = "sourceId title publisher publisherKind publisherId party url published excerpt locator";
const EDGE_FIELDS = `id type kind fromId toId validFrom validTo status sources { ${CITATION_FIELDS} }`;
const SCOPE_VARIABLES = "$around: [ID!], $hops: Int, $relationshipTypes: [String!], $publisherKinds: [String!]";
const SCOPE_ARGUMENTS =
  "around: $around, hops: $hops, relationshipTypes: $relationshipTypes, publisherKinds: $publisherKinds";

/**
 * Every operation the explorer sends, by name, with the largest variables it sends them with: the server's
 * limits are tested to let each of them through (test/schema/query-limits.test.ts).
 */
export const EXPLORER_QUERIES = {
  search: {
    query: `query ExplorerSearch($text: String!) { search(text: $text, limit: 8) { node { ${NODE_FIELDS} } } }`,
    variables: { text: "Helsinki-keskus" },
  },
  /** After a search that found nothing: the heads of its words, with room for the names to rank by spelling. */
  suggest: {
    query: `query ExplorerSuggest($text: String!) { search(text: $text, limit: 30) { node { ${NODE_FIELDS} } } }`,
    variables: { text: "helsi" },
  },
  neighbourhood: {
    query: `query ExplorerNeighbourhood($id: ID!, $depth: Int, $asOf: String, $undated: UndatedClaims, $types: [String!], $publisherKinds: [String!], $limit: Int) {
      neighbourhood(id: $id, depth: $depth, asOf: $asOf, undated: $undated, relationshipTypes: $types, publisherKinds: $publisherKinds, limit: $limit) {
        truncated total totalExact firstHopTypes { key count } nodes { ${NODE_FIELDS} } edges { ${EDGE_FIELDS} }
      }
    }`,
    variables: {
      id: "helsinki",
      depth: 2,
      asOf: "2020-01-01",
      undated: "INCLUDE",
      types: ["PARTNER_OF", "IN_COUNTRY"],
      publisherKinds: ["city", "organisation", "government", "media"],
      limit: 1000,
    },
  },
  path: {
    query: `query ExplorerPath($from: ID!, $to: ID!, $asOf: String, $undated: UndatedClaims) {
      shortestPath(fromId: $from, toId: $to, asOf: $asOf, undated: $undated) { nodes { ${NODE_FIELDS} } edges { ${EDGE_FIELDS} } }
    }`,
    variables: { from: "tampere", to: "brussels", asOf: null, undated: "INCLUDE" },
  },
  node: {
    query: `query ExplorerNode($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`,
    variables: { id: "echa" },
  },
  entitySources: {
    query: `
      query ExplorerEntitySources($id: ID!) {
        entities(where: { id: { eq: $id } }, limit: 1) {
          sourceIds
        }
      }
    `,
    variables: { id: "echa" },
  },
  sources: {
    query: `
      query ExplorerSources($ids: [ID!]) {
        sources(where: { id: { in: $ids } }) {
          id
          title
          publisher
          url
          published
        }
      }
    `,
    variables: { ids: ["hel-fi-international-activities-2020"] },
  },
  dashboard: {
    query: `
      query ExplorerDashboard($asOf: String, $undated: UndatedClaims) {
        graphStats {
          nodesByKind {
            key
            count
          }
          edgesByType {
            key
            count
          }
        }
        fundersPerOffice(asOf: $asOf, undated: $undated, limit: 50) {
          office {
            id
            name
          }
          funders
        }
      }
    `,
    variables: { asOf: "2020-01-01", undated: "INCLUDE" },
  },
  corroboration: {
    query: `query ExplorerCorroboration($entityId: ID!, $limit: Int) {
      corroboration(entityId: $entityId, limit: $limit) {
        total counts { class ties }
        ties { fromId fromName fromKind toId toName toKind verdict classes { class relationshipIds } claims { ${EDGE_FIELDS} } }
      }
    }`,
    variables: { entityId: "helsinki", limit: 1000 },
  },
  peers: {
    query: `query ExplorerPeers($entityIds: [ID!]!, $asOf: String) {
      peers(entityIds: $entityIds, asOf: $asOf) {
        peers { id name kind }
        sharedByAll { ...PeerConnectionFields }
        sharedBySome { ...PeerConnectionFields }
        unique { ...PeerConnectionFields }
      }
    }
    fragment PeerConnectionFields on PeerConnection {
      node { id name kind } type sharedBy links { peer { id name } since relationships { ${EDGE_FIELDS} } }
    }`,
    variables: {
      entityIds: ["helsinki", "stockholm", "copenhagen", "oslo", "tallinn", "tampere", "turku", "espoo"],
      asOf: "2020-01-01",
    },
  },
  /**
   * All of an entity's relationships for its side panel, dated or not, whatever the drawing caps: the
   * `timeline` query (either direction, with validity, status and sources), with the other end's name.
   */
  entityRelationships: {
    query: `query ExplorerEntityRelationships($entityId: ID!, $limit: Int) {
      timeline(entityId: $entityId, limit: $limit) { edge { ${EDGE_FIELDS} } other { id kind name } }
    }`,
    variables: { entityId: "helsinki", limit: 1000 },
  },
  changes: {
    query: `
      query ExplorerChanges($id: ID!) {
        changes(entityId: $id, limit: 20) { ${CHANGE_FIELDS} }
      }
    `,
    variables: { id: "helsinki" },
  },
  compare: {
    query: `query ExplorerCompare($from: String!, $to: String!, $entityId: ID, $undated: UndatedClaims) {
      compare(from: $from, to: $to, entityId: $entityId, undated: $undated) { from to started { ${EDGE_FIELDS} } ended { ${EDGE_FIELDS} } }
    }`,
    variables: { from: "2015-01-01", to: "2025-01-01", entityId: "helsinki", undated: "INCLUDE" },
  },
  timeline: {
    query: `query ExplorerTimeline($entityId: ID!) {
      timeline(entityId: $entityId, limit: 200) { edge { ${EDGE_FIELDS} } other { ${NODE_FIELDS} } }
    }`,
    variables: { entityId: "helsinki" },
  },
  centrality: {
    query: `query ExplorerCentrality($algorithm: CentralityAlgorithm!, $asOf: String, $undated: UndatedClaims, ${SCOPE_VARIABLES}) {
      centrality(algorithm: $algorithm, asOf: $asOf, undated: $undated, ${SCOPE_ARGUMENTS}, limit: 1000) { node { ${NODE_FIELDS} } score rank }
    }`,
    variables: {
      algorithm: "BETWEENNESS",
      asOf: "2020-01-01",
      undated: "INCLUDE",
      around: ["helsinki", "tampere"],
      hops: 3,
      relationshipTypes: ["PARTNER_OF", "MEMBER_OF"],
      publisherKinds: ["city", "organisation", "government", "media"],
    },
  },
  communities: {
    query: `
      query ExplorerCommunities($asOf: String, $undated: UndatedClaims, ${SCOPE_VARIABLES}) {
        communities(asOf: $asOf, undated: $undated, ${SCOPE_ARGUMENTS}) {
          id
          size
          members {
            id
            name
            kind
          }
        }
      }
    `,
    variables: {
      asOf: "2020-01-01",
      undated: "INCLUDE",
      around: ["helsinki", "tampere"],
      hops: 3,
      relationshipTypes: ["PARTNER_OF", "MEMBER_OF"],
      publisherKinds: ["city", "organisation", "government", "media"],
    },
  },
  shared: {
    query: `query ExplorerShared($aId: ID!, $bId: ID!, $asOf: String, $undated: UndatedClaims) {
      sharedConnections(aId: $aId, bId: $bId, asOf: $asOf, undated: $undated) { node { ${NODE_FIELDS} } fromA { ${EDGE_FIELDS} } fromB { ${EDGE_FIELDS} } }
    }`,
    variables: { aId: "helsinki", bId: "tampere", asOf: "2020-01-01", undated: "INCLUDE" },
  },
} as const;

/**
 * Parts of documents the explorer builds as it goes (one `activitySeries` alias per type or entity): named
 * here so their results are typed like the fixed operations' (src/web/explorer/generated/).
 */
export const EXPLORER_FRAGMENTS = {
  yearActivity: "fragment ExplorerYearActivity on YearActivity { year active }",
} as const;

export async function searchEntities(text: string, signal?: AbortSignal): Promise<GraphNode[]> {
  const data = await request<ExplorerSearchQuery, ExplorerSearchQueryVariables>(
    EXPLORER_QUERIES.search.query,
    { text },
    signal,
  );
  return data.search.map((hit) => hit.node);
}

/** Names spelled like `text` (which found nothing): "Helsinky" → Helsinki (did-you-mean.ts). */
export async function suggestEntities(text: string, signal?: AbortSignal): Promise<GraphNode[]> {
  const query = suggestionQuery(text);
  if (!query) return [];
  const data = await request<ExplorerSuggestQuery, ExplorerSuggestQueryVariables>(
    EXPLORER_QUERIES.suggest.query,
    { text: query },
    signal,
  );
  return closeNames(
    text,
    data.search.map((hit) => hit.node),
  );
}

/** How a neighbourhood is asked for: its depth, its day, and the narrowing and limit of the drawing. */
export interface NeighbourhoodOptions {
  readonly depth: number;
  readonly asOf: string | null;
  readonly undated?: Undated;
  readonly relationshipTypes?: readonly string[] | null;
  readonly publisherKinds?: readonly PublisherKind[] | null;
  readonly limit?: number;
}

/**
 * An entity's neighbourhood: what the API walks is narrowed by `relationshipTypes` and `publisherKinds` (whose
 * word), as of a day; `total` says how many entities there are beyond `limit`.
 */
export async function fetchNeighbourhood(
  id: string,
  options: NeighbourhoodOptions,
  signal?: AbortSignal,
): Promise<Subgraph> {
  const data = await request<ExplorerNeighbourhoodQuery, ExplorerNeighbourhoodQueryVariables>(
    EXPLORER_QUERIES.neighbourhood.query,
    {
      id,
      depth: options.depth,
      asOf: options.asOf,
      undated: options.undated ?? "INCLUDE",
      types: options.relationshipTypes ?? null,
      publisherKinds: options.publisherKinds ?? null,
      limit: options.limit ?? 200,
    },
    signal,
  );
  return data.neighbourhood;
}

export async function fetchShortestPath(
  fromId: string,
  toId: string,
  asOf: string | null,
  signal?: AbortSignal,
  undated: Undated = "INCLUDE",
): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] } | null> {
  const data = await request<ExplorerPathQuery, ExplorerPathQueryVariables>(
    EXPLORER_QUERIES.path.query,
    { from: fromId, to: toId, asOf, undated },
    signal,
  );
  return data.shortestPath;
}

export async function fetchNode(id: string, signal?: AbortSignal): Promise<GraphNode | null> {
  const data = await request<ExplorerNodeQuery, ExplorerNodeQueryVariables>(
    EXPLORER_QUERIES.node.query,
    { id },
    signal,
  );
  return data.node;
}

/** The sources an entity record cites (entities carry `sourceIds`; the generated API resolves them). */
export async function fetchEntitySources(id: string, signal?: AbortSignal): Promise<SourceRecord[]> {
  const data = await request<ExplorerEntitySourcesQuery, ExplorerEntitySourcesQueryVariables>(
    EXPLORER_QUERIES.entitySources.query,
    { id },
    signal,
  );
  const ids = data.entities[0]?.sourceIds ?? [];
  if (ids.length === 0) return [];
  const sources = await request<ExplorerSourcesQuery, ExplorerSourcesQueryVariables>(
    EXPLORER_QUERIES.sources.query,
    { ids },
    signal,
  );
  return sources.sources;
}

export type KeyCount = ExplorerDashboardQuery["graphStats"]["nodesByKind"][number];

export interface DashboardData {
  nodesByKind: KeyCount[];
  edgesByType: KeyCount[];
  fundersPerOffice: { id: string; name: string; funders: number }[];
}

/** Graph sizes (all dates) and funders per office, these in force as of `asOf` (null: all dates). */
export async function fetchDashboard(
  asOf: string | null = null,
  undated: Undated = "INCLUDE",
  signal?: AbortSignal,
): Promise<DashboardData> {
  const data = await request<ExplorerDashboardQuery, ExplorerDashboardQueryVariables>(
    EXPLORER_QUERIES.dashboard.query,
    { asOf, undated },
    signal,
  );
  return {
    nodesByKind: data.graphStats.nodesByKind,
    edgesByType: data.graphStats.edgesByType,
    fundersPerOffice: data.fundersPerOffice.map((entry) => ({
      id: entry.office.id,
      name: entry.office.name,
      funders: entry.funders,
    })),
  };
}

/**
 * A city's partners counted by the country they lie in, as of a date: its `PARTNER_OF` and the partners'
 * `IN_COUNTRY` relationships, two hops out (partner-count.ts says how they count).
 */
export async function fetchPartnersByCountry(
  cityId: string,
  asOf: string | null,
  signal?: AbortSignal,
  undated: Undated = "INCLUDE",
): Promise<PartnerCount> {
  const graph = await fetchNeighbourhood(
    cityId,
    { depth: 2, asOf, undated, relationshipTypes: ["PARTNER_OF", "IN_COUNTRY"], limit: 1000 },
    signal,
  );
  return countPartners(graph, cityId);
}

/** The latest recorded changes to an entity and its relationships (imports and edits). */
export async function fetchChanges(entityId: string, signal?: AbortSignal): Promise<ChangeEntry[]> {
  const data = await request<ExplorerChangesQuery, ExplorerChangesQueryVariables>(
    EXPLORER_QUERIES.changes.query,
    { id: entityId },
    signal,
  );
  return data.changes;
}

// ── Research over time ───────────────────────────────────────────────────────

/** The relationships that started and ended between two days. */
export type GraphDiff = ExplorerCompareQuery["compare"];

/** What changed between two days, for one entity's relationships. */
export async function fetchCompare(
  from: string,
  to: string,
  entityId: string | null,
  signal?: AbortSignal,
  undated: Undated = "INCLUDE",
): Promise<GraphDiff> {
  const data = await request<ExplorerCompareQuery, ExplorerCompareQueryVariables>(
    EXPLORER_QUERIES.compare.query,
    { from, to, entityId, undated },
    signal,
  );
  return data.compare;
}

export type TimelineEntry = ExplorerTimelineQuery["timeline"][number];

export async function fetchTimeline(entityId: string, signal?: AbortSignal): Promise<TimelineEntry[]> {
  const data = await request<ExplorerTimelineQuery, ExplorerTimelineQueryVariables>(
    EXPLORER_QUERIES.timeline.query,
    { entityId },
    signal,
  );
  return data.timeline;
}

/** The most relationships the side panel asks for: the `timeline` query's own maximum. */
export const RELATIONSHIPS_LIMIT = EXPLORER_QUERIES.entityRelationships.variables.limit;

export type EntityRelationship = ExplorerEntityRelationshipsQuery["timeline"][number];

/** Every relationship of an entity (up to `RELATIONSHIPS_LIMIT`), in either direction, with the other end. */
export async function fetchEntityRelationships(entityId: string, signal?: AbortSignal): Promise<EntityRelationship[]> {
  const data = await request<ExplorerEntityRelationshipsQuery, ExplorerEntityRelationshipsQueryVariables>(
    EXPLORER_QUERIES.entityRelationships.query,
    { entityId, limit: RELATIONSHIPS_LIMIT },
    signal,
  );
  return data.timeline;
}

export const CENTRALITY_MEASURES = [
  "DEGREE",
  "BETWEENNESS",
  "CLOSENESS",
  "PAGERANK",
] as const satisfies readonly CentralityAlgorithm[];
export type CentralityMeasure = (typeof CENTRALITY_MEASURES)[number];

export type NodeScore = ExplorerCentralityQuery["centrality"][number];

/**
 * What a graph algorithm runs over: the whole graph (`around` null), or the part within `hops` steps of some
 * entities; only relationships of `relationshipTypes` cited by sources of `publisherKinds` (null: all).
 */
export interface AnalysisScope {
  readonly around: readonly string[] | null;
  readonly hops: number;
  readonly relationshipTypes: readonly string[] | null;
  readonly publisherKinds: readonly string[] | null;
}

export const WHOLE_GRAPH: AnalysisScope = { around: null, hops: 2, relationshipTypes: null, publisherKinds: null };

export async function fetchCentrality(
  measure: CentralityMeasure,
  asOf: string | null,
  signal?: AbortSignal,
  undated: Undated = "INCLUDE",
  scope: AnalysisScope = WHOLE_GRAPH,
): Promise<NodeScore[]> {
  const data = await request<ExplorerCentralityQuery, ExplorerCentralityQueryVariables>(
    EXPLORER_QUERIES.centrality.query,
    { algorithm: measure, asOf, undated, ...scope },
    signal,
  );
  return data.centrality;
}

export type Community = ExplorerCommunitiesQuery["communities"][number];

export async function fetchCommunities(
  asOf: string | null,
  signal?: AbortSignal,
  undated: Undated = "INCLUDE",
  scope: AnalysisScope = WHOLE_GRAPH,
): Promise<Community[]> {
  const data = await request<ExplorerCommunitiesQuery, ExplorerCommunitiesQueryVariables>(
    EXPLORER_QUERIES.communities.query,
    { asOf, undated, ...scope },
    signal,
  );
  return data.communities;
}

export type SharedConnection = ExplorerSharedQuery["sharedConnections"][number];

export async function fetchSharedConnections(
  aId: string,
  bId: string,
  asOf: string | null,
  signal?: AbortSignal,
  undated: Undated = "INCLUDE",
): Promise<SharedConnection[]> {
  const data = await request<ExplorerSharedQuery, ExplorerSharedQueryVariables>(
    EXPLORER_QUERIES.shared.query,
    { aId, bId, asOf, undated },
    signal,
  );
  return data.sharedConnections;
}

export type YearActivity = ExplorerYearActivityFragment;

/** Relationships in force per year, one series per relationship type (one request, an alias per type). */
export async function fetchActivityByType(
  entityId: string,
  types: readonly string[],
  fromYear: number,
  toYear: number,
  undated: Undated = "INCLUDE",
  signal?: AbortSignal,
): Promise<Record<string, YearActivity[]>> {
  const fields = types
    .map(
      (type, index) =>
        `t${index}: activitySeries(fromYear: $fromYear, toYear: $toYear, entityId: $entityId, relationshipTypes: ["${type}"], undated: $undated) { ...ExplorerYearActivity }`,
    )
    .join("\n");
  const data = await request<Record<string, YearActivity[]>, Record<string, unknown>>(
    `query ExplorerActivity($entityId: ID!, $fromYear: Int!, $toYear: Int!, $undated: UndatedClaims) { ${fields} } ${EXPLORER_FRAGMENTS.yearActivity}`,
    { entityId, fromYear, toYear, undated },
    signal,
  );
  return Object.fromEntries(types.map((type, index) => [type, data[`t${index}`] ?? []]));
}

/**
 * Relationships in force per year for several entities side by side (the dashboard's peers), one series per
 * entity, of `types` (all when null), undated claims counted as `undated` says (one request, an alias each).
 */
export async function fetchActivityByEntity(
  entityIds: readonly string[],
  types: readonly string[] | null,
  fromYear: number,
  toYear: number,
  undated: Undated,
  signal?: AbortSignal,
): Promise<Record<string, YearActivity[]>> {
  const fields = entityIds
    .map(
      (_, index) =>
        `e${index}: activitySeries(fromYear: $fromYear, toYear: $toYear, entityId: $e${index}, relationshipTypes: $types, undated: $undated) { ...ExplorerYearActivity }`,
    )
    .join("\n");
  const variables = entityIds.map((_, index) => `$e${index}: ID!`).join(", ");
  const data = await request<Record<string, YearActivity[]>, Record<string, unknown>>(
    `query ExplorerPeersActivity(${variables}, $fromYear: Int!, $toYear: Int!, $types: [String!], $undated: UndatedClaims) { ${fields} } ${EXPLORER_FRAGMENTS.yearActivity}`,
    {
      ...Object.fromEntries(entityIds.map((id, index) => [`e${index}`, id])),
      fromYear,
      toYear,
      types,
      undated,
    },
    signal,
  );
  return Object.fromEntries(entityIds.map((id, index) => [id, data[`e${index}`] ?? []]));
}

// ── Whose word backs a tie, and entities side by side ───────────────────────

export const CORROBORATION_CLASSES = [
  "CONTRADICTED",
  "OUTDATED",
  "BACKED",
  "BACKED_AS_OTHER_KIND",
  "CROWD_ONLY",
  "THIRD_PARTY_ONLY",
  "OFFICIAL_ONLY",
  "DENIED",
] as const satisfies readonly CorroborationClass[];
/** The API's classes, in its verdict order (the first class a tie is in is its verdict). */
export type { CorroborationClass };
/** Every class the schema has is in the list (a class added to the API fails the type check here). */
const _everyClassListed: Exclude<CorroborationClass, (typeof CORROBORATION_CLASSES)[number]> extends never
  ? true
  : never = true;

/** How the claims about one tie stand: its verdict (the first of its classes), its classes and claims. */
export type TieCorroboration = Corroboration["ties"][number];

export type Corroboration = ExplorerCorroborationQuery["corroboration"];

/** How the claims about each of an entity's ties (`PARTNER_OF` pairs) stand, with their claims and sources. */
export async function fetchCorroboration(entityId: string, signal?: AbortSignal): Promise<Corroboration> {
  const data = await request<ExplorerCorroborationQuery, ExplorerCorroborationQueryVariables>(
    EXPLORER_QUERIES.corroboration.query,
    { entityId, limit: 1000 },
    signal,
  );
  return data.corroboration;
}

export type PeerComparison = ExplorerPeersQuery["peers"];
export type PeerNode = PeerComparison["peers"][number];
export type PeerConnection = PeerComparison["sharedByAll"][number];
/** One peer's relationships to a connection; `since` is the earliest day any of them counts from (null: none dated). */
export type PeerLink = PeerConnection["links"][number];

/** Two to eight entities side by side: what all, some or only one of them are linked to, as of a day. */
export async function fetchPeers(
  entityIds: readonly string[],
  asOf: string | null,
  signal?: AbortSignal,
): Promise<PeerComparison> {
  const data = await request<ExplorerPeersQuery, ExplorerPeersQueryVariables>(
    EXPLORER_QUERIES.peers.query,
    { entityIds, asOf },
    signal,
  );
  return data.peers;
}
