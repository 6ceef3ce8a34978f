/**
 * What editing asks of the API: the write mutations of the one write path (`upsertRecords`,
 * `endRelationship`, `revertChange`, each first with `dryRun: true` for the inline checks and the preview),
 * a stored record in the import format (`recordAsOf`), sources to cite, and the history (`changes`,
 * `deletedRecords`). Writes carry the signed-in user's token; reads do not.
 */
import { graphql } from "../shared/graphql-client.js";
import { request } from "./api-request.js";
import type {
  ExplorerDeletedQuery,
  ExplorerDeletedQueryVariables,
  ExplorerEndMutation,
  ExplorerFindSourcesQuery,
  ExplorerFindSourcesQueryVariables,
  ExplorerRecentChangesQuery,
  ExplorerRecentChangesQueryVariables,
  ExplorerRecordQuery,
  ExplorerRecordQueryVariables,
  ExplorerRevertMutation,
  ExplorerRevertMutationVariables,
  ExplorerUpsertMutation,
  WriteMode,
} from "./generated/operations.js";

/**
 * What a write did or would do: counts per list, and each item's change (`removed`: fields that held data and
 * the write removes). The same for `upsertRecords`, `endRelationship` and `revertChange` (one selection, REPORT).
 */
export type WriteReport = ExplorerUpsertMutation["upsertRecords"];
export type WriteCounts = WriteReport["sources"];
export type WriteItem = WriteReport["items"][number];

/**
 * How a record written again meets the stored one: `PATCH` (fields left out are kept, null clears one) when an
 * edit sends what changed, `REPLACE` (the record as given is the whole record) when a form states a new record.
 */
export type { WriteMode };

/** A record in the import format (what the mutations take and the history holds). */
export type RawRecord = Record<string, unknown>;

/** One recorded change (an import's, an edit's or a revert's), with the record before and after as JSON. */
export type ChangeEntry = ExplorerRecentChangesQuery["changes"][number];

export type SourceSummary = ExplorerFindSourcesQuery["sources"][number];

const COUNTS = "{ new changed unchanged corroborated conflicts deleted }";
const REPORT = `{ writeId dryRun sources ${COUNTS} entities ${COUNTS} relationships ${COUNTS} items { item id change fields removed conflict } truncated }`;
/** What the history shows of a change (the explorer asks every list of changes for these). */
export const CHANGE_FIELDS =
  "id writeId reverts at actor origin operation itemType itemId itemKind fromId toId fields before after";

/** Who the API takes the signed-in user to be (asked once after sign-in, with the access token). */
export const VIEWER_QUERY = "query ExplorerViewer { viewer { sub roles } }";

/** Every operation editing sends, with example variables: the server's limits are tested to let each through. */
export const EDIT_QUERIES = {
  upsert: {
    query: `mutation ExplorerUpsert($sources: [SourceInput!], $entities: [EntityInput!], $relationships: [RelationshipInput!], $dryRun: Boolean!, $mode: WriteMode!) {
      upsertRecords(sources: $sources, entities: $entities, relationships: $relationships, dryRun: $dryRun, mode: $mode) ${REPORT}
    }`,
    variables: {
      sources: [{ id: "example-report", title: "Example report" }],
      entities: [],
      relationships: [
        {
          type: "PARTNER_OF",
          from: "helsinki",
          to: "tampere",
          citations: [{ source: "example-report", excerpt: "partners" }],
        },
      ],
      dryRun: true,
      mode: "REPLACE",
    },
  },
  end: {
    query: `mutation ExplorerEnd($id: ID!, $date: String!, $status: String!, $citation: CitationInput!, $sources: [SourceInput!], $dryRun: Boolean!) {
      endRelationship(id: $id, date: $date, status: $status, citation: $citation, sources: $sources, dryRun: $dryRun) ${REPORT}
    }`,
    variables: {
      id: "helsinki--PARTNER_OF--moscow",
      date: "2022-03",
      status: "suspended",
      citation: { source: "example-report", excerpt: "suspended" },
      sources: [{ id: "example-report", title: "Example report" }],
      dryRun: true,
    },
  },
  revert: {
    query: `mutation ExplorerRevert($id: ID!, $dryRun: Boolean!) { revertChange(id: $id, dryRun: $dryRun) ${REPORT} }`,
    variables: { id: "a-write-id", dryRun: true },
  },
  record: {
    query:
      "query ExplorerRecord($id: ID!, $date: String!) { recordAsOf(id: $id, date: $date) { existed itemType properties } }",
    variables: { id: "helsinki", date: "2026-01-01" },
  },
  sources: {
    query: `query ExplorerFindSources($text: String!, $capitalised: String!, $id: ID!) {
      sources(
        where: { OR: [{ title: { contains: $text } }, { title: { contains: $capitalised } }, { id: { contains: $id } }, { publisher: { contains: $text } }, { publisher: { contains: $capitalised } }] }
        sort: [{ title: ASC }]
        limit: 10
      ) {
        id title publisher published url
      }
    }`,
    variables: { text: "helsinki", capitalised: "Helsinki", id: "helsinki" },
  },
  recentChanges: {
    query: `query ExplorerRecentChanges($entityId: ID, $limit: Int) { changes(entityId: $entityId, limit: $limit) { ${CHANGE_FIELDS} } }`,
    variables: { entityId: null, limit: 200 },
  },
  deleted: {
    query: `query ExplorerDeleted($entityId: ID) { deletedRecords(entityId: $entityId, limit: 100) { ${CHANGE_FIELDS} } }`,
    variables: { entityId: null },
  },
  claims: {
    query: `query ExplorerClaims($entityId: ID!, $types: [String!]) {
      timeline(entityId: $entityId, relationshipTypes: $types, limit: 1000) {
        edge { id type kind fromId toId validFrom validTo status sources { sourceId title publisher publisherKind publisherId party url published excerpt locator } }
      }
    }`,
    variables: { entityId: "beijing", types: ["PARTNER_OF"] },
  },
} as const;

export interface UpsertInput {
  sources?: RawRecord[];
  entities?: RawRecord[];
  relationships?: RawRecord[];
}

export async function upsertRecords(
  input: UpsertInput,
  mode: WriteMode,
  dryRun: boolean,
  token: string,
  signal?: AbortSignal,
): Promise<WriteReport> {
  // The records are in the import format, checked by the API (RawRecord), so the variables go untyped.
  const data = await graphql<ExplorerUpsertMutation>(
    EDIT_QUERIES.upsert.query,
    {
      sources: input.sources ?? [],
      entities: input.entities ?? [],
      relationships: input.relationships ?? [],
      dryRun,
      mode,
    },
    { token, signal },
  );
  return data.upsertRecords;
}

export interface EndInput {
  id: string;
  date: string;
  status: "ended" | "suspended";
  citation: { source: string; excerpt: string };
  sources: RawRecord[];
}

export async function endRelationship(
  input: EndInput,
  dryRun: boolean,
  token: string,
  signal?: AbortSignal,
): Promise<WriteReport> {
  const data = await graphql<ExplorerEndMutation>(EDIT_QUERIES.end.query, { ...input, dryRun }, { token, signal });
  return data.endRelationship;
}

export async function revertChange(id: string, dryRun: boolean, token: string): Promise<WriteReport> {
  const data = await request<ExplorerRevertMutation, ExplorerRevertMutationVariables>(
    EDIT_QUERIES.revert.query,
    { id, dryRun },
    { token },
  );
  return data.revertChange;
}

/** A stored record in the import format, as of now (null when there is none). */
export async function fetchRecord(id: string, signal?: AbortSignal): Promise<RawRecord | null> {
  const today = new Date().toISOString().slice(0, 10);
  const data = await request<ExplorerRecordQuery, ExplorerRecordQueryVariables>(
    EDIT_QUERIES.record.query,
    { id, date: today },
    signal,
  );
  return data.recordAsOf.existed && data.recordAsOf.properties
    ? (JSON.parse(data.recordAsOf.properties) as RawRecord)
    : null;
}

export async function findSources(text: string, signal?: AbortSignal): Promise<SourceSummary[]> {
  const data = await request<ExplorerFindSourcesQuery, ExplorerFindSourcesQueryVariables>(
    EDIT_QUERIES.sources.query,
    // `contains` is case-sensitive in the generated API: the text as typed, capitalised, and as an id.
    { text, capitalised: `${text.charAt(0).toUpperCase()}${text.slice(1)}`, id: text.toLowerCase() },
    signal,
  );
  return data.sources;
}

export async function fetchRecentChanges(entityId: string | null, signal?: AbortSignal): Promise<ChangeEntry[]> {
  const data = await request<ExplorerRecentChangesQuery, ExplorerRecentChangesQueryVariables>(
    EDIT_QUERIES.recentChanges.query,
    { entityId, limit: 200 },
    signal,
  );
  return data.changes;
}

export async function fetchDeletedRecords(entityId: string | null, signal?: AbortSignal): Promise<ChangeEntry[]> {
  const data = await request<ExplorerDeletedQuery, ExplorerDeletedQueryVariables>(
    EDIT_QUERIES.deleted.query,
    { entityId },
    signal,
  );
  return data.deletedRecords;
}
