/**
 * `kg import` when Neo4j dies under it (issue 19: it printed the driver's stack trace): Neo4j of this file's
 * own is killed with -9 while an import writes, and the command says in one line, with its code and no stack,
 * what was committed and what to do, and exits 1 — then Neo4j is started again on the same store and the graph
 * holds exactly what the line said. In one transaction: nothing. Batched: the batches it names, to the record.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/index.js";
import { toNumber } from "../../src/database/index.js";
import { type FreshNeo4j, startFreshNeo4j } from "../support/fresh-neo4j.js";

let neo4j: FreshNeo4j;
let tmp: string;
beforeAll(async () => {
  // No research runs here: a Neo4j without Graph Data Science starts on less CPU.
  neo4j = await startFreshNeo4j({ gds: false });
  tmp = await mkdtemp(path.join(os.tmpdir(), "kg-import-killed-"));
});
afterAll(async () => {
  await neo4j?.stop();
  await rm(tmp, { recursive: true, force: true });
});

/** A CSV of one source and `entities` cities citing it. */
async function bigFile(name: string, entities: number): Promise<string> {
  const file = path.join(tmp, name);
  const rows = ["record,kind,id,name,title,sources", "source,,test-src,,A source,"];
  for (let i = 0; i < entities; i++) rows.push(`entity,City,test-big-${i},Big City ${i},,test-src`);
  await writeFile(file, `${rows.join("\n")}\n`);
  return file;
}

/** Runs `kg import`, kills Neo4j once `ready` matches its progress, and resolves with how it ended. */
async function importKilledMidway(args: string[], ready: RegExp): Promise<{ code: number | null; stderr: string }> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/cli/kg.ts", "import", ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: "neo4j", NEO4J_PASSWORD: "", CI: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (ready.test(stderr)) resolve();
    });
    void exited.then((code) => reject(new Error(`import ended (${code}) before Neo4j could be killed:\n${stderr}`)));
  });
  await neo4j.kill();
  return { code: await exited, stderr };
}

/** The one line that says what happened: a code, no stack trace. */
function interruption(stderr: string): string {
  expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(stderr).not.toMatch(/Neo4jError|ServiceUnavailableError|\.js:\d+/);
  const lines = stderr.split("\n").filter((line) => line.startsWith("WRITE_INTERRUPTED: "));
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

async function count(cypher: string): Promise<number> {
  return neo4j.db.read(async (tx) => toNumber((await tx.run(cypher)).records[0]?.get(0)));
}

/** `1–3, 5` → [1, 2, 3, 5] */
function batchNumbers(text: string | undefined): number[] {
  if (!text) return [];
  return text.split(", ").flatMap((part) => {
    const [first, last = first] = part.split("–").map(Number);
    return Array.from({ length: last! - first! + 1 }, (_, i) => first! + i);
  });
}

describe("Neo4j killed during kg import", () => {
  it("in one transaction: one line, WRITE_INTERRUPTED, nothing written, exit 1", async () => {
    const file = await bigFile("one.csv", 20_000);
    // The first progress line comes once the first thousand records are written inside the transaction.
    const { code, stderr } = await importKilledMidway([file], /Importing: [1-9]\d*\//);
    expect(code).toBe(1);
    const line = interruption(stderr);
    expect(line).toMatch(/^WRITE_INTERRUPTED: Neo4j stopped answering during the write \(\w+: [^)]+\)\. /);
    // Killed long before the commit of 20,000 records, it cannot have committed.
    expect(line).toContain("The transaction did not commit: nothing was written.");
    expect(line).toContain("run the same import (");

    await neo4j.restart();
    expect(await count("MATCH (n) WHERE n.id STARTS WITH 'test-' RETURN count(n)")).toBe(0);
    expect(await count("MATCH (c:Change) RETURN count(c)")).toBe(0);
  });

  it("batched: one line naming the batches that committed — exactly what the graph then holds", async () => {
    await neo4j.wipe();
    const file = await bigFile("batched.csv", 30_000);
    // The sources' one batch is reported at once; the cities' three batches follow.
    const { code, stderr } = await importKilledMidway(["--batched", file], /Importing: [1-9]\d*\//);
    expect(code).toBe(1);
    const line = interruption(stderr);
    expect(line).toContain(
      "Committed (batches of 10000 records, in the file's order within each section): sources batch 1",
    );
    expect(line).toContain("Every other batch was not written.");
    expect(line).toContain("with --batched");
    const committed = batchNumbers(/entities batch(?:es)? ([\d–, ]+)[.;]/.exec(line)?.[1]);
    const unknown = batchNumbers(/Unknown \(.*?\): .*?entities batch ([\d–, ]+)[.;]/.exec(line)?.[1]);

    await neo4j.restart();
    expect(await count("MATCH (s:Source {id: 'test-src'}) RETURN count(s)")).toBe(1);
    const cities = await count("MATCH (n:City) WHERE n.id STARTS WITH 'test-big-' RETURN count(n)");
    expect(cities).toBeGreaterThanOrEqual(10_000 * committed.length);
    expect(cities).toBeLessThanOrEqual(10_000 * (committed.length + unknown.length));
    expect(cities % 10_000).toBe(0);
    // Each committed batch is the file's records in order: batch n holds cities (n-1)*10000 … n*10000-1.
    for (const batch of committed) {
      const first = `test-big-${(batch - 1) * 10_000}`;
      expect(await count(`MATCH (n:City {id: '${first}'}) RETURN count(n)`)).toBe(1);
    }
  });
});
