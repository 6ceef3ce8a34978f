/**
 * When a server may trust the graph's version it holds in memory, without reading it from Neo4j (push mode,
 * push-version-watch.ts). Pure: every time is given (milliseconds on one monotonic clock), so the rules are
 * tested with a fake clock.
 *
 * The server holds a lease: a write of its own on the `GraphVersion` node that names it until Neo4j's clock
 * reaches `now + leaseMs`, and that reads the version in the same transaction. It may answer from memory only
 * while all three hold:
 * (a) its subscription to pushes has been up since before its last successful lease read STARTED (a push it
 *     missed while down could be for a write that read its lease);
 * (b) that read started less than `leaseMs` ago (the lease it wrote has not run out: writers that saw it
 *     wait for this server's acknowledgement, or for that time, before acknowledging their write);
 * (c) the version it knows is that read's, or a later push's.
 * Anything else — the subscription lost, a lease read failing or late — and `trusted` says no: the request
 * reads the version from Neo4j as without push mode.
 */
import type { VersionToken } from "./graph-version-watch.js";

/** The number part of a token (`<version>:<writeId>`). */
function versionNumber(token: string): number {
  return Number.parseInt(token, 10);
}

export class PushLease {
  /** When the subscription came up, undefined while it is down. */
  private upSince: number | undefined;
  /** When the last successful lease read started (only reads started while subscribed count). */
  private leaseReadAt: number | undefined;
  /** The version known, and when it was learned (a read's start, a push's arrival). */
  private known: { token: string; learnedAt: number } | undefined;

  constructor(readonly leaseMs: number) {}

  /** The subscription is up (from `now`). */
  subscribed(now: number): void {
    this.upSince ??= now;
  }

  /** Whether the subscription is up. */
  isSubscribed(): boolean {
    return this.upSince !== undefined;
  }

  /** The subscription is down, or its connection reported an error: nothing held can be trusted. */
  lost(): void {
    this.upSince = undefined;
    this.leaseReadAt = undefined;
    this.known = undefined;
  }

  /** A lease read that started at `startedAt` committed, and saw `token` (the version as of its commit). */
  leaseRead(startedAt: number, token: string): void {
    if (this.upSince === undefined || this.upSince > startedAt) return;
    if (this.leaseReadAt === undefined || startedAt >= this.leaseReadAt) this.leaseReadAt = startedAt;
    // A read started after a version was learned sees at least that version (it is authoritative, even for a
    // graph emptied and counted again); one started earlier replaces only an older number.
    if (
      this.known === undefined ||
      startedAt >= this.known.learnedAt ||
      versionNumber(token) > versionNumber(this.known.token)
    ) {
      this.known = { token, learnedAt: startedAt };
    }
  }

  /** A writer pushed `token` (received at `now`). A late push of an older version changes nothing. */
  pushed(token: string, now: number): void {
    if (this.upSince === undefined) return;
    const known = this.known;
    if (known === undefined || versionNumber(token) > versionNumber(known.token)) {
      this.known = { token, learnedAt: now };
    } else if (versionNumber(token) === versionNumber(known.token) && token !== known.token) {
      // The same number from another write: the graph was counted again from scratch.
      this.known = { token, learnedAt: now };
    }
  }

  /** The version to answer with at `now`, or undefined: read it from Neo4j. */
  trusted(now: number): VersionToken {
    if (this.upSince === undefined || this.leaseReadAt === undefined || this.known === undefined) return undefined;
    if (this.upSince > this.leaseReadAt) return undefined;
    if (now - this.leaseReadAt >= this.leaseMs) return undefined;
    return this.known.token;
  }
}
