/** The running API over HTTP: GraphQL requests, health and readiness, HTTP-level errors. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../../src/start.js";
import { startTestServer } from "../support/test-server.js";

let api: RunningApi;

beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api.stop();
});

async function post(body: string, headers: Record<string, string> = { "content-type": "application/json" }) {
  const response = await fetch(`${api.url}/graphql`, { method: "POST", headers, body });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    body: text ? JSON.parse(text) : null,
  };
}

describe("GraphQL over HTTP", () => {
  it("answers a query with 200 and JSON", async () => {
    const response = await post(
      JSON.stringify({ query: `{ funding(officeId: "helsinki-centre-st-petersburg") { funder { id } } }` }),
    );
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^application\/(graphql-response\+)?json/);
    expect(response.body.data.funding).toHaveLength(5);
  });

  it("takes variables and operation names", async () => {
    const response = await post(
      JSON.stringify({
        query: `query Find($text: String!) { search(text: $text, limit: 1) { node { id } } } query Other { graphStats { nodes } }`,
        operationName: "Find",
        variables: { text: "ECHA" },
      }),
    );
    expect(response.body).toEqual({ data: { search: [{ node: { id: "echa" } }] } });
  });

  it("answers GET queries from non-browser clients", async () => {
    const response = await fetch(
      `${api.url}/graphql?query=${encodeURIComponent('{ node(id: "helsinki") { name } }')}`,
      {
        headers: { "apollo-require-preflight": "true" },
      },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { node: { name: "Helsinki" } } });
  });

  it("a syntax error is 400 GRAPHQL_PARSE_FAILED", async () => {
    const response = await post(JSON.stringify({ query: "{ graphStats { nodes " }));
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("an unknown field is 400 GRAPHQL_VALIDATION_FAILED", async () => {
    const response = await post(JSON.stringify({ query: "{ graphStats { vertices } }" }));
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("a bad argument is BAD_USER_INPUT with a request id, and the server keeps serving", async () => {
    const response = await post(
      JSON.stringify({ query: `{ neighbourhood(id: "helsinki", depth: 99) { truncated } }` }),
      {
        "content-type": "application/json",
        "x-request-id": "trace-123",
      },
    );
    expect(response.body.errors[0].extensions).toEqual({
      code: "BAD_USER_INPUT",
      argumentName: "depth",
      requestId: "trace-123",
    });
    const again = await post(JSON.stringify({ query: "{ graphStats { nodes } }" }));
    expect(again.body.data.graphStats.nodes).toBeGreaterThan(0);
  });

  it("invalid JSON is 400", async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{ not json",
    });
    expect(response.status).toBe(400);
  });

  it("a body over 100 kB is 413", async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ search(text: "${"a".repeat(120_000)}") { score } }` }),
    });
    expect(response.status).toBe(413);
  });

  it("introspection works (clients and IDEs use it)", async () => {
    const response = await post(JSON.stringify({ query: "{ __schema { queryType { fields { name } } } }" }));
    const fields = response.body.data.__schema.queryType.fields.map((field: { name: string }) => field.name);
    for (const name of [
      "search",
      "node",
      "neighbourhood",
      "shortestPath",
      "funding",
      "graphStats",
      "cities",
      "offices",
      "organizations",
      "citiesConnection",
    ]) {
      expect(fields).toContain(name);
    }
  });
});

describe("health and readiness", () => {
  it("/health and /ready are 200 while Neo4j answers", async () => {
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    const ready = await fetch(`${api.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", neo4j: true, schema: true });
  });
});
