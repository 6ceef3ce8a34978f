/**
 * A second, empty Neo4j for tests that need a database of their own (import into an empty graph, kill an
 * import half-way, a Neo4j without Graph Data Science): a fresh temporary store on a free port, removed
 * when the test file ends.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config/index.js";
import { Database, createDriver, ensureSchemaIndexes, freePort, startLocalNeo4j } from "../../src/database/index.js";

export interface FreshNeo4j {
  readonly db: Database;
  readonly uri: string;
  /** Deletes every node and relationship. */
  wipe(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFreshNeo4j(options: { gds?: boolean } = {}): Promise<FreshNeo4j> {
  const config = loadConfig({});
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kg-fresh-neo4j-"));
  const local = await startLocalNeo4j(
    {
      ...config.local,
      dataDir,
      port: await freePort(),
      heapBytes: 384 << 20,
      pageCacheBytes: 64 << 20,
      gds: options.gds ?? config.local.gds,
    },
    { info: () => undefined },
  );
  const db = new Database(
    createDriver({ uri: local.uri, user: "neo4j", password: undefined, database: "neo4j" }),
    "neo4j",
  );
  await ensureSchemaIndexes(db);
  return {
    db,
    uri: local.uri,
    wipe: () =>
      db
        .write(async (tx) => void (await tx.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS")))
        .catch(
          // CALL … IN TRANSACTIONS cannot run inside an explicit transaction: fall back to one delete.
          () => db.write(async (tx) => void (await tx.run("MATCH (n) DETACH DELETE n"))),
        ),
    async stop() {
      await db.close();
      await local.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
