/**
 * The HTTP load generator (T2, T4), run in its own process so it does not share a CPU queue with the server
 * or the orchestrator: `node --import tsx bench/http-load.ts <job.json>`. It POSTs the job's bodies in turn
 * from `concurrency` keep-alive loops and prints one JSON line: latency percentiles, requests per second,
 * errors, and how many answers came from the result cache (`x-result-cache: hit`). Any answer that is not
 * 200 with `data` and no `errors` counts as an error.
 *
 * A `mixed` job is the read-mostly workload with writes: one request in `writeEvery` renames one of a few
 * organisations through the API (`upsertRecords`, one write in flight at a time, so they commit in the
 * order sent), the others read — those organisations by id through the generated API and through `node`,
 * and the benchmark's questions. Each read of a renamed organisation must show at least the last rename
 * acknowledged before the read was sent; one that shows an older name is counted as `stale`.
 */
import { readFile } from "node:fs/promises";
import { Agent, request } from "undici";
import { summarise, timeConcurrent, timeSequential } from "./latency.js";

/** An organisation the mixed workload renames: its record as an `EntityInput`, name aside. */
export interface HotEntity {
  readonly id: string;
  readonly name: string;
  readonly input: Record<string, unknown>;
}

export interface MixedJob {
  /** One request in this many is a write. */
  readonly writeEvery: number;
  /** A bearer token with the `editor` role. */
  readonly token: string;
  readonly hot: readonly HotEntity[];
}

export interface LoadJob {
  url: string;
  bodies: string[];
  concurrency: number;
  /** Sequential requests (concurrency 1), or… */
  iterations?: number;
  /** …a duration for concurrent load. */
  seconds?: number;
  warmup: number;
  mixed?: MixedJob;
}

export interface LoadResult {
  count: number;
  p50: number;
  p99: number;
  mean: number;
  rps: number;
  errors: number;
  /** Answers served from the result cache. */
  hits: number;
  /** Mixed jobs: writes acknowledged, reads checked against them, and reads that showed an older state. */
  writes?: number;
  checkedReads?: number;
  stale?: number;
  writeP50?: number;
}

const REVISION = / #(\d+)$/;

const job = JSON.parse(await readFile(process.argv[2]!, "utf8")) as LoadJob;
const dispatcher = new Agent({ connections: job.concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
let errors = 0;
let hits = 0;

async function post(body: string, headers: Record<string, string> = {}): Promise<any> {
  const response = await request(job.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    dispatcher,
  });
  const text = await response.body.text();
  if (response.statusCode !== 200 || text.includes('"errors"')) {
    errors += 1;
    throw new Error(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
  }
  if (response.headers["x-result-cache"] === "hit") hits += 1;
  return JSON.parse(text);
}

const send = (i: number): Promise<void> => post(job.bodies[i % job.bodies.length]!).then(() => undefined);

/** The mixed workload's state: the last rename acknowledged per organisation. */
function mixedWorkload(mixed: MixedJob) {
  const acknowledged = new Map<string, number>();
  let revision = 0;
  let writing = false;
  const writeSamples: number[] = [];
  let writes = 0;
  let checkedReads = 0;
  let stale = 0;
  const lookup = `query Hot($id: ID!) { organizations(where: { id: { eq: $id } }) { id name } }`;
  const node = `query HotNode($id: ID!) { node(id: $id) { id name } }`;
  const rename = `mutation Rename($entities: [EntityInput!]) { upsertRecords(entities: $entities) { writeId } }`;

  async function write(i: number): Promise<void> {
    const entity = mixed.hot[i % mixed.hot.length]!;
    revision += 1;
    const mine = revision;
    writing = true;
    const started = performance.now();
    try {
      const entities = [{ ...entity.input, name: `${entity.name} #${mine}` }];
      await post(JSON.stringify({ query: rename, variables: { entities } }), {
        authorization: `Bearer ${mixed.token}`,
      });
      acknowledged.set(entity.id, Math.max(acknowledged.get(entity.id) ?? 0, mine));
      writes += 1;
      writeSamples.push(performance.now() - started);
    } finally {
      writing = false;
    }
  }

  async function checkedRead(i: number): Promise<void> {
    const entity = mixed.hot[i % mixed.hot.length]!;
    const required = acknowledged.get(entity.id) ?? 0;
    const generated = i % 2 === 0;
    const body = JSON.stringify({ query: generated ? lookup : node, variables: { id: entity.id } });
    const data = (await post(body)).data;
    const name = (generated ? data.organizations[0]?.name : data.node?.name) as string | undefined;
    const seen = Number(REVISION.exec(name ?? "")?.[1] ?? 0);
    checkedReads += 1;
    if (seen < required) stale += 1;
  }

  return {
    async next(i: number): Promise<void> {
      if (i % mixed.writeEvery === 0 && !writing) return write(i / mixed.writeEvery);
      // Two reads in three are of the organisations being renamed; the rest are the benchmark's questions.
      if (i % 3 !== 2) return checkedRead(i);
      return send(i);
    },
    summary: () => ({ writes, checkedReads, stale, writeP50: summarise(writeSamples).p50 }),
  };
}

const mixed = job.mixed ? mixedWorkload(job.mixed) : undefined;
const task = mixed ? (i: number) => mixed.next(i) : send;

for (let i = 0; i < job.warmup; i += 1) await send(i).catch(() => {});
errors = 0;
hits = 0;
let result: LoadResult;
if (job.seconds) {
  const timed = await timeConcurrent(job.concurrency, job.seconds, task);
  result = { ...summarise(timed.samples), rps: timed.rps, errors: timed.errors, hits };
} else {
  const samples = await timeSequential(job.iterations ?? 100, (i) => task(i).catch(() => {}));
  result = {
    ...summarise(samples),
    rps: Math.round(samples.length / (samples.reduce((a, b) => a + b, 0) / 1000)),
    errors,
    hits,
  };
}
console.log(JSON.stringify(mixed ? { ...result, ...mixed.summary() } : result));
await dispatcher.close();
