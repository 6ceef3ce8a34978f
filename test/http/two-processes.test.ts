/**
 * Two API processes behind a balancer (issue 19): two real `node bin/run-compiled.mjs src/main.ts` processes
 * (what `npm start` runs) on the tests' shared Neo4j, a `redis-server` of the test's own for their limits
 * (LIMITS_REDIS_URL), and a round-robin HTTP balancer in front written here in a few lines — it tells each
 * process the client's address in `X-Forwarded-For`, as nginx's `proxy_set_header X-Forwarded-For
 * $remote_addr` does, and the processes trust that one hop (TRUST_PROXY=1).
 * A client's rate limit is counted once across both processes: N requests pass, the next get 429 RATE_LIMITED
 * from whichever process answers, and other clients (another token subject, another address) are unaffected.
 * With Redis stopped the processes keep answering — never a 5xx — each counting in its own memory (one warning
 * logged), and share their counts again once Redis is back. The export slots' sharing, lease and fallback are
 * tested on the same code without HTTP (test/unit/shared-limits.test.ts).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testToken } from "../support/test-api.js";
import { type ApiProcess, startApiProcess } from "../support/api-process.js";
import { type TestRedis, startTestRedis } from "../support/redis-server.js";

/** Requests to /graphql per client per window, in each process; the window outlasts the suite. */
const LIMIT = 4;

let redis: TestRedis;
let apis: ApiProcess[] = [];
let balancer: { url: string; close(): Promise<void> };

function startLimitedApi(redisUrl: string): Promise<ApiProcess> {
  return startApiProcess({
    LOG_LEVEL: "info",
    TRUST_PROXY: "1",
    LIMITS_REDIS_URL: redisUrl,
    RATE_LIMIT_GRAPHQL: String(LIMIT),
    RATE_LIMIT_EXPORT: "1",
    RATE_LIMIT_RECONCILE: "1",
    RATE_LIMIT_WINDOW_MS: "3600000",
    ALGORITHM_RUNS_PER_WINDOW: "1",
  });
}

/** What the process says at /ready (undefined while it is not listening yet). */
async function readiness(api: ApiProcess): Promise<{ status: string; sharedLimits?: boolean } | undefined> {
  if (api.child.exitCode !== null)
    throw new Error(`the API exited with ${api.child.exitCode}:\n${api.lines.join("\n")}`);
  try {
    return (await (await fetch(`${api.url}/ready`)).json()) as { status: string; sharedLimits?: boolean };
  } catch {
    return undefined;
  }
}

/**
 * Until both processes are ready and count their limits in Redis (`shared`) or each in its own memory
 * (a loop, not `expect.poll`, so the set-up can wait too).
 */
async function sharing(shared: boolean, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  let seen: unknown[] = [];
  while (Date.now() < until) {
    seen = (await Promise.all(apis.map(readiness))).map((ready) => ready?.sharedLimits);
    if (seen.every((value) => value === shared)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the processes' sharedLimits stayed ${JSON.stringify(seen)}, not ${shared}`);
}

/** A round-robin balancer: each request to the next process, the client's address in X-Forwarded-For. */
async function startBalancer(targets: string[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const index = next++ % targets.length;
    const target = new URL(targets[index]!);
    // A test stands for clients at other addresses with `x-test-client`; the balancer's own view otherwise.
    const address = String(req.headers["x-test-client"] ?? req.socket.remoteAddress);
    const headers: http.OutgoingHttpHeaders = { ...req.headers, "x-forwarded-for": address };
    delete headers["x-test-client"];
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode!, { ...answer.headers, "x-test-process": String(index) });
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Answer {
  status: number;
  /** Which process answered (0 or 1). */
  process: number;
  code: unknown;
  limit: unknown;
  retryAfter: string | null;
}

/** `query` (`{ __typename }`) through the balancer as one client: a token's subject, or an address. */
async function ask(
  client: { token?: string; address?: string },
  route = "/graphql",
  query = "{ __typename }",
): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (client.token) headers.authorization = `Bearer ${client.token}`;
  if (client.address) headers["x-test-client"] = client.address;
  const response = await fetch(
    `${balancer.url}${route}`,
    route === "/graphql" ? { method: "POST", headers, body: JSON.stringify({ query }) } : { headers },
  );
  const text = await response.text();
  const body = (response.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : undefined;
  const extensions = body?.errors?.[0]?.extensions;
  return {
    status: response.status,
    process: Number(response.headers.get("x-test-process")),
    code: extensions?.code,
    limit: extensions?.limit,
    retryAfter: response.headers.get("retry-after"),
  };
}

async function askTimes(times: number, client: { token?: string; address?: string }): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < times; i += 1) answers.push(await ask(client));
  return answers;
}

const refused = { status: 429, code: "RATE_LIMITED", limit: "rate" };

beforeAll(async () => {
  redis = await startTestRedis();
  apis = await Promise.all([startLimitedApi(redis.url), startLimitedApi(redis.url)]);
  balancer = await startBalancer(apis.map((api) => api.url));
  // Two processes building their schema at once take a while on a busy machine.
  await sharing(true, 600_000);
});
afterAll(async () => {
  await balancer?.close();
  await Promise.all(
    apis.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }),
  );
  await redis?.stop();
});

describe("two API processes behind a balancer, their limits in Redis", () => {
  it("a client's rate limit is shared: N pass, then 429 RATE_LIMITED from either process", async () => {
    const token = await testToken([], "test-balanced-a");
    const passed = await askTimes(LIMIT, { token });
    expect(passed.map((answer) => answer.status)).toEqual(Array(LIMIT).fill(200));
    expect(new Set(passed.map((answer) => answer.process))).toEqual(new Set([0, 1]));
    // Each process has answered N/2: alone, each would have allowed N more.
    const over = await askTimes(2, { token });
    expect(over).toMatchObject([refused, refused]);
    expect(new Set(over.map((answer) => answer.process))).toEqual(new Set([0, 1]));
    for (const answer of over) expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  });

  it("another client is unaffected: another token's subject, or another address", async () => {
    const token = await testToken([], "test-balanced-b");
    const spent = await askTimes(LIMIT + 1, { token: await testToken([], "test-balanced-c") });
    expect(spent.at(-1)).toMatchObject(refused);
    expect((await askTimes(2, { token })).map((answer) => answer.status)).toEqual([200, 200]);

    const byAddress = await askTimes(LIMIT + 1, { address: "203.0.113.10" });
    expect(byAddress.map((answer) => answer.status)).toEqual([...Array(LIMIT).fill(200), 429]);
    expect(byAddress.at(-1)).toMatchObject(refused);
    expect((await askTimes(2, { address: "203.0.113.11" })).map((answer) => answer.status)).toEqual([200, 200]);
  });

  it("/export and /reconcile count their own rates across the processes too", async () => {
    const client = { address: "203.0.113.20" };
    const exports = [await ask(client, "/export?format=gephi&table=edges"), await ask(client, "/export?format=csv")];
    expect(exports.map((answer) => answer.status)).toEqual([200, 429]);
    expect(exports[1]).toMatchObject(refused);
    expect(new Set(exports.map((answer) => answer.process))).toEqual(new Set([0, 1]));
    const reconcile = [await ask(client, "/reconcile"), await ask(client, "/reconcile")];
    expect(reconcile.map((answer) => answer.status)).toEqual([200, 429]);
    expect(new Set(reconcile.map((answer) => answer.process))).toEqual(new Set([0, 1]));
  });

  it("a client's algorithm runs per window are counted once across the processes", async () => {
    // ALGORITHM_RUNS_PER_WINDOW=1. The second process has not computed this answer (its memo and result cache
    // are its own), so it would run the algorithm again: the client's one run is spent already.
    const token = await testToken([], "test-balanced-runs");
    const centrality = "{ centrality(algorithm: DEGREE, limit: 1) { score } }";
    const [first, second] = [
      await ask({ token }, "/graphql", centrality),
      await ask({ token }, "/graphql", centrality),
    ];
    expect(first).toMatchObject({ status: 200, code: undefined });
    expect(second).toMatchObject({ code: "RATE_LIMITED", limit: "runs" });
    expect(second.process).not.toBe(first.process);
    // Another client still gets its run.
    const other = await ask({ token: await testToken([], "test-balanced-runs-2") }, "/graphql", centrality);
    expect(other).toMatchObject({ status: 200, code: undefined });
  });

  it("with Redis stopped each process counts its own, never a 5xx; shared again once Redis is back", async () => {
    const { port } = redis;
    await redis.stop();
    await sharing(false);
    // Each process allows the client N: 2N pass through the balancer, then each refuses.
    const token = await testToken([], "test-balanced-outage");
    const during = await askTimes(2 * LIMIT + 2, { token });
    expect(during.map((answer) => answer.status)).toEqual([...Array(2 * LIMIT).fill(200), 429, 429]);
    expect(during.slice(-2)).toMatchObject([refused, refused]);
    for (const api of apis) {
      const warnings = api.lines.filter((line) => line.includes("Redis for the shared limits does not answer"));
      expect(warnings).toHaveLength(1);
      expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 40 });
    }

    redis = await startTestRedis(port);
    await sharing(true);
    const after = await askTimes(LIMIT + 1, { token: await testToken([], "test-balanced-after") });
    expect(after.map((answer) => answer.status)).toEqual([...Array(LIMIT).fill(200), 429]);
    for (const api of apis) expect(api.lines.some((line) => line.includes("shared again"))).toBe(true);
  });
});
