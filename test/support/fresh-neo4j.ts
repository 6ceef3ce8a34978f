/**
 * The one Neo4j test harness: a fresh, empty Neo4j on a temporary store and a free port, removed when
 * stopped. The integration tier's shared Neo4j (neo4j-global-setup.ts) is one; tests that need a database of
 * their own (import into an empty graph, kill an import half-way, a Neo4j without Graph Data Science) start
 * another. Files that only need an empty graph share one (shared-neo4j.ts).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config/index.js";
import { Database, createDriver, ensureSchemaIndexes, freePort, startLocalNeo4j } from "../../src/database/index.js";

export interface FreshNeo4j {
  readonly db: Database;
  readonly uri: string;
  readonly dataDir: string;
  readonly pid: number;
  /** Deletes every node and relationship. */
  wipe(): Promise<void>;
  /** Kills Neo4j with SIGKILL (as a crash would) and resolves once it is gone. */
  kill(): Promise<void>;
  /** Starts Neo4j again on the same store and port (after `kill`: it recovers from its transaction log). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface FreshNeo4jOptions {
  /** Load Graph Data Science (default: as configured, i.e. yes). */
  readonly gds?: boolean;
  readonly heapBytes?: number;
  readonly pageCacheBytes?: number;
  /**
   * Neo4j's own limit for transactions that set none (default 120 s, not the 15 s `npm start` uses): the
   * tests' direct writes, such as a whole import in one transaction, must finish on a machine busy with the
   * other tiers. Requests through the API still carry its client timeout; timeout tests set their own.
   */
  readonly transactionTimeoutMs?: number;
  readonly log?: (message: string) => void;
}

/** Deletes every node and relationship. */
export function wipeGraph(db: Database): Promise<void> {
  return db
    .write(async (tx) => void (await tx.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS")))
    .catch(
      // CALL … IN TRANSACTIONS cannot run inside an explicit transaction: fall back to one delete.
      () => db.write(async (tx) => void (await tx.run("MATCH (n) DETACH DELETE n"))),
    );
}

export async function startFreshNeo4j(options: FreshNeo4jOptions = {}): Promise<FreshNeo4j> {
  // The environment's settings (NEO4J_LOCAL_CACHE, JAVA_HOME …) as `npm start` reads them; store and port are ours.
  const config = loadConfig();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kg-fresh-neo4j-"));
  const settings = {
    ...config.local,
    dataDir,
    port: await freePort(),
    heapBytes: options.heapBytes ?? 384 << 20,
    pageCacheBytes: options.pageCacheBytes ?? 64 << 20,
    transactionTimeoutMs: options.transactionTimeoutMs ?? 120_000,
    gds: options.gds ?? config.local.gds,
  };
  const log = { info: options.log ?? (() => undefined) };
  let local = await startLocalNeo4j(settings, log);
  const connect = () =>
    new Database(createDriver({ uri: local.uri, user: "neo4j", password: undefined, database: "neo4j" }), "neo4j");
  let db = connect();
  try {
    await ensureSchemaIndexes(db);
  } catch (error) {
    await db.close();
    await local.stop();
    throw error;
  }
  return {
    get db() {
      return db;
    },
    uri: local.uri,
    dataDir,
    get pid() {
      return local.pid;
    },
    wipe: () => wipeGraph(db),
    async kill() {
      process.kill(local.pid, "SIGKILL");
      await local.exited;
    },
    async restart() {
      await db.close();
      await local.stop();
      local = await startLocalNeo4j(settings, log);
      db = connect();
    },
    async stop() {
      await db.close();
      await local.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
