/**
 * Where cached answers live. In this process: an LRU with a memory cap (lru-cache, the package under
 * Apollo's `InMemoryLRUCache`), holding each answer as the object it was computed as, so a hit is not parsed
 * again; its size is the answer's JSON length, given when stored. When several API processes serve one
 * Neo4j: Redis through Keyv (`@keyv/redis`, behind Apollo's `KeyValueCache` interface by its `KeyvAdapter`),
 * so an answer one process computed serves them all; there it is the answer's JSON text. Keys are hashes
 * (result-cache-plugin.ts).
 */
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { KeyvAdapter } from "@apollo/utils.keyvadapter";
import KeyvRedis from "@keyv/redis";
import Keyv from "keyv";
import { LRUCache } from "lru-cache";
import type { ResultCacheSettings } from "../config/index.js";

/** Redis keys start with this, so the cache can share a Redis with other uses. */
export const REDIS_NAMESPACE = "kg-result";

/** An answer's `data`. */
export type Answer = Record<string, unknown>;

export interface ResultStore {
  /** `memory` or `redis`. */
  readonly kind: "memory" | "redis";
  /** Answers longer than this (JSON characters) are not stored. */
  readonly maxEntryLength: number;
  get(key: string): Promise<Answer | undefined>;
  /** Keeps `answer` (whose JSON is `json`) for `ttlSeconds` (0: until evicted). */
  set(key: string, answer: Answer, json: string, ttlSeconds: number): Promise<void>;
  /**
   * Drops every answer this process holds, when the graph moved to a newer version (they can never be
   * asked for again). Shared stores keep theirs until their TTL: other processes may still be on the old version.
   */
  dropOlderVersions(): void;
  close(): Promise<void>;
}

export function createResultStore(settings: ResultCacheSettings, onError: (error: unknown) => void): ResultStore {
  const maxEntryLength = Math.max(1, Math.floor(settings.maxSizeBytes / 8));
  if (settings.redisUrl) return redisStore(settings.redisUrl, maxEntryLength, onError);
  const memory = new LRUCache<string, Answer>({ maxSize: settings.maxSizeBytes, maxEntrySize: maxEntryLength });
  return {
    kind: "memory",
    maxEntryLength,
    get: async (key) => memory.get(key),
    set: async (key, answer, json, ttlSeconds) => {
      memory.set(key, answer, { size: Math.max(1, json.length), ttl: ttlSeconds * 1000 });
    },
    dropOlderVersions: () => memory.clear(),
    close: async () => memory.clear(),
  };
}

function redisStore(url: string, maxEntryLength: number, onError: (error: unknown) => void): ResultStore {
  // Commands fail at once while Redis is away (no offline queue: a request must not wait for a reconnect),
  // and the client keeps reconnecting in the background.
  const redis = new KeyvRedis(
    { url, disableOfflineQueue: true, socket: { connectTimeout: 2_000 } },
    { namespace: REDIS_NAMESPACE, throwOnConnectError: false, throwOnErrors: false },
  );
  redis.on("error", onError);
  const keyv = new Keyv<string>({
    store: redis,
    namespace: REDIS_NAMESPACE,
    useKeyPrefix: false,
    throwOnErrors: false,
  });
  keyv.on("error", onError);
  // KeyvAdapter types its Keyv from the CommonJS declarations, this file from the ESM ones: the same class.
  const cache: KeyValueCache<string> = new KeyvAdapter<string>(
    keyv as unknown as ConstructorParameters<typeof KeyvAdapter<string>>[0],
  );
  return {
    kind: "redis",
    maxEntryLength,
    get: async (key) => {
      const json = await cache.get(key);
      return json === undefined ? undefined : (JSON.parse(json) as Answer);
    },
    set: (key, _answer, json, ttlSeconds) => cache.set(key, json, ttlSeconds > 0 ? { ttl: ttlSeconds } : undefined),
    dropOlderVersions: () => undefined,
    close: () => keyv.disconnect(),
  };
}
