import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { GraphQLSchema } from "graphql";
import type { TokenVerifier } from "../auth/index.js";
import type { ExportLimits, OidcSettings, RateLimits, RequestLimits, ResultCacheSettings } from "../config/index.js";
import type { Database } from "../database/index.js";
import { StartupError } from "../errors/index.js";
import type { Logger } from "../logging/index.js";
import { type App, createApp } from "./create-app.js";
import { GRAPHQL_PATH } from "./graphql-route.js";

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly httpServer: Server;
  /** The result cache's counters (for tests and the benchmark); undefined when it is off. */
  readonly resultCache?: App["resultCache"];
  /** Stops taking requests, lets in-flight ones finish (Apollo's drain plugin), then resolves. */
  stop(): Promise<void>;
}

export async function startServer(options: {
  schema: GraphQLSchema;
  db: Database;
  log: Logger;
  port: number;
  host: string;
  limits: RequestLimits;
  rateLimits: RateLimits;
  exportLimits: ExportLimits;
  verifier: TokenVerifier;
  webPages?: boolean;
  resultCache?: ResultCacheSettings;
  signIn?: OidcSettings | undefined;
  /** PUBLIC_URL: where clients reach this server (the reconciliation manifest's links). */
  publicUrl?: string | undefined;
  /** ACCESSIBILITY_CONTACT: where the accessibility statement sends feedback. */
  accessibilityContact?: string | undefined;
}): Promise<RunningServer> {
  const httpServer = createServer({
    requestTimeout: options.limits.requestTimeoutMs,
    headersTimeout: options.limits.headersTimeoutMs,
    // Node enforces both timeouts only when it checks its connections, every 30 s by default: a client
    // sending its headers slowly was closed after ~34 s, not the documented 10 s.
    connectionsCheckingInterval: connectionsCheckingInterval(options.limits),
  });
  const app = await createApp({ ...options, httpServer });
  // GraphQL straight to its handler; everything else through express.
  httpServer.on("request", (req, res) => (GRAPHQL_PATH.test(req.url ?? "") ? app.graphql : app.express)(req, res));
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new StartupError("PORT_IN_USE", `Port ${options.port} is already in use; set PORT to a free one.`)
          : error,
      ),
    );
    httpServer.listen(options.port, options.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host === "0.0.0.0" || options.host === "::" ? "127.0.0.1" : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    httpServer,
    ...(app.resultCache ? { resultCache: app.resultCache } : {}),
    stop: () => app.apollo.stop(),
  };
}

/** Often enough that each timeout holds to within a quarter of itself, and never more often than every 100 ms. */
export function connectionsCheckingInterval(
  limits: Pick<RequestLimits, "headersTimeoutMs" | "requestTimeoutMs">,
): number {
  return Math.max(100, Math.min(1_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)));
}
