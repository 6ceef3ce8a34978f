/**
 * The result cache: answers of read operations kept until a write moves the graph's version (or their TTL
 * ends), in this process or in a shared Redis. `createResultCache` builds the plugin the server installs.
 */
import { printSchema, type GraphQLSchema } from "graphql";
import type { TokenClaims } from "../auth/index.js";
import type { ResultCacheSettings } from "../config/index.js";
import type { Database } from "../database/index.js";
import { GraphVersionWatch } from "./graph-version-watch.js";
import { resultCachePlugin, schemaFingerprint } from "./result-cache-plugin.js";
import { PushVersionWatch } from "./push-version-watch.js";
import { createResultStore } from "./result-store.js";

export { GraphVersionWatch, type GraphStamp } from "./graph-version-watch.js";
export { PushVersionWatch } from "./push-version-watch.js";
export { PushLease } from "./push-lease.js";
export {
  RESULT_CACHE_HEADER,
  resultKey,
  rolesKey,
  selectsRootField,
  CALLER_FIELDS,
  resultCachePlugin,
  type ResultCacheStats,
} from "./result-cache-plugin.js";
export { createResultStore, REDIS_NAMESPACE, type ResultStore } from "./result-store.js";

/** The plugin for one server, with its store and version watch; undefined when the cache is off. */
export function createResultCache<TContext extends { jwt?: TokenClaims; graphVersion?: Promise<string | undefined> }>(
  settings: ResultCacheSettings,
  db: Database,
  schema: GraphQLSchema,
  onError: (error: unknown) => void,
) {
  if (!settings.enabled) return undefined;
  const store = createResultStore(settings, onError);
  const push =
    settings.push && settings.redisUrl
      ? new PushVersionWatch(db, { redisUrl: settings.redisUrl, leaseMs: settings.leaseMs, onError })
      : undefined;
  const versions = GraphVersionWatch.fromDatabase(db, push ? () => push.trusted() : undefined);
  const plugin = resultCachePlugin<TContext>({
    store,
    versions,
    ttlSeconds: settings.ttlMs / 1000,
    keyPrefix: schemaFingerprint(printSchema(schema)),
    onStoreError: onError,
  });
  return {
    ...plugin,
    kind: store.kind,
    /** Starts a version read now (for the HTTP route, as a request arrives). */
    readGraphVersion: () => versions.current(),
    /** How many version reads went to Neo4j (for tests and the benchmark). */
    get versionReads() {
      return versions.readCount;
    },
    /** Push mode's watch, when on (for tests). */
    push,
    async serverWillStart() {
      push?.start();
      return {
        async serverWillStop() {
          await push?.stop();
          await store.close();
        },
      };
    },
  };
}
