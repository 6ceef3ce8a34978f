/**
 * The HTTP surface: `POST /graphql` (GraphQL over HTTP, Apollo Server on express 5), `GET /health` (the
 * process is up), `GET /ready` (Neo4j answers and the schema is built), `GET /export` (the graph as a
 * JSON, CSV, GraphML or GEXF file, see export-route.ts), and the researchers' pages
 * `GET /explorer` and `GET /graphiql` (see web-pages.ts). Requests pass the body-size limit,
 * token verification, the query limits and the access rules before any resolver runs.
 */
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express, { type ErrorRequestHandler, type Express } from "express";
import type { GraphQLSchema } from "graphql";
import { type TokenVerifier, bearerToken } from "../auth/index.js";
import type { ExportLimits, OidcSettings, RateLimits, RequestLimits } from "../config/index.js";
import type { Database } from "../database/index.js";
import { BadRequestError } from "../errors/index.js";
import type { Logger } from "../logging/index.js";
import { accessPlugin } from "./access-plugin.js";
import type { ApiContext } from "./context.js";
import { errorPlugin } from "./error-plugin.js";
import { createErrorFormatter, sendError } from "./format-error.js";
import { limitValidationRules, queryCostPlugin } from "./query-limits.js";
import { documentGuard } from "./document-guard.js";
import { requestRateLimit } from "./client-limits.js";
import { operationTypeExists } from "./validation-rules.js";
import { exportRouter } from "./export-route.js";
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
  /** The explorer's sign-in provider (OIDC_ISSUER …), told to the page and allowed by its CSP. */
  readonly signIn?: OidcSettings | undefined;
}

export interface App {
  readonly express: Express;
  readonly apollo: ApolloServer<ApiContext>;
  /** Builds the context a request would get (for in-process execution in tests). */
  context(authorization?: string, requestId?: string): Promise<ApiContext>;
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
  signIn,
}: AppOptions): Promise<App> {
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
      errorPlugin(log),
      queryCostPlugin(limits),
      accessPlugin({ verifier, log }),
    ],
  });
  await apollo.start();

  const context = async (authorization?: string, requestId?: string): Promise<ApiContext> => {
    const token = bearerToken(authorization);
    const jwt = token === undefined ? undefined : await verifier.verify(token);
    return {
      db,
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
    res.status(neo4j ? 200 : 503).json({ status: neo4j ? "ready" : "unavailable", neo4j, schema: true });
  });
  app.use(
    "/graphql",
    cors(),
    requestRateLimit({
      route: "/graphql",
      limit: rateLimits.graphql,
      windowMs: rateLimits.windowMs,
      variable: "RATE_LIMIT_GRAPHQL",
      verifier,
    }),
    express.json({ limit: limits.maxBodyBytes }),
    documentGuard(limits),
    expressMiddleware(apollo, {
      context: ({ req, res }) => context(req.header("authorization"), res.locals.requestId as string),
    }),
  );
  app.use(
    "/export",
    requestRateLimit({
      route: "/export",
      limit: rateLimits.export,
      windowMs: rateLimits.windowMs,
      variable: "RATE_LIMIT_EXPORT",
      verifier,
    }),
  );
  app.use(exportRouter({ db, verifier, log, limits: exportLimits, transactionTimeoutMs: limits.transactionTimeoutMs }));
  if (webPages) app.use(webPagesRouter({ signIn }));
  app.use(bodyErrors(log));
  return { express: app, apollo, context };
}

/** Body-parser failures (bad JSON, too large, bad charset) as GraphQL-shaped JSON errors, not HTML pages. */
function bodyErrors(log: Logger): ErrorRequestHandler {
  return (error: { status?: number; type?: string }, _req, res, next) => {
    if (typeof error.status !== "number" || error.status < 400 || error.status >= 500) {
      next(error);
      return;
    }
    const message =
      error.type === "entity.too.large"
        ? "The request body is too large (MAX_BODY_BYTES)."
        : error.type === "entity.parse.failed"
          ? "The request body is not valid JSON."
          : "The request body could not be read.";
    sendError(res, new BadRequestError(message, error.status), { requestId: res.locals.requestId as string, log });
  };
}

/** Accepts a caller's request id when it is short and plain; otherwise makes one. */
function requestIdFrom(header: string | undefined): string {
  return header && /^[A-Za-z0-9._-]{1,64}$/.test(header) ? header : randomUUID();
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
