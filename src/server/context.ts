import type { TokenClaims } from "../auth/index.js";
import type { Driver } from "neo4j-driver";
import type { Database } from "../database/index.js";
import type { ResolverContext } from "../resolvers/index.js";

/** The per-request GraphQL context: what the insights resolvers and `@neo4j/graphql` read. */
export interface ApiContext extends ResolverContext {
  readonly db: Database;
  /** `@neo4j/graphql` runs the request on this driver (the schema itself holds none). */
  readonly executionContext: Driver;
  /** `@neo4j/graphql` opens its sessions with this (the database name). */
  readonly sessionConfig: { database: string };
  /** `@neo4j/graphql` runs its transactions with this (the per-transaction timeout). */
  readonly transaction: { timeout?: number };
  /** The verified token's claims; absent for anonymous requests. `@neo4j/graphql` trusts it as verified. */
  readonly jwt?: TokenClaims;
  /** Echoed in error responses and logs, so a report can be matched to the log line. */
  readonly requestId: string;
  /**
   * The graph's version, read from Neo4j from the moment the request got past the HTTP checks, for the result
   * cache (src/result-cache): it overlaps the round trip with parsing and the query limits.
   */
  readonly graphVersion?: Promise<string | undefined>;
}
