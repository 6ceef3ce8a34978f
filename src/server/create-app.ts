/**
 * The HTTP surface: `POST /graphql` (GraphQL over HTTP, Apollo Server on express 5), `GET /health` (the
 * process is up), `GET /ready` (Neo4j answers and the schema is built; with a Redis for the limits, whether
 * they are shared right now), `GET /export` (the graph as a
 * JSON, CSV, GraphML, GEXF or GeoJSON file, see export-route.ts), `/reconcile` (OpenRefine's reconciliation
 * service, see reconcile-route.ts), `GET /questions` (saved questions as CSV and JSON tables, run through
 * Apollo like /graphql, see questions-route.ts), and the researchers' pages
 * `GET /explorer` and `GET /graphiql` (see web-pages.ts). Requests pass the body-size limit,
 * token verification, the query limits and the access rules before any resolver runs. Any other path is
 * 404 NOT_FOUND, and a method a path does not take 405 METHOD_NOT_ALLOWED (unmatched-requests.ts), as JSON.
 */
import type { Server } from "node:http";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import express, { type ErrorRequestHandler, type Express } from "express";
import type { GraphQLSchema } from "graphql";
import { type TokenVerifier, bearerToken } from "../auth/index.js";
import type { ExportLimits, OidcSettings, RateLimits, RequestLimits, ResultCacheSettings } from "../config/index.js";
import type { Database } from "../database/index.js";
import type { Logger } from "../logging/index.js";
import { createWorkGates } from "../resolvers/index.js";
import { GraphVersionWatch, type ResultCacheStats, createResultCache } from "../result-cache/index.js";
import { limitValidationRules, operationTypeExists, queryCostPlugin } from "../admission/index.js";
import { accessPlugin } from "./access-plugin.js";
import type { ApiContext } from "./context.js";
import { errorPlugin } from "./error-plugin.js";
import { createErrorFormatter, sendError } from "./format-error.js";
import { type GraphqlRoute, bodyProblem, graphqlRoute, requestIdFrom } from "./graphql-route.js";
import { clientKeyFor, requestRateLimit } from "./client-limits.js";
import { createSharedLimits } from "./shared-limits.js";
import { exportRouter } from "./export-route.js";
import { compressAnswers } from "./compress.js";
import { questionsRouter } from "./questions-route.js";
import { reconcileRouter } from "./reconcile-route.js";
import { allowOnly, notFound } from "./unmatched-requests.js";
import { webPagesRouter } from "./web-pages.js";

export interface AppOptions {
  readonly schema: GraphQLSchema;
  readonly db: Database;
  readonly log: Logger;
  readonly httpServer: Server;
  readonly limits: RequestLimits;
  readonly rateLimits: RateLimits;
  readonly exportLimits: ExportLimits;
  readonly verifier: TokenVerifier;
  /** Serve the explorer and GraphiQL (`GET /explorer`, `GET /graphiql`) from the web build. */
  readonly webPages?: boolean;
  /** The result cache (src/result-cache); off when omitted. */
  readonly resultCache?: ResultCacheSettings;
  /** The explorer's sign-in provider (OIDC_ISSUER …), told to the page and allowed by its CSP. */
  readonly signIn?: OidcSettings | undefined;
  /** PUBLIC_URL: where clients reach this server (the reconciliation manifest's links). */
  readonly publicUrl?: string | undefined;
  /** ACCESSIBILITY_CONTACT: where the accessibility statement (`GET /accessibility`) sends feedback. */
  readonly accessibilityContact?: string | undefined;
}

export interface App {
  readonly express: Express;
  /** `/graphql` on Node's request and response (graphql-route.ts); start-server.ts routes to it first. */
  readonly graphql: GraphqlRoute;
  readonly apollo: ApolloServer<ApiContext>;
  /** Builds the context a request would get (for in-process execution in tests). */
  context(authorization?: string, requestId?: string, address?: string): Promise<ApiContext>;
  /** The result cache's counters and where it keeps answers; undefined when it is off. */
  readonly resultCache?: {
    readonly stats: ResultCacheStats;
    readonly kind: "memory" | "redis";
    /** How many version reads went to Neo4j. */
    readonly versionReads: number;
    /** Push mode's watch, when on. */
    readonly push: { trusted(): string | undefined; readonly renewals: number } | undefined;
  };
}

/** How long /ready waits for Neo4j before it says no. */
const READY_TIMEOUT_MS = 2_000;

export async function createApp({
  schema,
  db,
  log,
  httpServer,
  limits,
  rateLimits,
  exportLimits,
  verifier,
  webPages = false,
  resultCache: resultCacheSettings,
  signIn,
  publicUrl,
  accessibilityContact,
}: AppOptions): Promise<App> {
  const resultCache = resultCacheSettings
    ? createResultCache<ApiContext>(resultCacheSettings, db, schema, (error) =>
        log.warn({ err: error }, "result cache store failed; answering without it"),
      )
    : undefined;
  // Rate limits and export slots: in this process, or in Redis shared by every process (shared-limits.ts).
  const sharedLimits = createSharedLimits(rateLimits.redisUrl, log);
  const apollo = new ApolloServer<ApiContext>({
    schema,
    formatError: createErrorFormatter({
      fieldSuggestions: limits.fieldSuggestions,
      transactionTimeoutMs: limits.transactionTimeoutMs,
    }),
    // The document guard refuses longer texts first, with a clearer message; this covers in-process use.
    parseOptions: { maxTokens: limits.maxTokens },
    includeStacktraceInErrorResponses: false,
    introspection: limits.introspection,
    allowBatchedHttpRequests: false,
    validationRules: [operationTypeExists, ...limitValidationRules(limits)],
    // main.ts owns SIGTERM/SIGINT: it drains HTTP, then closes the driver, then stops the local Neo4j.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Cache hints per field (a hook on every field resolved) serve nothing here: the result cache keys on
      // the graph's version, and HTTP caches must not keep answers (result-cache-plugin.ts says why).
      ApolloServerPluginCacheControlDisabled(),
      errorPlugin(log),
      queryCostPlugin(limits),
      accessPlugin({ verifier, log }),
      // Last: it answers only after every check above has passed.
      ...(resultCache ? [resultCache] : []),
      {
        async serverWillStart() {
          return { serverWillStop: () => sharedLimits.close() };
        },
      },
    ],
  });
  await apollo.start();

  // One set of gates per server, sized by its settings (ALGORITHM_*, SCAN_*).
  // Runs per client per window are counted with the rate limits (shared in Redis when they are).
  const gates = createWorkGates(limits.work, sharedLimits.counter("algorithm-runs", limits.work.algorithms.windowMs));
  const context = async (authorization?: string, requestId?: string, address?: string): Promise<ApiContext> => {
    const token = bearerToken(authorization);
    const jwt = token === undefined ? undefined : await verifier.verify(token);
    return {
      // The same key the rate limits use (client-limits.ts): the token's subject, else the address.
      client: clientKeyFor(jwt?.sub, address),
      gates,
      db,
      executionContext: db.driver,
      sessionConfig: { database: db.name },
      transaction: { timeout: limits.transactionTimeoutMs },
      requestId: requestIdFrom(requestId),
      maxEditorDeletes: limits.maxEditorDeletes,
      ...(jwt ? { jwt } : {}),
    };
  };

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", rateLimits.trustProxy);
  // Every answer carries a request id (the caller's, when it is short and plain); errors and logs quote it.
  app.use((req, res, next) => {
    res.locals.requestId = requestIdFrom(req.header("x-request-id"));
    res.setHeader("x-request-id", res.locals.requestId as string);
    next();
  });
  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/ready", async (_req, res) => {
    const neo4j = await withTimeout(db.serverInfo(), READY_TIMEOUT_MS).then(
      () => true,
      () => false,
    );
    res.status(neo4j ? 200 : 503).json({
      status: neo4j ? "ready" : "unavailable",
      neo4j,
      schema: true,
      // With a Redis for the limits: whether they are shared right now (false while it is away: each process
      // then counts its own; not a reason to take the process out of the balancer).
      ...(sharedLimits.kind === "redis" ? { sharedLimits: sharedLimits.shared } : {}),
    });
  });
  app.all(["/health", "/ready"], allowOnly("GET"));
  const graphql = graphqlRoute({
    apollo,
    context,
    limits,
    rateLimits,
    verifier,
    log,
    sharedLimits,
    ...(resultCache ? { readGraphVersion: resultCache.readGraphVersion } : {}),
  });
  // start-server.ts hands /graphql to `graphql` before express sees it; this mount serves anyone who uses
  // the express app alone (the same handler, so the same answers).
  app.use("/graphql", (req, res) => graphql(req, res));
  // After /graphql, which compresses its own answers (graphql-route.ts), so nothing is compressed twice.
  app.use(compressAnswers);
  app.use(
    "/export",
    requestRateLimit({
      route: "/export",
      limit: rateLimits.export,
      windowMs: rateLimits.windowMs,
      variable: "RATE_LIMIT_EXPORT",
      verifier,
      store: sharedLimits.rateStore("export"),
      // What costs is an export that runs: a HEAD, a CORS preflight or a request refused for its
      // parameters does no work, so tools probing the address do not use up a client's exports.
      skip: (req) => req.method !== "GET",
      skipFailedRequests: true,
    }),
  );
  app.use(
    exportRouter({
      db,
      verifier,
      log,
      limits: exportLimits,
      transactionTimeoutMs: limits.transactionTimeoutMs,
      sharedLimits,
    }),
  );
  app.use(reconcileRouter({ db, verifier, log, limits, rateLimits, sharedLimits, publicUrl }));
  app.use(
    questionsRouter({
      apollo,
      context,
      limits,
      rateLimits,
      verifier,
      log,
      sharedLimits,
      stamps: GraphVersionWatch.stampsFromDatabase(db),
      transactionTimeoutMs: limits.transactionTimeoutMs,
    }),
  );
  if (webPages) app.use(webPagesRouter({ signIn, accessibilityContact }));
  app.use(
    notFound([
      "/graphql",
      "/export",
      "/reconcile",
      "/questions",
      "/health",
      "/ready",
      ...(webPages ? ["/explorer", "/graphiql", "/accessibility"] : []),
    ]),
  );
  app.use(routeErrors(log));
  return { express: app, graphql, apollo, context, ...(resultCache ? { resultCache } : {}) };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
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

/**
 * Whatever an express route lets through, through the one error boundary, as on /graphql, never express's
 * HTML error page (which shows a stack trace outside production): the body parsers' failures (/reconcile's
 * JSON and forms: bad JSON, too large, bad charset) as their 4xx, anything else as 500 with the request id,
 * logged.
 */
export function routeErrors(log: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    sendError(res, bodyProblem(error), { requestId: res.locals.requestId as string, log });
  };
}
