/**
 * Push mode (RESULT_CACHE_REDIS_URL with RESULT_CACHE_PUSH on): two API servers on the test Neo4j and a
 * `redis-server` of the test's own. While a server's lease holds, a cached answer is served without reading
 * the graph's version from Neo4j; a write through one server is seen by the other's next answer; a write by
 * `kg import` from a shell without Redis returns only once the servers' leases ran out, so the next answer
 * is fresh; and with Redis stopped the servers read the version per request again, still fresh.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/index.js";
import type { Database } from "../../src/database/index.js";
import { RESULT_CACHE_HEADER } from "../../src/result-cache/index.js";
import type { RunningApi } from "../../src/start.js";
import { testToken } from "../support/test-api.js";
import { connectTestDatabase, removeTestData } from "../support/test-database.js";
import { type TestRedis, startTestRedis } from "../support/redis-server.js";
import { post, startTestServer } from "../support/test-server.js";

let db: Database;
let redis: TestRedis;
let first: RunningApi;
let second: RunningApi;
let editor: string;
let scratch: string;

beforeAll(async () => {
  db = connectTestDatabase();
  redis = await startTestRedis();
  scratch = await mkdtemp(path.join(os.tmpdir(), "kg-push-"));
  // A lease long enough that a loaded machine renews it in time (the renewal runs every third of it).
  const env = { WEB_PAGES: "false", RESULT_CACHE_REDIS_URL: redis.url, RESULT_CACHE_LEASE_MS: "6000" };
  [first, second] = await Promise.all([startTestServer(env), startTestServer(env)]);
  editor = await testToken(["editor"], "test-editor");
});
afterEach(async () => {
  await removeTestData(db);
});
afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await redis?.stop();
  await db.close();
  await rm(scratch, { recursive: true, force: true });
});

async function ask(api: RunningApi, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const answer = await post(api.url, { query, variables }, token ? { authorization: `Bearer ${token}` } : {});
  return { status: answer.status, cache: answer.headers.get(RESULT_CACHE_HEADER), body: answer.body };
}

const READ = `query($id: ID!) { node(id: $id) { id name } }`;
const UPSERT = `mutation($sources: [SourceInput!], $entities: [EntityInput!]) {
  upsertRecords(sources: $sources, entities: $entities) { writeId } }`;
const SOURCE = { id: "test-push-report", title: "A test report", publisher: "Test", published: "2024" };
const CITY = "test-push-city";

async function writeThrough(api: RunningApi, name: string) {
  const answer = await ask(
    api,
    UPSERT,
    { sources: [SOURCE], entities: [{ kind: "City", id: CITY, name, sources: [SOURCE.id] }] },
    editor,
  );
  expect(answer.body.errors).toBeUndefined();
}

function versionReads(api: RunningApi): number {
  return api.server.resultCache!.versionReads;
}

/** Polls until `api` answers READ from its cache without reading the version from Neo4j. */
async function answersWithoutVersionRead(api: RunningApi) {
  await expect
    .poll(
      async () => {
        const before = versionReads(api);
        const answer = await ask(api, READ, { id: CITY });
        return answer.cache === "hit" && versionReads(api) === before;
      },
      { timeout: 60_000, interval: 100 },
    )
    .toBe(true);
}

function name(answer: { body: any }): string | undefined {
  return answer.body.data?.node?.name;
}

function kgImport(file: string): ChildProcess {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !key.startsWith("NEO4J_") && !key.startsWith("RESULT_CACHE_") && !key.includes("REDIS") && key !== "PORT",
    ),
  );
  return spawn("npm", ["run", "kg", "--", "import", file], {
    cwd: PROJECT_ROOT,
    env: {
      ...clean,
      KG_ACTOR: "test-editor",
      NEO4J_URI: inject("neo4jUri"),
      NEO4J_DATABASE: inject("neo4jDatabase"),
      ...(inject("neo4jPassword") ? { NEO4J_USER: inject("neo4jUser"), NEO4J_PASSWORD: inject("neo4jPassword")! } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = "";
  child.stdout!.on("data", (chunk) => (output += String(chunk)));
  child.stderr!.on("data", (chunk) => (output += String(chunk)));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

describe("push mode", () => {
  it("serves a cached answer with no version read while the lease holds", async () => {
    await writeThrough(first, "Before");
    await answersWithoutVersionRead(first);
    expect(first.server.resultCache!.push?.renewals).toBeGreaterThan(0);
  });

  it("a write through one server is seen by the other's next answer", async () => {
    await writeThrough(first, "Before");
    await answersWithoutVersionRead(second);
    await writeThrough(first, "After");
    expect(name(await ask(second, READ, { id: CITY }))).toBe("After");
    expect(name(await ask(first, READ, { id: CITY }))).toBe("After");
  });

  it("kg import from a shell without Redis returns only when the next answer is fresh", async () => {
    await writeThrough(first, "Before");
    await Promise.all([answersWithoutVersionRead(first), answersWithoutVersionRead(second)]);
    const file = path.join(scratch, "rename.yaml");
    await writeFile(
      file,
      [
        "sources:",
        `  - { id: ${SOURCE.id}, title: ${SOURCE.title}, publisher: ${SOURCE.publisher}, published: "${SOURCE.published}" }`,
        "entities:",
        `  - { kind: City, id: ${CITY}, name: Imported, sources: [${SOURCE.id}] }`,
        "",
      ].join("\n"),
    );
    const result = await exited(kgImport(file));
    expect(result.code, result.output).toBe(0);
    expect(name(await ask(second, READ, { id: CITY }))).toBe("Imported");
    expect(name(await ask(first, READ, { id: CITY }))).toBe("Imported");
  });

  // Last: Redis does not come back.
  it("with Redis stopped the servers read the version again, and answers stay fresh", async () => {
    await writeThrough(first, "Before");
    await answersWithoutVersionRead(second);
    await redis.stop();
    await writeThrough(first, "After");
    expect(name(await ask(second, READ, { id: CITY }))).toBe("After");
    await expect.poll(() => second.server.resultCache!.push?.trusted()).toBeUndefined();
    const before = versionReads(second);
    expect(name(await ask(second, READ, { id: CITY }))).toBe("After");
    expect(versionReads(second)).toBeGreaterThan(before);
  });
});
