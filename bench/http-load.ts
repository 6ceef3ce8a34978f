/**
 * The HTTP load generator (T4), run in its own process so it does not share a CPU queue with the server or
 * the orchestrator: `node --import tsx bench/http-load.ts <job.json>`. It POSTs the job's bodies in turn
 * from `concurrency` keep-alive loops and prints one JSON line: latency percentiles, requests per second,
 * errors. Any answer that is not 200 with `data` and no `errors` counts as an error.
 */
import { readFile } from "node:fs/promises";
import { Agent, request } from "undici";
import { summarise, timeConcurrent, timeSequential } from "./latency.js";

interface Job {
  url: string;
  bodies: string[];
  concurrency: number;
  /** Sequential requests (concurrency 1), or… */
  iterations?: number;
  /** …a duration for concurrent load. */
  seconds?: number;
  warmup: number;
}

const job = JSON.parse(await readFile(process.argv[2]!, "utf8")) as Job;
const dispatcher = new Agent({ connections: job.concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
let errors = 0;

async function send(i: number): Promise<void> {
  const response = await request(job.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: job.bodies[i % job.bodies.length]!,
    dispatcher,
  });
  const text = await response.body.text();
  if (response.statusCode !== 200 || text.includes('"errors"')) {
    errors += 1;
    throw new Error(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
  }
}

for (let i = 0; i < job.warmup; i += 1) await send(i).catch(() => {});
errors = 0;
if (job.seconds) {
  const result = await timeConcurrent(job.concurrency, job.seconds, send);
  console.log(JSON.stringify({ ...summarise(result.samples), rps: result.rps, errors: result.errors }));
} else {
  const samples = await timeSequential(job.iterations ?? 100, (i) => send(i).catch(() => {}));
  console.log(
    JSON.stringify({
      ...summarise(samples),
      rps: Math.round(samples.length / (samples.reduce((a, b) => a + b, 0) / 1000)),
      errors,
    }),
  );
}
await dispatcher.close();
