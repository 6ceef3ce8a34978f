/** The whole API over HTTP against the test Neo4j, as `npm start` runs it, plus a small HTTP client. */
import { inject } from "vitest";
import type { AppConfig } from "../../src/config/index.js";
import { createLogger } from "../../src/logging/index.js";
import { type RunningApi, startApi } from "../../src/start.js";
import { sharedApiSchema, testAppConfig } from "./test-api.js";

/** Configuration for a server on a free port that uses the test Neo4j (as NEO4J_URI would). */
export function testServerConfig(env: Record<string, string> = {}): AppConfig {
  const password = inject("neo4jPassword");
  return {
    // Test files send hundreds of requests a minute from one address: no rate limits unless a test sets them.
    // Queries may take 120 s, not `npm start`'s 15 s: on a machine loaded far beyond its cores a community
    // detection over the curated graph passed 15 s. Tests of the timeout set their own.
    ...testAppConfig({
      RATE_LIMIT_GRAPHQL: "0",
      RATE_LIMIT_EXPORT: "0",
      RATE_LIMIT_RECONCILE: "0",
      NEO4J_TX_TIMEOUT_MS: "120000",
      ...env,
    }),
    port: 0,
    logLevel: "silent",
    external: {
      uri: inject("neo4jUri"),
      user: inject("neo4jUser"),
      password: password ?? undefined,
      database: inject("neo4jDatabase"),
    },
    database: inject("neo4jDatabase"),
  };
}

export function startTestServer(env: Record<string, string> = {}): Promise<RunningApi> {
  return startApi(testServerConfig(env), createLogger("silent"), { schema: sharedApiSchema() });
}

export interface HttpResult {
  status: number;
  contentType: string | null;
  body: any;
  headers: Headers;
}

/** POSTs `body` (an object is sent as JSON) and parses a JSON answer. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the assertion message
  }
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    body: parsed,
    headers: response.headers,
  };
}
