/**
 * The API over HTTP with no database behind it (a driver aimed at a port nobody listens on): broken requests,
 * hostile documents and arguments over a limit are refused with their 4xx and code, which proves they are
 * refused before any Cypher runs — a query that reached the database would answer 503. /health keeps
 * answering; /ready says the database is away. No Neo4j needed, so this runs with the unit tests.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedApiSchema } from "../support/test-api.js";
import { HOSTILE_REQUESTS } from "../fixtures/hostile-documents.js";
import { whileProbingHealth } from "../support/health-probe.js";
import { post } from "../support/test-server.js";
import { type ServerWithoutDatabase, startServerWithoutDatabase } from "../support/server-without-database.js";

let server: ServerWithoutDatabase;

beforeAll(async () => {
  const { schema } = await sharedApiSchema();
  // Hundreds of requests from one address: no rate limit here (test/http/hostile.test.ts tests it).
  server = await startServerWithoutDatabase(schema, {
    MAX_BODY_BYTES: "100000",
    RATE_LIMIT_GRAPHQL: "0",
    RATE_LIMIT_EXPORT: "0",
  });
}, 60_000);
afterAll(async () => {
  await server.stop();
});

const code = (result: { body: any }): unknown => result.body?.errors?.[0]?.extensions?.code;
const limit = (result: { body: any }): unknown => result.body?.errors?.[0]?.extensions?.limit;

describe("health and readiness without the database", () => {
  it("/health stays 200, /ready is 503", async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "unavailable", neo4j: false });
  });

  it("queries refused by a limit or a rule get their 4xx without touching the database", async () => {
    // With the database gone, any query that reached Cypher would answer 503.
    const nest = (n: number): string =>
      Array.from({ length: n }).reduce<string>((acc) => `partners { ${acc} }`, "name");
    for (const [query, status] of [
      [`{ cities { ${nest(5)} } }`, 400],
      [`{ cities { ${nest(20)} } }`, 400],
      [`{ ${Array.from({ length: 100 }, (_, i) => `a${i}: graphStats { nodes }`).join(" ")} }`, 400],
      [`{ graphStats { nodes `, 400],
      [`mutation { deleteRecords(ids: ["helsinki"]) { writeId } }`, 403], // no JWT key: read-only
    ] as const) {
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query }),
      });
      expect(response.status, query.slice(0, 40)).toBe(status);
    }
  });

  it("queries get 503 SERVICE_UNAVAILABLE without driver details", async () => {
    for (const query of [`{ graphStats { nodes } }`, `{ cities { id } }`]) {
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(503);
      const body = (await response.json()) as any;
      expect(body.errors.map((error: any) => error.extensions.code)).toEqual(["SERVICE_UNAVAILABLE"]);
      expect(JSON.stringify(body)).not.toMatch(/bolt|ECONNREFUSED|127\.0\.0\.1|Neo4jError/);
    }
  });
});

describe("broken HTTP requests", () => {
  it.each([
    ["invalid JSON", "{ query: ", "application/json", 400, "BAD_REQUEST"],
    ["JSON that is not an object", "[1, 2", "application/json", 400, "BAD_REQUEST"],
    ["JSON null", "null", "application/json", 400, "BAD_REQUEST"],
    ["an empty object", "{}", "application/json", 400, "BAD_REQUEST"],
    ["a query that is not a string", '{"query": 5}', "application/json", 400, "BAD_REQUEST"],
    [
      "variables that are not an object",
      '{"query": "{ graphStats { nodes } }", "variables": "x"}',
      "application/json",
      400,
      "BAD_REQUEST",
    ],
    [
      "text/plain (a CSRF-style simple request)",
      '{"query": "{ graphStats { nodes } }"}',
      "text/plain",
      400,
      "BAD_REQUEST",
    ],
    [
      "a form post (CSRF-style)",
      "query=%7BgraphStats%7Bnodes%7D%7D",
      "application/x-www-form-urlencoded",
      400,
      "BAD_REQUEST",
    ],
    ["multipart (CSRF-style)", "--x\r\n\r\n--x--", "multipart/form-data; boundary=x", 400, "BAD_REQUEST"],
    [
      "an array batch",
      '[{"query": "{ graphStats { nodes } }"}, {"query": "{ graphStats { edges } }"}]',
      "application/json",
      400,
      "BAD_REQUEST",
    ],
  ])("%s → %i %s", async (_label, body, contentType, status, errorCode) => {
    const result = await post(server.url, body, { "content-type": contentType });
    expect(result.status).toBe(status);
    expect(code(result)).toBe(errorCode);
  });

  it("no content type at all → 400 BAD_REQUEST", async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      body: '{"query":"{ graphStats { nodes } }"}',
    });
    expect(response.status).toBe(400);
  });

  it("an oversized body → 413 BAD_REQUEST", async () => {
    const result = await post(server.url, { query: `{ search(text: "${"a".repeat(150_000)}") { score } }` });
    expect(result.status).toBe(413);
    expect(code(result)).toBe("BAD_REQUEST");
  });

  it("a GET mutation → 405 METHOD_NOT_ALLOWED with Allow: POST", async () => {
    const query = encodeURIComponent(`mutation { deleteRecords(ids: ["helsinki"]) { writeId } }`);
    const response = await fetch(`${server.url}/graphql?query=${query}`, {
      headers: { "apollo-require-preflight": "1" },
    });
    expect([response.status, response.headers.get("allow")]).toEqual([405, "POST"]);
    expect(((await response.json()) as any).errors[0].extensions).toMatchObject({
      code: "METHOD_NOT_ALLOWED",
      allow: ["POST"],
    });
  });

  it("a simple GET without a preflight header (CSRF-style) → 400", async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent("{ graphStats { nodes } }")}`);
    expect(response.status).toBe(400);
  });
});

describe("malformed and over-limit queries", () => {
  const nest = (levels: number, inner: string): string =>
    Array.from({ length: levels }).reduce<string>((acc) => `partners { ${acc} }`, inner);

  it.each([
    ["a syntax error", "{ graphStats { nodes ", 400, "GRAPHQL_PARSE_FAILED"],
    ["an unterminated string", '{ search(text: "abc) { score } }', 400, "GRAPHQL_PARSE_FAILED"],
    ["an unknown field", "{ graphStats { vertices } }", 400, "GRAPHQL_VALIDATION_FAILED"],
    ["a missing argument", "{ search { score } }", 400, "GRAPHQL_VALIDATION_FAILED"],
    ["deep nesting", `{ cities { ${nest(20, "name")} } }`, 400, "GRAPHQL_VALIDATION_FAILED"],
    [
      "an alias bomb",
      `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: graphStats { nodes }`).join(" ")} }`,
      400,
      "GRAPHQL_VALIDATION_FAILED",
    ],
    [
      "a directive flood",
      `{ graphStats { nodes ${"@include(if: true) ".repeat(50)} } }`,
      400,
      "GRAPHQL_VALIDATION_FAILED",
    ],
    ["a five-hop fan-out", `{ cities { ${nest(5, "name")} } }`, 400, "GRAPHQL_VALIDATION_FAILED"],
    [
      "a fan-out of huge limits",
      `{ cities(limit: 100000) { partners(limit: 100000) { partners(limit: 100000) { name } } } }`,
      400,
      "GRAPHQL_VALIDATION_FAILED",
    ],
    ["a subscription", "subscription { x }", 400, "GRAPHQL_VALIDATION_FAILED"],
  ])("%s → %i %s", async (_label, query, status, errorCode) => {
    const result = await post(server.url, { query });
    expect(result.status).toBe(status);
    expect(code(result)).toBe(errorCode);
  });

  it("limits say which limit and which variable", async () => {
    const result = await post(server.url, { query: `{ cities { ${nest(5, "name")} } }` });
    expect(result.body.errors[0].extensions).toMatchObject({ limit: "cost", maxCost: 1_000_000 });
    expect(result.body.errors[0].message).toContain("MAX_QUERY_COST");
  });

  it.each([
    ["search", `{ search(text: "helsinki", limit: 1000000) { score } }`],
    ["neighbourhood", `{ neighbourhood(id: "helsinki", limit: 1000000) { truncated } }`],
    ["funding", `{ funding(limit: 1000000) { validFrom } }`],
  ])("a huge %s limit → BAD_USER_INPUT", async (_label, query) => {
    const result = await post(server.url, { query });
    expect(result.status).toBe(400);
    expect(code(result)).toBe("BAD_USER_INPUT");
  });
});

describe("the attacks of issue 10, refused before the database", () => {
  it.each(HOSTILE_REQUESTS)("$label", async ({ body, status, code: errorCode, limit: limitName }) => {
    const result = await whileProbingHealth(server.url, body);
    expect(result.status).toBe(status);
    expect(code(result)).toBe(errorCode);
    if (limitName) expect(limit(result)).toBe(limitName);
    expect(result.body.errors[0].extensions.requestId).toEqual(expect.any(String));
    expect(JSON.stringify(result.body)).not.toMatch(/Maximum call stack|TypeError|Neo4jError|at \w+ \(/);
    expect(result.probes).toBeGreaterThan(0);
  });
});
