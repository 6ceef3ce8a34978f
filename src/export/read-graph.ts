/**
 * Streams the graph out of Neo4j as records of the import file format (so a JSON export can be imported
 * again), sorted by id so the same graph always gives the same file. Records are pulled one at a time from
 * the driver (it fetches in batches with back-pressure), so a million nodes never sit in memory at once.
 */
import neo4j from "neo4j-driver";
import { type Database, toPlain } from "../database/index.js";
import { AUDIT_FIELDS } from "../history/index.js";
import { ENTITY_KINDS, ENTITY_LABEL, RELATIONSHIP_TYPES, SOURCE_LABEL, validOnCypher } from "../graph-data/index.js";

export type Properties = Record<string, unknown>;

// The API's who-and-when stamps (AUDIT_FIELDS) are not facts: they stay out of exports; the history keeps them.

export interface ExportSource extends Properties {
  id: string;
  title: string;
}

export interface ExportEntity extends Properties {
  kind: string;
  id: string;
  name: string;
  sources: string[];
}

export interface ExportRelationship extends Properties {
  type: string;
  id: string;
  from: string;
  to: string;
  citations: { source: string; excerpt: string }[];
}

async function* stream(db: Database, cypher: string, params: Properties = {}): AsyncGenerator<Properties> {
  const session = db.driver.session({ database: db.name, defaultAccessMode: neo4j.session.READ, fetchSize: 2_000 });
  try {
    const result = session.run(cypher, params);
    for await (const record of result) yield toPlain(record.get("row")) as Properties;
  } finally {
    await session.close();
  }
}

function clean(props: Properties): Properties {
  return Object.fromEntries(
    Object.entries(props)
      .filter(([key, value]) => !AUDIT_FIELDS.has(key) && value !== null && value !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

export async function* readSources(db: Database): AsyncGenerator<ExportSource> {
  for await (const row of stream(db, `MATCH (s:${SOURCE_LABEL}) RETURN properties(s) AS row ORDER BY s.id`)) {
    const { id, title, ...rest } = clean(row);
    yield { id: id as string, title: title as string, ...rest };
  }
}

/** Personal contact details: exported only when the caller may read them (role `staff`, or the command line). */
export const PERSONAL_FIELDS = ["email", "phone"];

export async function* readEntities(db: Database, personal: boolean): AsyncGenerator<ExportEntity> {
  for await (const row of stream(
    db,
    `MATCH (n:${ENTITY_LABEL}) WHERE n.id IS NOT NULL
     RETURN n { .*, kind: [l IN labels(n) WHERE l IN $kinds][0] } AS row ORDER BY n.id`,
    { kinds: [...ENTITY_KINDS] },
  )) {
    const { kind, id, name, sourceIds, aliases, ...rest } = clean(row);
    if (!personal) for (const field of PERSONAL_FIELDS) delete rest[field];
    yield {
      kind: kind as string,
      id: id as string,
      name: name as string,
      ...((aliases as string[] | undefined)?.length ? { aliases } : {}),
      ...rest,
      sources: (sourceIds as string[] | undefined) ?? [],
    };
  }
}

/** Relationships between entities, valid on `asOf` when given (YYYY-MM-DD). */
export async function* readRelationships(db: Database, asOf: string | null): AsyncGenerator<ExportRelationship> {
  for await (const row of stream(
    db,
    `MATCH (a:${ENTITY_LABEL})-[r]->(b:${ENTITY_LABEL})
     WHERE type(r) IN $types AND ${validOnCypher("r")}
     RETURN r { .*, type: type(r), from: a.id, to: b.id } AS row
     ORDER BY r.id, row.type, row.from, row.to`,
    { types: [...RELATIONSHIP_TYPES], asOf },
  )) {
    const { type, id, from, to, sourceIds, excerpts, ...rest } = clean(row);
    const excerptList = (excerpts as string[] | undefined) ?? [];
    yield {
      type: type as string,
      id: id as string,
      from: from as string,
      to: to as string,
      ...rest,
      citations: ((sourceIds as string[] | undefined) ?? []).map((source, index) => ({
        source,
        excerpt: excerptList[index] ?? "",
      })),
    };
  }
}

/** How many entities and relationships an export will write (for its progress bar). */
export async function countGraph(db: Database, asOf: string | null): Promise<number> {
  return db.read(async (tx) => {
    const result = await tx.run(
      `CALL () { MATCH (n:${ENTITY_LABEL}) RETURN count(n) AS nodes }
       CALL () { MATCH (:${ENTITY_LABEL})-[r]->(:${ENTITY_LABEL}) WHERE type(r) IN $types AND ${validOnCypher("r")} RETURN count(r) AS rels }
       RETURN nodes + rels AS total`,
      { types: [...RELATIONSHIP_TYPES], asOf },
    );
    return Number(toPlain(result.records[0]?.get("total")) ?? 0);
  });
}
