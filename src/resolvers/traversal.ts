/**
 * What a traversal (neighbourhood, shortest path) may walk: relationships valid on `$asOf` whose type is in
 * `$relationshipTypes`. Both are query parameters; the caller checks the types against the vocabulary.
 */
import { validOnCypher } from "../graph-data/index.js";

/** Cypher predicate on relationship variable `rel` (a name from our own query text). */
export function traversableCypher(rel: string): string {
  return `(${validOnCypher(rel)} AND type(${rel}) IN $relationshipTypes)`;
}

/** Query parameters for `traversableCypher`. */
export interface TraversalFilter {
  readonly asOf: string | null;
  readonly relationshipTypes: readonly string[];
}
