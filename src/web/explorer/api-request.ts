/**
 * Sends one of the explorer's documents with its result and variables typed by the types generated from the
 * schema (generated/operations.ts, `npm run codegen`): a field the schema drops or renames fails the type check.
 */
import { type RequestOptions, graphql } from "../shared/graphql-client.js";

/** Variables as the explorer holds them: lists and input objects may be read-only (the generated ones are not). */
export type Sendable<T> = T extends (infer Item)[]
  ? readonly Sendable<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: Sendable<T[K]> }
    : T;

/** `Result` and `Variables` are a generated pair: `ExplorerSearchQuery`, `ExplorerSearchQueryVariables`. */
export function request<Result, Variables>(
  query: string,
  variables: Sendable<Variables>,
  signalOrOptions?: AbortSignal | RequestOptions,
): Promise<Result> {
  return graphql<Result>(query, variables as Record<string, unknown>, signalOrOptions);
}
