/**
 * `/reconcile` over HTTP as OpenRefine uses it, every answer checked against the Reconciliation API 0.2 JSON
 * Schemas (test/fixtures/reconciliation/): the manifest, form-encoded `queries=` batches ("Tallin" → Tallinn
 * as a match, "Pietari", "Helsingfors", "Tukholma"), JSON bodies and GET, properties, suggest, the preview,
 * and what is refused: JSONP, oversized batches and names, bad JSON, too many requests.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../../src/start.js";
import { type ReconciliationSchema, reconciliationErrors } from "../support/json-schemas.js";
import { startTestServer } from "../support/test-server.js";

let api: RunningApi;

beforeAll(async () => {
  api = await startTestServer({ WEB_PAGES: "false" });
});
afterAll(async () => {
  await api.stop();
});

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML (the preview) stays text
  }
  return { status: response.status, headers: response.headers, body };
}

const get = async (path: string, headers: Record<string, string> = {}) =>
  answer(await fetch(`${api.url}${path}`, { headers }));

/** POSTs a form, as OpenRefine does. */
const postForm = async (fields: Record<string, string>) =>
  answer(
    await fetch(`${api.url}/reconcile`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    }),
  );

const postJson = async (body: unknown) =>
  answer(
    await fetch(`${api.url}/reconcile`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );

function expectValid(schema: ReconciliationSchema, value: unknown): void {
  expect(reconciliationErrors(schema, value)).toEqual([]);
}

/** The best candidate of each query: [id, match]. */
const best = (body: Record<string, { result: { id: string; match: boolean }[] }>) =>
  Object.fromEntries(Object.entries(body).map(([key, value]) => [key, [value.result[0]?.id, value.result[0]?.match]]));

describe("/reconcile", () => {
  it("answers the manifest to a GET without parameters, with CORS", async () => {
    const { status, headers, body } = await get("/reconcile", { origin: "http://localhost:3333" });
    expect(status).toBe(200);
    expect(headers.get("access-control-allow-origin")).toBe("*");
    expectValid("manifest", body);
    expect(body).toMatchObject({
      versions: ["0.2"],
      view: { url: `${api.url}/explorer?focus={{id}}` },
      preview: { url: `${api.url}/reconcile/preview?id={{id}}`, width: 420, height: 220 },
      suggest: { entity: { service_url: api.url, service_path: "/reconcile/suggest/entity" } },
      batchSize: 50,
    });
    expect(body.defaultTypes.map((type: { id: string }) => type.id)).toContain("City");
  });

  it("reconciles an OpenRefine batch (form-encoded queries=): names in every language, accents and typos", async () => {
    const queries = {
      q0: { query: "Tallin", type: "City", type_strict: "should" },
      q1: { query: "Pietari", type: "City", type_strict: "should" },
      q2: { query: "Helsingfors", type: "City", type_strict: "should" },
      q3: { query: "Tukholma", type: "City", type_strict: "should" },
      q4: { query: "helsinki-keskus" },
      q5: { query: "Hämeen liitto" },
      q6: { query: "Atlantis", type: "City" },
    };
    const { status, headers, body } = await postForm({ queries: JSON.stringify(queries) });
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^application\/json/);
    expectValid("reconciliation-result-batch", body);
    expect(best(body)).toEqual({
      q0: ["tallinn", true],
      q1: ["st-petersburg", true],
      q2: ["helsinki", true],
      q3: ["stockholm", true],
      q4: ["helsinki-centre-st-petersburg", true],
      q5: ["hame-regional-council", true],
      q6: [undefined, undefined],
    });
    expect(body.q0.result[0]).toMatchObject({
      name: "Tallinn",
      type: [{ id: "City", name: "City" }],
      score: 85.7,
      features: [
        { id: "name_similarity", value: 0.857 },
        { id: "exact_name", value: false },
      ],
    });
    // Scores run from 0 to 100, best first, and only a unique confident hit is a match.
    const results: { result: { score: number; match: boolean }[] }[] = Object.values(body);
    for (const { result } of results) {
      expect(result.filter((candidate) => candidate.match).length).toBeLessThanOrEqual(1);
      expect(result.map((candidate) => candidate.score)).toEqual(
        [...result.map((candidate) => candidate.score)].sort((a, b) => b - a),
      );
      for (const candidate of result) expect(candidate.score).toBeGreaterThanOrEqual(0);
    }
  });

  it("takes the same batch as a JSON body or a GET, and refines by country and external ids", async () => {
    const queries = {
      a: { query: "Helsinki", properties: [{ pid: "country", v: "FI" }] },
      b: { query: "Helsinki", properties: [{ pid: "country", v: "Viro" }] },
      c: { query: "Q1757" },
      d: { properties: [{ pid: "geonames", v: "588409" }] },
    };
    const json = await postJson({ queries });
    const bare = await postJson(queries);
    const viaGet = await get(`/reconcile?queries=${encodeURIComponent(JSON.stringify(queries))}`);
    for (const { status, body } of [json, bare, viaGet]) {
      expect(status).toBe(200);
      expectValid("reconciliation-result-batch", body);
    }
    expect(bare.body).toEqual(json.body);
    expect(viaGet.body).toEqual(json.body);
    expect(best(json.body)).toEqual({
      a: ["helsinki", true],
      b: [expect.any(String), false],
      c: ["helsinki", true],
      d: ["tallinn", true],
    });
    expect(json.body.b.result.find((c: { id: string }) => c.id === "helsinki")).toMatchObject({ score: 50 });
    // In a JSON batch "callback" is just a query's key (JSONP is only asked for in a query string or a form).
    const keyed = await postJson({ callback: { query: "Tallinn" } });
    expect(best(keyed.body)).toEqual({ callback: ["tallinn", true] });
  });

  it("suggests entities, types and properties", async () => {
    const entities = await get("/reconcile/suggest/entity?prefix=helsingfors");
    expectValid("suggest-entities-response", entities.body);
    expect(entities.body.result[0]).toMatchObject({ id: "helsinki", name: "Helsinki", notable: [{ id: "City" }] });
    const paged = await get("/reconcile/suggest/entity?prefix=helsinki&cursor=1");
    expect(paged.body.result[0]?.id).not.toBe("helsinki");
    const types = await get("/reconcile/suggest/type?prefix=off");
    expectValid("suggest-types-response", types.body);
    expect(types.body).toEqual({ result: [{ id: "Office", name: "Office" }] });
    const properties = await get("/reconcile/suggest/property?prefix=count");
    expectValid("suggest-properties-response", properties.body);
    expect(properties.body.result.map((p: { id: string }) => p.id)).toEqual(["country"]);
  });

  it("previews an entity as a self-contained HTML page that loads nothing", async () => {
    const { status, headers, body } = await get("/reconcile/preview?id=helsinki");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^text\/html/);
    expect(headers.get("content-security-policy")).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(body).toContain("<h1>");
    expect(body).toContain("Helsingfors (sv)");
    expect(body).toContain('href="https://www.wikidata.org/wiki/Q1757"');
    expect(body).not.toMatch(/<script|src=/);
  });

  it.each([
    ["JSONP on a GET", () => get("/reconcile?callback=x"), 400, "BAD_REQUEST"],
    ["JSONP on a POST", () => postForm({ queries: '{"q":{"query":"x"}}', callback: "x" }), 400, "BAD_REQUEST"],
    ["a batch over batchSize", () => postForm({ queries: JSON.stringify(batchOf(51)) }), 413, "BAD_REQUEST"],
    ["a limit over 25", () => postForm({ queries: '{"q":{"query":"x","limit":1000}}' }), 400, "BAD_USER_INPUT"],
    ["queries that are not JSON", () => postForm({ queries: "{q0:" }), 400, "BAD_USER_INPUT"],
    ["a JSON body that is not JSON", () => rawPost("application/json", "{"), 400, "BAD_REQUEST"],
    ["a body of another type", () => rawPost("text/plain", "queries={}"), 415, "BAD_REQUEST"],
    ["data extension", () => postForm({ extend: "{}" }), 400, "BAD_USER_INPUT"],
    ["an unknown type", () => postForm({ queries: '{"q":{"query":"x","type":"Q515"}}' }), 400, "BAD_USER_INPUT"],
    ["a preview of no entity", () => get("/reconcile/preview?id=no-such-entity"), 400, "BAD_USER_INPUT"],
    ["a preview of a bad id", () => get("/reconcile/preview?id=%3Cscript%3E"), 400, "BAD_USER_INPUT"],
    ["a suggest without prefix", () => get("/reconcile/suggest/entity"), 400, "BAD_USER_INPUT"],
  ])("refuses %s with a code, through the one error boundary", async (_what, send, status, code) => {
    const refused = await send();
    expect(refused.status).toBe(status);
    expect(refused.body.errors[0].extensions).toMatchObject({ code, requestId: expect.any(String) });
  });

  it("answers a batch with bad cells per query: an empty, blank or too long cell matches nothing, the rest match", async () => {
    const answer = await postForm({
      queries: JSON.stringify({
        q0: { query: "Tallinn" },
        q1: { query: "" },
        q2: { query: "   " },
        q3: { query: "x".repeat(301) },
        q4: { query: "Tampere" },
      }),
    });
    expect(answer.status).toBe(200);
    expect(answer.body.q0.result[0]).toMatchObject({ id: "tallinn", match: true });
    expect(answer.body.q4.result[0]).toMatchObject({ id: "tampere" });
    for (const key of ["q1", "q2", "q3"]) expect(answer.body[key]).toEqual({ result: [] });
    expectValid("reconciliation-result-batch", answer.body);
  });

  it("writes PUBLIC_URL into the manifest's links when it is set, whatever the request's host", async () => {
    const behindProxy = await startTestServer({ WEB_PAGES: "false", PUBLIC_URL: "https://kg.example.org/kg/" });
    try {
      const manifest = (await (await fetch(`${behindProxy.url}/reconcile`)).json()) as {
        view: { url: string };
        preview: { url: string };
        suggest: { entity: { service_url: string } };
      };
      expect(manifest.view.url).toBe("https://kg.example.org/kg/explorer?focus={{id}}");
      expect(manifest.preview.url).toBe("https://kg.example.org/kg/reconcile/preview?id={{id}}");
      expect(manifest.suggest.entity.service_url).toBe("https://kg.example.org/kg");
    } finally {
      await behindProxy.stop();
    }
  });

  it("counts requests per client against RATE_LIMIT_RECONCILE", async () => {
    const limited = await startTestServer({ WEB_PAGES: "false", RATE_LIMIT_RECONCILE: "2" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${limited.url}/reconcile`)).status);
      expect(statuses).toEqual([200, 200, 429]);
      const refused = await answer(await fetch(`${limited.url}/reconcile`));
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(refused.body.errors[0].extensions).toMatchObject({ code: "RATE_LIMITED" });
      // Other routes keep their own limits.
      expect((await fetch(`${limited.url}/health`)).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});

function batchOf(size: number): Record<string, { query: string }> {
  return Object.fromEntries(Array.from({ length: size }, (_, i) => [`q${i}`, { query: `city ${i}` }]));
}

async function rawPost(contentType: string, body: string): Promise<Answer> {
  return answer(
    await fetch(`${api.url}/reconcile`, { method: "POST", headers: { "content-type": contentType }, body }),
  );
}
