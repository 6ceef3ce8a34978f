/**
 * Runs GraphQL in-process against the real schema and database (`executeOperation`), with the same error
 * formatting and plugins as the HTTP server, for tests that are not about HTTP.
 */
import { createServer } from "node:http";
import type { GraphQLFormattedError } from "graphql";
import type { Database } from "../../src/database/index.js";
import { createLogger } from "../../src/logging/index.js";
import { buildApiSchema } from "../../src/schema/index.js";
import { createApp } from "../../src/server/index.js";

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
}

export interface TestApi {
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

export async function createTestApi(db: Database): Promise<TestApi> {
  const { schema } = await buildApiSchema(db.driver);
  const { apollo } = await createApp({ schema, db, log: createLogger("silent"), httpServer: createServer() });
  return {
    async query(query, variables) {
      const response = await apollo.executeOperation(
        { query, variables },
        { contextValue: { db, sessionConfig: { database: db.name }, requestId: "test" } },
      );
      if (response.body.kind !== "single") throw new Error("unexpected incremental response");
      return response.body.singleResult as GraphQLResult<any>;
    },
    stop: () => apollo.stop(),
  };
}

/** The error codes of a result, in order. */
export function errorCodes(result: GraphQLResult): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}
