/**
 * Push mode across two real API processes (`node bin/run-compiled.mjs src/main.ts`, as `npm start` runs)
 * sharing a `redis-server` of the test's own as their result cache's store: a write through one process is
 * seen by the other's next answer, though that one answers cached questions without reading the version.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/index.js";
import { type Database, freePort } from "../../src/database/index.js";
import { RESULT_CACHE_HEADER } from "../../src/result-cache/index.js";
import { TEST_JWT_SECRET, testToken } from "../support/test-api.js";
import { connectTestDatabase, removeTestData } from "../support/test-database.js";
import { type TestRedis, startTestRedis } from "../support/redis-server.js";

interface ApiProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly lines: string[];
}

let db: Database;
let redis: TestRedis;
let apis: ApiProcess[] = [];
let editor: string;

async function startApiProcess(redisUrl: string): Promise<ApiProcess> {
  const port = await freePort();
  const password = inject("neo4jPassword");
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(NEO4J_|RATE_LIMIT_|RESULT_CACHE|LIMITS_|JWT_|OIDC_|PORT$|HOST$|LOG_LEVEL$)/.test(key),
    ),
  );
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "bin", "run-compiled.mjs"), "src/main.ts"], {
    cwd: PROJECT_ROOT,
    env: {
      ...inherited,
      PORT: String(port),
      HOST: "127.0.0.1",
      NEO4J_URI: inject("neo4jUri"),
      NEO4J_USER: inject("neo4jUser"),
      ...(password ? { NEO4J_PASSWORD: password } : {}),
      NEO4J_DATABASE: inject("neo4jDatabase"),
      SEED_ON_START: "never",
      WEB_PAGES: "false",
      JWT_SECRET: TEST_JWT_SECRET,
      RESULT_CACHE_REDIS_URL: redisUrl,
      RESULT_CACHE_LEASE_MS: "6000",
      RATE_LIMIT_GRAPHQL: "0",
      NEO4J_TX_TIMEOUT_MS: "120000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on("line", (line) => lines.push(line));
  return { child, url: `http://127.0.0.1:${port}`, lines };
}

async function ready(api: ApiProcess): Promise<boolean> {
  if (api.child.exitCode !== null) throw new Error(`the API exited:\n${api.lines.join("\n")}`);
  try {
    return (await fetch(`${api.url}/ready`)).ok;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  db = connectTestDatabase();
  redis = await startTestRedis();
  apis = await Promise.all([startApiProcess(redis.url), startApiProcess(redis.url)]);
  editor = await testToken(["editor"], "test-editor");
  // A loop, not expect.poll (which only runs inside a test), so the set-up can wait too.
  for (let waited = 0; !(await Promise.all(apis.map(ready))).every(Boolean); waited += 100) {
    if (waited > 120_000) throw new Error("the API processes did not get ready in 120 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 180_000);
afterAll(async () => {
  await Promise.all(
    apis.map(
      (api) =>
        new Promise((resolve) => {
          if (api.child.exitCode !== null) return resolve(undefined);
          api.child.once("exit", resolve);
          api.child.kill("SIGTERM");
        }),
    ),
  );
  await removeTestData(db);
  await redis?.stop();
  await db.close();
});

async function ask(api: ApiProcess, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { cache: response.headers.get(RESULT_CACHE_HEADER), body: (await response.json()) as any };
}

const READ = `query($id: ID!) { node(id: $id) { id name } }`;
const UPSERT = `mutation($sources: [SourceInput!], $entities: [EntityInput!]) {
  upsertRecords(sources: $sources, entities: $entities) { writeId } }`;
const SOURCE = { id: "test-push-processes", title: "A test report", publisher: "Test", published: "2024" };
const CITY = "test-push-processes-city";

async function writeThrough(api: ApiProcess, name: string) {
  const answer = await ask(
    api,
    UPSERT,
    { sources: [SOURCE], entities: [{ kind: "City", id: CITY, name, sources: [SOURCE.id] }] },
    editor,
  );
  expect(answer.body.errors).toBeUndefined();
}

it("a write through one process is seen by the other's next answer", async () => {
  const [first, second] = apis as [ApiProcess, ApiProcess];
  await writeThrough(first, "Before");
  await expect
    .poll(async () => (await ask(second, READ, { id: CITY })).cache, { timeout: 60_000, interval: 100 })
    .toBe("hit");
  await writeThrough(first, "After");
  expect((await ask(second, READ, { id: CITY })).body.data.node.name).toBe("After");
  await writeThrough(second, "Again");
  expect((await ask(first, READ, { id: CITY })).body.data.node.name).toBe("Again");
});
