/**
 * The whole start-up pipeline, left to right: configuration → database (external, or the local Neo4j
 * started here) → constraints and indexes → the curated graph (into an empty database) → schema →
 * the explorer and GraphiQL pages (built when their sources changed) → HTTP server. `main.ts` adds signal handling; the HTTP tests call this directly.
 */
import { createTokenVerifier } from "./auth/index.js";
import { type AppConfig } from "./config/index.js";
import { type DatabaseHandle, connectDatabase, ensureSchemaIndexes } from "./database/index.js";
import type { Logger } from "./logging/index.js";
import { type ApiSchema, buildApiSchema } from "./schema/index.js";
import { type RunningServer, startServer } from "./server/index.js";
import { ensureWebPages } from "./web-build/index.js";
import { configureVersionAnnouncement, isGraphEmpty, loadCuratedGraph } from "./write/index.js";

export interface RunningApi {
  readonly url: string;
  readonly database: DatabaseHandle;
  readonly server: RunningServer;
  /** Drains HTTP, closes the driver and stops the local Neo4j if this process started it. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** A schema built before (the tests build one for all their servers); built here when absent. */
  readonly schema?: Promise<ApiSchema>;
}

export async function startApi(config: AppConfig, log: Logger, options: StartOptions = {}): Promise<RunningApi> {
  const database = await connectDatabase(config, {
    info: (message) => log.info(message),
    error: (message) => log.error(message),
  });
  // This process's writes (the API's mutations, the seed) push their version to servers in push mode.
  const closeAnnouncement = configureVersionAnnouncement(config.resultCache.redisUrl, (error) =>
    log.warn({ err: error }, "could not push the graph's version through Redis; writes wait for leases instead"),
  );
  try {
    const db = database.database;
    log.info({ uri: database.uri, database: db.name }, "connected to Neo4j");
    await ensureSchemaIndexes(db);
    if (config.seedOnStart === "always" || (config.seedOnStart === "auto" && (await isGraphEmpty(db)))) {
      // Through the write path, as an import by `seed`: recorded in the history, and never overwriting
      // what editors changed since (those records are reported as conflicts and kept).
      const report = await loadCuratedGraph(db);
      log.info(
        { records: report.records, counts: report.counts, writeId: report.writeId },
        "loaded the curated Helsinki graph",
      );
      for (const item of report.items.filter((entry) => entry.change === "conflict")) {
        log.warn(
          { item: item.item, id: item.id, conflict: item.conflict },
          "the curated graph differs from what is stored; kept",
        );
      }
    }
    const api = await (options.schema ?? buildApiSchema());
    await api.checkDatabase(db.driver, db.name);
    const verifier = createTokenVerifier(config.auth);
    if (!verifier.configured) {
      log.warn("no JWT key configured (JWT_SECRET, JWT_JWKS_URL or OIDC_ISSUER): the API is read-only");
    }
    if (config.oidc) log.info({ issuer: config.oidc.issuer, clientId: config.oidc.clientId }, "explorer sign-in");
    if (config.webPages) {
      // A failed page build must not take the API down: the pages then answer 503 and say why.
      await ensureWebPages({ info: (message) => log.info(message) }).catch((error: unknown) =>
        log.error({ err: error }, "could not build the explorer and GraphiQL pages (run npm run build:web)"),
      );
    }
    const server = await startServer({
      schema: api.schema,
      db,
      log,
      port: config.port,
      host: config.host,
      limits: config.limits,
      rateLimits: config.rateLimits,
      exportLimits: config.exports,
      verifier,
      webPages: config.webPages,
      resultCache: config.resultCache,
      signIn: config.oidc,
      publicUrl: config.publicUrl,
      accessibilityContact: config.accessibilityContact,
    });
    log.info(
      { url: `${server.url}/graphql`, ...(config.webPages ? { explorer: `${server.url}/explorer` } : {}) },
      "GraphQL API ready",
    );
    let stopping: Promise<void> | undefined;
    return {
      url: server.url,
      database,
      server,
      stop: () =>
        (stopping ??= (async () => {
          await server.stop();
          await closeAnnouncement();
          await database.close();
        })()),
    };
  } catch (error) {
    await closeAnnouncement();
    await database.close();
    throw error;
  }
}
