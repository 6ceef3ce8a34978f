/**
 * The result cache over HTTP, as `npm start` runs it (on by default): a repeated question is answered from
 * the cache; a write through EVERY path — the API's four mutations, `npm run kg -- import` in another
 * process, the seed — is seen by the very next read; answers are never shared across roles, so personal
 * details never reach a caller without `staff`; the rate limit, the query limits and the access rules still
 * answer for cached questions; errors are never kept; and the TTL and the off switch do what the README says
 * for a Neo4j that is also written outside the write path.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/index.js";
import type { Database } from "../../src/database/index.js";
import { RESULT_CACHE_HEADER } from "../../src/result-cache/index.js";
import type { RunningApi } from "../../src/start.js";
import { loadCuratedGraph } from "../../src/write/index.js";
import { testToken } from "../support/test-api.js";
import { connectTestDatabase, removeTestData, runCypher } from "../support/test-database.js";
import { startTestServer } from "../support/test-server.js";

let db: Database;
let api: RunningApi;
let editor: string;
let staffEditor: string;
let scratch: string;

beforeAll(async () => {
  db = connectTestDatabase();
  api = await startTestServer({ WEB_PAGES: "false" });
  editor = await testToken(["editor"], "test-editor");
  staffEditor = await testToken(["editor", "staff"], "test-staff-editor");
  scratch = await mkdtemp(path.join(os.tmpdir(), "kg-cache-test-"));
});
afterEach(async () => {
  await removeTestData(db);
});
afterAll(async () => {
  await api?.stop();
  await db.close();
  await rm(scratch, { recursive: true, force: true });
});

interface Answer {
  status: number;
  cache: string | null;
  body: any;
}

async function ask(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, cache: response.headers.get(RESULT_CACHE_HEADER), body: await response.json() };
}

const SOURCE = { id: "test-cache-report", title: "A test report", publisher: "Test", published: "2024" };
const city = (id: string, name: string) => ({ kind: "City", id, name, sources: [SOURCE.id] });
const UPSERT = `mutation($sources: [SourceInput!], $entities: [EntityInput!], $relationships: [RelationshipInput!]) {
  upsertRecords(sources: $sources, entities: $entities, relationships: $relationships) { writeId } }`;
/** Three ways to read one entity: the generated API, an insights field, and a walk that passes it. */
const READ_CITY = `query($id: ID!) {
  cities(where: { id: { eq: $id } }) { id name }
  node(id: $id) { id name }
  search(text: "Cachetown", limit: 5) { node { id name } }
}`;

async function write(query: string, variables: Record<string, unknown>, token = editor): Promise<any> {
  const answer = await ask(api.url, query, variables, token);
  expect(answer.body.errors).toBeUndefined();
  expect(answer.cache).toBeNull(); // mutations are never cached
  return answer.body.data;
}

/** Reads the city twice: the second answer must come from the cache and equal the first. */
async function readTwice(id: string): Promise<any> {
  const first = await ask(api.url, READ_CITY, { id });
  const second = await ask(api.url, READ_CITY, { id });
  expect(first.body.errors).toBeUndefined();
  expect(second.cache).toBe("hit");
  expect(second.body).toEqual(first.body);
  return first.body.data;
}

describe("answers from the cache", () => {
  it("a repeated question is answered from the cache, exactly as it was computed", async () => {
    const query = `{ neighbourhood(id: "echa", depth: 2) { truncated nodes { id kind name } edges { type fromId toId sources { title excerpt } } } }`;
    const first = await ask(api.url, query);
    expect(first.status).toBe(200);
    expect(first.cache).toBe("miss");
    const second = await ask(api.url, query);
    expect(second.cache).toBe("hit");
    expect(second.body).toEqual(first.body);
    // Other variables are another question.
    const other = await ask(api.url, `query($id: ID!) { node(id: $id) { id } }`, { id: "tampere" });
    const another = await ask(api.url, `query($id: ID!) { node(id: $id) { id } }`, { id: "lahti" });
    expect([other.cache, another.cache]).toEqual(["miss", "miss"]);
    expect(another.body).toEqual({ data: { node: { id: "lahti" } } });
  });

  it("errors are never kept: a refused question is refused again, computed each time", async () => {
    const query = `{ neighbourhood(id: "echa", depth: 9) { truncated } }`;
    for (let i = 0; i < 2; i += 1) {
      const answer = await ask(api.url, query);
      expect(answer.status).toBe(400);
      expect(answer.cache).toBe("miss");
      expect(answer.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    }
  });
});

describe("a write through any path is seen by the next read", () => {
  it("upsertRecords (and a write that changes nothing keeps the cached answers)", async () => {
    await write(UPSERT, { sources: [SOURCE], entities: [city("test-cachetown", "Cachetown")] });
    expect((await readTwice("test-cachetown")).node).toEqual({ id: "test-cachetown", name: "Cachetown" });

    await write(UPSERT, { entities: [city("test-cachetown", "Cachetown")] }); // the same again: unchanged
    expect((await ask(api.url, READ_CITY, { id: "test-cachetown" })).cache).toBe("hit");

    await write(UPSERT, { entities: [city("test-cachetown", "Cachetown Renamed")] });
    const after = await ask(api.url, READ_CITY, { id: "test-cachetown" });
    expect(after.cache).toBe("miss");
    expect(after.body.data).toEqual({
      cities: [{ id: "test-cachetown", name: "Cachetown Renamed" }],
      node: { id: "test-cachetown", name: "Cachetown Renamed" },
      search: [{ node: { id: "test-cachetown", name: "Cachetown Renamed" } }],
    });
  });

  it("endRelationship, deleteRecords and revertChange", async () => {
    await write(UPSERT, {
      sources: [SOURCE],
      entities: [city("test-cachetown", "Cachetown"), city("test-cacheville", "Cacheville")],
      relationships: [
        {
          type: "PARTNER_OF",
          from: "test-cachetown",
          to: "test-cacheville",
          kind: "bilateral",
          status: "active",
          validFrom: "2010",
          citations: [{ source: SOURCE.id, excerpt: "partners since 2010" }],
        },
      ],
    });
    const walk = `{ neighbourhood(id: "test-cachetown") { nodes { id } edges { id status validTo } } }`;
    await ask(api.url, walk);
    expect((await ask(api.url, walk)).body.data.neighbourhood.edges).toEqual([
      { id: "test-cachetown--PARTNER_OF--test-cacheville", status: "active", validTo: null },
    ]);

    await write(
      `mutation($citation: CitationInput!) { endRelationship(id: "test-cachetown--PARTNER_OF--test-cacheville", date: "2020", status: "ended", citation: $citation) { writeId } }`,
      { citation: { source: SOURCE.id, excerpt: "ended in 2020" } },
    );
    const ended = await ask(api.url, walk);
    expect(ended.cache).toBe("miss");
    expect(ended.body.data.neighbourhood.edges).toEqual([
      { id: "test-cachetown--PARTNER_OF--test-cacheville", status: "ended", validTo: "2020" },
    ]);

    await ask(api.url, READ_CITY, { id: "test-cacheville" });
    expect((await ask(api.url, READ_CITY, { id: "test-cacheville" })).cache).toBe("hit");
    const deleted = await write(`mutation { deleteRecords(ids: ["test-cacheville"]) { writeId } }`, {});
    const gone = await ask(api.url, READ_CITY, { id: "test-cacheville" });
    expect(gone.cache).toBe("miss");
    expect(gone.body.data.node).toBeNull();
    expect(gone.body.data.cities).toEqual([]);
    expect((await ask(api.url, READ_CITY, { id: "test-cacheville" })).cache).toBe("hit");

    await write(`mutation($id: ID!) { revertChange(id: $id) { writeId } }`, { id: deleted.deleteRecords.writeId });
    const back = await ask(api.url, READ_CITY, { id: "test-cacheville" });
    expect(back.cache).toBe("miss");
    expect(back.body.data.node).toEqual({ id: "test-cacheville", name: "Cacheville" });
  });

  it("importGraph", async () => {
    await readTwice("test-cachetown");
    const content = [
      "sources:",
      `  - { id: ${SOURCE.id}, title: A test report, publisher: Test, published: "2024" }`,
      "entities:",
      `  - { kind: City, id: test-cachetown, name: Cachetown, sources: [${SOURCE.id}] }`,
      "relationships: []",
    ].join("\n");
    await write(
      `mutation($content: String!) { importGraph(content: $content, format: YAML, fileName: "t.yaml") { writeId } }`,
      { content },
    );
    const after = await ask(api.url, READ_CITY, { id: "test-cachetown" });
    expect(after.cache).toBe("miss");
    expect(after.body.data.node).toEqual({ id: "test-cachetown", name: "Cachetown" });
  });

  it("`npm run kg -- import` from another process", async () => {
    expect((await readTwice("test-cachetown")).node).toBeNull();
    const file = path.join(scratch, "cachetown.yaml");
    await writeFile(
      file,
      [
        "sources:",
        `  - { id: ${SOURCE.id}, title: A test report, publisher: Test, published: "2024" }`,
        "entities:",
        `  - { kind: City, id: test-cachetown, name: Cachetown, sources: [${SOURCE.id}] }`,
        "relationships: []",
      ].join("\n"),
    );
    const password = inject("neo4jPassword");
    const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("NEO4J_")));
    const child = spawn("npm", ["run", "--silent", "kg", "--", "import", file], {
      cwd: PROJECT_ROOT,
      env: {
        ...clean,
        NEO4J_URI: inject("neo4jUri"),
        NEO4J_USER: inject("neo4jUser"),
        ...(password ? { NEO4J_PASSWORD: password } : {}),
        NEO4J_DATABASE: inject("neo4jDatabase"),
        KG_ACTOR: "cli:test-cache",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code, output).toBe(0);
    const after = await ask(api.url, READ_CITY, { id: "test-cachetown" });
    expect(after.cache).toBe("miss");
    expect(after.body.data.node).toEqual({ id: "test-cachetown", name: "Cachetown" });
  });

  it("the seed", async () => {
    expect((await readTwice("test-cachetown")).node).toBeNull();
    const dir = path.join(scratch, "seed");
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir);
    await writeFile(
      path.join(dir, "test.yaml"),
      [
        "sources:",
        `  - { id: ${SOURCE.id}, title: A test report, publisher: Test, published: "2024" }`,
        "entities:",
        `  - { kind: City, id: test-cachetown, name: Cachetown, sources: [${SOURCE.id}] }`,
        "relationships: []",
      ].join("\n"),
    );
    const report = await loadCuratedGraph(db, { dir });
    expect(report.counts.entity.new).toBe(1);
    const after = await ask(api.url, READ_CITY, { id: "test-cachetown" });
    expect(after.cache).toBe("miss");
    expect(after.body.data.node).toEqual({ id: "test-cachetown", name: "Cachetown" });
  });

  it("Cypher written behind the API's back that raises the graph version, as the tests' helper does", async () => {
    await readTwice("test-cachetown");
    await runCypher(db, "CREATE (:City:Entity {id: 'test-cachetown', name: 'Cachetown', aliases: [], sourceIds: []})");
    expect((await ask(api.url, READ_CITY, { id: "test-cachetown" })).body.data.node).toEqual({
      id: "test-cachetown",
      name: "Cachetown",
    });
  });
});

describe("roles", () => {
  const PEOPLE = `{ people(where: { id: { eq: "jani-moliis" } }) { name email phone } }`;

  it("an answer with personal details, cached for staff, reaches no one without staff", async () => {
    const forStaff = await ask(api.url, PEOPLE, {}, staffEditor);
    expect(forStaff.body.data.people[0].email).toBe("jani.moliis@hel.fi");
    expect((await ask(api.url, PEOPLE, {}, staffEditor)).cache).toBe("hit");

    const anonymous = await ask(api.url, PEOPLE);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors.map((e: any) => e.extensions.code)).toEqual(["UNAUTHENTICATED"]);
    expect(JSON.stringify(anonymous.body)).not.toContain("hel.fi");
    const withoutStaff = await ask(api.url, PEOPLE, {}, editor);
    expect(withoutStaff.status).toBe(403);
    expect(withoutStaff.body.errors.map((e: any) => e.extensions.code)).toEqual(["FORBIDDEN"]);
    expect(JSON.stringify(withoutStaff.body)).not.toContain("hel.fi");
  });

  it("a question about the caller (`viewer`) is never kept: two callers with the same roles each get their own", async () => {
    const query = `{ viewer { sub roles } }`;
    const someone = await testToken(["editor"], "test-someone");
    for (const [token, sub] of [
      [editor, "test-editor"],
      [editor, "test-editor"],
      [someone, "test-someone"],
    ] as const) {
      const answer = await ask(api.url, query, {}, token);
      expect(answer.cache).toBeNull();
      expect(answer.body).toEqual({ data: { viewer: { sub, roles: ["editor"] } } });
    }
    // Through a fragment too.
    const spread = `query { ...Me } fragment Me on Query { viewer { sub } }`;
    expect((await ask(api.url, spread, {}, someone)).body).toEqual({ data: { viewer: { sub: "test-someone" } } });
    expect((await ask(api.url, spread, {}, editor)).body).toEqual({ data: { viewer: { sub: "test-editor" } } });
  });

  it("the same question asked with other roles is computed for them (the history redacts for non-staff)", async () => {
    await write(
      UPSERT,
      {
        sources: [SOURCE],
        entities: [
          {
            kind: "Person",
            id: "test-cache-person",
            name: "Test Person",
            email: "secret@example.org",
            sources: [SOURCE.id],
          },
        ],
      },
      staffEditor,
    );
    const history = `{ changes(entityId: "test-cache-person") { itemId fields after } }`;
    const staff = await ask(api.url, history, {}, staffEditor);
    expect(JSON.stringify(staff.body)).toContain("secret@example.org");
    expect((await ask(api.url, history, {}, staffEditor)).cache).toBe("hit");

    for (const token of [undefined, editor]) {
      const other = await ask(api.url, history, {}, token);
      expect(other.status).toBe(200);
      expect(other.cache).toBe("miss");
      expect(JSON.stringify(other.body)).not.toContain("secret@example.org");
      expect(other.body.data.changes[0].itemId).toBe("test-cache-person");
    }
    // Roles in another order are the same roles.
    const reordered = await testToken(["staff", "editor"], "someone-else");
    expect((await ask(api.url, history, {}, reordered)).cache).toBe("hit");
  });
});

describe("limits still answer for cached questions", () => {
  it("the per-client rate limit counts cached answers", async () => {
    const limited = await startTestServer({ WEB_PAGES: "false", RATE_LIMIT_GRAPHQL: "3" });
    try {
      const query = `{ node(id: "helsinki") { id } }`;
      const statuses: number[] = [];
      const caches: (string | null)[] = [];
      for (let i = 0; i < 4; i += 1) {
        const answer = await ask(limited.url, query);
        statuses.push(answer.status);
        caches.push(answer.cache);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(caches.slice(0, 3)).toEqual(["miss", "hit", "hit"]);
    } finally {
      await limited.stop();
    }
  });

  it("a query over a limit is refused by the limit, never answered from the cache", async () => {
    const tight = await startTestServer({ WEB_PAGES: "false", MAX_QUERY_COST: "200" });
    try {
      const query = `{ neighbourhood(id: "echa", limit: 300) { nodes { id } } }`;
      for (let i = 0; i < 2; i += 1) {
        const answer = await ask(tight.url, query);
        expect(answer.status).toBe(400);
        expect(answer.body.errors[0].extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", limit: "cost" });
      }
    } finally {
      await tight.stop();
    }
  });
});

describe("a Neo4j written outside the write path", () => {
  const QUERY = `{ node(id: "test-cache-outside") { name } }`;
  // Cypher that does NOT raise the graph version: what another program writing to the same Neo4j does.
  const outside = (name: string) =>
    db.write((tx) =>
      tx.run("MERGE (n:City:Entity {id: 'test-cache-outside'}) SET n.name = $name, n.aliases = [], n.sourceIds = []", {
        name,
      }),
    );

  it("RESULT_CACHE_TTL_MS bounds how long such a change can go unseen", async () => {
    const short = await startTestServer({ WEB_PAGES: "false", RESULT_CACHE_TTL_MS: "300" });
    try {
      await outside("Before");
      await ask(short.url, QUERY);
      await outside("After");
      await expect
        .poll(async () => (await ask(short.url, QUERY)).body.data.node.name, { timeout: 30_000, interval: 100 })
        .toBe("After");
    } finally {
      await short.stop();
    }
  });

  it("RESULT_CACHE=off answers every question from Neo4j", async () => {
    const off = await startTestServer({ WEB_PAGES: "false", RESULT_CACHE: "off" });
    try {
      await outside("Before");
      const first = await ask(off.url, QUERY);
      expect(first.cache).toBeNull();
      await outside("After");
      const second = await ask(off.url, QUERY);
      expect(second.cache).toBeNull();
      expect(second.body.data.node.name).toBe("After");
    } finally {
      await off.stop();
    }
  });
});
