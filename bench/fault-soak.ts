/**
 * `npm run bench:soak [-- --seconds 240]`: the mixed workload for minutes against two API processes behind a
 * balancer, while the faults a deployment meets happen one after another (issue 19, item 10):
 *
 * 1. Neo4j killed with -9 (the first process's supervisor restarts it on its store);
 * 2. Redis (the shared result cache and limits) stopped, then started again on the same port;
 * 3. the second API process killed with -9, then started again.
 *
 * Readers ask what a researcher asks (a city, a search, a neighbourhood) and read one organisation that a
 * writer renames with a counter (`Soak hot #n`) through `upsertRecords`, one write at a time, as an editor.
 * Reported, for docs/benchmarks.md and bench/results/fault-soak.json: requests, answers by status, 5xx
 * outside the outage windows (want 0), acknowledged writes lost (want 0: each acknowledged write id is in the
 * history and the last acknowledged name is stored), stale reads (a read sent after a rename was acknowledged
 * that shows an older name; want 0), and each fault's time to recover (from the fault to the first good
 * answer of each kind). The balancer is a few lines of node:http: round robin, a backend that refuses the
 * connection is skipped for a second and the request tried on the other, as nginx's `proxy_next_upstream
 * error` does. Not a test: nothing is asserted; it needs `redis-server` (as `npm test` does).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { mintToken } from "../src/auth/index.js";
import { PROJECT_ROOT } from "../src/config/index.js";
import { freePort } from "../src/database/index.js";
import { startTestRedis, type TestRedis } from "../test/support/redis-server.js";

const { values: args } = parseArgs({ options: { seconds: { type: "string", default: "240" } } });
const SECONDS = Math.max(120, Number(args.seconds));
const SECRET = "soak-secret-that-is-at-least-32-characters-long";
const PAGE = "hel-fi-international-activities-2020";
const HOT = "soak-hot-organisation";
const READERS = 6;
/** After a fault is over (its process answers again), errors are still the fault's for this long. */
const SETTLE_MS = 5_000;

const log = (message: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${message}`);
let t0 = Date.now();

interface Answer {
  /** When it was sent, and when it was answered (a request in flight when a fault struck is the fault's). */
  readonly at: number;
  readonly done: number;
  readonly kind: "read" | "hot" | "write";
  readonly status: number;
  readonly ok: boolean;
}
interface Window {
  readonly fault: string;
  readonly from: number;
  to?: number;
  recoveredMs?: Record<string, number>;
}

const answers: Answer[] = [];
const windows: Window[] = [];
const children: ChildProcess[] = [];

function api(entry: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "bin", "run-compiled.mjs"), entry], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      JWT_SECRET: SECRET,
      LOG_LEVEL: "warn",
      WEB_PAGES: "false",
      RATE_LIMIT_GRAPHQL: "0",
      NEO4J_TX_TIMEOUT_MS: "30000",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  children.push(child);
  return child;
}

async function ready(url: string, timeoutMs = 600_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(`${url}/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready in ${timeoutMs / 1000} s`);
}

/** Round robin over `backends`; a refused connection marks a backend down for a second and tries the next. */
function balancer(backends: string[]): http.Server {
  const downUntil = new Map<string, number>();
  let next = 0;
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const order = backends.map((_, i) => backends[(next + i) % backends.length]!);
      next = (next + 1) % backends.length;
      const candidates = [
        ...order.filter((url) => (downUntil.get(url) ?? 0) <= Date.now()),
        ...order.filter((url) => (downUntil.get(url) ?? 0) > Date.now()),
      ];
      const attempt = (index: number) => {
        const target = new URL(req.url ?? "/", candidates[index]);
        const upstream = http.request(
          target,
          { method: req.method, headers: { ...req.headers, host: target.host } },
          (response) => {
            res.writeHead(response.statusCode ?? 502, response.headers);
            response.pipe(res);
          },
        );
        upstream.on("error", () => {
          downUntil.set(candidates[index]!, Date.now() + 1_000);
          if (index + 1 < candidates.length && !res.headersSent) attempt(index + 1);
          else if (!res.headersSent) res.writeHead(502).end();
          else res.destroy();
        });
        upstream.end(body);
      };
      attempt(0);
    });
  });
}

async function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "apollo-require-preflight": "true",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(60_000),
  }).catch(() => undefined);
  if (!response) return { status: 0, body: undefined };
  const body = await response.json().catch(() => undefined);
  return { status: response.status, body };
}

const RENAME = `mutation($e: [EntityInput!]) { upsertRecords(entities: $e) { writeId } }`;
const hotInput = (revision: number) => ({
  kind: "Organization",
  id: HOT,
  name: `Soak hot #${revision}`,
  sources: [PAGE],
});

let stopping = false;
/** The last rename acknowledged, and when. */
let acknowledged = 0;
const acknowledgedWrites: string[] = [];
let stale = 0;

async function writer(url: string, token: string): Promise<void> {
  let revision = 1;
  while (!stopping) {
    const sent = Date.now();
    const { status, body } = await graphql(url, RENAME, { e: [hotInput(revision)] }, token);
    const writeId = body?.data?.upsertRecords?.writeId as string | undefined;
    const ok = status === 200 && writeId !== undefined && !body.errors;
    answers.push({ at: sent, done: Date.now(), kind: "write", status, ok });
    if (ok) {
      acknowledged = revision;
      acknowledgedWrites.push(writeId);
      revision += 1;
    } else await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const READS = [
  { query: `{ node(id: "helsinki") { id name } }`, variables: {} },
  { query: `query($t: String!) { search(text: $t) { node { id } } }`, variables: { t: "Tallinn" } },
  { query: `{ neighbourhood(id: "tampere", limit: 50) { nodes { id } } }`, variables: {} },
];

async function reader(url: string, n: number): Promise<void> {
  let i = n;
  while (!stopping) {
    i += 1;
    const sent = Date.now();
    if (i % 3 === 0) {
      const floor = acknowledged;
      const { status, body } = await graphql(url, `{ node(id: "${HOT}") { name } }`, {});
      const name = body?.data?.node?.name as string | undefined;
      const ok = status === 200 && name !== undefined && !body.errors;
      answers.push({ at: sent, done: Date.now(), kind: "hot", status, ok });
      if (ok && Number(/#(\d+)$/.exec(name)?.[1] ?? 0) < floor) stale += 1;
    } else {
      const read = READS[i % READS.length]!;
      const { status, body } = await graphql(url, read.query, read.variables);
      answers.push({
        at: sent,
        done: Date.now(),
        kind: "read",
        status,
        ok: status === 200 && body?.data && !body.errors,
      });
    }
    if (answers.at(-1)?.ok === false) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until every kind has a good answer sent after `from`; returns the times from `from`, per kind. */
async function recovery(from: number): Promise<Record<string, number>> {
  const until = Date.now() + 600_000;
  for (;;) {
    const times: Record<string, number> = {};
    for (const kind of ["read", "hot", "write"] as const) {
      const first = answers.find((answer) => answer.kind === kind && answer.at >= from && answer.ok);
      if (first) times[kind] = first.at - from;
    }
    if (Object.keys(times).length === 3 || Date.now() > until) return times;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const store = await mkdtemp(path.join(os.tmpdir(), "kg-soak-"));
let redis: TestRedis | undefined;
let front: http.Server | undefined;
try {
  redis = await startTestRedis();
  const shared = { RESULT_CACHE: "on", RESULT_CACHE_REDIS_URL: redis.url, LIMITS_REDIS_URL: redis.url };
  const neo4jPort = await freePort();
  const [portA, portB, portFront] = [await freePort(), await freePort(), await freePort()];
  console.log(
    `load average ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(" ")}, ${os.cpus().length} cores`,
  );
  t0 = Date.now();
  // A: `npm start` as a user runs it, its own Neo4j under its supervisor, seeded with the curated graph.
  api("src/main.ts", {
    ...shared,
    PORT: String(portA),
    NEO4J_LOCAL_DATA: store,
    NEO4J_LOCAL_PORT: String(neo4jPort),
    SEED_ON_START: "auto",
  });
  const urlA = `http://127.0.0.1:${portA}`;
  await ready(urlA);
  log("API A ready (its Neo4j started and seeded)");
  const startB = () =>
    api("src/main.ts", {
      ...shared,
      PORT: String(portB),
      NEO4J_URI: `bolt://127.0.0.1:${neo4jPort}`,
      SEED_ON_START: "never",
    });
  let b = startB();
  const urlB = `http://127.0.0.1:${portB}`;
  await ready(urlB);
  log("API B ready");
  front = balancer([urlA, urlB]);
  await new Promise<void>((resolve) => front!.listen(portFront, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${portFront}`;
  const token = await mintToken(SECRET, { sub: "soak-editor", roles: ["editor"], expiresIn: "2h" });
  const seeded = await graphql(url, RENAME, { e: [hotInput(0)] }, token);
  if (seeded.status !== 200 || seeded.body?.errors) throw new Error(`cannot write: ${JSON.stringify(seeded.body)}`);

  t0 = Date.now();
  const load = Promise.all([writer(url, token), ...Array.from({ length: READERS }, (_, n) => reader(url, n))]);
  const at = (seconds: number) =>
    new Promise((resolve) => setTimeout(resolve, Math.max(0, t0 + seconds * 1000 - Date.now())));
  const step = Math.floor(SECONDS / 4);

  await at(step);
  const neo4jPid = (JSON.parse(await readFile(path.join(store, "run.json"), "utf8")) as { pid: number }).pid;
  const killNeo4j: Window = { fault: "Neo4j killed (-9), restarted by A's supervisor", from: Date.now() };
  windows.push(killNeo4j);
  process.kill(neo4jPid, "SIGKILL");
  log(`killed Neo4j (pid ${neo4jPid})`);
  await ready(urlA);
  killNeo4j.recoveredMs = await recovery(killNeo4j.from);
  killNeo4j.to = Date.now();
  log(`Neo4j back: ${JSON.stringify(killNeo4j.recoveredMs)}`);

  await at(step * 2);
  const redisDown: Window = { fault: "Redis stopped, started again after 20 s", from: Date.now() };
  windows.push(redisDown);
  const redisPort = redis.port;
  await redis.stop();
  log("stopped Redis");
  await new Promise((resolve) => setTimeout(resolve, 20_000));
  redis = await startTestRedis(redisPort);
  log("started Redis");
  redisDown.recoveredMs = await recovery(Date.now());
  redisDown.to = Date.now();

  await at(step * 3);
  const killB: Window = { fault: "API B killed (-9), started again after 20 s", from: Date.now() };
  windows.push(killB);
  process.kill(-b.pid!, "SIGKILL");
  log("killed API B");
  await new Promise((resolve) => setTimeout(resolve, 20_000));
  b = startB();
  await ready(urlB);
  killB.recoveredMs = await recovery(Date.now());
  killB.to = Date.now();
  log("API B back");

  await at(SECONDS);
  stopping = true;
  await load;

  // Acknowledged writes lost: each acknowledged write id in the history, and the last name stored.
  // `changes` lists at most 1000, newest first: the last 1000 acknowledged writes are checked one by one.
  const history = await graphql(url, `{ changes(entityId: "${HOT}", limit: 1000) { writeId } }`, {});
  if (history.status !== 200 || history.body?.errors) throw new Error(`history: ${JSON.stringify(history.body)}`);
  const recorded = new Set(((history.body?.data?.changes ?? []) as { writeId: string }[]).map((c) => c.writeId));
  const checkedWrites = acknowledgedWrites.slice(-1000);
  const lostWrites = checkedWrites.filter((writeId) => !recorded.has(writeId)).length;
  const final = await graphql(url, `{ node(id: "${HOT}") { name } }`, {});
  const storedRevision = Number(/#(\d+)$/.exec(final.body?.data?.node?.name ?? "")?.[1] ?? -1);

  const inWindow = (answer: Answer) =>
    windows.some((window) => answer.done >= window.from && answer.at <= (window.to ?? Infinity) + SETTLE_MS);
  const byStatus: Record<string, number> = {};
  for (const answer of answers) byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
  const result = {
    date: new Date().toISOString(),
    seconds: SECONDS,
    machine: { cores: os.cpus().length, loadAverage: os.loadavg().map((load) => Math.round(load * 10) / 10) },
    requests: answers.length,
    reads: answers.filter((answer) => answer.kind !== "write").length,
    writesAcknowledged: acknowledgedWrites.length,
    byStatus,
    failedOutsideWindows: answers.filter((answer) => !answer.ok && !inWindow(answer)).length,
    serverErrorsOutsideWindows: answers.filter((answer) => answer.status >= 500 && !inWindow(answer)).length,
    failedInWindows: answers.filter((answer) => !answer.ok && inWindow(answer)).length,
    // When each failure outside the windows was sent (s from the start), and what it was, to explain them.
    failuresOutsideWindows: answers
      .filter((answer) => !answer.ok && !inWindow(answer))
      .slice(0, 20)
      .map((answer) => ({ at: Math.round((answer.at - t0) / 100) / 10, kind: answer.kind, status: answer.status })),
    faultTimes: windows.map((window) => ({
      fault: window.fault,
      from: Math.round((window.from - t0) / 100) / 10,
      to: window.to ? Math.round((window.to - t0) / 100) / 10 : null,
    })),
    acknowledgedWritesChecked: checkedWrites.length,
    acknowledgedWritesLost: lostWrites + (storedRevision < acknowledged ? 1 : 0),
    lastAcknowledged: acknowledged,
    lastStored: storedRevision,
    staleReads: stale,
    faults: windows.map((window) => ({
      fault: window.fault,
      outageSeconds: window.to ? Math.round((window.to - window.from) / 100) / 10 : null,
      recoveredMs: window.recoveredMs,
      failedAnswers: answers.filter((a) => !a.ok && a.at >= window.from && a.at <= (window.to ?? Infinity) + SETTLE_MS)
        .length,
    })),
  };
  console.log(JSON.stringify(result, null, 2));
  await writeFile(
    path.join(PROJECT_ROOT, "bench", "results", "fault-soak.json"),
    `${JSON.stringify(result, null, 2)}\n`,
  );
} finally {
  stopping = true;
  front?.close();
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 15_000));
  for (const child of children) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
  await redis?.stop();
  await rm(store, { recursive: true, force: true });
}
