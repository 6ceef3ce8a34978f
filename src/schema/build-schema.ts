/**
 * The one GraphQL schema the server runs: the read-only API that `@neo4j/graphql` generates from the SDL in
 * `schema/*.graphql`, merged with the hand-written fields of src/resolvers (insights, history, and the typed
 * mutations of the one write path). Deprecated generated fields are left out, so clients see only the v7 forms.
 * Options: https://neo4j.com/docs/graphql/current/
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { mergeSchemas } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import type { Driver } from "neo4j-driver";
import { PROJECT_ROOT } from "../config/index.js";
import { buildResolversSchema } from "../resolvers/index.js";

export const SDL_DIR = path.join(PROJECT_ROOT, "schema");

/** The SDL files in name order (`_base.graphql` first, so the interface is known before its types). */
export async function readTypeDefs(): Promise<string[]> {
  const files = (await readdir(SDL_DIR)).filter((name) => name.endsWith(".graphql")).sort();
  return Promise.all(files.map((name) => readFile(path.join(SDL_DIR, name), "utf8")));
}

export interface ApiSchema {
  readonly schema: GraphQLSchema;
  /** Checks that the database is one `@neo4j/graphql` can use (version, APOC); throws if not. */
  checkDatabase(driver: Driver, database: string): Promise<void>;
}

/**
 * Builds the schema. It holds no driver: every request names its database in the context
 * (`executionContext`, src/server/create-app.ts), so one schema serves any database — the tests build it
 * once for all their servers.
 */
export async function buildApiSchema(): Promise<ApiSchema> {
  const neo4jGraphQL = new Neo4jGraphQL({
    typeDefs: await readTypeDefs(),
    features: {
      excludeDeprecatedFields: {
        mutationOperations: true,
        aggregationFilters: true,
        aggregationFiltersOutsideConnection: true,
        relationshipFilters: true,
        attributeFilters: true,
      },
    },
  });
  const generated = await withoutWarning(AUTHORIZATION_SETTINGS_WARNING, () => neo4jGraphQL.getSchema());
  const insights = await buildResolversSchema();
  return {
    schema: mergeSchemas({ schemas: [generated, insights] }),
    checkDatabase: (driver, database) => neo4jGraphQL.checkNeo4jCompat({ driver, sessionConfig: { database } }),
  };
}

/**
 * `@neo4j/graphql` warns when the SDL has `@authentication` but no `features.authorization`. That is our
 * design, not an oversight: tokens are verified by src/auth before the request reaches it, and the verified
 * claims are passed as `context.jwt` on every request (src/server/create-app.ts).
 */
const AUTHORIZATION_SETTINGS_WARNING =
  "'@authentication', '@authorization' and/or @subscriptionsAuthorization detected";

async function withoutWarning<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!(typeof args[0] === "string" && args[0].startsWith(prefix))) warn(...args);
  };
  try {
    return await work();
  } finally {
    console.warn = warn;
  }
}
