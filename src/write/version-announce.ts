/**
 * After a write commits, before it is acknowledged to its caller: make sure no server answers from a version
 * older than the write's (push mode, src/result-cache/push-version-watch.ts).
 *
 * A server in push mode answers from the version it holds in memory while its lease lasts: an entry
 * `<holder>@<until>` on the `GraphVersion` node, written in a transaction that also reads the version, and
 * renewed in the background. Every write reads those entries in its own transaction, after taking the node's
 * lock (graph-version.ts), so for each server either the lease write committed before the write (the writer
 * sees the entry) or it committed after (it read the write's version, or a later one). For each server the
 * writer saw, one of two things happens before this function returns:
 * - the writer (with Redis) publishes the new version on that server's own channel and the server
 *   acknowledges, on the writer's acknowledgement channel, having taken it; or
 * - the writer waits until every lease it saw has run out (no Redis here, a server not subscribed, an
 *   acknowledgement missing): a server trusts its memory for less than the lease from when its lease read
 *   STARTED, and Neo4j's clock wrote `until` after that start, so by then each has gone back to reading the
 *   version per request.
 * So once any writer of the project (the API, `kg import`, the seed, an undo or erasure) acknowledges a
 * write, every server answers with that write's version or a later one: the guarantee of reading the version
 * per request, kept. Only durations are measured here, on this process's monotonic clock, from a time after
 * Neo4j's (`remainingMs` counts from the transaction's `timestamp()`), so the clocks of different machines
 * never meet.
 *
 * Why a channel per server and not one shared one: the writer knows from the lease exactly whom to wait for,
 * and `PUBLISH` answering 0 says at once that a server is not listening; counting the subscribers Redis
 * reports for a shared channel would miss a server whose connection Redis already dropped but which has not
 * yet noticed.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createClient } from "@keyv/redis";

/** What a write saw of the leases: who held one, and how long (ms, from when the write read them) the last runs. */
export interface LeasesSeen {
  readonly holders: readonly string[];
  readonly remainingMs: number;
}

/** The unexpired leases among `entries` (`<holder>@<until>`) at `now` (Neo4j's clock, epoch ms). Pure. */
export function unexpiredLeases(entries: readonly string[], now: number): LeasesSeen {
  const holders: string[] = [];
  let last = now;
  for (const entry of entries) {
    const at = entry.lastIndexOf("@");
    const until = Number(entry.slice(at + 1));
    if (at <= 0 || !Number.isFinite(until) || until <= now) continue;
    holders.push(entry.slice(0, at));
    last = Math.max(last, until);
  }
  return { holders, remainingMs: last - now };
}

/** The Redis channel a server in push mode listens on. */
export function pushChannel(holder: string): string {
  return `kg:graph-version:${holder}`;
}

/** A push: the version token (`<version>:<writeId>`) and where to acknowledge it. */
export interface PushMessage {
  readonly token: string;
  readonly ack: string;
}

/** An acknowledgement: this holder now answers with `token` or a later version. */
export interface AckMessage {
  readonly holder: string;
  readonly token: string;
}

interface Seen {
  version: number;
  writeId: string;
  /** On this process's monotonic clock: when the last lease seen has run out. */
  deadline: number;
  readonly holders: Set<string>;
}

/** What the write running in this async context saw (a batched write bumps once per batch). */
const current = new AsyncLocalStorage<Seen>();

/** Called by the bump, inside the write's transaction. */
export function noteLeases(writeId: string, version: number, leases: LeasesSeen): void {
  const seen = current.getStore();
  if (!seen) return;
  seen.writeId = writeId;
  seen.version = Math.max(seen.version, version);
  seen.deadline = Math.max(seen.deadline, performance.now() + leases.remainingMs);
  for (const holder of leases.holders) seen.holders.add(holder);
}

let announcer: Announcer | undefined;

/**
 * Lets this process's writes push their version through Redis (the result cache's shared store); without
 * it, a write that saw a lease waits for it to run out. Returns how to close the connections.
 */
export function configureVersionAnnouncement(
  redisUrl: string | undefined,
  onError: (error: unknown) => void,
): () => Promise<void> {
  if (!redisUrl) return async () => undefined;
  const created = new Announcer(redisUrl, onError);
  announcer = created;
  return async () => {
    if (announcer === created) announcer = undefined;
    await created.close();
  };
}

/**
 * Runs a write (every transaction of it), then returns its result only once no server can answer with a
 * version older than what it committed. `committed` says from the result whether it did (a dry run rolls
 * back); a write that fails may have committed (some batches, a commit whose outcome is unknown), so then
 * the leases it saw run out before the failure is reported. A write inside another gets its own context.
 */
export async function announcedWrite<T>(work: () => Promise<T>, committed: (result: T) => boolean): Promise<T> {
  const seen: Seen = { version: 0, writeId: "", deadline: 0, holders: new Set() };
  let result: T;
  try {
    result = await current.run(seen, work);
  } catch (error) {
    if (seen.holders.size > 0) await until(seen.deadline);
    throw error;
  }
  if (seen.holders.size > 0 && committed(result)) {
    const token = `${seen.version}:${seen.writeId}`;
    const acknowledged = announcer
      ? await announcer.push(token, seen.holders, seen.deadline).catch(() => false)
      : false;
    if (!acknowledged) await until(seen.deadline);
  }
  return result;
}

function until(deadline: number): Promise<void> {
  const wait = deadline - performance.now();
  if (wait <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, Math.ceil(wait) + 1));
}

class Announcer {
  private readonly publisher;
  private readonly subscriber;
  private readonly ackChannel = `kg:graph-version-ack:${randomUUID()}`;
  private readonly waiting = new Map<string, { holders: Set<string>; done: () => void }>();
  private ready: Promise<void> | undefined;

  constructor(url: string, onError: (error: unknown) => void) {
    const options = { url, disableOfflineQueue: true, socket: { connectTimeout: 2_000 } };
    this.publisher = createClient(options);
    this.subscriber = createClient(options);
    this.publisher.on("error", onError);
    this.subscriber.on("error", onError);
  }

  private connect(): Promise<void> {
    this.ready ??= (async () => {
      await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
      await this.subscriber.subscribe(this.ackChannel, (text) => this.acknowledged(text));
    })();
    // A failed connection is tried again by the next write.
    this.ready.catch(() => {
      this.ready = undefined;
    });
    return this.ready;
  }

  private acknowledged(text: string): void {
    let ack: AckMessage;
    try {
      ack = JSON.parse(text) as AckMessage;
    } catch {
      return;
    }
    const waiter = this.waiting.get(ack.token);
    if (!waiter) return;
    waiter.holders.delete(ack.holder);
    if (waiter.holders.size === 0) waiter.done();
  }

  /** True once every holder acknowledged `token` before `deadline`. */
  async push(token: string, holders: ReadonlySet<string>, deadline: number): Promise<boolean> {
    const left = () => deadline - performance.now();
    const timer = (ms: number) => new Promise<false>((resolve) => setTimeout(() => resolve(false), Math.max(0, ms)));
    const connected = await Promise.race([this.connect().then(() => true as const), timer(left())]);
    if (!connected) return false;
    let done!: () => void;
    const all = new Promise<true>((resolve) => (done = () => resolve(true)));
    const waiter = { holders: new Set(holders), done };
    this.waiting.set(token, waiter);
    try {
      const message = JSON.stringify({ token, ack: this.ackChannel } satisfies PushMessage);
      const listening = await Promise.all(
        [...holders].map((holder) => this.publisher.publish(pushChannel(holder), message)),
      );
      // A server not subscribed cannot acknowledge: its lease has to run out.
      if (listening.some((count) => count === 0)) return false;
      return await Promise.race([all, timer(left())]);
    } finally {
      this.waiting.delete(token);
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.publisher.close(), this.subscriber.close()]);
  }
}
