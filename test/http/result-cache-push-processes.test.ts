/**
 * Push mode across two real API processes (`node bin/run-compiled.mjs src/main.ts`, as `npm start` runs)
 * sharing a `redis-server` of the test's own as their result cache's store: a write through one process is
 * seen by the other's next answer, though that one answers cached questions without reading the version.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import { RESULT_CACHE_HEADER } from "../../src/result-cache/index.js";
import { testToken } from "../support/test-api.js";
import { connectTestDatabase, removeTestData } from "../support/test-database.js";
import { type ApiProcess, startApiProcess } from "../support/api-process.js";
import { type TestRedis, startTestRedis } from "../support/redis-server.js";
import { post } from "../support/test-server.js";

let db: Database;
let redis: TestRedis;
let apis: ApiProcess[] = [];
let editor: string;

function startPushApi(redisUrl: string): Promise<ApiProcess> {
  return startApiProcess({ RESULT_CACHE_REDIS_URL: redisUrl, RESULT_CACHE_LEASE_MS: "6000", RATE_LIMIT_GRAPHQL: "0" });
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
  apis = await Promise.all([startPushApi(redis.url), startPushApi(redis.url)]);
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
  const answer = await post(api.url, { query, variables }, token ? { authorization: `Bearer ${token}` } : {});
  return { status: answer.status, cache: answer.headers.get(RESULT_CACHE_HEADER), body: answer.body };
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
