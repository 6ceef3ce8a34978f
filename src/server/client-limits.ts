/**
 * Per-client limits on /graphql, /export and /reconcile: a request rate (express-rate-limit) and, for exports,
 * how many may run at once. They count in this process's memory, or in Redis shared by every API process
 * (shared-limits.ts: LIMITS_REDIS_URL, else RESULT_CACHE_REDIS_URL). A client is its verified token's subject, or
 * its address when it sends no valid token (IPv6 grouped by /56, express-rate-limit's default, so one
 * host cannot dodge the limit by hopping addresses). Behind a proxy set TRUST_PROXY, or every client shares
 * the proxy's address. Refusals are 429 with `Retry-After` and the code RATE_LIMITED.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import { type Store, ipKeyGenerator, rateLimit } from "express-rate-limit";
import { type TokenVerifier, bearerToken } from "../auth/index.js";
import { RateLimitedError } from "../errors/index.js";
import { sendError } from "./format-error.js";

/** Who is asking: `sub:<subject>` for a verified token, else `ip:<address>` (express's `req.ip`). */
export async function clientKey(req: IncomingMessage & { ip?: string }, verifier: TokenVerifier): Promise<string> {
  let token: string | undefined;
  try {
    token = bearerToken(req.headers.authorization);
  } catch {
    token = undefined; // a malformed header: counted by address; the route itself answers 401
  }
  if (token !== undefined && verifier.configured) {
    const claims = await verifier.verify(token).catch(() => undefined);
    if (claims && typeof claims.sub === "string") return clientKeyFor(claims.sub, undefined);
  }
  return clientKeyFor(undefined, req.ip ?? req.socket.remoteAddress);
}

/** The key for a verified subject, else for an address (IPv6 by its /56, as the rate limits count it). */
export function clientKeyFor(sub: string | undefined, address: string | undefined): string {
  return sub !== undefined ? `sub:${sub}` : `ip:${ipKeyGenerator(address ?? "unknown")}`;
}

/** A 429 with `Retry-After`, through the one error boundary (the request id is the one already answered). */
export function sendRateLimited(res: ServerResponse, message: string, retryAfterSeconds: number, limit: string): void {
  res.setHeader("Retry-After", String(retryAfterSeconds));
  sendError(res, new RateLimitedError(message, limit, retryAfterSeconds), {
    requestId: String(res.getHeader("x-request-id") ?? ""),
  });
}

/**
 * At most `limit` requests per client per `windowMs` (0: no limit), counted in `store` (shared-limits.ts;
 * express-rate-limit's own memory store when omitted).
 */
export function requestRateLimit(options: {
  readonly route: string;
  readonly limit: number;
  readonly windowMs: number;
  readonly variable: string;
  readonly verifier: TokenVerifier;
  readonly store?: Store | undefined;
  /** Requests not counted (e.g. a HEAD or a CORS preflight, which do no work). */
  readonly skip?: (req: Parameters<RequestHandler>[0]) => boolean;
  /** Leave out of the count the requests refused with 4xx/5xx (cheap refusals, before any work). */
  readonly skipFailedRequests?: boolean;
}): RequestHandler {
  if (options.limit === 0) return (_req, _res, next) => next();
  return rateLimit({
    ...(options.store ? { store: options.store } : {}),
    ...(options.skip ? { skip: options.skip } : {}),
    ...(options.skipFailedRequests ? { skipFailedRequests: true } : {}),
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    keyGenerator: (req) => clientKey(req, options.verifier),
    handler: (_req, res) => {
      const retryAfter = Number(res.getHeader("Retry-After") ?? Math.ceil(options.windowMs / 1000));
      sendRateLimited(
        res,
        `Too many requests to ${options.route}: at most ${options.limit} per ${options.windowMs / 1000} s per client ` +
          `(${options.variable}); wait ${retryAfter} s (Retry-After).`,
        retryAfter,
        "rate",
      );
    },
  });
}

/**
 * Counts work in progress per client and in all, in this process: `enter` says whether one more may start,
 * `leave` ends it (shared-limits.ts counts the same in Redis when one is configured).
 * Keys live only while their count is above zero, so the map holds at most `maxTotal` entries.
 */
export class ConcurrencyLimit {
  private readonly running = new Map<string, number>();
  private total = 0;

  constructor(
    readonly maxPerClient: number,
    readonly maxTotal: number,
  ) {}

  /** "client" or "total" when that limit is reached; otherwise counts the work in and returns undefined. */
  enter(key: string): "client" | "total" | undefined {
    const mine = this.running.get(key) ?? 0;
    if (mine >= this.maxPerClient) return "client";
    if (this.total >= this.maxTotal) return "total";
    this.running.set(key, mine + 1);
    this.total += 1;
    return undefined;
  }

  leave(key: string): void {
    const mine = this.running.get(key) ?? 0;
    if (mine <= 1) this.running.delete(key);
    else this.running.set(key, mine - 1);
    this.total = Math.max(0, this.total - 1);
  }

  get inProgress(): number {
    return this.total;
  }
}
