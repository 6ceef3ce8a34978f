/**
 * The database dies under load: requests get fast 503 SERVICE_UNAVAILABLE answers (never a hang or a 500),
 * /ready says 503; Neo4j comes back on the same store and the API recovers without a restart; every write
 * acknowledged before the crash is still there. This test runs its own Neo4j, since it kills it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalNeo4jSettings, loadConfig } from "../../src/config/index.js";
import {
  Database,
  type LocalNeo4j,
  createDriver,
  ensureSchemaIndexes,
  freePort,
  startLocalNeo4j,
} from "../../src/database/index.js";
import { createLogger } from "../../src/logging/index.js";
import { loadCuratedGraph } from "../../src/write/index.js";
import { type RunningApi, startApi } from "../../src/start.js";
import { testAppConfig, testToken } from "../support/test-api.js";
import { post } from "../support/test-server.js";

let scratch: string;
let settings: LocalNeo4jSettings;
let neo4j: LocalNeo4j;
let api: RunningApi;
let editor: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "kg-fault-test-"));
  settings = {
    ...loadConfig({}).local,
    dataDir: scratch,
    port: await freePort(),
    heapBytes: 384 << 20,
    pageCacheBytes: 32 << 20,
  };
  neo4j = await startLocalNeo4j(settings, { info: () => {} });
  const setup = new Database(
    createDriver({ uri: neo4j.uri, user: "neo4j", password: undefined, database: "neo4j" }),
    "neo4j",
  );
  await ensureSchemaIndexes(setup);
  await loadCuratedGraph(setup);
  await setup.close();
  api = await startApi(
    {
      ...testAppConfig(),
      port: 0,
      logLevel: "silent",
      external: { uri: neo4j.uri, user: "neo4j", password: undefined, database: "neo4j" },
    },
    createLogger("silent"),
  );
  editor = await testToken(["editor"], "test-fault-editor");
}, 240_000);

afterAll(async () => {
  await api?.stop();
  await neo4j?.stop();
  await rm(scratch, { recursive: true, force: true });
});

/** Creates two cities, `<id>-a` and `<id>-b`, in one write (one transaction). */
function createCity(id: string) {
  const city = (suffix: string) => ({
    kind: "City",
    id: `${id}-${suffix}`,
    name: id,
    sources: ["hel-fi-international-activities-2020"],
  });
  return post(
    api.url,
    {
      query: `mutation($input: [EntityInput!]!) { upsertRecords(entities: $input) { writeId } }`,
      variables: { input: [city("a"), city("b")] },
    },
    { authorization: `Bearer ${editor}` },
  );
}

describe("when Neo4j is killed under load", () => {
  it("answers 503 fast, recovers by itself, and loses no acknowledged write", async () => {
    const acknowledged: string[] = [];
    let next = 0;
    let stopWriters = false;
    const writer = async (): Promise<void> => {
      while (!stopWriters) {
        const id = `test-fault-${next++}`;
        const result = await createCity(id);
        if (result.status === 200 && !result.body.errors) acknowledged.push(id);
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 20));

    process.kill(neo4j.pid, "SIGKILL");
    await neo4j.exited;
    const countAtKill = acknowledged.length;

    // While it is down: every answer is a 503 with SERVICE_UNAVAILABLE, and each comes back quickly.
    const outages: { status: number; code: unknown; ms: number }[] = [];
    for (let i = 0; i < 5; i += 1) {
      const started = Date.now();
      const result = await post(api.url, { query: "{ graphStats { nodes } }" });
      outages.push({
        status: result.status,
        code: result.body.errors?.[0]?.extensions?.code,
        ms: Date.now() - started,
      });
    }
    // Writes too: the write path cannot open its transaction, and says so with a 503.
    const refusedWrite = await createCity("test-fault-while-down");
    outages.push({ status: refusedWrite.status, code: refusedWrite.body.errors?.[0]?.extensions?.code, ms: 0 });
    const ready = await fetch(`${api.url}/ready`);
    console.log("answers while Neo4j was down (ms):", outages.map((o) => o.ms).join(", "));
    for (const outage of outages) expect([outage.status, outage.code]).toEqual([503, "SERVICE_UNAVAILABLE"]);
    expect(ready.status).toBe(503);
    stopWriters = true;
    await Promise.all(writers);

    // Neo4j comes back on the same store and port; the API was never restarted.
    neo4j = await startLocalNeo4j(settings, { info: () => {} });
    let recovered = false;
    for (let attempt = 0; attempt < 60 && !recovered; attempt += 1) {
      recovered = (await fetch(`${api.url}/ready`)).status === 200;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(recovered).toBe(true);
    const after = await createCity("test-fault-after-recovery");
    expect(after.body.errors).toBeUndefined();

    // Every write acknowledged before the kill survived it, and none was cut in half.
    const found = await post(api.url, {
      query: `{ cities(where: { id: { startsWith: "test-fault-" } }, limit: 1000) { id } }`,
    });
    const ids = new Set<string>(found.body.data.cities.map((city: { id: string }) => city.id));
    expect(countAtKill).toBeGreaterThanOrEqual(40);
    for (const id of acknowledged) expect([ids.has(`${id}-a`), ids.has(`${id}-b`)], id).toEqual([true, true]);
    for (let i = 0; i < next; i += 1) {
      expect(ids.has(`test-fault-${i}-a`), `pair ${i} is whole or absent`).toBe(ids.has(`test-fault-${i}-b`));
    }
  }, 240_000);
});
