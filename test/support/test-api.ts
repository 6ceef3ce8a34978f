/**
 * Runs GraphQL in-process against the real schema and database (`executeOperation`), with the same plugins,
 * limits, token checks and error formatting as the HTTP server, for tests that are not about HTTP.
 */
import { createServer } from "node:http";
import type { GraphQLFormattedError } from "graphql";
import { createTokenVerifier, mintToken } from "../../src/auth/index.js";
import { type AppConfig, loadConfig } from "../../src/config/index.js";
import type { Database } from "../../src/database/index.js";
import { createLogger } from "../../src/logging/index.js";
import { type ApiSchema, buildApiSchema } from "../../src/schema/index.js";
import { createApp } from "../../src/server/index.js";

/** The HS256 secret test servers run with. */
export const TEST_JWT_SECRET = "test-secret-that-is-at-least-32-characters-long";

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
}

export interface TestApi {
  query<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

/** Configuration as the server would load it, with the test secret unless `env` says otherwise. */
export function testAppConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({ JWT_SECRET: TEST_JWT_SECRET, ...env });
}

let shared: Promise<ApiSchema> | undefined;

/**
 * The API's schema, built once per test process: it holds no driver (each request names its database), and
 * building it takes seconds, which every test file would otherwise pay again.
 */
export function sharedApiSchema(): Promise<ApiSchema> {
  return (shared ??= buildApiSchema());
}

export async function createTestApi(db: Database, env: Record<string, string> = {}): Promise<TestApi> {
  const config = testAppConfig(env);
  const { schema } = await sharedApiSchema();
  const app = await createApp({
    schema,
    db,
    log: createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
    httpServer: createServer(),
    limits: config.limits,
    rateLimits: config.rateLimits,
    exportLimits: config.exports,
    verifier: createTokenVerifier(config.auth),
    resultCache: config.resultCache,
  });
  return {
    async query(query, variables, token) {
      const contextValue = await app.context(token ? `Bearer ${token}` : undefined, "test");
      const response = await app.apollo.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== "single") throw new Error("unexpected incremental response");
      return response.body.singleResult as GraphQLResult<any>;
    },
    stop: () => app.apollo.stop(),
  };
}

/** A token signed with the test secret. */
export function testToken(roles: string[], sub = "test-user", expiresIn: string | number = "1h"): Promise<string> {
  return mintToken(TEST_JWT_SECRET, { sub, roles, expiresIn });
}

/** The error codes of a result, in order. */
export function errorCodes(result: GraphQLResult): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}
