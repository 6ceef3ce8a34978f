/**
 * Where the per-client limits count: in this process's memory, or — when a Redis is configured
 * (LIMITS_REDIS_URL, else RESULT_CACHE_REDIS_URL) — in Redis, shared by every API process that uses it, so
 * two processes behind a balancer give a client its allowance once, not twice.
 *
 * - **Request rates** (/graphql, /export, /reconcile): express-rate-limit with `rate-limit-redis`'s store
 *   (one Lua script: a counter per client per window, its expiry the window's end).
 * - **Algorithm runs per client per window** (ALGORITHM_RUNS_PER_WINDOW): the same counters (`counter`), for
 *   the algorithm gate (src/resolvers/algorithms/gds-gate.ts).
 * - **Export slots** (EXPORT_MAX_PER_CLIENT, EXPORT_MAX_CONCURRENT): leases in two sorted sets, the client's
 *   and everyone's, taken and counted in one Lua script; a running export renews its lease, so the slots of a
 *   process that died free themselves when their lease ends (EXPORT_LEASE_MS).
 *
 * Redis holds no token subject and no address: a client's key is hashed (SHA-256) before it is used.
 *
 * **When Redis is away the limits fail over, not open and not closed**: each process counts in its own memory
 * again (as it does without Redis), logs one warning, and goes back to Redis when it answers (one info line).
 * A request never waits on a Redis that is down (commands fail at once, no offline queue) and at most
 * REDIS_COMMAND_TIMEOUT_MS on one that hangs; after a failure the process counts locally for
 * REDIS_RETRY_AFTER_MS before trying Redis again. Failing closed (503 for everyone) would let a cache outage
 * take the API down; failing open (no limits) would let one client take it. During an outage a client gets
 * each process's allowance — what it got before limits were shared.
 *
 * The slots and queues of the algorithm and whole-graph gates (src/resolvers/algorithms/gds-gate.ts) stay per process on
 * purpose; see there.
 */
import { createHash, randomUUID } from "node:crypto";
import { createClient } from "@keyv/redis";
import { type IncrementResponse, MemoryStore, type Options, type Store } from "express-rate-limit";
import { RedisStore, type RedisReply } from "rate-limit-redis";
import type { Logger } from "../logging/index.js";
import { ConcurrencyLimit } from "./client-limits.js";

/** Every key this module writes starts with this (the result cache's are `kg-result`). */
export const LIMITS_NAMESPACE = "kg-limit";
/** The longest a request waits on Redis before it is counted in the process instead. */
export const REDIS_COMMAND_TIMEOUT_MS = 1_000;
/** After a failed command, count in the process this long before asking Redis again. */
export const REDIS_RETRY_AFTER_MS = 2_000;
/** How long an export's slot is held without renewal (it is renewed every third of this while it runs). */
export const EXPORT_LEASE_MS = 30_000;

/** A held slot; `release` when the work ends (twice is harmless). */
export interface Slot {
  release(): void;
}

/** Work in progress per client and in all (exports). */
export interface Slots {
  readonly maxPerClient: number;
  readonly maxTotal: number;
  /** A slot, or which limit refused one: `client` (the client's share) or `total`. */
  take(client: string): Promise<Slot | "client" | "total">;
}

export interface SharedLimits {
  /** Where they count: `memory` (this process) or `redis` (every process using that Redis). */
  readonly kind: "memory" | "redis";
  /** Whether the limits count in Redis right now (false without one, and while it is away). */
  readonly shared: boolean;
  /** A store for one rate limiter (`name` tells limiters apart); undefined: express-rate-limit's own, in memory. */
  rateStore(name: string): Store | undefined;
  /** A per-client counter over windows of `windowMs` (`name` tells counters apart); undefined without Redis. */
  counter(name: string, windowMs: number): { increment(key: string): Promise<IncrementResponse> } | undefined;
  slots(name: string, maxPerClient: number, maxTotal: number): Slots;
  close(): Promise<void>;
}

/** Slots in this process: `ConcurrencyLimit` behind the `Slots` interface. */
function memorySlots(maxPerClient: number, maxTotal: number): Slots {
  const running = new ConcurrencyLimit(maxPerClient, maxTotal);
  return {
    maxPerClient,
    maxTotal,
    take: async (client) => {
      const refused = running.enter(client);
      if (refused) return refused;
      let held = true;
      return {
        release: () => {
          if (held) running.leave(client);
          held = false;
        },
      };
    },
  };
}

/** The limits in this process's memory (no Redis configured). */
export function memoryLimits(): SharedLimits {
  return {
    kind: "memory",
    shared: false,
    rateStore: () => undefined,
    counter: () => undefined,
    slots: (_name, maxPerClient, maxTotal) => memorySlots(maxPerClient, maxTotal),
    close: async () => undefined,
  };
}

/**
 * The limits in Redis when `url` is set, else in memory. `log` hears when Redis goes away and comes back;
 * `leaseMs` is for tests (a slot's lease, EXPORT_LEASE_MS otherwise).
 */
export function createSharedLimits(
  url: string | undefined,
  log: Logger,
  { leaseMs = EXPORT_LEASE_MS }: { readonly leaseMs?: number } = {},
): SharedLimits {
  if (!url) return memoryLimits();
  const redis = new LimitsRedis(url, log);
  return {
    kind: "redis",
    get shared() {
      return redis.shared;
    },
    rateStore: (name) => new SharedRateStore(redis, name),
    counter: (name, windowMs) => {
      const store = new SharedRateStore(redis, name);
      store.init({ windowMs } as Options);
      return store;
    },
    slots: (name, maxPerClient, maxTotal) => new SharedSlots(redis, name, maxPerClient, maxTotal, leaseMs),
    close: () => redis.close(),
  };
}

/** A client's key as Redis sees it: no subject or address, a fixed length. */
export function hashedClient(key: string): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 32);
}

/** One connection per process for every shared limit, and what the process knows of its health. */
class LimitsRedis {
  private readonly client;
  /** `up` once Redis answered; `down` from a failure until it answers again (one warning per outage). */
  private state: "starting" | "up" | "down" = "starting";
  private retryAt = 0;
  private closed = false;

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    this.client = createClient({
      url,
      // Commands fail at once while Redis is away (a request must not wait for a reconnect) …
      disableOfflineQueue: true,
      // … and the client keeps reconnecting in the background, at most a second apart.
      socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(100 * (retries + 1), 1_000) },
    });
    this.client.on("error", (error: unknown) => this.down(error));
    this.client.on("ready", () => this.up());
    // Resolves when connected; while Redis is away it keeps trying until `close`.
    this.client.connect().catch((error: unknown) => this.down(error));
  }

  /** Whether to ask Redis now (connected, and no failure in the last REDIS_RETRY_AFTER_MS). */
  get usable(): boolean {
    return !this.closed && this.client.isReady && Date.now() >= this.retryAt;
  }

  /** Whether Redis answered last time it was asked (and the connection is up). */
  get shared(): boolean {
    return !this.closed && this.client.isReady && this.state === "up";
  }

  /** Notes that Redis answers (it reconnected, or a command succeeded after one that hung). */
  private up(): void {
    if (this.state === "starting")
      this.log.info("the rate limits and export slots count in Redis, shared by every process");
    if (this.state === "down") this.log.info("Redis answers again: the rate limits and export slots are shared again");
    this.state = "up";
    this.retryAt = 0;
  }

  /** Notes a failure: count in the process for a while, and warn once per outage. */
  down(error: unknown): void {
    if (this.closed) return;
    this.retryAt = Date.now() + REDIS_RETRY_AFTER_MS;
    if (this.state === "down") return;
    this.state = "down";
    this.log.warn(
      { err: error },
      "Redis for the shared limits does not answer: each process counts the rate limits and export slots in its own memory until it does",
    );
  }

  /** One command, bounded by REDIS_COMMAND_TIMEOUT_MS. */
  async command(args: string[]): Promise<RedisReply> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not answer in ${REDIS_COMMAND_TIMEOUT_MS} ms`)),
        REDIS_COMMAND_TIMEOUT_MS,
      );
    });
    try {
      // The scripts and commands sent here answer numbers, strings and arrays of them: rate-limit-redis's type.
      const reply = (await Promise.race([this.client.sendCommand(args), timeout])) as unknown as RedisReply;
      if (this.state !== "up") this.up();
      return reply;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.client.destroy();
    } catch {
      // already closed
    }
  }
}

/**
 * One rate limiter's counts: in Redis through `rate-limit-redis` while Redis answers, in an express-rate-limit
 * `MemoryStore` while it does not.
 */
class SharedRateStore implements Store {
  /** The counts are shared by every process: not this store's alone. */
  readonly localKeys = false;
  readonly prefix: string;
  private readonly shared: RedisStore;
  private readonly local = new MemoryStore();
  private options: Options | undefined;
  /** Whether `rate-limit-redis` has its scripts; loaded on first use and again after any failure. */
  private ready = false;

  constructor(
    private readonly redis: LimitsRedis,
    name: string,
  ) {
    this.prefix = `${LIMITS_NAMESPACE}:rate:${name}:`;
    this.shared = new RedisStore({ prefix: this.prefix, sendCommand: (...args) => redis.command(args) });
  }

  init(options: Options): void {
    this.options = options;
    this.local.init(options);
  }

  async increment(key: string): Promise<IncrementResponse> {
    const hashed = hashedClient(key);
    if (this.redis.usable && this.options) {
      try {
        // rate-limit-redis loads its scripts in `init` and keeps a failed load for good; loading them here, and
        // again after a failure, makes a Redis that was down at start-up, or restarted, usable again.
        if (!this.ready) await this.shared.init(this.options);
        this.ready = true;
        return await this.shared.increment(hashed);
      } catch (error) {
        this.ready = false;
        this.redis.down(error);
      }
    }
    return this.local.increment(hashed);
  }

  async decrement(key: string): Promise<void> {
    const hashed = hashedClient(key);
    await this.local.decrement(hashed);
    if (this.redis.usable && this.ready) await this.shared.decrement(hashed).catch((error) => this.redis.down(error));
  }

  async resetKey(key: string): Promise<void> {
    const hashed = hashedClient(key);
    await this.local.resetKey(hashed);
    if (this.redis.usable && this.ready) await this.shared.resetKey(hashed).catch((error) => this.redis.down(error));
  }

  shutdown(): void {
    this.local.shutdown();
  }
}

/**
 * Takes a slot when the client holds fewer than its share and everyone fewer than the total: `KEYS[1]` the
 * client's leases, `KEYS[2]` everyone's (sorted sets scored by when the lease ends, in Redis's clock);
 * `ARGV`: the slot's id, the two limits, the lease in ms. Ended leases are dropped first. 0: taken; 1: the
 * client's share is full; 2: the total is.
 */
const TAKE_SLOT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 1 end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return 2 end
local ends = now + tonumber(ARGV[4])
redis.call('ZADD', KEYS[1], ends, ARGV[1])
redis.call('ZADD', KEYS[2], ends, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 0`;

/** Extends a slot's lease (`ARGV[1]` the id, `ARGV[2]` the lease in ms); a slot already dropped stays dropped. */
const RENEW_SLOT = `
local time = redis.call('TIME')
local ends = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) + tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], 'XX', ends, ARGV[1])
redis.call('ZADD', KEYS[2], 'XX', ends, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 0`;

/** Gives a slot back (`ARGV[1]` its id). */
const RELEASE_SLOT = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 0`;

/** Export slots as leases in Redis while it answers; in this process's memory while it does not. */
class SharedSlots implements Slots {
  private readonly local: Slots;

  constructor(
    private readonly redis: LimitsRedis,
    private readonly name: string,
    readonly maxPerClient: number,
    readonly maxTotal: number,
    private readonly leaseMs: number,
  ) {
    this.local = memorySlots(maxPerClient, maxTotal);
  }

  async take(client: string): Promise<Slot | "client" | "total"> {
    const hashed = hashedClient(client);
    if (this.redis.usable) {
      const keys = [`${LIMITS_NAMESPACE}:${this.name}:client:${hashed}`, `${LIMITS_NAMESPACE}:${this.name}:all`];
      const id = randomUUID();
      const script = (text: string, ...args: (string | number)[]) =>
        this.redis.command(["EVAL", text, "2", ...keys, ...args.map(String)]);
      try {
        const verdict = Number(await script(TAKE_SLOT, id, this.maxPerClient, this.maxTotal, this.leaseMs));
        if (verdict === 1) return "client";
        if (verdict === 2) return "total";
        const renew = setInterval(
          () => void script(RENEW_SLOT, id, this.leaseMs).catch(() => undefined),
          Math.max(1, Math.floor(this.leaseMs / 3)),
        );
        renew.unref();
        let held = true;
        return {
          release: () => {
            if (!held) return;
            held = false;
            clearInterval(renew);
            // Not awaited: the answer is done. If Redis is away now, the lease ends on its own.
            void script(RELEASE_SLOT, id).catch(() => undefined);
          },
        };
      } catch (error) {
        this.redis.down(error);
      }
    }
    return this.local.take(hashed);
  }
}
