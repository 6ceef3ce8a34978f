import type { TokenClaims } from "../../auth/index.js";
import type { Database } from "../../database/index.js";

import type { WorkGates } from "../algorithms/gds-gate.js";

/** What the hand-written resolvers need from the request context (the server's context provides more). */
export interface ResolverContext {
  readonly db: Database;
  /** The verified token's claims, when the request had one (who imports). */
  readonly jwt?: TokenClaims;
  /** The request's id (where an import came from, in the history). */
  readonly requestId?: string;
  /**
   * Who is asking, for fair turns at the gates of the expensive questions (gds-gate.ts): `sub:<subject>` for a
   * verified token, else `ip:<address>`; absent for in-process calls.
   */
  readonly client?: string;
  /** This server's gates for the expensive questions (gds-gate.ts); the defaults when absent. */
  readonly gates?: WorkGates;
  /** Records one write by an editor may delete (MAX_EDITOR_DELETES); `admin` has no limit. */
  readonly maxEditorDeletes?: number;
}
