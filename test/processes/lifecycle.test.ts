/**
 * The README's first command as a user runs it, through a whole life: `npm start` with no NEO4J_URI starts
 * its own Neo4j on a fresh store, seeds it through the write path, and serves the API and the pages; a second
 * Neo4j cannot take its store; Neo4j killed with -9 under a write load gives fast 503s (queries and writes),
 * is restarted by its supervisor, and no acknowledged write is lost or cut in half; SIGTERM stops everything;
 * started again on the same store, the graph and its history are as they were.
 * One lifecycle, one store: each Neo4j start is the expensive part of this suite, so the steps share them.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT, loadConfig } from "../../src/config/index.js";
import { freePort, startLocalNeo4j } from "../../src/database/index.js";
import { StartupError } from "../../src/errors/index.js";
import { readCuratedGraph } from "../../src/write/index.js";
import { TEST_JWT_SECRET, testToken } from "../support/test-api.js";
import { post } from "../support/test-server.js";
import { PAGE_SOURCE } from "../support/curated.js";

let scratch: string;
let dataDir: string;
let port: number;
let boltPort: number;
let child: ChildProcess | undefined;
/** Every `npm start` this suite spawned: all are killed at the end, whatever step failed. */
const children: ChildProcess[] = [];
let editor: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "kg-lifecycle-test-"));
  dataDir = path.join(scratch, "store");
  port = await freePort();
  boltPort = await freePort();
  editor = await testToken(["editor"], "test-lifecycle-editor");
});
afterAll(async () => {
  for (const spawned of children) if (spawned.exitCode === null) process.kill(-spawned.pid!, "SIGKILL");
  await rm(scratch, { recursive: true, force: true });
});

/** `npm start` as a user runs it, with this suite's ports and store; its own process group. */
/** What the current `npm start` printed, its last 200 lines: shown when a step fails, to say why. */
let printed: string[] = [];

function npmStart(): ChildProcess {
  const started = spawnNpmStart();
  children.push(started);
  printed = [];
  for (const stream of [started.stdout!, started.stderr!]) {
    createInterface({ input: stream }).on("line", (line) => {
      printed.push(line);
      if (printed.length > 200) printed.shift();
    });
  }
  return started;
}

function spawnNpmStart(): ChildProcess {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("NEO4J_") && key !== "PORT"),
  );
  return spawn("npm", ["start"], {
    cwd: PROJECT_ROOT,
    env: {
      ...clean,
      PORT: String(port),
      NEO4J_LOCAL_DATA: dataDir,
      NEO4J_LOCAL_PORT: String(boltPort),
      NEO4J_LOCAL_HEAP: "384m",
      NEO4J_LOCAL_PAGECACHE: "64m",
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: "info",
      // Four writers as fast as they can go: this suite is about faults, not the per-client rate limit.
      RATE_LIMIT_GRAPHQL: "0",
      NEO4J_LOCAL_START_TIMEOUT_MS: process.env.NEO4J_LOCAL_START_TIMEOUT_MS ?? "600000",
      // A fresh JVM's first Graph Data Science call can pass the 15 s default on a machine busy with the other
      // test tiers; this suite is about the process's life, not query limits (test/integration has those).
      NEO4J_TX_TIMEOUT_MS: "120000",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
}

/** Resolves with the first line matching `pattern`; rejects when the process ends first or time runs out. */
function waitForLine(process: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; output:\n${seen.join("\n")}`)),
      timeoutMs,
    );
    for (const stream of [process.stdout!, process.stderr!]) {
      createInterface({ input: stream }).on("line", (line) => {
        seen.push(line);
        if (pattern.test(line)) {
          clearTimeout(timer);
          resolve(line);
        }
      });
    }
    process.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}; output:\n${seen.join("\n")}`));
    });
  });
}

function exitCode(process: ChildProcess): Promise<number | null> {
  return process.exitCode !== null
    ? Promise.resolve(process.exitCode)
    : new Promise((resolve) => process.once("exit", resolve));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function neo4jPid(): Promise<number> {
  return (JSON.parse(await readFile(path.join(dataDir, "run.json"), "utf8")) as { pid: number }).pid;
}

const url = () => `http://127.0.0.1:${port}`;

async function query(text: string) {
  const result = await post(url(), { query: text });
  expect(result.body.errors, JSON.stringify(result.body)).toBeUndefined();
  return result.body.data;
}

/** Two cities, `<id>-a` and `<id>-b`, in one write (one transaction). */
function writePair(id: string) {
  const city = (suffix: string) => ({
    kind: "City",
    id: `${id}-${suffix}`,
    name: id,
    sources: [PAGE_SOURCE],
  });
  return post(
    url(),
    {
      query: `mutation($input: [EntityInput!]!) { upsertRecords(entities: $input) { writeId } }`,
      variables: { input: [city("a"), city("b")] },
    },
    { authorization: `Bearer ${editor}` },
  );
}

const acknowledged: string[] = [];
let attempted = 0;

describe("npm start with no NEO4J_URI, through a whole life", () => {
  it("starts its own Neo4j on a fresh store, seeds it through the write path, and serves the API and the pages", async () => {
    child = npmStart();
    await waitForLine(child, /GraphQL API ready/, 600_000);
    const curated = await readCuratedGraph();
    const data = await query(
      `{ funding(officeId: "helsinki-centre-st-petersburg") { funder { id } } graphStats { nodes edges }
         changes(entityId: "helsinki", limit: 1000) { actor operation itemId }
         centrality(algorithm: PAGERANK, limit: 1) { score } }`,
    );
    expect(data.funding).toHaveLength(5);
    // APOC is checked when the API starts; Graph Data Science answers a ranking.
    expect(data.centrality[0].score).toBeGreaterThan(0);
    expect(data.graphStats).toEqual({
      nodes: curated.entities.length + curated.sources.length,
      edges: curated.relationships.length,
    });
    expect(data.changes).toContainEqual({ actor: "seed", operation: "create", itemId: "helsinki" });
    for (const page of ["explorer", "graphiql"]) {
      const html = await fetch(`${url()}/${page}`);
      expect(html.status, page).toBe(200);
      expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    }
  }, 720_000);

  it("keeps its store from a second Neo4j: STORE_LOCKED, saying what to set", async () => {
    const settings = {
      // Only the start-up bound comes from the environment (a loaded machine may need more): the rest is fixed.
      ...loadConfig({ NEO4J_LOCAL_START_TIMEOUT_MS: process.env.NEO4J_LOCAL_START_TIMEOUT_MS }).local,
      dataDir,
      port: await freePort(),
      heapBytes: 256 << 20,
      pageCacheBytes: 32 << 20,
    };
    const error = await startLocalNeo4j(settings, { info: () => {} }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).code).toBe("STORE_LOCKED");
    expect((error as StartupError).message).toContain("NEO4J_LOCAL_DATA");
  });

  it("killed with -9 under a write load: fast 503s, restarted by its supervisor, no acknowledged write lost", async () => {
    let stop = false;
    const writer = async () => {
      while (!stop) {
        const id = `test-fault-${attempted++}`;
        const result = await writePair(id);
        if (result.status === 200 && !result.body.errors) acknowledged.push(id);
        // As a real client would: a refused write is retried after a pause, not in a tight loop that takes
        // the CPU the restarting Neo4j needs.
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 20));
    const killed = await neo4jPid();
    process.kill(killed, "SIGKILL");
    const countAtKill = acknowledged.length;

    // Until it is back: every answer is 200 or a fast 503 SERVICE_UNAVAILABLE, for reads and writes alike.
    const answers: { status: number; code: unknown; ms: number }[] = [];
    const deadline = Date.now() + 480_000;
    let recovered = false;
    while (!recovered && Date.now() < deadline) {
      for (const ask of [
        () => post(url(), { query: "{ graphStats { nodes } }" }),
        () => writePair("test-fault-probe"),
      ]) {
        const started = Date.now();
        const result = await ask();
        answers.push({
          status: result.status,
          code: result.body.errors?.[0]?.extensions?.code,
          ms: Date.now() - started,
        });
      }
      recovered = (await fetch(`${url()}/ready`)).status === 200;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    stop = true;
    await Promise.all(writers);
    console.log("answers until Neo4j was back (status/ms):", answers.map((a) => `${a.status}/${a.ms}`).join(", "));
    if (!recovered) {
      const neo4jLog = await readFile(path.join(dataDir, "logs", "debug.log"), "utf8").catch(() => "(none)");
      const tail = neo4jLog.split("\n").slice(-60).join("\n");
      expect.fail(`not back in 8 minutes; npm start printed:\n${printed.join("\n")}\nNeo4j's debug.log ends:\n${tail}`);
    }
    expect(await neo4jPid()).not.toBe(killed);
    const outages = answers.filter((answer) => answer.status !== 200);
    expect(outages.length).toBeGreaterThan(0);
    for (const outage of outages) expect([outage.status, outage.code]).toEqual([503, "SERVICE_UNAVAILABLE"]);

    // Every write acknowledged before the kill survived it, and none was cut in half.
    expect(countAtKill).toBeGreaterThanOrEqual(40);
    const found = await query(`{ cities(where: { id: { startsWith: "test-fault-" } }, limit: 1000) { id } }`);
    const ids = new Set<string>(found.cities.map((city: { id: string }) => city.id));
    for (const id of acknowledged) expect([ids.has(`${id}-a`), ids.has(`${id}-b`)], id).toEqual([true, true]);
    for (let i = 0; i < attempted; i += 1)
      expect(ids.has(`test-fault-${i}-a`), `pair ${i}`).toBe(ids.has(`test-fault-${i}-b`));
  }, 720_000);

  it("stops everything on SIGTERM: drains, closes the driver, stops Neo4j", async () => {
    const pid = await neo4jPid();
    const stopped = waitForLine(child!, /"msg":"stopped"/, 120_000);
    child!.kill("SIGTERM");
    await stopped;
    expect(await exitCode(child!)).toBe(0);
    for (let attempt = 0; attempt < 50 && isAlive(pid); attempt++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isAlive(pid)).toBe(false);
  });

  it("started again on the same store, finds the graph, its writes and its history as they were", async () => {
    child = npmStart();
    await waitForLine(child, /GraphQL API ready/, 600_000);
    const found = await query(
      `{ cities(where: { id: { startsWith: "test-fault-" } }, limit: 1000) { id }
         changes(entityId: "helsinki", limit: 1000) { actor operation itemId } }`,
    );
    const ids = new Set<string>(found.cities.map((city: { id: string }) => city.id));
    for (const id of acknowledged) expect(ids.has(`${id}-a`), id).toBe(true);
    // Not seeded twice: the store was not empty.
    expect(
      found.changes.filter(
        (change: { actor: string; operation: string; itemId: string }) =>
          change.actor === "seed" && change.itemId === "helsinki",
      ),
    ).toHaveLength(1);
    const stopped = waitForLine(child, /"msg":"stopped"/, 120_000);
    child.kill("SIGTERM");
    await stopped;
    expect(await exitCode(child)).toBe(0);
  }, 720_000);
});
