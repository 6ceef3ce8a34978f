/**
 * One error shape everywhere (issue 19, finding 4): every answer that is not a success — a path nothing
 * serves, a method a path does not take, a malformed token on /graphql, a batch, a `query` that is not a
 * string, automatic persisted queries with a wrong hash — is JSON `{ errors: [{ message, extensions: { code,
 * requestId } }] }` with the request id the client sent, never HTML, never a stack, never a 500. Apollo's
 * PERSISTED_QUERY_NOT_FOUND stays as Apollo clients expect it (200, the code, then registering works), and a
 * hash that is not the query's is a 400 logged without a stack, below `error`.
 */
import { createHash } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "../../src/start.js";
import { sharedApiSchema } from "../support/test-api.js";
import { testServerConfig } from "../support/test-server.js";

let api: RunningApi;
/** Every log line the server wrote, parsed. */
const logged: Record<string, unknown>[] = [];

beforeAll(async () => {
  const log = pino({ level: "debug" }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  api = await startApi({ ...testServerConfig(), webPages: true }, log, { schema: sharedApiSchema() });
});
afterAll(async () => {
  await api.stop();
});

let counter = 0;

interface Answer {
  status: number;
  contentType: string | null;
  allow: string | null;
  text: string;
  body: any;
  requestId: string;
}

/** Sends a request with a request id of its own, and reads the answer whatever it is. */
async function send(path: string, init: RequestInit = {}): Promise<Answer> {
  const requestId = `test-error-shape-${++counter}`;
  const response = await fetch(`${api.url}${path}`, {
    ...init,
    headers: { "x-request-id": requestId, ...(init.headers as Record<string, string> | undefined) },
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    allow: response.headers.get("allow"),
    text,
    body,
    requestId,
  };
}

const postJson = (body: string, headers: Record<string, string> = {}) =>
  send("/graphql", { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

/** The one shape: JSON, one error at least, each with a code and this request's id; no stack, no HTML. */
function expectErrorShape(answer: Answer, status: number, code: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.contentType).toMatch(/^application\/json/);
  expect(answer.body?.errors?.length, answer.text).toBeGreaterThan(0);
  for (const error of answer.body.errors) {
    expect(typeof error.message).toBe("string");
    expect(error.extensions).toMatchObject({ code, requestId: answer.requestId });
    expect(error.extensions.stacktrace).toBeUndefined();
  }
  expect(answer.text).not.toMatch(/<html|<pre>|\bat [\w.<>]+ \(|node_modules|GraphQLError|stacktrace/i);
}

describe("a path nothing serves: 404 NOT_FOUND", () => {
  it.each([
    ["GET /nothing-here", "/nothing-here", "GET"],
    ["POST /nothing-here", "/nothing-here", "POST"],
    ["GET /graphq (a typo)", "/graphq", "GET"],
    ["GET /export/more", "/export/more", "GET"],
    ["GET a missing asset", "/assets/nothing-here.js", "GET"],
  ])("%s", async (_label, path, method) => {
    const answer = await send(path, { method });
    expectErrorShape(answer, 404, "NOT_FOUND");
    expect(answer.body.errors[0].message).toContain("/graphql");
  });
});

describe("a method a path does not take: 405 METHOD_NOT_ALLOWED with Allow", () => {
  it.each([
    ["PUT /graphql", "/graphql", "PUT", "GET, POST"],
    ["DELETE /graphql", "/graphql", "DELETE", "GET, POST"],
    ["PATCH /graphql with a JSON body", "/graphql", "PATCH", "GET, POST"],
    ["POST /health", "/health", "POST", "GET, HEAD"],
    ["DELETE /ready", "/ready", "DELETE", "GET, HEAD"],
    ["POST /export", "/export", "POST", "GET, HEAD"],
    ["PUT /reconcile", "/reconcile", "PUT", "GET, POST, HEAD"],
    ["POST /reconcile/suggest/entity", "/reconcile/suggest/entity", "POST", "GET, HEAD"],
    ["POST /explorer", "/explorer", "POST", "GET, HEAD"],
    ["DELETE /", "/", "DELETE", "GET, HEAD"],
  ])("%s", async (_label, path, method, allow) => {
    const answer = await send(path, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ graphStats { nodes } }" }),
    });
    expectErrorShape(answer, 405, "METHOD_NOT_ALLOWED");
    expect(answer.allow).toBe(allow);
    expect(answer.body.errors[0].extensions.allow).toEqual(allow.split(", "));
  });

  it("HEAD /graphql: 405 with Allow (a HEAD answer has no body)", async () => {
    const answer = await send("/graphql", { method: "HEAD" });
    expect([answer.status, answer.allow, answer.text]).toEqual([405, "GET, POST", ""]);
  });

  it("a mutation sent by GET: 405 with Allow: POST, as a GraphQL error", async () => {
    const query = encodeURIComponent('mutation { deleteRecords(ids: ["helsinki"]) { writeId } }');
    const answer = await send(`/graphql?query=${query}`, { headers: { "apollo-require-preflight": "1" } });
    expectErrorShape(answer, 405, "METHOD_NOT_ALLOWED");
    expect(answer.allow).toBe("POST");
  });

  it("the methods a path takes still work, and OPTIONS tells them", async () => {
    expect((await send("/health")).status).toBe(200);
    expect((await send("/health", { method: "HEAD" })).status).toBe(200);
    const options = await send("/health", { method: "OPTIONS" });
    expect([options.status, options.allow]).toEqual([204, "GET, HEAD"]);
  });
});

describe("refusals Apollo Server answers before any plugin runs carry the request id", () => {
  it.each<[string, () => Promise<Answer>, number, string]>([
    [
      "a malformed token on POST /graphql",
      () => postJson(JSON.stringify({ query: "{ graphStats { nodes } }" }), { authorization: "Bearer not-a-token" }),
      401,
      "UNAUTHENTICATED",
    ],
    [
      "a malformed token on GET /graphql",
      () =>
        send(`/graphql?query=${encodeURIComponent("{ graphStats { nodes } }")}`, {
          headers: { authorization: "Bearer x.y.z", "apollo-require-preflight": "1" },
        }),
      401,
      "UNAUTHENTICATED",
    ],
    [
      "an Authorization header that is not Bearer",
      () =>
        postJson(JSON.stringify({ query: "{ graphStats { nodes } }" }), { authorization: "Basic YWxpY2U6c2VjcmV0" }),
      401,
      "UNAUTHENTICATED",
    ],
    [
      "a batch (a JSON array)",
      () => postJson(JSON.stringify([{ query: "{ graphStats { nodes } }" }, { query: "{ graphStats { edges } }" }])),
      400,
      "BAD_REQUEST",
    ],
    ['{"query":5}', () => postJson('{"query":5}'), 400, "BAD_REQUEST"],
    ['{"query":["{ a }"]}', () => postJson('{"query":["{ a }"]}'), 400, "BAD_REQUEST"],
    ["an empty object", () => postJson("{}"), 400, "BAD_REQUEST"],
    [
      "variables that are not an object",
      () => postJson(JSON.stringify({ query: "{ graphStats { nodes } }", variables: 5 })),
      400,
      "BAD_REQUEST",
    ],
    ["bad JSON", () => postJson('{"query": '), 400, "BAD_REQUEST"],
    [
      "text/plain (CSRF-style)",
      () => send("/graphql", { method: "POST", headers: { "content-type": "text/plain" }, body: '{"query":"{ a }"}' }),
      400,
      "BAD_REQUEST",
    ],
    [
      "GET without a query",
      () => send("/graphql", { headers: { "apollo-require-preflight": "1" } }),
      400,
      "BAD_REQUEST",
    ],
  ])("%s", async (_label, request, status, code) => {
    expectErrorShape(await request(), status, code);
  });

  it("a batch is told to send one operation per request", async () => {
    const answer = await postJson(JSON.stringify([{ query: "{ graphStats { nodes } }" }]));
    expect(answer.body.errors[0].message).toMatch(/one per request/);
  });
});

describe("automatic persisted queries", () => {
  const query = "{ graphStats { nodes } }";
  const hash = createHash("sha256").update(query).digest("hex");
  const persisted = (sha256Hash: string, version = 1) => ({ persistedQuery: { version, sha256Hash } });

  it("an unknown hash: 200 PERSISTED_QUERY_NOT_FOUND as Apollo clients expect, with the request id", async () => {
    const answer = await postJson(JSON.stringify({ extensions: persisted("1".repeat(64)) }));
    expectErrorShape(answer, 200, "PERSISTED_QUERY_NOT_FOUND");
    expect(answer.body.errors[0].message).toBe("PersistedQueryNotFound");
  });

  it("the protocol: not found, then registered with its query, then answered by hash alone (POST and GET)", async () => {
    const other = `{ graphStats { nodes edges } }`;
    const otherHash = createHash("sha256").update(other).digest("hex");
    const first = await postJson(JSON.stringify({ extensions: persisted(otherHash) }));
    expect(first.body.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    const registered = await postJson(JSON.stringify({ query: other, extensions: persisted(otherHash) }));
    expect([registered.status, registered.body.errors]).toEqual([200, undefined]);
    const byHash = await postJson(JSON.stringify({ extensions: persisted(otherHash) }));
    expect(byHash.body).toEqual(registered.body);
    const extensions = encodeURIComponent(JSON.stringify(persisted(otherHash)));
    const byGet = await send(`/graphql?extensions=${extensions}`, { headers: { "apollo-require-preflight": "1" } });
    expect([byGet.status, byGet.body]).toEqual([200, registered.body]);
  });

  it("a hash that is not the query's: 400 BAD_REQUEST, logged below error and without a stack", async () => {
    const answer = await postJson(JSON.stringify({ query, extensions: persisted("0".repeat(64)) }));
    expectErrorShape(answer, 400, "BAD_REQUEST");
    expect(answer.body.errors[0].message).toMatch(/sha256Hash.*SHA-256/);
    await expect.poll(() => logged.filter((line) => line.requestId === answer.requestId).length).toBeGreaterThan(0);
    for (const line of logged.filter((entry) => entry.requestId === answer.requestId)) {
      expect(line.level as number).toBeLessThanOrEqual(pino.levels.values.warn!);
      expect(JSON.stringify(line)).not.toMatch(/stack|\bat [\w.<>]+ \(/);
    }
  });

  it("a hash in capitals (not Apollo's lowercase hex) and a version other than 1: 400 BAD_REQUEST", async () => {
    expectErrorShape(
      await postJson(JSON.stringify({ query, extensions: persisted(hash.toUpperCase()) })),
      400,
      "BAD_REQUEST",
    );
    expectErrorShape(await postJson(JSON.stringify({ query, extensions: persisted(hash, 2) })), 400, "BAD_REQUEST");
  });

  it("the query with its right hash is answered", async () => {
    const answer = await postJson(JSON.stringify({ query, extensions: persisted(hash) }));
    expect([answer.status, answer.body.errors]).toEqual([200, undefined]);
  });
});

describe("GraphQL errors keep their GraphQL shape", () => {
  it("a validation error: errors[] with message, locations and extensions { code, requestId }", async () => {
    const answer = await postJson(JSON.stringify({ query: "{ nothingHere }" }));
    expectErrorShape(answer, 400, "GRAPHQL_VALIDATION_FAILED");
    expect(answer.body.errors[0]).toMatchObject({ locations: [{ line: 1, column: 3 }] });
  });

  it("nothing logged at error for any of the refusals above", () => {
    const errors = logged.filter(
      (line) => (line.level as number) >= pino.levels.values.error! && String(line.requestId).startsWith("test-error"),
    );
    expect(errors).toEqual([]);
  });
});
