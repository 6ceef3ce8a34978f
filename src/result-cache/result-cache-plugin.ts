/**
 * The result cache, as an Apollo Server plugin: the answer to a read operation is kept under a key made of
 * the graph's version, the caller's roles, the operation (its text's hash and name) and its variables, and a
 * later identical request answers from the cache without running anything. Writes through the write path
 * raise the version (src/write/graph-version.ts), so every earlier answer becomes unreachable the moment a
 * write commits, whichever process wrote (graph-version-watch.ts says why the version is read from Neo4j).
 *
 * What still runs for a cached answer: everything before `responseForOperation` in Apollo's pipeline — the
 * rate limit and the document guard (express, before Apollo), token verification (the context), parsing and
 * validation with every limit rule, and every plugin's `didResolveOperation` (the operation's cost and filter
 * limits, the access rules). So a request refused without the cache is refused with it, with the same code.
 *
 * Never shared across roles: the roles of the caller's verified token are in the key, so an answer computed
 * for `staff` (personal contact details, unredacted history) can only reach another `staff` caller.
 * Answers with errors are never stored; mutations are never cached, nor are queries that ask about the caller
 * themselves (`CALLER_FIELDS`: `viewer` answers with the token's subject, which roles alone do not key).
 *
 * Why not `@apollo/server-plugin-response-cache`: it caches by the cache hints that Apollo's cache-control
 * plugin computes field by field during execution (a `willResolveField` hook on every field of every
 * request, cached or not), and it would send `Cache-Control: max-age` headers that let browsers and proxies
 * keep answers this server can no longer invalidate. Here validity is the graph version, not an age, so the
 * key does the work the hints would, and the cold path pays nothing per field (Apollo's cache-control plugin
 * is disabled in create-app.ts). The storage is Apollo's `KeyValueCache` all the same (result-store.ts).
 */
import { createHash } from "node:crypto";
import type { ApolloServerPlugin, GraphQLRequestListener, GraphQLResponse } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  type SelectionSetNode,
} from "graphql";
import type { TokenClaims } from "../auth/index.js";
import type { GraphVersionWatch, VersionToken } from "./graph-version-watch.js";
import type { ResultStore } from "./result-store.js";

/** The response header that says whether an answer came from the cache (`hit`) or was computed (`miss`). */
export const RESULT_CACHE_HEADER = "x-result-cache";

export interface ResultCacheOptions {
  readonly store: ResultStore;
  readonly versions: GraphVersionWatch;
  /** Seconds an answer may be kept (0: no time limit). */
  readonly ttlSeconds: number;
  /**
   * Part of every key: a hash of the schema, so processes of different releases sharing one Redis never
   * answer each other's operations.
   */
  readonly keyPrefix: string;
  /** A store that fails is skipped (the request is answered without the cache) and reported here. */
  readonly onStoreError: (error: unknown) => void;
}

/** Counters for tests and the log. */
export interface ResultCacheStats {
  hits: number;
  misses: number;
  stored: number;
  /** Requests answered without the cache because the version or the store could not be read. */
  bypassed: number;
}

/** Root fields whose answer depends on who calls, not only on their roles: an operation selecting one is not cached. */
export const CALLER_FIELDS: ReadonlySet<string> = new Set(["viewer"]);

/** Whether the operation selects one of `names` at its root, directly or through fragments. */
export function selectsRootField(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  names: ReadonlySet<string>,
): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const seen = new Set<string>();
  const pending: SelectionSetNode[] = [operation.selectionSet];
  for (let set = pending.pop(); set; set = pending.pop()) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (names.has(selection.name.value)) return true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        pending.push(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) pending.push(fragment.selectionSet);
      }
    }
  }
  return false;
}

/** The caller's roles as they enter the key: null for no token, else the sorted distinct roles. */
export function rolesKey(claims: TokenClaims | undefined): string | null {
  return claims ? JSON.stringify([...new Set(claims.roles)].sort()) : null;
}

/** The cache key of one request. JSON keeps the parts apart whatever characters they hold. */
export function resultKey(parts: {
  prefix: string;
  version: string;
  roles: string | null;
  queryHash: string;
  operationName: string | null;
  variables: Record<string, unknown> | undefined;
}): string {
  const text = JSON.stringify([
    parts.prefix,
    parts.version,
    parts.roles,
    parts.queryHash,
    parts.operationName,
    parts.variables ?? {},
  ]);
  return createHash("sha256").update(text).digest("base64url");
}

/** A store that does not answer within this long counts as a miss (a slow Redis must not slow the API). */
const STORE_DEADLINE_MS = 250;

function withinDeadline<T>(work: Promise<T>): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), STORE_DEADLINE_MS);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function resultCachePlugin<TContext extends { jwt?: TokenClaims; graphVersion?: Promise<VersionToken> }>(
  options: ResultCacheOptions,
): ApolloServerPlugin<TContext> & { readonly stats: ResultCacheStats } {
  const { store, versions } = options;
  const stats: ResultCacheStats = { hits: 0, misses: 0, stored: 0, bypassed: 0 };
  let lastVersion: VersionToken;
  let lastNumber = -1;

  return {
    stats,
    async requestDidStart(): Promise<GraphQLRequestListener<TContext>> {
      let version: Promise<VersionToken> | undefined;
      let key: string | undefined;
      let hit = false;
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          // Read from when the request arrived (the HTTP route starts it), else from now; used only if
          // every other plugin's check passes.
          if (operation?.operation !== OperationTypeNode.QUERY) return;
          if (selectsRootField(document, operation, CALLER_FIELDS)) return;
          version = (contextValue.graphVersion ?? versions.current()).then(
            (value) => value,
            () => undefined, // Neo4j not answering: run the operation, which reports why.
          );
        },
        async responseForOperation({ queryHash, operationName, request, contextValue }) {
          const known = await version;
          if (known === undefined || queryHash === undefined) {
            // No version (Neo4j not answering, or a graph never written through the write path): no cache.
            if (version) stats.bypassed += 1;
            return null;
          }
          const number = Number.parseInt(known, 10);
          if (number > lastNumber || (number === lastNumber && known !== lastVersion)) {
            // Answers under an older version can only be asked for by requests already in flight. (A lower
            // number is such a request, or a graph emptied and counted again: the LRU drops those in time.)
            if (lastVersion !== undefined) store.dropOlderVersions();
            lastVersion = known;
            lastNumber = number;
          }
          key = resultKey({
            prefix: options.keyPrefix,
            version: known,
            roles: rolesKey(contextValue.jwt),
            queryHash,
            operationName: operationName ?? null,
            variables: request.variables,
          });
          let cached: Record<string, unknown> | undefined;
          try {
            cached = await withinDeadline(store.get(key));
          } catch (error) {
            options.onStoreError(error);
          }
          if (cached === undefined) {
            stats.misses += 1;
            return null;
          }
          stats.hits += 1;
          hit = true;
          const response: GraphQLResponse = {
            http: { status: undefined, headers: new HeaderMap([[RESULT_CACHE_HEADER, "hit"]]) },
            body: { kind: "single", singleResult: { data: cached } },
          };
          return response;
        },
        async willSendResponse({ response }) {
          if (key === undefined || hit) return;
          response.http.headers.set(RESULT_CACHE_HEADER, "miss");
          const body = response.body;
          if (body.kind !== "single" || body.singleResult.errors || !body.singleResult.data) return;
          const data = body.singleResult.data;
          const text = JSON.stringify(data);
          if (text.length > store.maxEntryLength) return;
          stats.stored += 1;
          store.set(key, data, text, options.ttlSeconds).catch(options.onStoreError);
        },
      };
    },
  };
}

/** A short hash of the schema's SDL, for `keyPrefix`. */
export function schemaFingerprint(sdl: string): string {
  return createHash("sha256").update(sdl).digest("base64url").slice(0, 16);
}
