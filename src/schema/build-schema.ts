/**
 * The one GraphQL schema the server runs: the API that `@neo4j/graphql` generates from the SDL in
 * `schema/*.graphql` (the single source of truth for the data model), merged with the hand-written insights
 * fields. Deprecated generated fields are left out, so clients see only the v7 forms.
 * Options: https://neo4j.com/docs/graphql/current/
 */
import { randomUUID } from "node:crypto";
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
  checkDatabase(database: string): Promise<void>;
}

/** Builds the schema. `driver` may be omitted for printing the schema without a database. */
export async function buildApiSchema(driver?: Driver): Promise<ApiSchema> {
  const neo4jGraphQL = new Neo4jGraphQL({
    typeDefs: await readTypeDefs(),
    ...(driver ? { driver } : {}),
    features: {
      // Writes record who made them: `createdBy` / `updatedBy` take the `sub` of the verified token.
      // Relationships written through the API get a generated id (graph files give theirs explicitly).
      populatedBy: { callbacks: { tokenSubject, newRelationshipId: () => randomUUID() } },
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
    checkDatabase: (database) => neo4jGraphQL.checkNeo4jCompat({ sessionConfig: { database } }),
  };
}

/** `@populatedBy(callback: "tokenSubject")`: the verified token's subject, or null when there is none. */
function tokenSubject(_parent: unknown, _args: unknown, context: { jwt?: { sub?: unknown } }): string | null {
  return typeof context.jwt?.sub === "string" ? context.jwt.sub : null;
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
