import type { TokenClaims } from "../auth/index.js";
import type { Database } from "../database/index.js";

/** What the insights resolvers need from the request context (the server's context provides more). */
export interface ResolverContext {
  readonly db: Database;
  /** The verified token's claims, when the request had one (who imports). */
  readonly jwt?: TokenClaims;
  /** The request's id (where an import came from, in the history). */
  readonly requestId?: string;
}
