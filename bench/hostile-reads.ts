/**
 * `npm run bench:hostile`: how long issue 10's hostile reads take to be refused, and how long /health takes to
 * answer meanwhile. The tests prove each is refused with its code and limit; the clock belongs here.
 *
 * The API runs in this process (so a request that blocked its event loop would delay /health too) with a
 * driver aimed at a port nobody listens on: every refusal must come before the database, and a request that
 * reached it would answer 503, which this run counts as a failure. Rate limits are off (one client sends all).
 *
 * 1. /health alone, `--probes` times: the baseline;
 * 2. each request of test/fixtures/hostile-documents.ts `--repeat` times in a row while /health is probed every 20 ms;
 * 3. every request at once, `--repeat` times, probing /health the same way.
 * Writes bench/results/hostile-reads.json and the table between the `hostile:` markers of docs/benchmarks.md.
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../src/config/index.js";
import { buildApiSchema } from "../src/schema/index.js";
import { HOSTILE_REQUESTS, type HostileRequest } from "../test/fixtures/hostile-documents.js";
import { startServerWithoutDatabase } from "../test/support/server-without-database.js";
import { summarise } from "./latency.js";

const { values: options } = parseArgs({
  options: {
    repeat: { type: "string", default: "20" },
    probes: { type: "string", default: "200" },
    docs: { type: "string", default: path.join(PROJECT_ROOT, "docs", "benchmarks.md") },
  },
});
const repeat = Number(options.repeat);
const probes = Number(options.probes);

const START = "<!-- hostile:start (written by npm run bench:hostile) -->";
const END = "<!-- hostile:end -->";

interface Row {
  readonly label: string;
  readonly bytes: number;
  readonly refusal: { p50: number; max: number };
  readonly healthMax: number;
}

async function main(): Promise<void> {
  const server = await startServerWithoutDatabase((await buildApiSchema()).schema, {
    RATE_LIMIT_GRAPHQL: "0",
    RATE_LIMIT_EXPORT: "0",
  });
  try {
    const health = async (): Promise<number> => {
      const started = performance.now();
      const response = await fetch(`${server.url}/health`);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`/health answered ${response.status}`);
      return performance.now() - started;
    };
    const send = async (request: HostileRequest): Promise<number> => {
      const started = performance.now();
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: bodyText(request),
      });
      const answer = (await response.json()) as { errors?: { extensions?: { code?: string; limit?: string } }[] };
      const ms = performance.now() - started;
      const extensions = answer.errors?.[0]?.extensions ?? {};
      if (response.status !== request.status || extensions.code !== request.code || extensions.limit !== request.limit)
        throw new Error(
          `${request.label}: expected ${request.status} ${request.code} ${request.limit ?? ""}, got ` +
            `${response.status} ${extensions.code} ${extensions.limit ?? ""}`,
        );
      return ms;
    };
    /** Runs `work` while probing /health every 20 ms; returns its result and the slowest probe. */
    const whileProbing = async <T>(work: () => Promise<T>): Promise<{ result: T; healthMax: number }> => {
      let done = false;
      let healthMax = 0;
      const probing = (async () => {
        while (!done) {
          healthMax = Math.max(healthMax, await health());
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      try {
        return { result: await work(), healthMax };
      } finally {
        done = true;
        await probing;
      }
    };

    for (let i = 0; i < 20; i += 1) await health(); // warm-up
    const baseline: number[] = [];
    for (let i = 0; i < probes; i += 1) baseline.push(await health());
    const alone = summarise(baseline);
    console.log(`/health alone: p50 ${alone.p50} ms, p99 ${alone.p99} ms over ${probes}`);

    const rows: Row[] = [];
    for (const request of HOSTILE_REQUESTS) {
      await send(request); // warm-up: the first parse of a document shape
      const { result: samples, healthMax } = await whileProbing(async () => {
        const times: number[] = [];
        for (let i = 0; i < repeat; i += 1) times.push(await send(request));
        return times;
      });
      const summary = summarise(samples);
      const row = {
        label: request.label,
        bytes: Buffer.byteLength(bodyText(request)),
        refusal: { p50: round(summary.p50), max: round(Math.max(...samples)) },
        healthMax: round(healthMax),
      };
      rows.push(row);
      console.log(
        `${row.label}: refused in p50 ${row.refusal.p50} ms, max ${row.refusal.max} ms; /health max ${row.healthMax} ms`,
      );
    }

    const { result: bursts, healthMax: burstHealthMax } = await whileProbing(async () => {
      const times: number[] = [];
      for (let i = 0; i < repeat; i += 1) {
        const started = performance.now();
        await Promise.all(HOSTILE_REQUESTS.map(send));
        times.push(performance.now() - started);
      }
      return times;
    });
    const burst = {
      requests: HOSTILE_REQUESTS.length,
      p50: round(summarise(bursts).p50),
      max: round(Math.max(...bursts)),
      healthMax: round(burstHealthMax),
    };
    console.log(
      `all ${burst.requests} at once: p50 ${burst.p50} ms, max ${burst.max} ms; /health max ${burst.healthMax} ms`,
    );

    const result = {
      date: new Date().toISOString().slice(0, 10),
      machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      repeat,
      health: { p50: round(alone.p50), p99: round(alone.p99) },
      rows,
      burst,
    };
    await writeFile(
      path.join(PROJECT_ROOT, "bench", "results", "hostile-reads.json"),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    await writeDocs(options.docs, table(result));
    console.log(`written: bench/results/hostile-reads.json and ${path.relative(PROJECT_ROOT, options.docs)}`);
  } finally {
    await server.stop();
  }
}

function bodyText(request: HostileRequest): string {
  return typeof request.body === "string" ? request.body : JSON.stringify(request.body);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function table(result: {
  date: string;
  machine: string;
  repeat: number;
  health: { p50: number; p99: number };
  rows: Row[];
  burst: { requests: number; p50: number; max: number; healthMax: number };
}): string {
  const kib = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`);
  return [
    `Run of ${result.date} (${result.machine}); each request ${result.repeat} times in a row, /health probed every ` +
      `20 ms meanwhile. /health alone: p50 ${result.health.p50} ms, p99 ${result.health.p99} ms.`,
    "",
    "| request | body | refused in, p50 (ms) | max (ms) | slowest /health meanwhile (ms) |",
    "|---|---:|---:|---:|---:|",
    ...result.rows.map(
      (row) => `| ${row.label} | ${kib(row.bytes)} | ${row.refusal.p50} | ${row.refusal.max} | ${row.healthMax} |`,
    ),
    `| **all ${result.burst.requests} at once** | | ${result.burst.p50} | ${result.burst.max} | ${result.burst.healthMax} |`,
  ].join("\n");
}

async function writeDocs(docsFile: string, generated: string): Promise<void> {
  const current = existsSync(docsFile) ? await readFile(docsFile, "utf8") : "# Benchmarks\n";
  const block = `${START}\n\n${generated}\n\n${END}`;
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  await writeFile(
    docsFile,
    start >= 0 && end > start
      ? current.slice(0, start) + block + current.slice(end + END.length)
      : `${current.trimEnd()}\n\n## Hostile reads\n\n${block}\n`,
  );
}

await main();
