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
import { PAGE_SOURCE } from "../support/curated.js";

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

describe("queries within the limits", () => {
  it("an ordinary two-hop connection query passes every limit", async () => {
    const query = `{ offices { name fundersConnection { edges { node { ... on City { name partnersConnection { edges { node { name } properties { kind } } } } } } } } }`;
    const result = await post(api.url, { query });
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
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
          query: `mutation($s: String!) { upsertRecords(entities: [{ kind: "City", id: "test-nasty", name: "Nasty", description: $s, sources: ["${PAGE_SOURCE}"] }]) { writeId } }`,
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
