/**
 * Streams the graph out of Neo4j as records of the import file format (so a JSON export can be imported
 * again), in a stable order so the same graph always gives the same file: sources and entities by id,
 * relationships by their start entity's id, then their own id.
 *
 * Reads go page by page (keyset pagination): each page is its own short read transaction, bounded by the
 * per-transaction timeout, that resumes after the last id the previous page saw, using the uniqueness
 * constraints' indexes on `Entity.id` and `Source.id` (so a page costs the same at the end of a million
 * nodes as at the start). One long transaction was cut by the 15 s timeout at 61,000 nodes, and its sort of
 * every relationship ran into Neo4j's transaction memory. While one page is written, the next is read.
 * Consistency: each page is consistent in itself; an export taken while the graph is being edited may mix
 * states across pages (a record edited after its page was read is written as it was; one added behind the
 * cursor is missed). Neo4j's reads are read-committed, so one transaction would not give a snapshot either.
 */
import { type Database, cypherInt, toPlain } from "../database/index.js";
import {
  ENTITY_KINDS,
  ENTITY_LABEL,
  type EntityKind,
  type EntityRecord,
  RELATIONSHIP_TYPES,
  RESTRICTED_FIELD_NAMES,
  type RelationshipRecord,
  type RelationshipType,
  SOURCE_LABEL,
  type SourceRecord,
  type UndatedPolicy,
  entityFromProperties,
  relationshipFromProperties,
  sourceFromProperties,
  validOnCypher,
} from "../graph-data/index.js";

type Properties = Record<string, unknown>;

// Records leave Neo4j through the model's one mapping (graph-data/properties.ts): the who-and-when stamps are
// not facts, so they stay out of exports; the history keeps them.

/** Records per page (per read transaction) when the caller does not say (EXPORT_PAGE_SIZE). */
export const DEFAULT_PAGE_SIZE = 5_000;

/** Records written between two turns of the event loop. */
const YIELD_EVERY = 200;

interface Page {
  readonly rows: Properties[];
  /** The id to resume after; undefined when this was the last page. */
  readonly next: string | undefined;
}

/**
 * Pages through a query that takes `$after` (the last id seen, "" at first) and `$pageSize`, and returns
 * one record: `rows` (the page, in order) and `last` (the id to resume after; null on the last page). A page
 * of `pageSize` start entities may hold more rows: every relationship of those entities.
 */
async function* paged(db: Database, cypher: string, params: Properties, pageSize: number): AsyncGenerator<Properties> {
  const read = (after: string): Promise<Page> =>
    db.read(async (tx) => {
      const record = (await tx.run(cypher, { ...params, after, pageSize: cypherInt(pageSize) })).records[0];
      const last = record?.get("last") as string | null | undefined;
      return {
        rows: ((record?.get("rows") as unknown[] | undefined) ?? []).map((row) => toPlain(row) as Properties),
        next: typeof last === "string" ? last : undefined,
      };
    });
  let pending: Promise<Page> | undefined = read("");
  try {
    while (pending) {
      const page: Page = await pending;
      pending = page.next === undefined ? undefined : read(page.next);
      for (let index = 0; index < page.rows.length; index += 1) {
        // A fast reader never makes the writers wait for a drain, and promises alone never let other
        // requests in: give the event loop a turn now and then, so /health and queries answer meanwhile.
        if (index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
        yield page.rows[index]!;
      }
    }
  } finally {
    // The consumer stopped early (the client went away): the read ahead is no longer wanted.
    pending?.catch(() => undefined);
  }
}
export async function* readSources(db: Database, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<SourceRecord> {
  for await (const row of paged(
    db,
    `MATCH (s:${SOURCE_LABEL}) WHERE s.id > $after
     WITH s ORDER BY s.id LIMIT $pageSize
     WITH collect(s) AS page
     RETURN [s IN page | properties(s)] AS rows, CASE WHEN size(page) = $pageSize THEN page[-1].id END AS last`,
    {},
    pageSize,
  )) {
    yield sourceFromProperties(row);
  }
}

/** Personal contact details (the model's restricted fields): only for those who may read them (`staff`, the CLI). */
export async function* readEntities(
  db: Database,
  personal: boolean,
  pageSize = DEFAULT_PAGE_SIZE,
): AsyncGenerator<EntityRecord> {
  for await (const row of paged(
    db,
    `MATCH (n:${ENTITY_LABEL}) WHERE n.id > $after
     WITH n ORDER BY n.id LIMIT $pageSize
     WITH collect(n) AS page
     RETURN [n IN page | { kind: [l IN labels(n) WHERE l IN $kinds][0], props: properties(n) }] AS rows,
            CASE WHEN size(page) = $pageSize THEN page[-1].id END AS last`,
    { kinds: [...ENTITY_KINDS] },
    pageSize,
  )) {
    const record = entityFromProperties(row.kind as EntityKind, row.props as Properties);
    yield personal
      ? record
      : (Object.fromEntries(
          Object.entries(record).filter(([field]) => !RESTRICTED_FIELD_NAMES.has(field)),
        ) as EntityRecord);
  }
}

/**
 * Relationships between entities, valid on `asOf` when given (YYYY-MM-DD), paged by start entity: each page
 * holds every relationship of up to `pageSize` start entities (outgoing degrees are small in this model;
 * the hubs — countries, networks, offices — are at the incoming end).
 */
export async function* readRelationships(
  db: Database,
  asOf: string | null,
  pageSize = DEFAULT_PAGE_SIZE,
  undated: UndatedPolicy = "INCLUDE",
): AsyncGenerator<RelationshipRecord> {
  for await (const row of paged(
    db,
    `MATCH (a:${ENTITY_LABEL}) WHERE a.id > $after
     WITH a ORDER BY a.id LIMIT $pageSize
     WITH collect(a) AS page
     CALL (page) {
       UNWIND page AS a
       MATCH (a)-[r]->(b:${ENTITY_LABEL})
       WHERE type(r) IN $types AND ${validOnCypher("r", "$asOf", undated)}
       WITH { type: type(r), from: a.id, to: b.id, id: r.id, props: properties(r) } AS row
       ORDER BY row.from, row.id, row.type, row.to
       RETURN collect(row) AS rows
     }
     RETURN rows, CASE WHEN size(page) = $pageSize THEN page[-1].id END AS last`,
    { types: [...RELATIONSHIP_TYPES], asOf },
    pageSize,
  )) {
    yield relationshipFromProperties(
      row.type as RelationshipType,
      row.from as string,
      row.to as string,
      row.props as Properties,
    );
  }
}

/** How many entities and relationships an export will write (for its progress bar). */
export async function countGraph(
  db: Database,
  asOf: string | null,
  undated: UndatedPolicy = "INCLUDE",
): Promise<number> {
  return db.read(async (tx) => {
    const result = await tx.run(
      `CALL () { MATCH (n:${ENTITY_LABEL}) RETURN count(n) AS nodes }
       CALL () { MATCH (:${ENTITY_LABEL})-[r]->(:${ENTITY_LABEL}) WHERE type(r) IN $types AND ${validOnCypher("r", "$asOf", undated)} RETURN count(r) AS rels }
       RETURN nodes + rels AS total`,
      { types: [...RELATIONSHIP_TYPES], asOf },
    );
    return Number(toPlain(result.records[0]?.get("total")) ?? 0);
  });
}

/**
 * Offices without a location of their own, each with the first located city (by id) it is LOCATED_IN: where
 * the explorer's map draws them, and where the GeoJSON export places them. Few rows (one per office).
 */
export async function readOfficePlacements(db: Database): Promise<ReadonlyMap<string, string>> {
  const rows = await db.read(async (tx) =>
    (
      await tx.run(
        `MATCH (o:Office:${ENTITY_LABEL}) WHERE o.location IS NULL
         MATCH (o)-[:LOCATED_IN]->(c:City:${ENTITY_LABEL}) WHERE c.location IS NOT NULL
         WITH o, c ORDER BY c.id
         RETURN o.id AS office, collect(c.id)[0] AS city`,
      )
    ).records.map((record) => [record.get("office") as string, record.get("city") as string] as const),
  );
  return new Map(rows);
}
