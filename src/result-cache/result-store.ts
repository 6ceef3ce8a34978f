/**
 * Where cached answers live, behind Apollo's `KeyValueCache` interface (get/set with a TTL/delete): in this
 * process, an LRU with a memory cap (`InMemoryLRUCache`, lru-cache underneath); or, when several API
 * processes serve one Neo4j, Redis through Keyv (`@keyv/redis`, wrapped by Apollo's `KeyvAdapter`), so an
 * answer one process computed serves them all. Keys are hashes (result-cache-plugin.ts) under one prefix,
 * values the answer's JSON text.
 */
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import { KeyvAdapter } from "@apollo/utils.keyvadapter";
import KeyvRedis from "@keyv/redis";
import Keyv from "keyv";
import type { ResultCacheSettings } from "../config/index.js";

/** Redis keys start with this, so the cache can share a Redis with other uses. */
export const REDIS_NAMESPACE = "kg-result";

export interface ResultStore {
  readonly cache: KeyValueCache<string>;
  /** `memory` or `redis`. */
  readonly kind: "memory" | "redis";
  /** Answers longer than this (JSON characters) are not stored. */
  readonly maxEntryLength: number;
  /**
   * Drops every answer this process holds, when the graph moved to a newer version (they can never be
   * asked for again). Shared stores keep theirs until their TTL: other processes may still be on the old version.
   */
  dropOlderVersions(): void;
  close(): Promise<void>;
}

export function createResultStore(settings: ResultCacheSettings, onError: (error: unknown) => void): ResultStore {
  const maxEntryLength = Math.max(1, Math.floor(settings.maxSizeBytes / 8));
  if (settings.redisUrl) {
    // Commands fail at once while Redis is away (no offline queue: a request must not wait for a reconnect),
    // and the client keeps reconnecting in the background.
    const redis = new KeyvRedis(
      { url: settings.redisUrl, disableOfflineQueue: true, socket: { connectTimeout: 2_000 } },
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
    return {
      // KeyvAdapter types its Keyv from the CommonJS declarations, this file from the ESM ones: the same class.
      cache: new KeyvAdapter<string>(keyv as unknown as ConstructorParameters<typeof KeyvAdapter<string>>[0]),
      kind: "redis",
      maxEntryLength,
      dropOlderVersions: () => undefined,
      close: () => keyv.disconnect(),
    };
  }
  const memory = new InMemoryLRUCache<string>({
    maxSize: settings.maxSizeBytes,
    maxEntrySize: maxEntryLength,
    // lru-cache counts what we tell it: the answer's JSON text, one unit per character.
    sizeCalculation: (value: string) => value.length,
  });
  return {
    cache: memory,
    kind: "memory",
    maxEntryLength,
    dropOlderVersions: () => memory.clear(),
    close: async () => memory.clear(),
  };
}
