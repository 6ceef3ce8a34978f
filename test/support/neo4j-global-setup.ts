/**
 * Starts the Neo4j the integration and HTTP tests share: a fresh store in a temporary folder on a free port,
 * so tests never touch a developer's data, with the curated graph loaded. With NEO4J_URI set, that server
 * is used instead (tests then write only records whose ids start with `test-`, and remove them).
 */
import type { TestProject } from "vitest/node";
import { loadConfig } from "../../src/config/index.js";
import { Database, createDriver, ensureSchemaIndexes } from "../../src/database/index.js";
import { loadCuratedGraph } from "../../src/write/index.js";
import { type FreshNeo4j, startFreshNeo4j } from "./fresh-neo4j.js";

declare module "vitest" {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUser: string;
    neo4jPassword: string | null;
    neo4jDatabase: string;
    /** The temporary store folder of the test Neo4j; null when NEO4J_URI points elsewhere. */
    neo4jDataDir: string | null;
    neo4jPid: number | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig();
  let local: FreshNeo4j | undefined;
  let connection = config.external;
  if (!connection) {
    local = await startFreshNeo4j({
      heapBytes: 512 << 20,
      pageCacheBytes: 128 << 20,
      log: (message) => console.log(`[test neo4j] ${message}`),
    });
    connection = { uri: local.uri, user: "neo4j", password: undefined, database: "neo4j" };
  }
  const database = local?.db ?? new Database(createDriver(connection), connection.database);
  try {
    await ensureSchemaIndexes(database);
    await loadCuratedGraph(database);
  } catch (error) {
    await local?.stop();
    throw error;
  } finally {
    if (!local) await database.close();
  }

  project.provide("neo4jUri", connection.uri);
  project.provide("neo4jUser", connection.user);
  project.provide("neo4jPassword", connection.password ?? null);
  project.provide("neo4jDatabase", connection.database);
  project.provide("neo4jDataDir", local?.dataDir ?? null);
  project.provide("neo4jPid", local?.pid ?? null);

  return async () => {
    await local?.stop();
  };
}
