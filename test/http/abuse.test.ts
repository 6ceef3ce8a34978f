/**
 * Hostile and broken requests over HTTP. Each gets its 4xx and code; the server keeps serving; the graph's
 * node and relationship counts are the same afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import type { RunningApi } from "../../src/start.js";
import { testToken } from "../support/test-api.js";
import { connectTestDatabase, countGraph, removeTestData } from "../support/test-database.js";
import { post, startTestServer } from "../support/test-server.js";

let api: RunningApi;
let db: Database;
let before: { nodes: number; relationships: number };

beforeAll(async () => {
  db = connectTestDatabase();
  before = await countGraph(db);
  api = await startTestServer({ MAX_BODY_BYTES: "100000" });
});
afterAll(async () => {
  // The server still answers, and nothing was written.
  const alive = await post(api.url, { query: "{ graphStats { nodes } }" });
  expect(alive.status).toBe(200);
  expect(await countGraph(db)).toEqual(before);
  await api.stop();
  await db.close();
});

const code = (result: { body: any }): unknown => result.body?.errors?.[0]?.extensions?.code;

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
    const result = await post(api.url, body, { "content-type": contentType });
    expect(result.status).toBe(status);
    expect(code(result)).toBe(errorCode);
  });

  it("no content type at all → 400 BAD_REQUEST", async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: "POST",
      body: '{"query":"{ graphStats { nodes } }"}',
    });
    expect(response.status).toBe(400);
  });

  it("an oversized body → 413 BAD_REQUEST", async () => {
    const result = await post(api.url, { query: `{ search(text: "${"a".repeat(150_000)}") { score } }` });
    expect(result.status).toBe(413);
    expect(code(result)).toBe("BAD_REQUEST");
  });

  it("a GET mutation → 405", async () => {
    const query = encodeURIComponent(`mutation { deleteRecords(ids: ["helsinki"]) { writeId } }`);
    const response = await fetch(`${api.url}/graphql?query=${query}`, { headers: { "apollo-require-preflight": "1" } });
    expect(response.status).toBe(405);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("a simple GET without a preflight header (CSRF-style) → 400", async () => {
    const response = await fetch(`${api.url}/graphql?query=${encodeURIComponent("{ graphStats { nodes } }")}`);
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
    const result = await post(api.url, { query });
    expect(result.status).toBe(status);
    expect(code(result)).toBe(errorCode);
  });

  it("limits say which limit and which variable", async () => {
    const result = await post(api.url, { query: `{ cities { ${nest(5, "name")} } }` });
    expect(result.body.errors[0].extensions).toMatchObject({ limit: "cost", maxCost: 1_000_000 });
    expect(result.body.errors[0].message).toContain("MAX_QUERY_COST");
  });

  it("an ordinary two-hop connection query passes every limit", async () => {
    const query = `{ offices { name fundersConnection { edges { node { ... on City { name partnersConnection { edges { node { name } properties { kind } } } } } } } } }`;
    const result = await post(api.url, { query });
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
  });

  it.each([
    ["search", `{ search(text: "helsinki", limit: 1000000) { score } }`],
    ["neighbourhood", `{ neighbourhood(id: "helsinki", limit: 1000000) { truncated } }`],
    ["funding", `{ funding(limit: 1000000) { validFrom } }`],
  ])("a huge %s limit → BAD_USER_INPUT", async (_label, query) => {
    const result = await post(api.url, { query });
    expect(result.status).toBe(400);
    expect(code(result)).toBe("BAD_USER_INPUT");
  });
});

describe("injection-shaped strings in every string argument", () => {
  const NASTY = [
    `' OR 1=1 //`,
    `") MATCH (n) DETACH DELETE n //`,
    "`x` } RETURN 1 UNION MATCH (n) RETURN n //",
    "$id ${x} {{x}}",
    "MATCH (n) DETACH DELETE n",
    "CALL apoc.cypher.runWrite('MATCH (n) DETACH DELETE n', {})",
    "a\u0000b\u0001\u0007\u001b[31m",
    "\ud800 lone surrogate \udfff",
    "\u202eRTL override \u200f mark",
    "🙂".repeat(50),
    "x".repeat(5000),
    "*:*",
    "name:helsinki~ AND NOT x^9",
  ];
  const FIELDS: [string, string, (s: string) => Record<string, unknown>][] = [
    ["search(text)", `query($s: String!) { search(text: $s) { score } }`, (s) => ({ s })],
    ["node(id)", `query($s: ID!) { node(id: $s) { id } }`, (s) => ({ s })],
    ["neighbourhood(id)", `query($s: ID!) { neighbourhood(id: $s) { truncated } }`, (s) => ({ s })],
    [
      "neighbourhood(asOf)",
      `query($s: String) { neighbourhood(id: "helsinki", asOf: $s) { truncated } }`,
      (s) => ({ s }),
    ],
    [
      "neighbourhood(relationshipTypes)",
      `query($s: String!) { neighbourhood(id: "helsinki", relationshipTypes: [$s]) { truncated } }`,
      (s) => ({ s }),
    ],
    [
      "shortestPath(fromId)",
      `query($s: ID!) { shortestPath(fromId: $s, toId: "helsinki") { nodes { id } } }`,
      (s) => ({ s }),
    ],
    [
      "shortestPath(toId)",
      `query($s: ID!) { shortestPath(fromId: "helsinki", toId: $s) { nodes { id } } }`,
      (s) => ({ s }),
    ],
    [
      "shortestPath(asOf)",
      `query($s: String) { shortestPath(fromId: "tampere", toId: "helsinki", asOf: $s) { nodes { id } } }`,
      (s) => ({ s }),
    ],
    ["funding(officeId)", `query($s: ID) { funding(officeId: $s) { validFrom } }`, (s) => ({ s })],
    ["funding(asOf)", `query($s: String) { funding(asOf: $s) { validFrom } }`, (s) => ({ s })],
    ["cities(where: name eq)", `query($s: String) { cities(where: { name: { eq: $s } }) { id } }`, (s) => ({ s })],
    [
      "cities(where: name contains)",
      `query($s: String) { cities(where: { name: { contains: $s } }) { id } }`,
      (s) => ({ s }),
    ],
    [
      "entities(where: aliases includes)",
      `query($s: String) { entities(where: { aliases: { includes: $s } }) { id } }`,
      (s) => ({ s }),
    ],
    [
      "offices(where: nested funders)",
      `query($s: String) { offices(where: { fundersConnection: { some: { node: { name: { startsWith: $s } } } } }) { id } }`,
      (s) => ({ s }),
    ],
    ["sources(where: id in)", `query($s: ID!) { sources(where: { id: { in: [$s] } }) { id } }`, (s) => ({ s })],
  ];
  const cases = FIELDS.flatMap(([field, query, variables]) =>
    NASTY.map((text) => [field, JSON.stringify(text).slice(0, 40), query, variables(text)] as const),
  );

  it.each(cases)("%s with %s is answered, or refused as BAD_USER_INPUT", async (_field, _label, query, variables) => {
    const result = await post(api.url, { query, variables });
    if (result.body.errors) {
      expect(result.status).toBe(400);
      expect(result.body.errors.map((e: any) => e.extensions.code)).toEqual(["BAD_USER_INPUT"]);
      expect(JSON.stringify(result.body)).not.toMatch(/Neo4jError|Cypher|at \w+ \(|\.ts:\d+/);
    } else {
      expect(result.status).toBe(200);
    }
  });

  it("the same strings in an editor's write are stored as data or refused, never run", async () => {
    const editor = await testToken(["editor"], "test-editor");
    const stats = `{ graphStats { nodes edges } }`;
    const before = (await post(api.url, { query: stats })).body.data.graphStats;
    for (const text of NASTY) {
      const result = await post(
        api.url,
        {
          query: `mutation($s: String!) { upsertRecords(entities: [{ kind: "City", id: "test-nasty", name: "Nasty", description: $s, sources: ["hel-fi-international-activities-2020"] }]) { writeId } }`,
          variables: { s: text },
        },
        { authorization: `Bearer ${editor}` },
      );
      if (result.status === 200) {
        expect(result.body.errors, text).toBeUndefined();
        const stored = await post(api.url, {
          query: `{ cities(where: { id: { eq: "test-nasty" } }) { description } }`,
        });
        // Lone surrogates cannot cross HTTP as UTF-8: they arrive as U+FFFD, and that is what is stored.
        const sent = text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
        expect(stored.body.data.cities[0].description, text).toBe(sent.trim());
      } else {
        expect([result.status, code(result)], text).toEqual([400, "BAD_USER_INPUT"]);
      }
    }
    const after = (await post(api.url, { query: stats })).body.data.graphStats;
    expect(after.nodes - before.nodes).toBeLessThanOrEqual(1);
    expect(after.edges).toBe(before.edges);
    await removeTestData(db);
  });
});

describe("tokens over HTTP", () => {
  it.each([
    ["malformed", "Bearer not-a-token"],
    ["the wrong scheme", "Basic dXNlcjpwYXNz"],
    ["an empty bearer", "Bearer "],
  ])("%s → 401 UNAUTHENTICATED", async (_label, authorization) => {
    const result = await post(api.url, { query: "{ graphStats { nodes } }" }, { authorization });
    expect(result.status).toBe(401);
    expect(code(result)).toBe("UNAUTHENTICATED");
  });

  it("an expired token → 401, a wrong role → 403, missing → 401 for writes", async () => {
    const expired = await testToken(["editor"], "test-editor", Math.floor(Date.now() / 1000) - 60);
    const mutation = { query: `mutation { deleteRecords(ids: ["test-nothing"]) { writeId } }` };
    expect((await post(api.url, mutation, { authorization: `Bearer ${expired}` })).status).toBe(401);
    const staff = await testToken(["staff"]);
    const forbidden = await post(api.url, mutation, { authorization: `Bearer ${staff}` });
    expect([forbidden.status, code(forbidden)]).toEqual([403, "FORBIDDEN"]);
    const anonymous = await post(api.url, mutation);
    expect([anonymous.status, code(anonymous)]).toEqual([401, "UNAUTHENTICATED"]);
  });
});
