/**
 * Push mode: the graph's version known in memory, so a cached answer costs no round trip to Neo4j. Only with
 * a shared Redis (`RESULT_CACHE_REDIS_URL`) and `RESULT_CACHE_PUSH` on.
 *
 * This server holds a lease on the `GraphVersion` node (`renewPushLease`: an entry naming it until Neo4j's
 * clock passes `now + lease`, written in a transaction that reads the version), renewed every third of the
 * lease, and listens on its own Redis channel. Every writer of the project reads the leases in its write
 * transaction and, after committing, pushes its version to each holder and waits for their
 * acknowledgements, or waits until the leases it saw have run out (src/write/version-announce.ts says why
 * that keeps "never a stale answer after an acknowledged write"). push-lease.ts holds the rules of when the
 * version in memory may be used; whenever it may not (Redis away or reconnecting, a renewal failing or
 * late), a request reads the version from Neo4j as without push mode (graph-version-watch.ts).
 *
 * Whether the subscription is up is learnt by a probe: after each (re)connection this server publishes to
 * its own channel, and counts the subscription as up from when the probe was SENT, once it comes back.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createClient } from "@keyv/redis";
import type { Database } from "../database/index.js";
import { type AckMessage, type PushMessage, pushChannel, renewPushLease } from "../write/index.js";
import { PushLease } from "./push-lease.js";
import type { VersionToken } from "./graph-version-watch.js";

export interface PushVersionOptions {
  readonly redisUrl: string;
  readonly leaseMs: number;
  readonly onError: (error: unknown) => void;
  /** The clock (ms, monotonic); tests may give their own. */
  readonly now?: () => number;
}

export class PushVersionWatch {
  readonly holder = randomUUID();
  private readonly lease: PushLease;
  private readonly now: () => number;
  private readonly publisher;
  private readonly subscriber;
  private renewal: NodeJS.Timeout | undefined;
  private stopped = false;
  private probe = 0;
  private probeSentAt = new Map<number, number>();
  /** Lease renewals that succeeded (for tests). */
  renewals = 0;

  constructor(
    private readonly db: Database,
    private readonly options: PushVersionOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.lease = new PushLease(options.leaseMs);
    const client = { url: options.redisUrl, disableOfflineQueue: true, socket: { connectTimeout: 2_000 } };
    this.publisher = createClient(client);
    this.subscriber = createClient(client);
    const lost = (error?: unknown) => {
      this.lease.lost();
      if (error !== undefined) options.onError(error);
    };
    for (const redis of [this.publisher, this.subscriber]) {
      redis.on("error", lost);
      redis.on("end", () => lost());
      redis.on("reconnecting", () => lost());
      redis.on("ready", () => this.sendProbe());
    }
  }

  /**
   * Starts connecting and renewing, without waiting: a Redis not there yet means per-request reads until it
   * is (the clients keep reconnecting), never a server that does not start.
   */
  start(): void {
    void (async () => {
      try {
        await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
        await this.subscriber.subscribe(pushChannel(this.holder), (text) => this.received(text));
        this.sendProbe();
      } catch (error) {
        this.lease.lost();
        this.options.onError(error);
      }
    })();
    this.scheduleRenewal(0);
  }

  /** The version to use now, or undefined: read it from Neo4j. */
  trusted(): VersionToken {
    return this.stopped ? undefined : this.lease.trusted(this.now());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.renewal);
    this.lease.lost();
    await Promise.allSettled([this.subscriber.close(), this.publisher.close()]);
  }

  private sendProbe(): void {
    if (this.stopped || !this.subscriber.isReady || !this.publisher.isReady) return;
    const id = (this.probe += 1);
    this.probeSentAt.set(id, this.now());
    this.publisher.publish(pushChannel(this.holder), JSON.stringify({ probe: id })).catch(() => undefined);
  }

  private received(text: string): void {
    let message: PushMessage & { probe?: number };
    try {
      message = JSON.parse(text) as PushMessage & { probe?: number };
    } catch {
      return;
    }
    if (typeof message.probe === "number") {
      const sentAt = this.probeSentAt.get(message.probe);
      this.probeSentAt.delete(message.probe);
      // Only the latest probe counts: an earlier one may have been sent before a reconnection.
      if (sentAt !== undefined && message.probe === this.probe) this.lease.subscribed(sentAt);
      return;
    }
    if (typeof message.token !== "string" || typeof message.ack !== "string") return;
    this.lease.pushed(message.token, this.now());
    const ack: AckMessage = { holder: this.holder, token: message.token };
    this.publisher.publish(message.ack, JSON.stringify(ack)).catch(this.options.onError);
  }

  private scheduleRenewal(delay: number): void {
    if (this.stopped) return;
    this.renewal = setTimeout(() => void this.renew(), delay);
    this.renewal.unref();
  }

  private async renew(): Promise<void> {
    // No lease while the subscription is down: writers would wait for a server that cannot hear them.
    if (this.lease.isSubscribed()) {
      const startedAt = this.now();
      try {
        const token = await renewPushLease(this.db, this.holder, this.options.leaseMs);
        if (token !== undefined) {
          this.lease.leaseRead(startedAt, token);
          this.renewals += 1;
        }
      } catch (error) {
        this.options.onError(error);
      }
    } else {
      this.sendProbe();
    }
    this.scheduleRenewal(Math.max(1, Math.floor(this.options.leaseMs / 3)));
  }
}
