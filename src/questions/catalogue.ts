/**
 * The saved questions: the explorer dashboard's charts, the research questions of docs/research.md, and
 * the comparisons and corroboration — each a reviewed operation with its parameters and its table. Every
 * document here passes the query limits with its largest parameters (test/unit/questions.test.ts) and
 * selects no personal field (Person email and phone), so anonymous callers get whole answers.
 *
 * A document's text is its persisted id's source (`sha256`): change one and its hash changes, which is what a
 * client that pinned the old hash should see. The dashboard's own documents are in src/web/explorer/api.ts;
 * the questions ask the same fields with the same arguments, and a test compares their numbers.
 */
import { ENTITY_KINDS, RELATIONSHIP_TYPES } from "../graph-data/index.js";
import { NO_COUNTRY, countPartners } from "../graph-data/partner-count.js";
import {
  type Cell,
  type ParameterValue,
  type QuestionCitation,
  type QuestionParameter,
  type QuestionRow,
  type SavedQuestion,
  defineQuestion,
} from "./question.js";
import { SOURCE_CELLS } from "./table.js";

const CITATION_FIELDS = "sourceId title publisher publisherKind party published url excerpt locator";
const EDGE_FIELDS = `id type kind fromId toId validFrom validTo status sources { ${CITATION_FIELDS} }`;

/** A relationship as the questions ask for it (the API's GraphEdge). */
interface Edge {
  readonly id: string;
  readonly type: string;
  readonly kind: string | null;
  readonly fromId: string;
  readonly toId: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly status: string | null;
  readonly sources: readonly QuestionCitation[];
}

interface NodeRef {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
}

/** The columns of one relationship, in order (the sources' cells come last, see table.ts). */
const EDGE_COLUMNS = ["relationshipId", "type", "kind", "fromId", "toId", "validFrom", "validTo", "status"] as const;

function edgeCells(edge: Edge): Record<(typeof EDGE_COLUMNS)[number], Cell> {
  return {
    relationshipId: edge.id,
    type: edge.type,
    kind: edge.kind,
    fromId: edge.fromId,
    toId: edge.toId,
    validFrom: edge.validFrom,
    validTo: edge.validTo,
    status: edge.status,
  };
}

function edgeRow(cells: Record<string, Cell>, ...edges: Edge[]): QuestionRow {
  return { cells, relationships: edges.map((edge) => ({ id: edge.id, sources: edge.sources })) };
}

// ── Parameters shared by several questions ────────────────────────────────────

const entity = (fallback: string, description = "The entity (its id, e.g. helsinki, tampere)."): QuestionParameter => ({
  name: "entity",
  type: { kind: "entity" },
  description,
  default: fallback,
});
const asOf: QuestionParameter = {
  name: "asOf",
  type: { kind: "date" },
  description: "Count only relationships valid on this day; all dates when empty.",
  default: null,
};
const undated: QuestionParameter = {
  name: "undated",
  type: { kind: "undated" },
  description:
    "Relationships without a start date: INCLUDE (they hold), EXCLUDE, or ATTESTED (from their earliest source's date).",
  default: "INCLUDE",
};
/** The dashboard's years: from the earliest dated fact in the curated graph to this year. */
const fromYear: QuestionParameter = {
  name: "fromYear",
  type: { kind: "year" },
  description: "The first year.",
  default: 1990,
};
const toYear: QuestionParameter = {
  name: "toYear",
  type: { kind: "year" },
  description: "The last year (at most 200 after fromYear); this year when empty.",
  default: () => new Date().getUTCFullYear(),
};
const types: QuestionParameter = {
  name: "types",
  type: { kind: "types" },
  description: "Only relationships of these types (comma-separated, e.g. MEMBER_OF,PARTNER_OF); all when empty.",
  default: null,
};

const text = (value: ParameterValue) => value as string | null;

// ── Year series ───────────────────────────────────────────────────────────────

interface YearActivity {
  readonly year: number;
  readonly active: number;
  readonly started: number;
  readonly ended: number;
  readonly undatedExcluded: number;
}
const YEAR_FIELDS = "year active started ended undatedExcluded";
const YEAR_COLUMNS = ["year", "active", "started", "ended", "undatedExcluded"];
const yearRow = (year: YearActivity): QuestionRow => ({ cells: { ...year } });

const activityPerYear = defineQuestion<{ activitySeries: YearActivity[] }>({
  name: "activity-per-year",
  title: "Relationships in force per year",
  description:
    "An entity's relationships in force on 1 July of each year, and those that started and ended in the year (suspended periods and steps before a membership do not count).",
  document: `query QuestionActivityPerYear($entityId: ID!, $fromYear: Int!, $toYear: Int!, $types: [String!], $undated: UndatedClaims) {
  activitySeries(entityId: $entityId, fromYear: $fromYear, toYear: $toYear, relationshipTypes: $types, undated: $undated) { ${YEAR_FIELDS} }
}`,
  operationName: "QuestionActivityPerYear",
  parameters: [entity("helsinki"), types, fromYear, toYear, undated],
  variables: (v) => ({
    entityId: v.entity,
    fromYear: v.fromYear,
    toYear: v.toYear,
    types: v.types,
    undated: v.undated,
  }),
  columns: YEAR_COLUMNS,
  relationships: false,
  rows: (data) => data.activitySeries.map(yearRow),
});

const membershipsPerYear = defineQuestion<{ activitySeries: YearActivity[] }>({
  name: "memberships-per-year",
  title: "Memberships per year",
  description:
    "An entity's memberships (MEMBER_OF) in force on 1 July of each year, and those that started and ended in it.",
  document: `query QuestionMembershipsPerYear($entityId: ID!, $fromYear: Int!, $toYear: Int!, $undated: UndatedClaims) {
  activitySeries(entityId: $entityId, fromYear: $fromYear, toYear: $toYear, relationshipTypes: ["MEMBER_OF"], undated: $undated) { ${YEAR_FIELDS} }
}`,
  operationName: "QuestionMembershipsPerYear",
  parameters: [entity("helsinki"), fromYear, toYear, undated],
  variables: (v) => ({ entityId: v.entity, fromYear: v.fromYear, toYear: v.toYear, undated: v.undated }),
  columns: YEAR_COLUMNS,
  relationships: false,
  rows: (data) => data.activitySeries.map(yearRow),
});

/** The dashboard's stacked chart: one series per relationship type, one alias per type, as the explorer asks. */
const activityByType = defineQuestion<Record<string, YearActivity[]>>({
  name: "activity-by-type",
  title: "Relationships in force per year, by type",
  description:
    "The dashboard's activity chart: an entity's relationships in force on 1 July of each year, one row per year and relationship type.",
  document: `query QuestionActivityByType($entityId: ID!, $fromYear: Int!, $toYear: Int!, $undated: UndatedClaims) {
${RELATIONSHIP_TYPES.map(
  (type, index) =>
    `  t${index}: activitySeries(entityId: $entityId, fromYear: $fromYear, toYear: $toYear, relationshipTypes: ["${type}"], undated: $undated) { ${YEAR_FIELDS} }`,
).join("\n")}
}`,
  operationName: "QuestionActivityByType",
  parameters: [entity("helsinki"), fromYear, toYear, undated],
  variables: (v) => ({ entityId: v.entity, fromYear: v.fromYear, toYear: v.toYear, undated: v.undated }),
  columns: ["year", "type", "active", "started", "ended", "undatedExcluded"],
  relationships: false,
  rows: (data) => {
    const rows: QuestionRow[] = [];
    const series = RELATIONSHIP_TYPES.map((type, index) => ({ type, years: data[`t${index}`] ?? [] }));
    const years = [...new Set(series.flatMap(({ years }) => years.map((year) => year.year)))].sort((a, b) => a - b);
    for (const year of years) {
      for (const { type, years: list } of series) {
        const found = list.find((entry) => entry.year === year);
        if (found) rows.push({ cells: { ...found, type } });
      }
    }
    return rows;
  },
});

// ── The dashboard's counts ────────────────────────────────────────────────────

interface KeyCount {
  readonly key: string;
  readonly count: number;
}

const entitiesByKind = defineQuestion<{ graphStats: { nodesByKind: KeyCount[] } }>({
  name: "entities-by-kind",
  title: "Entities by kind",
  description:
    "How many entities of each kind the graph holds, largest first (sources are not entities and are left out).",
  document: `query QuestionEntitiesByKind { graphStats { nodesByKind { key count } } }`,
  operationName: "QuestionEntitiesByKind",
  parameters: [],
  variables: () => ({}),
  columns: ["kind", "count"],
  relationships: false,
  rows: (data) =>
    data.graphStats.nodesByKind
      .filter((row) => row.key !== "Source")
      .map((row) => ({ cells: { kind: row.key, count: row.count } })),
});

const relationshipsByType = defineQuestion<{ graphStats: { edgesByType: KeyCount[] } }>({
  name: "relationships-by-type",
  title: "Relationships by type",
  description:
    "How many relationships of each type the graph holds (all dates), largest first; types with none left out.",
  document: `query QuestionRelationshipsByType { graphStats { edgesByType { key count } } }`,
  operationName: "QuestionRelationshipsByType",
  parameters: [],
  variables: () => ({}),
  columns: ["type", "count"],
  relationships: false,
  rows: (data) =>
    data.graphStats.edgesByType
      .filter((row) => row.count > 0)
      .map((row) => ({ cells: { type: row.key, count: row.count } })),
});

const fundersPerOffice = defineQuestion<{
  fundersPerOffice: { office: { id: string; name: string }; funders: number; partners: number }[];
}>({
  name: "funders-per-office",
  title: "Funders per office",
  description:
    "Offices by name, each with how many fund it (FUNDS) and how many run it jointly (PARTNER_IN), counting relationships valid on asOf.",
  document: `query QuestionFundersPerOffice($asOf: String, $undated: UndatedClaims, $limit: Int, $offset: Int) {
  fundersPerOffice(asOf: $asOf, undated: $undated, limit: $limit, offset: $offset) { office { id name } funders partners }
}`,
  operationName: "QuestionFundersPerOffice",
  parameters: [
    asOf,
    undated,
    { name: "limit", type: { kind: "int", min: 1, max: 1000 }, description: "At most this many offices.", default: 50 },
    { name: "offset", type: { kind: "int", min: 0, max: 100_000 }, description: "Skip this many first.", default: 0 },
  ],
  variables: (v) => ({ asOf: v.asOf, undated: v.undated, limit: v.limit, offset: v.offset }),
  columns: ["officeId", "officeName", "funders", "partners"],
  relationships: false,
  rows: (data) =>
    data.fundersPerOffice.map((row) => ({
      cells: { officeId: row.office.id, officeName: row.office.name, funders: row.funders, partners: row.partners },
    })),
});

/** The dashboard's partners chart: the same neighbourhood the explorer asks for, counted the same way. */
const partnersByCountry = defineQuestion<{
  neighbourhood: {
    nodes: { id: string; kind: string; name: string }[];
    edges: { type: string; fromId: string; toId: string; status: string | null }[];
  };
}>({
  name: "partners-by-country",
  title: "Partner cities by country",
  description:
    "A city's partner cities in force (PARTNER_OF), each counted once however many relationships tie them, by the country it is in (IN_COUNTRY); an empty country for partners whose country is not recorded.",
  document: `query QuestionPartnersByCountry($entityId: ID!, $asOf: String, $undated: UndatedClaims) {
  neighbourhood(id: $entityId, depth: 2, asOf: $asOf, undated: $undated, relationshipTypes: ["PARTNER_OF", "IN_COUNTRY"], limit: 1000) {
    nodes { id kind name } edges { type fromId toId status }
  }
}`,
  operationName: "QuestionPartnersByCountry",
  parameters: [entity("helsinki", "The city (its id, e.g. helsinki, tampere)."), asOf, undated],
  variables: (v) => ({ entityId: v.entity, asOf: v.asOf, undated: v.undated }),
  columns: ["country", "partners"],
  relationships: false,
  rows: (data, v) =>
    countPartners(data.neighbourhood, String(v.entity)).byCountry.map((row) => ({
      cells: { country: row.key === NO_COUNTRY ? "" : row.key, partners: row.count },
    })),
});

// ── Research over time ───────────────────────────────────────────────────────

const timeline = defineQuestion<{ timeline: { edge: Edge; other: NodeRef }[] }>({
  name: "timeline",
  title: "An entity's relationships over time",
  description:
    "Every relationship of an entity (either direction) with its validity, status and sources, by start date (undated starts last).",
  document: `query QuestionTimeline($entityId: ID!, $types: [String!], $limit: Int) {
  timeline(entityId: $entityId, relationshipTypes: $types, limit: $limit) { edge { ${EDGE_FIELDS} } other { id name kind } }
}`,
  operationName: "QuestionTimeline",
  parameters: [
    entity("helsinki"),
    types,
    { name: "limit", type: { kind: "int", min: 1, max: 1000 }, description: "At most this many.", default: 1000 },
  ],
  variables: (v) => ({ entityId: v.entity, types: v.types, limit: v.limit }),
  columns: [...EDGE_COLUMNS, "otherId", "otherName", "otherKind", ...SOURCE_CELLS],
  relationships: true,
  rows: (data) =>
    data.timeline.map(({ edge, other }) =>
      edgeRow({ ...edgeCells(edge), otherId: other.id, otherName: other.name, otherKind: other.kind }, edge),
    ),
});

const changes = defineQuestion<{ compare: { started: Edge[]; ended: Edge[] } }>({
  name: "changes",
  title: "What changed between two days",
  description:
    "An entity's relationships that started (valid on `to`, not on `from`) and ended (the reverse) between two days, with their sources.",
  document: `query QuestionChanges($from: String!, $to: String!, $entityId: ID, $types: [String!], $undated: UndatedClaims) {
  compare(from: $from, to: $to, entityId: $entityId, relationshipTypes: $types, undated: $undated) {
    started { ${EDGE_FIELDS} } ended { ${EDGE_FIELDS} }
  }
}`,
  operationName: "QuestionChanges",
  parameters: [
    { name: "from", type: { kind: "date" }, description: "The earlier day.", default: "2021-06-01" },
    { name: "to", type: { kind: "date" }, description: "The later day.", default: "2023-01-01" },
    entity("helsinki", "Only this entity's relationships."),
    types,
    undated,
  ],
  variables: (v) => ({ from: v.from, to: v.to, entityId: v.entity, types: v.types, undated: v.undated }),
  columns: ["change", ...EDGE_COLUMNS, ...SOURCE_CELLS],
  relationships: true,
  rows: (data) => [
    ...data.compare.started.map((edge) => edgeRow({ change: "started", ...edgeCells(edge) }, edge)),
    ...data.compare.ended.map((edge) => edgeRow({ change: "ended", ...edgeCells(edge) }, edge)),
  ],
});

const sharedConnections = defineQuestion<{ sharedConnections: { node: NodeRef; fromA: Edge; fromB: Edge }[] }>({
  name: "shared-connections",
  title: "What two entities share",
  description:
    "Entities both are linked to, one row per pair of relationships (A's and B's), by the shared entity's name.",
  document: `query QuestionSharedConnections($aId: ID!, $bId: ID!, $asOf: String, $undated: UndatedClaims) {
  sharedConnections(aId: $aId, bId: $bId, asOf: $asOf, undated: $undated) {
    node { id name kind } fromA { ${EDGE_FIELDS} } fromB { ${EDGE_FIELDS} }
  }
}`,
  operationName: "QuestionSharedConnections",
  parameters: [
    { name: "a", type: { kind: "entity" }, description: "One entity.", default: "helsinki" },
    { name: "b", type: { kind: "entity" }, description: "The other.", default: "tampere" },
    asOf,
    undated,
  ],
  variables: (v) => ({ aId: v.a, bId: v.b, asOf: v.asOf, undated: v.undated }),
  columns: [
    "sharedId",
    "sharedName",
    "sharedKind",
    "aRelationshipId",
    "aType",
    "aValidFrom",
    "aValidTo",
    "bRelationshipId",
    "bType",
    "bValidFrom",
    "bValidTo",
    ...SOURCE_CELLS,
  ],
  relationships: true,
  rows: (data) =>
    data.sharedConnections.map(({ node, fromA, fromB }) =>
      edgeRow(
        {
          sharedId: node.id,
          sharedName: node.name,
          sharedKind: node.kind,
          aRelationshipId: fromA.id,
          aType: fromA.type,
          aValidFrom: fromA.validFrom,
          aValidTo: fromA.validTo,
          bRelationshipId: fromB.id,
          bType: fromB.type,
          bValidFrom: fromB.validFrom,
          bValidTo: fromB.validTo,
        },
        fromA,
        fromB,
      ),
    ),
});

interface PeerConnection {
  readonly node: NodeRef;
  readonly type: string;
  readonly sharedBy: number;
  readonly links: { peer: { id: string; name: string }; since: string | null; relationships: Edge[] }[];
}

const peers = defineQuestion<{
  peers: { sharedByAll: PeerConnection[]; sharedBySome: PeerConnection[]; unique: PeerConnection[] };
}>({
  name: "peers",
  title: "Entities side by side",
  description:
    "What two to eight entities are linked to: shared by all, by some, or by only one; one row per connection and compared entity.",
  document: `query QuestionPeers($entityIds: [ID!]!, $asOf: String, $types: [String!], $undated: UndatedClaims) {
  peers(entityIds: $entityIds, asOf: $asOf, relationshipTypes: $types, undated: $undated) {
    sharedByAll { ...QuestionPeerConnection } sharedBySome { ...QuestionPeerConnection } unique { ...QuestionPeerConnection }
  }
}
fragment QuestionPeerConnection on PeerConnection {
  node { id name kind } type sharedBy links { peer { id name } since relationships { ${EDGE_FIELDS} } }
}`,
  operationName: "QuestionPeers",
  parameters: [
    {
      name: "entities",
      type: { kind: "entities", min: 2, max: 8 },
      description: "The entities to compare (2–8 ids, comma-separated).",
      default: ["helsinki", "stockholm", "copenhagen", "oslo", "tallinn", "tampere", "turku", "espoo"],
    },
    asOf,
    { ...types, description: "Compare on these relationship types; the API's default list when empty." },
    undated,
  ],
  variables: (v) => ({ entityIds: v.entities, asOf: v.asOf, types: v.types, undated: v.undated }),
  columns: [
    "group",
    "connectionId",
    "connectionName",
    "connectionKind",
    "type",
    "sharedBy",
    "peerId",
    "peerName",
    "since",
    "relationshipIds",
    ...SOURCE_CELLS,
  ],
  relationships: true,
  rows: (data) =>
    (["sharedByAll", "sharedBySome", "unique"] as const).flatMap((group) =>
      data.peers[group].flatMap((connection) =>
        connection.links.map((link) =>
          edgeRow(
            {
              group,
              connectionId: connection.node.id,
              connectionName: connection.node.name,
              connectionKind: connection.node.kind,
              type: connection.type,
              sharedBy: connection.sharedBy,
              peerId: link.peer.id,
              peerName: link.peer.name,
              since: link.since,
              relationshipIds: link.relationships.map((edge) => edge.id).join("|"),
            },
            ...link.relationships,
          ),
        ),
      ),
    ),
});

interface TieCorroboration {
  readonly fromId: string;
  readonly fromName: string;
  readonly toId: string;
  readonly toName: string;
  readonly verdict: string;
  readonly classes: { class: string; relationshipIds: string[] }[];
  readonly claims: Edge[];
}

const corroboration = defineQuestion<{ corroboration: { ties: TieCorroboration[] } }>({
  name: "corroboration",
  title: "Whose word backs each tie",
  description:
    "How the claims about an entity's ties (PARTNER_OF, any direction) stand: one row per claim, with its tie's verdict, the classes the claim puts the tie in, and its sources.",
  document: `query QuestionCorroboration($entityId: ID!, $limit: Int) {
  corroboration(entityId: $entityId, limit: $limit) {
    ties { fromId fromName toId toName verdict classes { class relationshipIds } claims { ${EDGE_FIELDS} } }
  }
}`,
  operationName: "QuestionCorroboration",
  parameters: [
    entity("helsinki"),
    { name: "limit", type: { kind: "int", min: 1, max: 1000 }, description: "At most this many ties.", default: 1000 },
  ],
  variables: (v) => ({ entityId: v.entity, limit: v.limit }),
  columns: [
    "tieFromId",
    "tieFromName",
    "tieToId",
    "tieToName",
    "verdict",
    "claimClasses",
    ...EDGE_COLUMNS,
    ...SOURCE_CELLS,
  ],
  relationships: true,
  rows: (data) =>
    data.corroboration.ties.flatMap((tie) =>
      tie.claims.map((claim) =>
        edgeRow(
          {
            tieFromId: tie.fromId,
            tieFromName: tie.fromName,
            tieToId: tie.toId,
            tieToName: tie.toName,
            verdict: tie.verdict,
            claimClasses: tie.classes
              .filter((finding) => finding.relationshipIds.includes(claim.id))
              .map((finding) => finding.class)
              .join("|"),
            ...edgeCells(claim),
          },
          claim,
        ),
      ),
    ),
});

const brokers = defineQuestion<{
  centrality: { rank: number; score: number; node: NodeRef }[];
}>({
  name: "brokers",
  title: "The most central entities",
  description:
    "Entities ranked by a centrality measure (Neo4j Graph Data Science) as of a day, optionally only some kinds; needs GDS on the server.",
  document: `query QuestionBrokers($algorithm: CentralityAlgorithm!, $asOf: String, $undated: UndatedClaims, $kinds: [String!], $types: [String!], $limit: Int) {
  centrality(algorithm: $algorithm, asOf: $asOf, undated: $undated, kinds: $kinds, relationshipTypes: $types, limit: $limit) {
    rank score node { id name kind }
  }
}`,
  operationName: "QuestionBrokers",
  parameters: [
    {
      name: "algorithm",
      type: { kind: "choice", values: ["BETWEENNESS", "DEGREE", "PAGERANK", "CLOSENESS"] },
      description: "The measure.",
      default: "BETWEENNESS",
    },
    asOf,
    undated,
    {
      name: "kinds",
      type: { kind: "choice", values: ENTITY_KINDS },
      description: "Rank only entities of this kind; all when empty.",
      default: null,
    },
    types,
    { name: "limit", type: { kind: "int", min: 1, max: 1000 }, description: "At most this many.", default: 20 },
  ],
  variables: (v) => ({
    algorithm: v.algorithm,
    asOf: v.asOf,
    undated: v.undated,
    kinds: v.kinds === null || v.kinds === undefined ? null : [text(v.kinds)],
    types: v.types,
    limit: v.limit,
  }),
  columns: ["rank", "id", "name", "kind", "score"],
  relationships: false,
  rows: (data) =>
    data.centrality.map((row) => ({
      cells: { rank: row.rank, id: row.node.id, name: row.node.name, kind: row.node.kind, score: row.score },
    })),
});

/** Every saved question, in the order the index lists them. */
export const SAVED_QUESTIONS: readonly SavedQuestion[] = [
  entitiesByKind,
  relationshipsByType,
  fundersPerOffice,
  partnersByCountry,
  activityByType,
  activityPerYear,
  membershipsPerYear,
  timeline,
  changes,
  sharedConnections,
  peers,
  corroboration,
  brokers,
];

/** A saved question by its name. */
export function savedQuestion(name: string): SavedQuestion | undefined {
  return SAVED_QUESTIONS.find((question) => question.name === name);
}
