/** Bench results: the JSON written to bench/results/ and the tables in docs/benchmarks.md. */
import { existsSync } from "node:fs";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ResearchResult } from "./research.js";

export interface QueryResult {
  description: string;
  params: number;
  t1_p50_ms: number;
  t1_p99_ms: number;
  t3_p50_ms: number;
  t3_p99_ms: number;
  t4_p50_ms: number;
  t4_p99_ms: number;
  /** T4 / T1 at p50, concurrency 1. */
  ratio_p50: number;
  /** T3 / T1 at p50. */
  ratio_t3_p50: number;
  t1_rps_c16: number;
  /** T4 is the API with its result cache off (cold): every request runs its query. */
  t4_rps_c16: number;
  t4_p99_ms_c16: number;
  /** T2: the starter server a user would build instead (bench/starter-server.ts). Absent in older results. */
  t2_p50_ms?: number;
  t2_p99_ms?: number;
  t2_rps_c16?: number;
  t2_p99_ms_c16?: number;
  /** T4 cached: the API with its result cache on, after a warm-up (the repeated question). */
  t4c_p50_ms?: number;
  t4c_p99_ms?: number;
  t4c_rps_c16?: number;
  t4c_p99_ms_c16?: number;
  /** T4 cold / T2: p50 (target ≤ 1) and throughput at c16 (target ≥ 1). */
  ratio_t4_t2_p50?: number;
  ratio_t4_t2_rps?: number;
  /** T4 cached / T1: p50 (target ≤ 1) and throughput at c16 (target ≥ 1). */
  ratio_t4c_t1_p50?: number;
  ratio_t4c_t1_rps?: number;
}

/** The mixed workload (reads, one write in 50) against one server. */
export interface MixedResult {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  writes: number;
  write_p50_ms: number;
  /** Reads of a renamed organisation, checked against the renames acknowledged before they were sent. */
  checked_reads: number;
  /** Of those, reads that showed an older state (must be 0). */
  stale_reads: number;
  cache_hits: number;
}

export interface BenchResult {
  nodes: number;
  relationships: number;
  seed: number;
  date: string;
  machine: {
    cpu: string;
    cores: number;
    memoryGiB: number;
    node: string;
    neo4j: string;
    heap: string;
    pageCache: string;
  };
  import: {
    nodesPerSecond: number;
    relationshipsPerSecond: number;
    seconds: number;
    /** How the graph was imported (absent: the benchmark's own bulk loader, before the write path's fast path). */
    how?: string;
    checkSeconds?: number;
    nodeSeconds?: number;
    relationshipSeconds?: number;
    indexSeconds?: number;
  };
  settings: { iterations: number; seconds: number; concurrency: number; rounds?: number; mixedSeconds?: number };
  queries: Record<string, QueryResult>;
  /** The mixed workload against T4 cached (`t4c`) and T4 cold (`t4`). Absent in older results. */
  mixed?: Record<string, MixedResult>;
  /** Full exports of the graph: over HTTP (GET /export) and with `kg export`. Absent in older results. */
  exports?: ExportResult[];
  /** The research fields (in-process, one at a time); absent in results written before they existed. */
  research?: Record<string, ResearchResult>;
  /** When the research figures come from an earlier run on the same graph size (the run's date). */
  researchDate?: string;
}

export interface ExportResult {
  /** `GET /export?format=…` or `kg export --format …`. */
  how: string;
  records: number;
  mib: number;
  seconds: number;
  recordsPerSecond: number;
  /** The slowest /health answer while the export ran (HTTP only). */
  healthMaxMs?: number;
  /** The server's (HTTP) or the command's peak resident memory, MiB. */
  peakRssMib?: number;
}

const START = "<!-- results:start (written by npm run bench) -->";
const END = "<!-- results:end -->";

function table(result: BenchResult): string {
  const lines = [
    `### ${result.nodes.toLocaleString("en")} nodes, ${result.relationships.toLocaleString("en")} relationships (${result.date.slice(0, 10)})`,
    "",
    `Import: ${result.import.nodesPerSecond.toLocaleString("en")} nodes/s, ${result.import.relationshipsPerSecond.toLocaleString("en")} relationships/s (${result.import.seconds} s in all` +
      (result.import.how
        ? `: check ${result.import.checkSeconds} s, nodes ${result.import.nodeSeconds} s, relationships ${result.import.relationshipSeconds} s, indexes ${result.import.indexSeconds} s; ${result.import.how}).`
        : "; the benchmark's own bulk loader, no history)."),
    `Machine: ${result.machine.cpu}, ${result.machine.cores} cores, ${result.machine.memoryGiB} GiB; Node ${result.machine.node}; Neo4j ${result.machine.neo4j} (heap ${result.machine.heap}, page cache ${result.machine.pageCache}).`,
    `Runs: ${result.settings.iterations} sequential requests per tier and query; ${result.settings.seconds} s at concurrency ${result.settings.concurrency}` +
      (result.settings.rounds ? `; ${result.settings.rounds} rounds, tiers rotated, medians.` : "."),
    "",
    "| query | T1 p50 / p99 ms | T3 p50 / p99 ms | T4 p50 / p99 ms | T3/T1 | **T4/T1** p50 | T1 rps c16 | T4 rps c16 | T4/T1 rps | T4 p99 c16 ms |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const [name, q] of Object.entries(result.queries)) {
    lines.push(
      `| ${name} | ${q.t1_p50_ms} / ${q.t1_p99_ms} | ${q.t3_p50_ms} / ${q.t3_p99_ms} | ${q.t4_p50_ms} / ${q.t4_p99_ms} | ${q.ratio_t3_p50} | **${q.ratio_p50}** | ${q.t1_rps_c16} | ${q.t4_rps_c16} | ${Math.round((100 * q.t4_rps_c16) / Math.max(1, q.t1_rps_c16))}% | ${q.t4_p99_ms_c16} |`,
    );
  }
  const compared = Object.entries(result.queries).filter(([, q]) => q.t2_p50_ms !== undefined);
  if (compared.length > 0) {
    lines.push(
      "",
      "Against the starter server (T2: Apollo standalone + @neo4j/graphql, what a user would build) with the cache off (T4 cold), and with the result cache on (T4 cached, the question asked again):",
      "",
      "| query | T2 p50 / p99 ms | T4 cold p50 / p99 ms | **T4/T2** p50 | T2 rps c16 | T4 cold rps c16 | **T4/T2** rps | T4 cached p50 / p99 ms | **T4c/T1** p50 | T4 cached rps c16 | **T4c/T1** rps |",
      "|---|---|---|---|---|---|---|---|---|---|---|",
    );
    for (const [name, q] of compared) {
      lines.push(
        `| ${name} | ${q.t2_p50_ms} / ${q.t2_p99_ms} | ${q.t4_p50_ms} / ${q.t4_p99_ms} | **${q.ratio_t4_t2_p50}** | ${q.t2_rps_c16} | ${q.t4_rps_c16} | **${q.ratio_t4_t2_rps}** | ${q.t4c_p50_ms} / ${q.t4c_p99_ms} | **${q.ratio_t4c_t1_p50}** | ${q.t4c_rps_c16} | **${q.ratio_t4c_t1_rps}** |`,
      );
    }
  }
  if (result.mixed && Object.keys(result.mixed).length > 0) {
    const label: Record<string, string> = { t4c: "T4 cached", t4: "T4 cold" };
    lines.push(
      "",
      `Mixed workload (${result.settings.mixedSeconds ?? "?"} s at concurrency ${result.settings.concurrency}: one request in 50 renames an organisation through \`upsertRecords\`; two reads in three read those organisations back, the rest ask the six questions):`,
      "",
      "| server | rps | p50 / p99 ms | writes | write p50 ms | reads checked | **stale reads** | cache hits |",
      "|---|---|---|---|---|---|---|---|",
    );
    for (const [tier, m] of Object.entries(result.mixed)) {
      lines.push(
        `| ${label[tier] ?? tier} | ${m.rps} | ${m.p50_ms} / ${m.p99_ms} | ${m.writes} | ${m.write_p50_ms} | ${m.checked_reads} | **${m.stale_reads}** | ${m.cache_hits} |`,
      );
    }
  }
  if (result.research) {
    lines.push(
      "",
      "Research fields (T3 in-process, one request at a time; graph algorithms include projecting and dropping the graph)" +
        (result.researchDate && result.researchDate !== result.date
          ? `, from the run of ${result.researchDate} on a graph of the same size and seed:`
          : ":"),
      "",
      "| field | question | runs | p50 ms | max ms | rows | query cost |",
      "|---|---|---|---|---|---|---|",
    );
    for (const [name, r] of Object.entries(result.research)) {
      lines.push(
        r.error
          ? `| ${name} | ${r.description} | failed after ${r.p50_ms} ms: ${r.error.replaceAll("|", "/").slice(0, 160)} | | | | ${r.cost.toLocaleString("en")} |`
          : `| ${name} | ${r.description} | ${r.runs} | ${r.p50_ms} | ${r.max_ms} | ${r.rows} | ${r.cost.toLocaleString("en")} |`,
      );
    }
  }
  if (result.exports?.length) {
    lines.push(
      "",
      "Full exports (read page by page, EXPORT_PAGE_SIZE records per read transaction):",
      "",
      "| export | records | MiB | s | records/s | slowest /health meanwhile ms | peak RSS MiB |",
      "|---|---|---|---|---|---|---|",
    );
    for (const e of result.exports) {
      lines.push(
        `| ${e.how} | ${e.records.toLocaleString("en")} | ${e.mib} | ${e.seconds} | ${e.recordsPerSecond.toLocaleString("en")} | ${e.healthMaxMs ?? "–"} | ${e.peakRssMib ?? "–"} |`,
      );
    }
  }
  return lines.join("\n");
}

function scaling(results: BenchResult[]): string {
  if (results.length < 2) return "";
  const names = Object.keys(results[0]!.queries);
  const header = `| query | ${results.map((r) => `T4 p50 ms @ ${r.nodes.toLocaleString("en")}`).join(" | ")} | ${results.map((r) => `T1 p50 ms @ ${r.nodes.toLocaleString("en")}`).join(" | ")} |`;
  const lines = [
    "### Scaling curve (p50 at concurrency 1)",
    "",
    header,
    `|---|${results.map(() => "---|").join("")}${results.map(() => "---|").join("")}`,
  ];
  for (const name of names) {
    lines.push(
      `| ${name} | ${results.map((r) => r.queries[name]?.t4_p50_ms ?? "–").join(" | ")} | ${results.map((r) => r.queries[name]?.t1_p50_ms ?? "–").join(" | ")} |`,
    );
  }
  lines.push(
    `| import nodes/s | ${results.map((r) => r.import.nodesPerSecond.toLocaleString("en")).join(" | ")} | ${results.map(() => "").join(" | ")} |`,
  );
  const withPeers = results.filter((r) => Object.values(r.queries).some((q) => q.t2_p50_ms !== undefined));
  if (withPeers.length >= 2) {
    lines.push(
      "",
      `| query | ${withPeers.map((r) => `T2 p50 ms @ ${r.nodes.toLocaleString("en")}`).join(" | ")} | ${withPeers.map((r) => `T4 cached p50 ms @ ${r.nodes.toLocaleString("en")}`).join(" | ")} |`,
      `|---|${withPeers.map(() => "---|").join("")}${withPeers.map(() => "---|").join("")}`,
    );
    for (const name of names) {
      lines.push(
        `| ${name} | ${withPeers.map((r) => r.queries[name]?.t2_p50_ms ?? "–").join(" | ")} | ${withPeers.map((r) => r.queries[name]?.t4c_p50_ms ?? "–").join(" | ")} |`,
      );
    }
  }
  return lines.join("\n");
}

export async function writeResults(resultsDir: string, result: BenchResult): Promise<void> {
  const json = `${JSON.stringify(result, null, 2)}\n`;
  await writeFile(path.join(resultsDir, "latest.json"), json);
  await writeFile(path.join(resultsDir, `nodes-${result.nodes}.json`), json);
}

/** Rewrites the generated part of docs/benchmarks.md from every bench/results/nodes-*.json. */
export async function updateDocs(resultsDir: string, docsFile: string): Promise<void> {
  const files = (await readdir(resultsDir)).filter((name) => /^nodes-\d+\.json$/.test(name));
  const results = (
    await Promise.all(
      files.map(async (name) => JSON.parse(await readFile(path.join(resultsDir, name), "utf8")) as BenchResult),
    )
  )
    .filter((r) => r.nodes >= 10_000)
    .sort((a, b) => a.nodes - b.nodes);
  const generated = [START, "", ...results.map(table).flatMap((t) => [t, ""]), scaling(results), "", END].join("\n");
  const current = existsSync(docsFile) ? await readFile(docsFile, "utf8") : `# Benchmarks\n\n${START}\n${END}\n`;
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + generated + current.slice(end + END.length)
      : `${current}\n${generated}\n`;
  await writeFile(docsFile, next);
}
