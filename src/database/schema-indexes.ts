/**
 * Constraints and indexes the graph relies on. `@neo4j/graphql` 7 has no `@unique`, so uniqueness of `id`
 * is a Neo4j constraint made here; the full-text index backs the `search` field. All statements are
 * idempotent (`IF NOT EXISTS`), so this runs on every start.
 * Full-text analyzers: https://neo4j.com/docs/cypher-manual/5/indexes/semantic-indexes/full-text-indexes/
 */
import { CHANGE_LABEL, ENTITY_LABEL, RELATIONSHIP_TYPES, SOURCE_LABEL } from "../graph-data/index.js";
import type { Database } from "./database.js";

/** Name of the full-text index over every entity name, in every language, and every alias. */
export const ENTITY_NAME_INDEX = "entity_names";

/** Name of the full-text index over external ids (`scheme:value` strings), kept whole (keyword analyzer). */
export const EXTERNAL_ID_INDEX = "entity_external_ids";

/** The name properties the full-text index covers (aliases is a list of strings). */
export const NAME_PROPERTIES = ["name", "nameFi", "nameSv", "nameEn", "aliases"] as const;

const STATEMENTS = [
  `CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:${ENTITY_LABEL}) REQUIRE n.id IS UNIQUE`,
  `CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:${SOURCE_LABEL}) REQUIRE n.id IS UNIQUE`,
  // The write path's version counter (src/write/graph-version.ts): one node, never two.
  "CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (n:GraphVersion) REQUIRE n.id IS UNIQUE",
  // `standard-folding` folds accents (ä → a), so a search for "Hameen" finds "Hämeen liitto".
  `CREATE FULLTEXT INDEX ${ENTITY_NAME_INDEX} IF NOT EXISTS FOR (n:${ENTITY_LABEL}) ON EACH ` +
    `[${NAME_PROPERTIES.map((p) => `n.${p}`).join(", ")}] ` +
    "OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } }",
  // `lookup(scheme, value)` and import files naming entities by external id: an exact match, at any size.
  `CREATE FULLTEXT INDEX ${EXTERNAL_ID_INDEX} IF NOT EXISTS FOR (n:${ENTITY_LABEL}) ON EACH [n.externalIds] ` +
    "OPTIONS { indexConfig: { `fulltext.analyzer`: 'keyword', `fulltext.eventually_consistent`: false } }",
  // Imports and history find relationships by their `id`.
  ...RELATIONSHIP_TYPES.map(
    (type) => `CREATE INDEX rel_${type.toLowerCase()}_id IF NOT EXISTS FOR ()-[r:${type}]-() ON (r.id)`,
  ),
  // The change history is read by item, by either end of a relationship, by time, and by change or write (undo).
  ...["itemId", "fromId", "toId", "at", "id", "writeId"].map(
    (property) =>
      `CREATE INDEX change_${property.toLowerCase()} IF NOT EXISTS FOR (c:${CHANGE_LABEL}) ON (c.${property})`,
  ),
];

/**
 * Indexes that a first load of a large graph builds once at its end instead of entry by entry (the write
 * path's batched writes into an empty graph, src/write/batched-write.ts): the full-text index over names (each
 * entity written into it cost more than half of the entity's write; docs/benchmarks.md), the history's indexes and the
 * relationships' id indexes. The uniqueness constraints stay: they keep ids unique during the load.
 */
export const DEFERRABLE_INDEXES: readonly string[] = [
  ENTITY_NAME_INDEX,
  ...["itemId", "fromId", "toId", "at"].map((property) => `change_${property.toLowerCase()}`),
  ...RELATIONSHIP_TYPES.map((type) => `rel_${type.toLowerCase()}_id`),
];

/** Drops the deferrable indexes (names from the list above, never from input). */
export async function dropDeferrableIndexes(database: Database): Promise<void> {
  for (const name of DEFERRABLE_INDEXES) await database.runSchemaCommand(`DROP INDEX ${name} IF EXISTS`);
}

/** Creates whatever is missing and waits until every index is online (`awaitSeconds`, 300 by default). */
export async function ensureSchemaIndexes(database: Database, awaitSeconds = 300): Promise<void> {
  for (const statement of STATEMENTS) await database.runSchemaCommand(statement);
  await database.runSchemaCommand(`CALL db.awaitIndexes(${Math.max(1, Math.floor(awaitSeconds))})`);
}
