/**
 * Streams the graph out of Neo4j as records of the import file format (so a JSON export can be imported
 * again), sorted by id so the same graph always gives the same file. Records are pulled one at a time from
 * the driver (it fetches in batches with back-pressure), so a million nodes never sit in memory at once.
 */
import neo4j from "neo4j-driver";
import { type Database, toPlain } from "../database/index.js";
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
  entityFromProperties,
  relationshipFromProperties,
  sourceFromProperties,
  validOnCypher,
} from "../graph-data/index.js";

type Properties = Record<string, unknown>;

// Records leave Neo4j through the model's one mapping (graph-data/properties.ts): the API's who-and-when
// stamps are not facts, so they stay out of exports; the history keeps them.

async function* stream(db: Database, cypher: string, params: Properties = {}): AsyncGenerator<Properties> {
  const session = db.driver.session({ database: db.name, defaultAccessMode: neo4j.session.READ, fetchSize: 2_000 });
  try {
    const result = session.run(cypher, params);
    for await (const record of result) yield toPlain(record.get("row")) as Properties;
  } finally {
    await session.close();
  }
}

export async function* readSources(db: Database): AsyncGenerator<SourceRecord> {
  for await (const row of stream(db, `MATCH (s:${SOURCE_LABEL}) RETURN properties(s) AS row ORDER BY s.id`)) {
    yield sourceFromProperties(row);
  }
}

/** Personal contact details (the model's restricted fields) are exported only to those who may read them. */
export async function* readEntities(db: Database, personal: boolean): AsyncGenerator<EntityRecord> {
  for await (const row of stream(
    db,
    `MATCH (n:${ENTITY_LABEL}) WHERE n.id IS NOT NULL
     RETURN { kind: [l IN labels(n) WHERE l IN $kinds][0], props: properties(n) } AS row ORDER BY n.id`,
    { kinds: [...ENTITY_KINDS] },
  )) {
    const record = entityFromProperties(row.kind as EntityKind, row.props as Properties);
    yield personal
      ? record
      : (Object.fromEntries(
          Object.entries(record).filter(([field]) => !RESTRICTED_FIELD_NAMES.has(field)),
        ) as EntityRecord);
  }
}

/** Relationships between entities, valid on `asOf` when given (YYYY-MM-DD). */
export async function* readRelationships(db: Database, asOf: string | null): AsyncGenerator<RelationshipRecord> {
  for await (const row of stream(
    db,
    `MATCH (a:${ENTITY_LABEL})-[r]->(b:${ENTITY_LABEL})
     WHERE type(r) IN $types AND ${validOnCypher("r")}
     RETURN { type: type(r), from: a.id, to: b.id, props: properties(r) } AS row
     ORDER BY r.id, row.type, row.from, row.to`,
    { types: [...RELATIONSHIP_TYPES], asOf },
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
