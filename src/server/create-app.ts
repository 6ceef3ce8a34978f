/**
 * The HTTP surface: `POST /graphql` (GraphQL over HTTP, Apollo Server on express 5), `GET /health` (the
 * process is up) and `GET /ready` (Neo4j answers and the schema is built).
 */
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express, { type Express } from "express";
import type { GraphQLSchema } from "graphql";
import type { Database } from "../database/index.js";
import type { Logger } from "../logging/index.js";
import type { ApiContext } from "./context.js";
import { errorPlugin } from "./error-plugin.js";
import { formatError } from "./format-error.js";
import { operationTypeExists } from "./validation-rules.js";

export interface AppOptions {
  readonly schema: GraphQLSchema;
  readonly db: Database;
  readonly log: Logger;
  readonly httpServer: Server;
}

export interface App {
  readonly express: Express;
  readonly apollo: ApolloServer<ApiContext>;
}

/** How long /ready waits for Neo4j before it says no. */
const READY_TIMEOUT_MS = 2_000;

export async function createApp({ schema, db, log, httpServer }: AppOptions): Promise<App> {
  const apollo = new ApolloServer<ApiContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    validationRules: [operationTypeExists],
    // main.ts owns SIGTERM/SIGINT: it drains HTTP, then closes the driver, then stops the local Neo4j.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      errorPlugin(log),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
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
    express.json({ limit: "100kb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        db,
        sessionConfig: { database: db.name },
        requestId: requestIdFrom(req.header("x-request-id")),
      }),
    }),
  );
  return { express: app, apollo };
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
