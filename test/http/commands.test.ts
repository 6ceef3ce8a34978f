/**
 * The README's commands, run as a user runs them: `npm start` on its own local Neo4j (fresh store: it
 * fetches nothing new, starts Neo4j, seeds, serves, and stops everything on SIGTERM), and `npm run seed`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/index.js";
import { freePort } from "../../src/database/index.js";
import { createTokenVerifier } from "../../src/auth/index.js";
import { TEST_JWT_SECRET, testAppConfig } from "../support/test-api.js";
import { connectTestDatabase, dumpGraph, runCypher } from "../support/test-database.js";

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "kg-commands-test-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function npm(args: string[], env: Record<string, string>): ChildProcess {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("NEO4J_") && key !== "PORT"),
  );
  // Its own process group, so a failed test can take down npm and everything under it.
  return spawn("npm", args, {
    cwd: PROJECT_ROOT,
    env: { ...clean, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; output:\n${seen.join("\n")}`)),
      timeoutMs,
    );
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on("line", (line) => {
        seen.push(line);
        if (pattern.test(line)) {
          clearTimeout(timer);
          resolve(line);
        }
      });
    }
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}; output:\n${seen.join("\n")}`));
    });
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once("exit", resolve));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("npm start with no NEO4J_URI", () => {
  it("starts its own Neo4j on a fresh store, seeds it, serves the graph, and stops it all on SIGTERM", async () => {
    const port = await freePort();
    const dataDir = path.join(scratch, "store");
    const child = npm(["start"], {
      PORT: String(port),
      NEO4J_LOCAL_DATA: dataDir,
      NEO4J_LOCAL_PORT: String(await freePort()),
      LOG_LEVEL: "info",
    });
    try {
      await waitForLine(child, /GraphQL API ready/, 180_000);
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `{ funding(officeId: "helsinki-centre-st-petersburg") { funder { id } } graphStats { edges } }`,
        }),
      });
      const body = (await response.json()) as any;
      expect(body.data.funding).toHaveLength(5);
      expect(body.data.graphStats.edges).toBe(83);
      // The researchers' pages come with it.
      for (const page of ["explorer", "graphiql"]) {
        const html = await fetch(`http://127.0.0.1:${port}/${page}`);
        expect(html.status, page).toBe(200);
        expect(html.headers.get("content-type")).toMatch(/^text\/html/);
      }
      const { pid: neo4jPid } = JSON.parse(
        await import("node:fs").then((fs) => fs.readFileSync(path.join(dataDir, "run.json"), "utf8")),
      );

      const stopped = waitForLine(child, /"msg":"stopped"/, 90_000);
      child.kill("SIGTERM");
      await stopped; // the API drained, closed the driver and stopped Neo4j before saying so
      expect(await exitCode(child)).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(isAlive(neo4jPid)).toBe(false);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
    }
  }, 240_000);
});

describe("npm run seed", () => {
  it("reloads the curated graph into the configured database without changing it", async () => {
    const db = connectTestDatabase();
    const env = {
      NEO4J_URI: inject("neo4jUri"),
      NEO4J_DATABASE: inject("neo4jDatabase"),
      ...(inject("neo4jPassword") ? { NEO4J_USER: inject("neo4jUser"), NEO4J_PASSWORD: inject("neo4jPassword")! } : {}),
    };
    try {
      const before = await dumpGraph(db);
      const child = npm(["run", "seed"], env);
      const line = waitForLine(
        child,
        /Loaded seed\/helsinki-2015-2023\.yaml \+ seed\/helsinki\.yaml: 21 sources, 59 entities, 83 relationships/,
        120_000,
      );
      expect(await exitCode(child)).toBe(0);
      await line;
      expect(await dumpGraph(db)).toBe(before);

      const bad = path.join(scratch, "bad.yaml");
      await writeFile(bad, "sources: []\nentities:\n  - { kind: City, id: test-x, name: X, sources: [nowhere] }\n");
      const failing = npm(["run", "seed", "--", bad], env);
      const message = waitForLine(failing, /unknown source nowhere/, 120_000);
      expect(await exitCode(failing)).toBe(1);
      expect(await message).toContain("bad.yaml:3");
      expect(await dumpGraph(db)).toBe(before);
    } finally {
      await db.close();
    }
  }, 240_000);
});

describe("npm run token", () => {
  it("mints a token the server accepts, with the roles asked for", async () => {
    const child = npm(
      ["run", "--silent", "token", "--", "--sub", "alice", "--roles", "editor,staff", "--expires", "1h"],
      {
        JWT_SECRET: TEST_JWT_SECRET,
      },
    );
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    expect(await exitCode(child)).toBe(0);
    const claims = await createTokenVerifier(testAppConfig().auth).verify(output.trim());
    expect(claims).toMatchObject({ sub: "alice", roles: ["editor", "staff"] });
  }, 60_000);

  it("without JWT_SECRET says what to set", async () => {
    const child = npm(["run", "--silent", "token", "--", "--sub", "alice"], {});
    const message = waitForLine(child, /Set JWT_SECRET/, 60_000);
    expect(await exitCode(child)).toBe(1);
    await message;
  }, 60_000);
});

describe("npm run synthetic", () => {
  it("imports a synthetic graph into the configured database, and importing it again changes nothing", async () => {
    const db = connectTestDatabase();
    const env = { NEO4J_URI: inject("neo4jUri"), NEO4J_DATABASE: inject("neo4jDatabase") };
    const synthetic = "MATCH (n) WHERE n.id =~ '[a-z]-[0-9]+' RETURN count(n) AS n";
    try {
      for (let run = 0; run < 2; run += 1) {
        const child = npm(["run", "synthetic", "--", "--nodes", "600", "--seed", "3"], env);
        const line = waitForLine(child, /Imported 600 nodes \(\d+\/s\) and \d+ relationships/, 120_000);
        expect(await exitCode(child)).toBe(0);
        await line;
        const [row] = await runCypher(db, synthetic);
        expect(Number(row!.n)).toBe(600);
      }
    } finally {
      await runCypher(db, "MATCH (n) WHERE n.id =~ '[a-z]-[0-9]+' DETACH DELETE n");
      await db.close();
    }
  }, 240_000);
});
