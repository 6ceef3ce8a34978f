/**
 * A tiny run of the whole benchmark (`npm run bench` with a few thousand nodes), so it cannot rot: it starts
 * its own Neo4j, imports through the write path, checks every tier (T1, T2, T3, T4 cold and cached) agrees
 * with raw Cypher, times, runs the mixed workload, and writes its results. Timings are not asserted; only
 * that every number is there, and that no read was stale.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/index.js";
import type { BenchResult } from "../../bench/report.js";

let resultsDir: string | undefined;
afterAll(async () => {
  if (resultsDir) await rm(resultsDir, { recursive: true, force: true });
});

describe("npm run bench", () => {
  it("runs end to end on a tiny graph and writes latest.json", async () => {
    resultsDir = await mkdtemp(path.join(os.tmpdir(), "kg-bench-test-"));
    const args = [
      "run",
      "bench",
      "--",
      "--nodes",
      "2000",
      "--params",
      "5",
      "--iterations",
      "10",
      "--seconds",
      "1",
      "--concurrency",
      "4",
      "--rounds",
      "1",
      "--mixed-seconds",
      "2",
    ];
    const child = spawn("npm", [...args, "--no-docs", "--no-explorer", "--quiet", "--results-dir", resultsDir], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "ignore", "pipe"],
      // No NEO4J_ setting of the caller's reaches the bench but the start-up bound and the compiler tier
      // (vitest.config.ts).
      env: Object.fromEntries(
        Object.entries(process.env).filter(
          ([key]) => !key.startsWith("NEO4J_") || key === "NEO4J_LOCAL_START_TIMEOUT_MS" || key === "NEO4J_LOCAL_JIT",
        ),
      ),
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code, stderr).toBe(0);
    const result = JSON.parse(await readFile(path.join(resultsDir, "latest.json"), "utf8")) as BenchResult;
    expect(result.nodes).toBe(2000);
    expect(result.relationships).toBeGreaterThan(2000);
    expect(Object.keys(result.queries).sort()).toEqual([
      "fundersPerOffice",
      "funding",
      "lookup",
      "neighbourhood",
      "search",
      "shortestPath",
    ]);
    expect(Object.keys(result.research ?? {})).toHaveLength(8);
    for (const research of Object.values(result.research ?? {})) expect(research.cost).toBeGreaterThan(0);
    for (const query of Object.values(result.queries)) {
      for (const field of [
        "t1_p50_ms",
        "t2_p50_ms",
        "t3_p50_ms",
        "t4_p50_ms",
        "t4c_p50_ms",
        "ratio_p50",
        "ratio_t4_t2_p50",
        "ratio_t4c_t1_p50",
        "t1_rps_c16",
        "t2_rps_c16",
        "t4_rps_c16",
        "t4c_rps_c16",
      ] as const) {
        expect(query[field]).toBeGreaterThan(0);
      }
    }
    // Full exports ran to their end: over HTTP (JSON, GEXF) and with kg export, every record in the file.
    expect(result.exports?.map((e) => e.how)).toEqual([
      "GET /export?format=json",
      "GET /export?format=gexf",
      "kg export --format json",
    ]);
    for (const exported of result.exports ?? []) expect(exported.records).toBeGreaterThan(2000);
    // The mixed workload ran against both servers, wrote, checked its reads, and found none stale.
    expect(Object.keys(result.mixed ?? {}).sort()).toEqual(["t4", "t4c"]);
    for (const mixed of Object.values(result.mixed ?? {})) {
      expect(mixed.checked_reads).toBeGreaterThan(0);
      expect(mixed.stale_reads).toBe(0);
    }
    // The import went through the write path.
    expect(result.import.how).toMatch(/write path/);
  }, 1_200_000);
});
