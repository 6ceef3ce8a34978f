/**
 * Chooses the database: the server in NEO4J_URI when it is set (nothing is started), otherwise the
 * project's local Neo4j, started here or, when `reuseRunning` allows it, one that `npm start` already runs
 * on the same store. Either way the caller gets one `Database` and a `close` that releases everything
 * this call started.
 */
import type { AppConfig } from "../config/index.js";
import { StartupError } from "../errors/index.js";
import { Database, createDriver } from "./database.js";
import { findRunningLocalNeo4j, startLocalNeo4j } from "./local-neo4j.js";
import { type SupervisedNeo4j, type SupervisorLog, superviseLocalNeo4j } from "./local-neo4j-supervisor.js";

export interface DatabaseHandle {
  readonly database: Database;
  /** Where it runs, for logs: the external URI or the local Bolt address. */
  readonly uri: string;
  /** Set when this process started the local Neo4j (and so supervises and stops it). */
  readonly local: SupervisedNeo4j | undefined;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Use a local Neo4j that another process already runs on the same store instead of failing on its lock. */
  readonly reuseRunning?: boolean;
}

export async function connectDatabase(
  config: AppConfig,
  log: SupervisorLog,
  options: ConnectOptions = {},
): Promise<DatabaseHandle> {
  if (config.external) {
    const database = new Database(
      createDriver(config.external, config.driver),
      config.external.database,
      config.limits.transactionTimeoutMs,
    );
    await verify(
      database,
      config.external.uri,
      "Check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD, or unset NEO4J_URI to use the local Neo4j.",
    );
    return { database, uri: config.external.uri, local: undefined, close: () => database.close() };
  }

  const running = options.reuseRunning ? findRunningLocalNeo4j(config.local.dataDir) : undefined;
  if (running) {
    log.info(`Using the local Neo4j already running on ${running.uri} (pid ${running.pid}).`);
    const database = localDatabase(running.uri, config);
    await verify(database, running.uri, "Stop the other npm start and try again.");
    return { database, uri: running.uri, local: undefined, close: () => database.close() };
  }

  const started = await startLocalNeo4j(config.local, log);
  const database = localDatabase(started.uri, config);
  try {
    await verify(database, started.uri, `See ${started.dataDir}/logs/debug.log.`);
  } catch (error) {
    await started.stop();
    throw error;
  }
  const local = superviseLocalNeo4j(config.local, started, log);
  return {
    database,
    uri: started.uri,
    local,
    close: async () => {
      await database.close();
      await local.stop();
    },
  };
}

/** The local Neo4j runs without authentication, bound to 127.0.0.1 only. */
function localDatabase(uri: string, config: AppConfig): Database {
  return new Database(
    createDriver({ uri, user: "neo4j", password: undefined, database: config.database }, config.driver),
    config.database,
    config.limits.transactionTimeoutMs,
  );
}

/** How many times a server that is slow to answer (not one that refuses) is asked before start-up gives up. */
export const VERIFY_ATTEMPTS = 5;

/**
 * Start-up's first question to Neo4j. A server that answers slowly (still starting, or on a loaded machine) is
 * asked again, up to VERIFY_ATTEMPTS times, each bounded by NEO4J_CONNECTION_TIMEOUT_MS; a refusal, a wrong
 * password or an unknown database fails at once, since asking again cannot help.
 */
async function verify(database: Database, uri: string, fix: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await database.serverInfo();
      return;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt < VERIFY_ATTEMPTS && /timed out|timeout/i.test(message)) continue;
      await database.close();
      throw new StartupError("NEO4J_UNREACHABLE", `Cannot use Neo4j at ${uri}: ${message}. ${fix}`);
    }
  }
}
