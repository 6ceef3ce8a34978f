/** The running API over HTTP: GraphQL requests, health and readiness, HTTP-level errors. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { Database, createDriver, freePort } from "../../src/database/index.js";
import { createLogger } from "../../src/logging/index.js";
import { createTokenVerifier } from "../../src/auth/index.js";
import { type RunningServer, startServer } from "../../src/server/index.js";
import type { RunningApi } from "../../src/start.js";
import { startTestServer } from "../support/test-server.js";
import { sharedApiSchema } from "../support/test-api.js";

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

  describe("when Neo4j is unreachable", () => {
    let server: RunningServer;
    let deadDb: Database;
    beforeAll(async () => {
      // A driver aimed at a port nobody listens on stands in for a database that went away.
      const uri = `bolt://127.0.0.1:${await freePort()}`;
      deadDb = new Database(createDriver({ uri, user: "neo4j", password: undefined, database: "neo4j" }), "neo4j");
      const { schema } = await sharedApiSchema();
      const config = loadConfig({});
      server = await startServer({
        schema,
        db: deadDb,
        log: createLogger("silent"),
        port: 0,
        host: "127.0.0.1",
        limits: config.limits,
        rateLimits: config.rateLimits,
        exportLimits: config.exports,
        verifier: createTokenVerifier(config.auth),
      });
    });
    afterAll(async () => {
      await server.stop();
      await deadDb.close();
    });

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
});
