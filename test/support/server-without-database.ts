/**
 * The API's HTTP server with a real driver aimed at a port nobody listens on: whatever it answers is decided
 * before any Cypher runs (a request that reached the database would answer 503). Used by the unit tier and by
 * `npm run bench:hostile`; it imports nothing of vitest.
 */
import type { GraphQLSchema } from "graphql";
import { createTokenVerifier } from "../../src/auth/index.js";
import { loadConfig } from "../../src/config/index.js";
import { Database, createDriver, freePort } from "../../src/database/index.js";
import { createLogger } from "../../src/logging/index.js";
import { type RunningServer, startServer } from "../../src/server/index.js";

/** The running server; its `stop` also closes the driver. */
export type ServerWithoutDatabase = RunningServer;

/** Starts it on a free port of 127.0.0.1 with `env` as the environment (nothing else of the caller's). */
export async function startServerWithoutDatabase(
  schema: GraphQLSchema,
  env: Record<string, string> = {},
): Promise<ServerWithoutDatabase> {
  const db = new Database(
    createDriver({
      uri: `bolt://127.0.0.1:${await freePort()}`,
      user: "neo4j",
      password: undefined,
      database: "neo4j",
    }),
    "neo4j",
  );
  const config = loadConfig(env);
  const server = await startServer({
    schema,
    db,
    log: createLogger("silent"),
    port: 0,
    host: "127.0.0.1",
    limits: config.limits,
    rateLimits: config.rateLimits,
    exportLimits: config.exports,
    verifier: createTokenVerifier(config.auth),
  });
  return {
    url: server.url,
    port: server.port,
    httpServer: server.httpServer,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
