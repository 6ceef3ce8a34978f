/**
 * Saved questions over HTTP, as a dashboard tool or a notebook asks them (plain GETs, no special header):
 * the index for a person and for a tool; a question as JSON and CSV with the same numbers the API and the
 * explorer's dashboard answer; bad parameters refused with 400 and a code; ETag / If-None-Match answering 304
 * until a write, and 304s not counted by the rate limit; the query limits and roles applying as on /graphql;
 * the persisted documents on GET /graphql; and the answers read by Python's own csv and json modules (and
 * pandas and networkx where they are installed; the test says so when they are not).
 */
import { spawn, spawnSync } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import { countPartners } from "../../src/graph-data/partner-count.js";
import { SAVED_QUESTIONS, documentHash, savedQuestion } from "../../src/questions/index.js";
import type { RunningApi } from "../../src/start.js";
import { EXPLORER_QUERIES } from "../../src/web/explorer/api.js";
import { readDoc } from "../support/docs.js";
import { testToken } from "../support/test-api.js";
import { connectTestDatabase, removeTestData } from "../support/test-database.js";
import { post, startTestServer } from "../support/test-server.js";

let db: Database;
let api: RunningApi;
let editor: string;

beforeAll(async () => {
  db = connectTestDatabase();
  api = await startTestServer({ WEB_PAGES: "false" });
  editor = await testToken(["editor"], "test-questions-editor");
});
afterEach(async () => {
  await removeTestData(db);
});
afterAll(async () => {
  await api?.stop();
  await db.close();
});

async function get(path: string, headers: Record<string, string> = {}, base = api.url) {
  const response = await fetch(`${base}${path}`, { headers });
  const text = await response.text();
  let body: any = text;
  if ((response.headers.get("content-type") ?? "").includes("json")) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, text, body };
}

async function graphql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const answer = await post(api.url, { query, variables }, token ? { authorization: `Bearer ${token}` } : {});
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data;
}

/** A write through the API (an editor adds a source): the graph's version moves. */
async function writeSomething(): Promise<void> {
  await graphql(
    `
      mutation ($sources: [SourceInput!]) {
        upsertRecords(sources: $sources) {
          writeId
        }
      }
    `,
    { sources: [{ id: `test-questions-${Date.now()}`, title: "A test report", publisher: "Test", published: "2024" }] },
    editor,
  );
}

describe("the index", () => {
  it("is a page for a person, with a form per question", async () => {
    const page = await get("/questions", { accept: "text/html,application/xhtml+xml,*/*;q=0.8" });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.text).toContain("<h1>Saved questions</h1>");
    expect(page.text).toContain('<h2 id="memberships-per-year">Memberships per year</h2>');
    expect(page.text).toContain('action="/questions/memberships-per-year.csv"');
    expect(page.text).toContain('<label for="memberships-per-year-entity">entity</label>');
  });

  it("is JSON for a tool: names, addresses, parameters with defaults, columns, document ids", async () => {
    for (const [path, accept] of [
      ["/questions", "application/json"],
      ["/questions", "*/*"],
      ["/questions.json", "text/html"],
    ] as const) {
      const index = await get(path, { accept });
      expect(index.status, `${path} ${accept}`).toBe(200);
      expect(index.body.questions.map((q: { name: string }) => q.name)).toEqual(SAVED_QUESTIONS.map((q) => q.name));
    }
    const index = await get("/questions");
    const memberships = index.body.questions.find((q: { name: string }) => q.name === "memberships-per-year");
    expect(memberships).toMatchObject({
      csv: "/questions/memberships-per-year.csv",
      json: "/questions/memberships-per-year.json",
      columns: ["year", "active", "started", "ended", "undatedExcluded"],
      documentId: "memberships-per-year",
      sha256: documentHash(savedQuestion("memberships-per-year")!.document),
    });
    expect(memberships.parameters[0]).toMatchObject({ name: "entity", type: "entity", default: "helsinki" });
  });
});

describe("answers", () => {
  it("memberships per year for Tampere: JSON rows with provenance, the API's numbers", async () => {
    const answer = await get("/questions/memberships-per-year.json?entity=tampere&fromYear=2010&toYear=2024");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    const { meta, rows } = answer.body;
    expect(meta).toMatchObject({
      question: "memberships-per-year",
      parameters: { entity: "tampere", fromYear: 2010, toYear: 2024, undated: "INCLUDE" },
      columns: ["year", "active", "started", "ended", "undatedExcluded"],
      rowCount: 15,
    });
    expect(meta.graphVersion).toMatch(/^\d+:/);
    expect(answer.headers.get("x-graph-version")).toBe(meta.graphVersion);
    expect(Date.parse(meta.asked)).not.toBeNaN();
    const api = await graphql(`
      {
        activitySeries(entityId: "tampere", fromYear: 2010, toYear: 2024, relationshipTypes: ["MEMBER_OF"]) {
          year
          active
          started
          ended
          undatedExcluded
        }
      }
    `);
    expect(rows).toEqual(api.activitySeries);
    expect(rows.some((row: { active: number }) => row.active > 0)).toBe(true);
  });

  it("CSV: RFC 4180, the same rows, a BOM when asked", async () => {
    const csv = await get("/questions/memberships-per-year.csv?entity=tampere&fromYear=2010&toYear=2024");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(csv.text.split("\r\n")[0]).toBe("year,active,started,ended,undatedExcluded");
    expect(csv.text.split("\r\n")).toHaveLength(17); // header, 15 years, and the empty string after the last CRLF
    // fetch's text() drops a BOM: the bytes show it.
    const bom = await fetch(
      `${api.url}/questions/memberships-per-year.csv?entity=tampere&fromYear=2010&toYear=2024&bom=1`,
    );
    const bytes = Buffer.from(await bom.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toBe(csv.text);
  });

  it("the dashboard's numbers: kinds, relationship types, funders per office and partners by country equal its queries'", async () => {
    const dashboard = await graphql(EXPLORER_QUERIES.dashboard.query, { asOf: "2020-01-01", undated: "INCLUDE" });
    const kinds = await get("/questions/entities-by-kind.json");
    expect(kinds.body.rows).toEqual(
      dashboard.graphStats.nodesByKind
        .filter((row: { key: string }) => row.key !== "Source")
        .map((row: { key: string; count: number }) => ({ kind: row.key, count: row.count })),
    );
    const types = await get("/questions/relationships-by-type.json");
    expect(types.body.rows).toEqual(
      dashboard.graphStats.edgesByType
        .filter((row: { count: number }) => row.count > 0)
        .map((row: { key: string; count: number }) => ({ type: row.key, count: row.count })),
    );
    const funders = await get("/questions/funders-per-office.json?asOf=2020-01-01");
    expect(funders.body.rows.map((row: any) => [row.officeId, row.officeName, row.funders])).toEqual(
      dashboard.fundersPerOffice.map((row: any) => [row.office.id, row.office.name, row.funders]),
    );
    expect(funders.body.rows.length).toBeGreaterThan(0);
    // The partners chart: the explorer's own neighbourhood answer, counted by the explorer's own rule.
    const neighbourhood = await graphql(EXPLORER_QUERIES.neighbourhood.query, {
      ...EXPLORER_QUERIES.neighbourhood.variables,
      asOf: "2019-06-01",
    });
    const partners = await get("/questions/partners-by-country.json?entity=helsinki&asOf=2019-06-01");
    expect(partners.body.rows).toEqual(
      countPartners(neighbourhood.neighbourhood, "helsinki").byCountry.map((row) => ({
        country: row.key,
        partners: row.count,
      })),
    );
    expect(partners.body.rows.reduce((sum: number, row: { partners: number }) => sum + row.partners, 0)).toBe(6);
  });

  it("relationship rows carry their sources: one cell, and a second table of one row per source", async () => {
    const timeline = await get("/questions/timeline.json?entity=moscow");
    expect(timeline.status).toBe(200);
    const rows = timeline.body.rows as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(timeline.body.meta.sourcesCell).toContain("joined with |");
    const api = await graphql(`
      {
        timeline(entityId: "moscow", limit: 1000) {
          edge {
            id
            sources {
              sourceId
            }
          }
        }
      }
    `);
    expect(rows.map((row) => row.relationshipId)).toEqual(api.timeline.map((entry: any) => entry.edge.id));
    expect(rows.map((row) => row.sources)).toEqual(
      api.timeline.map((entry: any) => entry.edge.sources.map((source: any) => source.sourceId).join("|")),
    );
    const sources = await get("/questions/timeline.json?entity=moscow&table=sources");
    expect(sources.body.meta.columns[0]).toBe("relationshipId");
    expect(sources.body.rows.length).toBe(
      api.timeline.reduce((sum: number, entry: any) => sum + entry.edge.sources.length, 0),
    );
    const csv = await get("/questions/timeline.csv?entity=moscow&table=sources");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="timeline-sources.csv"');
  });

  it("every saved question answers with its defaults, anonymously, without personal fields", async () => {
    for (const question of SAVED_QUESTIONS) {
      const answer = await get(`/questions/${question.name}.json`);
      if (answer.status === 501) continue; // brokers without Graph Data Science: GDS_UNAVAILABLE, as on /graphql
      expect(answer.status, `${question.name}: ${answer.text.slice(0, 300)}`).toBe(200);
      expect(answer.body.meta.columns).toEqual(question.columns);
      for (const row of answer.body.rows) expect(Object.keys(row)).toEqual(question.columns);
      expect(answer.text).not.toMatch(/"(email|phone)"/);
    }
  });
});

describe("refusals", () => {
  it.each([
    ["/questions/memberships-per-year.json?asOf=2021-06-01", 400, "BAD_USER_INPUT", "asOf"],
    ["/questions/funders-per-office.csv?asOf=2020-02-30", 400, "BAD_USER_INPUT", "asOf"],
    ["/questions/funders-per-office.json?limit=5000", 400, "BAD_USER_INPUT", "limit"],
    ["/questions/entities-by-kind.csv?table=sources", 400, "BAD_USER_INPUT", "table"],
    ["/questions/no-such-question.csv", 404, "NOT_FOUND", undefined],
    ["/questions/timeline.xlsx", 404, "NOT_FOUND", undefined],
  ])("%s → %i %s", async (path, status, code, argumentName) => {
    const answer = await get(path);
    expect(answer.status).toBe(status);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect(answer.body.errors[0].extensions).toMatchObject({
      code,
      requestId: answer.headers.get("x-request-id"),
      ...(argumentName ? { argumentName } : {}),
    });
  });

  it("an unknown entity is the API's own refusal, with its code", async () => {
    const answer = await get("/questions/timeline.json?entity=no-such-entity-anywhere");
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("HEAD answers the headers without running anything; a CORS preflight is answered for any origin", async () => {
    const head = await fetch(`${api.url}/questions/timeline.csv?entity=moscow`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(head.headers.get("etag")).toMatch(/^W\//);
    expect(head.headers.get("x-result-cache")).toBeNull(); // nothing asked of Apollo
    const badHead = await fetch(`${api.url}/questions/timeline.csv?entity=Moscow!`, { method: "HEAD" });
    expect(badHead.status).toBe(400);
    const preflight = await fetch(`${api.url}/questions/timeline.csv`, {
      method: "OPTIONS",
      headers: { origin: "https://dashboards.example", "access-control-request-method": "GET" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("a POST is 405 with Allow", async () => {
    const response = await fetch(`${api.url}/questions/timeline.json`, { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toContain("GET");
  });
});

describe("validators: a refresh that changed nothing costs nothing", () => {
  it("If-None-Match answers 304 until a write, then 200 with a new ETag", async () => {
    const path = "/questions/memberships-per-year.csv?entity=tampere";
    const first = await get(path);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get("last-modified")).toBeTruthy();
    expect(first.headers.get("cache-control")).toBe("no-cache");

    const again = await get(path, { "if-none-match": etag! });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    // Another representation is another tag.
    const json = await get("/questions/memberships-per-year.json?entity=tampere", { "if-none-match": etag! });
    expect(json.status).toBe(200);
    const other = await get("/questions/memberships-per-year.csv?entity=helsinki", { "if-none-match": etag! });
    expect(other.status).toBe(200);

    await writeSomething();
    const after = await get(path, { "if-none-match": etag! });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(after.text).toBe(first.text);
    expect((await get(path, { "if-none-match": after.headers.get("etag")! })).status).toBe(304);
  });

  it("If-Modified-Since with the Last-Modified answers 304 too", async () => {
    const path = "/questions/entities-by-kind.json";
    const first = await get(path);
    const since = await get(path, { "if-modified-since": first.headers.get("last-modified")! });
    expect(since.status).toBe(304);
  });

  it("the second answer of a question comes from the result cache", async () => {
    const path = "/questions/changes.json?entity=moscow";
    await get(path);
    const second = await get(path);
    expect(second.headers.get("x-result-cache")).toBe("hit");
  });
});

describe("the same limits and roles as /graphql", () => {
  it("the rate limit counts whole answers, not 304s", async () => {
    const limited = await startTestServer({ WEB_PAGES: "false", RATE_LIMIT_GRAPHQL: "2" });
    try {
      const path = "/questions/entities-by-kind.json";
      const first = await get(path, {}, limited.url);
      expect(first.status).toBe(200);
      const etag = first.headers.get("etag")!;
      for (let i = 0; i < 5; i += 1) expect((await get(path, { "if-none-match": etag }, limited.url)).status).toBe(304);
      expect((await get(path, {}, limited.url)).status).toBe(200);
      const refused = await get(path, {}, limited.url);
      expect(refused.status).toBe(429);
      expect(refused.body.errors[0].extensions.code).toBe("RATE_LIMITED");
      expect(refused.headers.get("retry-after")).toBeTruthy();
    } finally {
      await limited.stop();
    }
  });

  it("the query limits apply: a question over MAX_QUERY_COST is refused with the limit named", async () => {
    const strict = await startTestServer({ WEB_PAGES: "false", MAX_QUERY_COST: "50" });
    try {
      const answer = await get("/questions/timeline.json", {}, strict.url);
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", limit: "cost" });
    } finally {
      await strict.stop();
    }
  });

  it("a refused token is refused here too (401), never taken as anonymous", async () => {
    const etag = (await get("/questions/entities-by-kind.json")).headers.get("etag")!;
    for (const headers of [{}, { "if-none-match": etag }] as Record<string, string>[]) {
      const answer = await get("/questions/entities-by-kind.json", { authorization: "Bearer not-a-token", ...headers });
      expect(answer.status).toBe(401);
      expect(answer.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    }
    const staff = await testToken(["staff"], "test-questions-staff");
    const withRole = await get("/questions/entities-by-kind.json", { authorization: `Bearer ${staff}` });
    expect(withRole.status).toBe(200);
  });
});

describe("persisted documents on GET /graphql", () => {
  const question = savedQuestion("memberships-per-year")!;
  const variables = encodeURIComponent(JSON.stringify({ entityId: "tampere", fromYear: 2015, toYear: 2020 }));

  it("by name or sha256, as a plain GET without a preflight header, the same data", async () => {
    const direct = await graphql(question.document, { entityId: "tampere", fromYear: 2015, toYear: 2020 });
    for (const id of [question.name, documentHash(question.document), `sha256:${documentHash(question.document)}`]) {
      const answer = await get(`/graphql?documentId=${id}&variables=${variables}`);
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body.data).toEqual(direct);
    }
  });

  it("an unknown id, or an id with a query, is 400 BAD_REQUEST", async () => {
    for (const path of [
      `/graphql?documentId=no-such-document&variables=${variables}`,
      `/graphql?documentId=${question.name}&query=${encodeURIComponent("{ graphStats { nodes } }")}`,
    ]) {
      const answer = await get(path);
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].extensions.code).toBe("BAD_REQUEST");
    }
  });

  it("ANONYMOUS_SAVED_DOCUMENTS_ONLY: anonymous callers get saved documents only; a token gets the API", async () => {
    const closed = await startTestServer({ WEB_PAGES: "false", ANONYMOUS_SAVED_DOCUMENTS_ONLY: "true" });
    try {
      const other = await post(closed.url, { query: "{ graphStats { nodes } }" });
      expect(other.status).toBe(401);
      expect(other.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect((await get(`/graphql?documentId=${question.name}&variables=${variables}`, {}, closed.url)).status).toBe(
        200,
      );
      const sameText = await post(closed.url, {
        query: question.document,
        variables: { entityId: "tampere", fromYear: 2015, toYear: 2020 },
      });
      expect(sameText.status).toBe(200);
      expect((await get("/questions/memberships-per-year.csv", {}, closed.url)).status).toBe(200);
      const withToken = await post(
        closed.url,
        { query: "{ graphStats { nodes } }" },
        { authorization: `Bearer ${editor}` },
      );
      expect(withToken.status).toBe(200);
    } finally {
      await closed.stop();
    }
  });
});

/**
 * The Pythons that may read the answers, in order: one named by PYTHON, `python3` on PATH, Debian's. The csv and
 * json checks use the first; pandas and networkx each the first that has them (Debian's python3-pandas and
 * python3-networkx go to Debian's Python, which a version manager may shadow on PATH).
 */
const PYTHONS = [...new Set([process.env.PYTHON, "python3", "/usr/bin/python3"].filter((p): p is string => !!p))];
const PYTHON = PYTHONS[0]!;

/**
 * Runs a Python script with the server's address in BASE; its last line of output parsed as JSON. Asynchronous: the server
 * answers in this same process, so a synchronous spawn would keep it from answering.
 */
function python(script: string, interpreter = PYTHON): Promise<{ status: number | null; out: any; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(interpreter, ["-c", script], { env: { ...process.env, BASE: api.url } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on("close", (status) => {
      clearTimeout(timer);
      let out: unknown = stdout;
      try {
        out = JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
      } catch {
        // not JSON: shown by the assertion
      }
      resolve({ status, out, err: stderr });
    });
  });
}

const pythonWith = (module: string) =>
  PYTHONS.find((interpreter) => spawnSync(interpreter, ["-c", `import ${module}`]).status === 0);
const pandasPython = pythonWith("pandas");
const networkxPython = pythonWith("networkx");

describe("read by Python", () => {
  it("with its own csv and json modules over HTTP", async () => {
    const run = await python(`
import csv, io, json, os, urllib.request
base = os.environ["BASE"]
with urllib.request.urlopen(base + "/questions/memberships-per-year.csv?entity=tampere&fromYear=2010&toYear=2024&bom=1") as r:
    text = r.read().decode("utf-8-sig")
rows = list(csv.DictReader(io.StringIO(text, newline="")))
with urllib.request.urlopen(base + "/questions/memberships-per-year.json?entity=tampere&fromYear=2010&toYear=2024") as r:
    answer = json.load(r)
with urllib.request.urlopen(base + "/questions/timeline.csv?entity=moscow") as r:
    timeline = list(csv.DictReader(io.StringIO(r.read().decode("utf-8"), newline="")))
print(json.dumps({"csv": rows, "json": answer["rows"], "version": answer["meta"]["graphVersion"],
                  "sources": [row["sources"].split("|") for row in timeline]}))
`);
    expect(run.status, run.err).toBe(0);
    expect(
      run.out.csv.map((row: Record<string, string>) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])),
      ),
    ).toEqual(run.out.json);
    expect(run.out.json).toHaveLength(15);
    expect(run.out.sources.length).toBeGreaterThan(0);
    for (const ids of run.out.sources) expect(ids.every((id: string) => /^[a-z0-9-]+$/.test(id))).toBe(true);
  });

  (networkxPython ? it : it.skip)(
    `the docs' networkx snippet reads the GraphML export${networkxPython ? "" : ` (SKIPPED: no networkx in ${PYTHONS.join(", ")}; apt-get install python3-networkx)`}`,
    async () => {
      const run = await python(pythonSnippet("networkx"), networkxPython);
      expect(run.status, run.err).toBe(0);
      expect(run.out.nodes).toBeGreaterThan(10);
      expect(run.out.edges).toBeGreaterThan(10);
    },
  );

  (pandasPython ? it : it.skip)(
    `the docs' pandas snippet reads a question's CSV${pandasPython ? "" : ` (SKIPPED: no pandas in ${PYTHONS.join(", ")}; apt-get install python3-pandas)`}`,
    async () => {
      const run = await python(pythonSnippet("pandas"), pandasPython);
      expect(run.status, run.err).toBe(0);
      expect(run.out.rows).toBeGreaterThan(0);
    },
  );
});

/**
 * The Python block of docs/dashboards.md that imports `module`, its address replaced by the test server's,
 * followed by a line that prints what it read (the snippet's own names: `frame`, `graph`).
 */
function pythonSnippet(module: "pandas" | "networkx"): string {
  const blocks = [...readDoc("docs/dashboards.md").matchAll(/```python\n([\s\S]*?)```/g)].map((match) => match[1]!);
  const block = blocks.find((code) => code.includes(`import ${module}`));
  if (!block) throw new Error(`docs/dashboards.md has no python block importing ${module}`);
  const code = block.replaceAll("http://localhost:4000", "\" + __import__('os').environ['BASE'] + \"");
  const report =
    module === "pandas"
      ? `print(__import__("json").dumps({"rows": len(frame)}))`
      : `print(__import__("json").dumps({"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}))`;
  return `${code}\n${report}\n`;
}
