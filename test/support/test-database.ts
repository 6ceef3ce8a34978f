/**
 * The one helper that owns the database in tests: connects to the Neo4j the global setup started, runs
 * Cypher, and removes what a test wrote. Test data uses ids starting with `test-` so cleaning up never
 * touches the curated graph.
 */
import { inject } from "vitest";
import { Database, createDriver, toNumber } from "../../src/database/index.js";
import { GRAPH_VERSION_LABEL } from "../../src/write/index.js";

export const TEST_ID_PREFIX = "test-";

export function connectTestDatabase(): Database {
  const password = inject("neo4jPassword");
  return new Database(
    createDriver({
      uri: inject("neo4jUri"),
      user: inject("neo4jUser"),
      password: password ?? undefined,
      database: inject("neo4jDatabase"),
    }),
    inject("neo4jDatabase"),
  );
}

/**
 * Runs Cypher in a write transaction and returns the records as plain objects. A statement that changes
 * the graph also raises the graph's version in the same transaction, as every write through the write path
 * does: tests set up data with Cypher behind the API's back, and the API's result cache (on in tests, as
 * in production) must see it like any other write.
 */
export async function runCypher(
  db: Database,
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<Record<string, unknown>[]> {
  return db.write(async (tx) => {
    const result = await tx.run(cypher, params);
    if (result.summary.counters.containsUpdates()) await tx.run(BUMP_GRAPH_VERSION);
    return result.records.map((record) => record.toObject());
  });
}

/** What src/write/graph-version.ts does inside every write, for writes made by tests with Cypher. */
export const BUMP_GRAPH_VERSION = `MERGE (v:${GRAPH_VERSION_LABEL} {id: 'graph'})
  SET v.version = coalesce(v.version, 0) + 1, v.writeId = 'test-' + randomUUID(), v.at = datetime.transaction()`;

/** Removes every node (and its relationships) whose id starts with `test-`, and the history of them. */
export async function removeTestData(db: Database): Promise<void> {
  await runCypher(db, "MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix: TEST_ID_PREFIX });
  await runCypher(
    db,
    `MATCH (c:Change) WHERE c.itemId STARTS WITH $prefix OR c.fromId STARTS WITH $prefix OR c.toId STARTS WITH $prefix
     DETACH DELETE c`,
    { prefix: TEST_ID_PREFIX },
  );
}

/** Node and relationship counts, for "nothing changed" assertions. */
export async function countGraph(db: Database): Promise<{ nodes: number; relationships: number }> {
  const [row] = await runCypher(
    db,
    "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships",
  );
  return { nodes: toNumber(row?.nodes), relationships: toNumber(row?.relationships) };
}

/**
 * A canonical dump of the whole graph (every node and relationship with all properties, sorted), so two
 * states can be compared exactly.
 */
export async function dumpGraph(db: Database): Promise<string> {
  const nodes = await runCypher(db, "MATCH (n) RETURN labels(n) AS labels, properties(n) AS properties ORDER BY n.id");
  const relationships = await runCypher(
    db,
    "MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS properties ORDER BY r.id, from, type, to",
  );
  const sortKeys = (value: unknown): unknown =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, sortKeys(v)]),
        )
      : value;
  return JSON.stringify(sortKeys({ nodes, relationships }));
}
