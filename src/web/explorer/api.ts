/** Every question the explorer asks the public GraphQL API, typed. */
import { graphql } from "../shared/graphql-client.js";
import { closeNames, suggestionQuery } from "./did-you-mean.js";
import { type PartnerCount, countPartners } from "./partner-count.js";
import type { Undated } from "./url-state.js";

export interface GraphNode {
  id: string;
  kind: string;
  name: string;
  description: string | null;
  names: { lang: string; value: string }[];
  aliases: string[];
  /** Where it is (cities, offices), WGS 84; null when not known. */
  location: { lat: number; lon: number } | null;
}

/** Who publishes a source: the vocabulary's publisher kinds; null where the source does not say. */
export type PublisherKind = "city" | "organisation" | "government" | "media" | "crowd";

export interface Citation {
  sourceId: string;
  title: string;
  publisher: string | null;
  /** `city`, `organisation`, `government`, `media` or `crowd` (Wikidata's editors); null when not recorded. */
  publisherKind: string | null;
  publisherId: string | null;
  /** True when the publisher is an end of the relationship (a party to it), false for a third party. */
  party: boolean;
  url: string | null;
  published: string | null;
  excerpt: string | null;
  /** Where in a dataset the fact is (`Q1757 P190 Q1085`): a dataset is cited by this, not by an excerpt. */
  locator: string | null;
}

export interface GraphEdge {
  id: string;
  type: string;
  kind: string | null;
  fromId: string;
  toId: string;
  validFrom: string | null;
  validTo: string | null;
  status: string | null;
  sources: Citation[];
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  truncated: boolean;
  /** How many entities the neighbourhood holds without the limit (the start included), counted up to 1000. */
  total: number;
  /** False when there are more than `total`. */
  totalExact: boolean;
  /** The start's own relationships by type, whatever types were asked for: how many entities each reaches. */
  firstHopTypes: { key: string; count: number }[];
}

export interface SourceRecord {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  published: string | null;
}

const NODE_FIELDS = "id kind name description names { lang value } aliases location { lat lon }";
const CITATION_FIELDS = "sourceId title publisher publisherKind publisherId party url published excerpt locator";
const EDGE_FIELDS = `id type kind fromId toId validFrom validTo status sources { ${CITATION_FIELDS} }`;

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
  changes: {
    query: `
      query ExplorerChanges($id: ID!) {
        changes(entityId: $id, limit: 20) {
          at
          actor
          origin
          operation
          itemType
          itemId
          itemKind
          fields
        }
      }
    `,
    variables: { id: "helsinki" },
  },
} as const;

export async function searchEntities(text: string, signal?: AbortSignal): Promise<GraphNode[]> {
  const data = await graphql<{ search: { node: GraphNode }[] }>(EXPLORER_QUERIES.search.query, { text }, signal);
  return data.search.map((hit) => hit.node);
}

/** Names spelled like `text` (which found nothing): "Helsinky" → Helsinki (did-you-mean.ts). */
export async function suggestEntities(text: string, signal?: AbortSignal): Promise<GraphNode[]> {
  const query = suggestionQuery(text);
  if (!query) return [];
  const data = await graphql<{ search: { node: GraphNode }[] }>(
    EXPLORER_QUERIES.suggest.query,
    { text: query },
    signal,
  );
  return closeNames(
    text,
    data.search.map((hit) => hit.node),
  );
}

/**
 * An entity's neighbourhood: what the API walks is narrowed by `relationshipTypes` and `publisherKinds` (whose
 * word), as of a day; `total` says how many entities there are beyond `limit`.
 */
export async function fetchNeighbourhood(
  id: string,
  options: {
    depth: number;
    asOf: string | null;
    undated?: Undated;
    relationshipTypes?: readonly string[] | null;
    publisherKinds?: readonly PublisherKind[] | null;
    limit?: number;
  },
  signal?: AbortSignal,
): Promise<Subgraph> {
  const data = await graphql<{ neighbourhood: Subgraph }>(
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
  const data = await graphql<{ shortestPath: { nodes: GraphNode[]; edges: GraphEdge[] } | null }>(
    EXPLORER_QUERIES.path.query,
    { from: fromId, to: toId, asOf, undated },
    signal,
  );
  return data.shortestPath;
}

export async function fetchNode(id: string, signal?: AbortSignal): Promise<GraphNode | null> {
  const data = await graphql<{ node: GraphNode | null }>(EXPLORER_QUERIES.node.query, { id }, signal);
  return data.node;
}

/** The sources an entity record cites (entities carry `sourceIds`; the generated API resolves them). */
export async function fetchEntitySources(id: string, signal?: AbortSignal): Promise<SourceRecord[]> {
  const data = await graphql<{ entities: { sourceIds: string[] }[] }>(
    EXPLORER_QUERIES.entitySources.query,
    { id },
    signal,
  );
  const ids = data.entities[0]?.sourceIds ?? [];
  if (ids.length === 0) return [];
  const sources = await graphql<{ sources: SourceRecord[] }>(EXPLORER_QUERIES.sources.query, { ids }, signal);
  return sources.sources;
}

export interface KeyCount {
  key: string;
  count: number;
}

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
  const data = await graphql<{
    graphStats: { nodesByKind: KeyCount[]; edgesByType: KeyCount[] };
    fundersPerOffice: { office: { id: string; name: string }; funders: number }[];
  }>(EXPLORER_QUERIES.dashboard.query, { asOf, undated }, signal);
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

export interface ChangeEntry {
  at: string;
  actor: string;
  origin: string;
  operation: string;
  itemType: string;
  itemId: string;
  itemKind: string | null;
  fields: string[];
}

/** The latest recorded changes to an entity and its relationships (imports and edits). */
export async function fetchChanges(entityId: string, signal?: AbortSignal): Promise<ChangeEntry[]> {
  const data = await graphql<{ changes: ChangeEntry[] }>(EXPLORER_QUERIES.changes.query, { id: entityId }, signal);
  return data.changes;
}

// ── Research over time ───────────────────────────────────────────────────────

export interface GraphDiff {
  from: string;
  to: string;
  started: GraphEdge[];
  ended: GraphEdge[];
}

/** What changed between two days, for one entity's relationships. */
export async function fetchCompare(
  from: string,
  to: string,
  entityId: string | null,
  signal?: AbortSignal,
  undated: Undated = "INCLUDE",
): Promise<GraphDiff> {
  const data = await graphql<{ compare: GraphDiff }>(
    `query ExplorerCompare($from: String!, $to: String!, $entityId: ID, $undated: UndatedClaims) {
      compare(from: $from, to: $to, entityId: $entityId, undated: $undated) { from to started { ${EDGE_FIELDS} } ended { ${EDGE_FIELDS} } }
    }`,
    { from, to, entityId, undated },
    signal,
  );
  return data.compare;
}

export interface TimelineEntry {
  edge: GraphEdge;
  other: GraphNode;
}

export async function fetchTimeline(entityId: string, signal?: AbortSignal): Promise<TimelineEntry[]> {
  const data = await graphql<{ timeline: TimelineEntry[] }>(
    `query ExplorerTimeline($entityId: ID!) {
      timeline(entityId: $entityId, limit: 200) { edge { ${EDGE_FIELDS} } other { ${NODE_FIELDS} } }
    }`,
    { entityId },
    signal,
  );
  return data.timeline;
}

export const CENTRALITY_MEASURES = ["DEGREE", "BETWEENNESS", "CLOSENESS", "PAGERANK"] as const;
export type CentralityMeasure = (typeof CENTRALITY_MEASURES)[number];

export interface NodeScore {
  node: GraphNode;
  score: number;
  rank: number;
}

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

const SCOPE_VARIABLES = "$around: [ID!], $hops: Int, $relationshipTypes: [String!], $publisherKinds: [String!]";
const SCOPE_ARGUMENTS =
  "around: $around, hops: $hops, relationshipTypes: $relationshipTypes, publisherKinds: $publisherKinds";

export async function fetchCentrality(
  measure: CentralityMeasure,
  asOf: string | null,
  signal?: AbortSignal,
  undated: Undated = "INCLUDE",
  scope: AnalysisScope = WHOLE_GRAPH,
): Promise<NodeScore[]> {
  const data = await graphql<{ centrality: NodeScore[] }>(
    `query ExplorerCentrality($algorithm: CentralityAlgorithm!, $asOf: String, $undated: UndatedClaims, ${SCOPE_VARIABLES}) {
      centrality(algorithm: $algorithm, asOf: $asOf, undated: $undated, ${SCOPE_ARGUMENTS}, limit: 1000) { node { ${NODE_FIELDS} } score rank }
    }`,
    { algorithm: measure, asOf, undated, ...scope },
    signal,
  );
  return data.centrality;
}

export interface Community {
  id: number;
  size: number;
  /** The members (at most 500), the entities asked about first. */
  members: { id: string; name: string; kind: string }[];
}

export async function fetchCommunities(
  asOf: string | null,
  signal?: AbortSignal,
  undated: Undated = "INCLUDE",
  scope: AnalysisScope = WHOLE_GRAPH,
): Promise<Community[]> {
  const data = await graphql<{ communities: Community[] }>(
    `
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
    { asOf, undated, ...scope },
    signal,
  );
  return data.communities;
}

export interface SharedConnection {
  node: GraphNode;
  fromA: GraphEdge;
  fromB: GraphEdge;
}

export async function fetchSharedConnections(
  aId: string,
  bId: string,
  asOf: string | null,
  signal?: AbortSignal,
  undated: Undated = "INCLUDE",
): Promise<SharedConnection[]> {
  const data = await graphql<{ sharedConnections: SharedConnection[] }>(
    `query ExplorerShared($aId: ID!, $bId: ID!, $asOf: String, $undated: UndatedClaims) {
      sharedConnections(aId: $aId, bId: $bId, asOf: $asOf, undated: $undated) { node { ${NODE_FIELDS} } fromA { ${EDGE_FIELDS} } fromB { ${EDGE_FIELDS} } }
    }`,
    { aId, bId, asOf, undated },
    signal,
  );
  return data.sharedConnections;
}

export interface YearActivity {
  year: number;
  active: number;
}

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
        `t${index}: activitySeries(fromYear: $fromYear, toYear: $toYear, entityId: $entityId, relationshipTypes: ["${type}"], undated: $undated) { year active }`,
    )
    .join("\n");
  const data = await graphql<Record<string, YearActivity[]>>(
    `query ExplorerActivity($entityId: ID!, $fromYear: Int!, $toYear: Int!, $undated: UndatedClaims) { ${fields} }`,
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
        `e${index}: activitySeries(fromYear: $fromYear, toYear: $toYear, entityId: $e${index}, relationshipTypes: $types, undated: $undated) { year active }`,
    )
    .join("\n");
  const variables = entityIds.map((_, index) => `$e${index}: ID!`).join(", ");
  const data = await graphql<Record<string, YearActivity[]>>(
    `query ExplorerPeersActivity(${variables}, $fromYear: Int!, $toYear: Int!, $types: [String!], $undated: UndatedClaims) { ${fields} }`,
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
] as const;
/** The API's classes, in its verdict order (the first class a tie is in is its verdict). */
export type CorroborationClass = (typeof CORROBORATION_CLASSES)[number];

export interface TieCorroboration {
  fromId: string;
  fromName: string;
  fromKind: string;
  toId: string;
  toName: string;
  toKind: string;
  verdict: CorroborationClass;
  classes: { class: CorroborationClass; relationshipIds: string[] }[];
  claims: GraphEdge[];
}

export interface Corroboration {
  total: number;
  counts: { class: CorroborationClass; ties: number }[];
  ties: TieCorroboration[];
}

/** How the claims about each of an entity's ties (`PARTNER_OF` pairs) stand, with their claims and sources. */
export async function fetchCorroboration(entityId: string, signal?: AbortSignal): Promise<Corroboration> {
  const data = await graphql<{ corroboration: Corroboration }>(
    EXPLORER_QUERIES.corroboration.query,
    { entityId, limit: 1000 },
    signal,
  );
  return data.corroboration;
}

export interface PeerNode {
  id: string;
  name: string;
  kind: string;
}

export interface PeerLink {
  peer: { id: string; name: string };
  /** The earliest day any of the relationships counts from; null when none is dated. */
  since: string | null;
  relationships: GraphEdge[];
}

export interface PeerConnection {
  node: PeerNode;
  type: string;
  sharedBy: number;
  links: PeerLink[];
}

export interface PeerComparison {
  peers: PeerNode[];
  sharedByAll: PeerConnection[];
  sharedBySome: PeerConnection[];
  unique: PeerConnection[];
}

/** Two to eight entities side by side: what all, some or only one of them are linked to, as of a day. */
export async function fetchPeers(
  entityIds: readonly string[],
  asOf: string | null,
  signal?: AbortSignal,
): Promise<PeerComparison> {
  const data = await graphql<{ peers: PeerComparison }>(EXPLORER_QUERIES.peers.query, { entityIds, asOf }, signal);
  return data.peers;
}
