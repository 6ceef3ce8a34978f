/**
 * The processes tier's shared Neo4j, as the files that use it see it (started by
 * processes-neo4j-global-setup.ts).
 */
import { inject } from "vitest";
import { Database, createDriver, ensureSchemaIndexes } from "../../src/database/index.js";
import { type FreshNeo4j, wipeGraph } from "./fresh-neo4j.js";

/**
 * The processes tier's shared Neo4j (processes-neo4j-global-setup.ts, without Graph Data Science), emptied
 * for this file: the same handle as `startFreshNeo4j()`, but `stop()` only closes this file's connection, and
 * it cannot be killed or restarted (a suite that does that starts its own).
 */
export async function sharedFreshNeo4j(): Promise<FreshNeo4j> {
  const uri = inject("sharedNeo4jUri");
  const db = new Database(createDriver({ uri, user: "neo4j", password: undefined, database: "neo4j" }), "neo4j");
  const wipe = () => wipeGraph(db);
  const notOurs = () => Promise.reject(new Error("the shared Neo4j is not this file's to kill: use startFreshNeo4j()"));
  try {
    await wipe();
    await ensureSchemaIndexes(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    db,
    uri,
    dataDir: inject("sharedNeo4jDataDir"),
    pid: inject("sharedNeo4jPid"),
    wipe,
    kill: notOurs,
    restart: notOurs,
    stop: () => db.close(),
  };
}
