import type { Database } from "../database/index.js";

/** What the insights resolvers need from the request context (the server's context provides more). */
export interface InsightsContext {
  readonly db: Database;
}
