/**
 * Several API processes on one Neo4j, sharing their answers in Redis (`RESULT_CACHE_REDIS_URL`), against a
 * real `redis-server` of the test's own: an answer one server computed is served by the other; a write
 * through one is seen by the next read on the other (the version is Neo4j's, not Redis's); Redis holds
 * hashes and answers, never a query's text or a token; and a Redis that goes away costs the API its cache,
 * not its answers.
 */
import { createClient } from "@keyv/redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import { REDIS_NAMESPACE, RESULT_CACHE_HEADER } from "../../src/result-cache/index.js";
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

beforeAll(async () => {
  db = connectTestDatabase();
  redis = await startTestRedis();
  const env = { WEB_PAGES: "false", RESULT_CACHE_REDIS_URL: redis.url };
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
});

async function ask(api: RunningApi, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const answer = await post(api.url, { query, variables }, token ? { authorization: `Bearer ${token}` } : {});
  return { status: answer.status, cache: answer.headers.get(RESULT_CACHE_HEADER), body: answer.body };
}

const READ = `query($id: ID!) { node(id: $id) { id name } cities(where: { id: { eq: $id } }) { name } }`;
const UPSERT = `mutation($sources: [SourceInput!], $entities: [EntityInput!]) {
  upsertRecords(sources: $sources, entities: $entities) { writeId } }`;
const SOURCE = { id: "test-redis-report", title: "A test report", publisher: "Test", published: "2024" };

/** Polls until Redis holds the answer (servers store it after answering, without waiting). */
async function storedIn(server: RunningApi, query: string, variables: Record<string, unknown>) {
  await expect.poll(async () => (await ask(server, query, variables)).cache, { timeout: 30_000 }).toBe("hit");
}

describe("answers shared in Redis", () => {
  it("an answer one server computed is served by the other", async () => {
    const query = `{ neighbourhood(id: "helsinki-eu-office") { nodes { id } } }`;
    const computed = await ask(first, query);
    expect(computed.cache).toBe("miss");
    await storedIn(second, query, {});
    expect((await ask(second, query)).body).toEqual(computed.body);
  });

  it("a write through one server is seen by the next read on the other", async () => {
    const write = async (name: string) => {
      const answer = await ask(
        first,
        UPSERT,
        { sources: [SOURCE], entities: [{ kind: "City", id: "test-redis-city", name, sources: [SOURCE.id] }] },
        editor,
      );
      expect(answer.body.errors).toBeUndefined();
    };
    await write("Before");
    await ask(second, READ, { id: "test-redis-city" });
    await storedIn(first, READ, { id: "test-redis-city" });

    await write("After");
    for (const server of [second, first]) {
      const after = await ask(server, READ, { id: "test-redis-city" });
      expect(after.body.data).toEqual({ node: { id: "test-redis-city", name: "After" }, cities: [{ name: "After" }] });
    }
  });

  it("Redis holds hashed keys under the cache's namespace, with a TTL, and no query text or token", async () => {
    const token = await testToken(["staff"], "test-redis-staff");
    await ask(first, `{ people { name email } }`, {}, token);
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      await expect.poll(async () => (await client.keys("*")).length, { timeout: 30_000 }).toBeGreaterThan(0);
      const keys = await client.keys("*");
      for (const key of keys) {
        expect(key.startsWith(`${REDIS_NAMESPACE}:`)).toBe(true);
        expect(key).not.toContain("people");
        const ttl = await client.pTTL(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(300_000);
        expect(String(await client.get(key))).not.toContain(token);
      }
    } finally {
      await client.quit();
    }
  });
});

describe("when Redis goes away", () => {
  it("the API answers without its cache, promptly, and uses it again when Redis is back", async () => {
    const port = redis.port;
    await redis.stop();
    // A cache that waited for Redis would hang here until the test's timeout: each answer must come without it.
    for (let i = 0; i < 3; i += 1) {
      const answer = await ask(first, READ, { id: "helsinki" });
      expect(answer.status).toBe(200);
      expect(answer.body.data.node).toEqual({ id: "helsinki", name: "Helsinki" });
      expect(answer.cache).toBe("miss");
    }
    // The same port again, so the servers' clients reconnect to it.
    redis = await startTestRedis(port);
    await expect
      .poll(
        async () => {
          await ask(first, READ, { id: "helsinki" });
          return (await ask(second, READ, { id: "helsinki" })).cache;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe("hit");
  });
});
