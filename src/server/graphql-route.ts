/**
 * `/graphql` on Node's own request and response objects: the request id, CORS, the method (GET or POST, else
 * 405 METHOD_NOT_ALLOWED), the per-client rate limit, the JSON body (with its size limit), the document
 * guard, then Apollo's `executeHTTPGraphQLRequest` — the same steps, in the same order and with the same
 * answers, as the express middleware chain that served it before, without express's router and response
 * helpers in between. Apollo's standalone server is built the same way (cors and body-parser on a plain
 * `http` server). Every error answer carries the request id, Apollo's early refusals included (`withRequestId`).
 *
 * Measured under 16 concurrent lookups on a 2-core machine (server CPU per request, profiles in
 * docs/benchmarks.md): express's router, its `res.send` (ETag hashing, freshness checks) and the express
 * integration were a measurable share of the server's time per request. The other routes (/health,
 * /ready, /export, the pages) stay on express; start-server.ts sends /graphql here first, and the express
 * app mounts this same handler, so there is one implementation whichever way a request comes in.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServer, BaseContext } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import bodyParser from "body-parser";
import cors from "cors";
import proxyAddr from "proxy-addr";
import { checkQueryTextOnce } from "../admission/index.js";
import type { TokenVerifier } from "../auth/index.js";
import type { RateLimits, RequestLimits } from "../config/index.js";
import { BadRequestError, QueryLimitError, UnauthenticatedError } from "../errors/index.js";
import { type SavedDocuments, savedDocuments as createSavedDocuments } from "../questions/index.js";
import type { Logger } from "../logging/index.js";
import { requestRateLimit } from "./client-limits.js";
import { compressAnswers } from "./compress.js";
import type { SharedLimits } from "./shared-limits.js";
import { sendError } from "./format-error.js";
import { sendMethodNotAllowed } from "./unmatched-requests.js";

/** The methods GraphQL over HTTP takes (OPTIONS is CORS's preflight); any other is 405 METHOD_NOT_ALLOWED. */
const GRAPHQL_METHODS = ["GET", "POST"] as const;

/** Where GraphQL is served: `/graphql`, and below it, any case (as express's `app.use("/graphql")` matched). */
export const GRAPHQL_PATH = /^\/graphql(?:[/?#]|$)/i;

/** Accepts a caller's request id when it is short and plain; otherwise makes one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === "string" && /^[A-Za-z0-9._-]{1,64}$/.test(header) ? header : randomUUID();
}

/** A connect-style step: calls `next` to go on, or answers itself. */
type Step = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** Settles with what the step passed to `next`, or when it answered the request itself (CORS preflight, 429). */
function run(step: Step, req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  return new Promise((resolve) => {
    const answered = () => resolve(undefined);
    res.once("close", answered);
    step(req, res, (error) => {
      res.off("close", answered);
      resolve(error);
    });
  });
}

/**
 * express's `trust proxy` setting as proxy-addr's trust function (the same rules as express's own
 * `compileTrust`): `true` trusts every hop, a number that many hops, otherwise addresses and subnets.
 */
export function compileTrust(setting: boolean | number | string): (address: string, hop: number) => boolean {
  if (setting === true) return () => true;
  if (setting === false) return proxyAddr.compile([]);
  if (typeof setting === "number") return (_address, hop) => hop < setting;
  return proxyAddr.compile(setting.split(",").map((value) => value.trim()));
}

export interface GraphqlRouteOptions<TContext extends BaseContext> {
  readonly apollo: ApolloServer<TContext>;
  /** The request's context; `address` is the client's (express's `req.ip`), for telling clients apart. */
  readonly context: (authorization: string | undefined, requestId: string, address?: string) => Promise<TContext>;
  readonly limits: RequestLimits;
  readonly rateLimits: RateLimits;
  readonly verifier: TokenVerifier;
  readonly log: Logger;
  /** Where the rate limit counts (shared-limits.ts); this process's memory when omitted. */
  readonly sharedLimits?: SharedLimits;
  /**
   * Starts reading the graph's version (the result cache's); the promise goes into the request's context as
   * `graphVersion`. Called once a request has passed the rate limit, the body and the document guard.
   */
  readonly readGraphVersion?: () => Promise<string | undefined>;
  /** The persisted documents clients may name by `documentId`: the saved questions' unless given. */
  readonly savedDocuments?: SavedDocuments;
}

export type GraphqlRoute = (req: IncomingMessage, res: ServerResponse) => void;

export function graphqlRoute<TContext extends BaseContext>(options: GraphqlRouteOptions<TContext>): GraphqlRoute {
  const { apollo, limits, log } = options;
  const savedDocuments = options.savedDocuments ?? createSavedDocuments();
  const trust = compileTrust(options.rateLimits.trustProxy);
  const allowCors = cors() as Step;
  const rateLimit = requestRateLimit({
    route: "/graphql",
    limit: options.rateLimits.graphql,
    windowMs: options.rateLimits.windowMs,
    variable: "RATE_LIMIT_GRAPHQL",
    verifier: options.verifier,
    store: options.sharedLimits?.rateStore("graphql"),
  }) as unknown as Step;
  const readJson = bodyParser.json({ limit: limits.maxBodyBytes }) as Step;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = requestIdFrom(req.headers["x-request-id"]);
    res.setHeader("x-request-id", requestId);
    const fail = (error: unknown) => sendError(res, error, { requestId, log });

    const corsError = await run(allowCors, req, res);
    if (corsError !== undefined) {
      fail(corsError);
      return;
    }
    if (res.writableEnded) return; // a preflight, answered
    await run(compressAnswers, req, res);
    if (req.method !== "GET" && req.method !== "POST") {
      sendMethodNotAllowed(res, req.method, GRAPHQL_METHODS, requestId);
      return;
    }
    // What express would call `req.ip`: the rate limit tells clients apart by it.
    (req as IncomingMessage & { ip?: string }).ip = proxyAddr(req, trust);
    if (options.rateLimits.graphql > 0) {
      await run(rateLimit, req, res);
      if (res.writableEnded || res.headersSent) return;
    }
    const bodyError = await run(readJson, req, res);
    if (bodyError !== undefined) {
      fail(bodyProblem(bodyError));
      return;
    }
    let body = (req as IncomingMessage & { body?: unknown }).body;
    const url = new URL(req.url ?? "/", "http://localhost");
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    // A persisted document: the saved questions' operations by id (src/questions/persisted.ts).
    const documentId =
      req.method === "GET" ? url.searchParams.get("documentId") : (body as { documentId?: unknown } | null)?.documentId;
    let savedDocument = false;
    if (documentId !== null && documentId !== undefined) {
      const document = typeof documentId === "string" ? savedDocuments.byId(documentId) : undefined;
      const sentQuery = req.method === "GET" ? url.searchParams.has("query") : (body as { query?: unknown }).query;
      if (!document || sentQuery) {
        fail(
          new BadRequestError(
            document
              ? "Send either documentId or query, not both."
              : "documentId names no saved document: the saved documents are listed at /questions.json (name or sha256).",
          ),
        );
        return;
      }
      savedDocument = true;
      if (req.method === "GET") {
        url.searchParams.delete("documentId");
        url.searchParams.set("query", document.query);
        if (!url.searchParams.has("operationName")) url.searchParams.set("operationName", document.operationName);
        // Apollo's CSRF rule wants a header on GETs so that a page cannot make a browser run an operation with
        // its cookies or side effects; a saved document is a query, and this API reads no cookies.
        headers.set("apollo-require-preflight", "true");
      } else {
        const { documentId: _id, ...rest } = body as Record<string, unknown>;
        body = { operationName: document.operationName, ...rest, query: document.query };
      }
    }
    const query =
      req.method === "GET" ? url.searchParams.get("query") : (body as { query?: unknown } | undefined)?.query;
    if (limits.anonymousSavedDocumentsOnly && req.headers.authorization === undefined && !savedDocument) {
      const hash = persistedQueryHash(req.method === "GET" ? url.searchParams.get("extensions") : body);
      const allowed =
        typeof query === "string" ? savedDocuments.hasText(query) : hash !== undefined && savedDocuments.hasHash(hash);
      if (!allowed) {
        fail(
          new UnauthenticatedError(
            "Without a token this server answers only its saved documents (ANONYMOUS_SAVED_DOCUMENTS_ONLY): send documentId (listed at /questions.json) or a bearer token.",
          ),
        );
        return;
      }
    }
    const problem = typeof query === "string" ? checkQueryTextOnce(query, limits) : undefined;
    if (problem) {
      const error = new QueryLimitError(problem.limit, problem.message);
      Object.assign(error.extensions, problem.measured);
      fail(error);
      return;
    }

    const graphVersion = options.readGraphVersion?.();
    graphVersion?.catch(() => undefined); // a failure is the cache's to handle, if it asks
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? "GET").toUpperCase(), headers, search: url.search, body },
      context: async () => {
        const address = (req as IncomingMessage & { ip?: string }).ip;
        const context = await options.context(req.headers.authorization, requestId, address);
        return graphVersion ? { ...context, graphVersion } : context;
      },
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      res.end(res.statusCode === 200 ? response.body.string : withRequestId(response.body.string, requestId));
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, error, { requestId: String(res.getHeader("x-request-id") ?? ""), log });
      else res.destroy();
    });
  };
}

/**
 * Apollo answers some refusals before any plugin sees the request — a batch, a `query` that is not a string,
 * a body without one, a CSRF-style request, a token refused while the context is built — so the error
 * plugin cannot add the request id to them as it does to every other error. They are never a 200 (which
 * only the plugin's answers are); this adds it to each of their errors, leaving anything else as it is.
 */
export function withRequestId(body: string, requestId: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  const errors = (parsed as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return body;
  for (const error of errors as { extensions?: Record<string, unknown> }[]) {
    if (error === null || typeof error !== "object") continue;
    error.extensions = { ...error.extensions, requestId: error.extensions?.requestId ?? requestId };
  }
  return `${JSON.stringify(parsed)}\n`;
}

/** The SHA-256 an automatic persisted query names (`extensions.persistedQuery.sha256Hash`), from a body or GET's `extensions`. */
function persistedQueryHash(source: unknown): string | undefined {
  let extensions: unknown = source;
  if (typeof source === "string") {
    try {
      extensions = JSON.parse(source);
    } catch {
      return undefined;
    }
  } else if (source !== null && typeof source === "object") {
    extensions = (source as { extensions?: unknown }).extensions;
  }
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery
    ?.sha256Hash;
  return typeof hash === "string" ? hash : undefined;
}

/** body-parser's failures (bad JSON, too large, bad charset) as the errors clients get, with body-parser's status. */
export function bodyProblem(error: unknown): unknown {
  const { status, type } = error as { status?: number; type?: string };
  if (typeof status !== "number" || status < 400 || status >= 500) return error;
  const message =
    type === "entity.too.large"
      ? "The request body is too large (MAX_BODY_BYTES)."
      : type === "entity.parse.failed"
        ? "The request body is not valid JSON."
        : "The request body could not be read.";
  return new BadRequestError(message, status);
}
