/**
 * The README's other commands, run as a user runs them against the configured database: `npm run seed`,
 * `npm run kg -- import`, `npm run kg -- enrich`, `npm run token`, `npm run synthetic` (`npm start` has its own suite:
 * test/processes/lifecycle.test.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/index.js";
import { createTokenVerifier } from "../../src/auth/index.js";
import { TEST_JWT_SECRET, testAppConfig } from "../support/test-api.js";
import { connectTestDatabase, dumpGraph } from "../support/test-database.js";

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

/** The environment that points a command at the test Neo4j. */
function databaseEnv(): Record<string, string> {
  return {
    NEO4J_URI: inject("neo4jUri"),
    NEO4J_DATABASE: inject("neo4jDatabase"),
    ...(inject("neo4jPassword") ? { NEO4J_USER: inject("neo4jUser"), NEO4J_PASSWORD: inject("neo4jPassword")! } : {}),
  };
}

describe("npm run seed", () => {
  it("reloads the curated graph into the configured database without changing it", async () => {
    const db = connectTestDatabase();
    const env = databaseEnv();
    try {
      const before = await dumpGraph(db);
      // Every seed/*.yaml in name order, then the enrichment laid over them (seed/enrichment/*.yaml).
      const yamlFiles = async (folder: string) =>
        (await readdir(path.join(PROJECT_ROOT, folder)))
          .filter((name) => name.endsWith(".yaml"))
          .sort()
          .map((name) => `${folder}/${name}`.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
      const read = [...(await yamlFiles("seed")), ...(await yamlFiles("seed/enrichment"))].join(", ");
      const child = npm(["run", "seed"], env);
      const line = waitForLine(
        child,
        new RegExp(`^Wrote ${read}: \\d+ sources, \\d+ entities, \\d+ relationships read\\.`),
        120_000,
      );
      const unchanged = waitForLine(child, /entities: 0 new, 0 changed, \d+ unchanged/, 120_000);
      expect(await exitCode(child)).toBe(0);
      await line;
      await unchanged;
      expect(await dumpGraph(db)).toBe(before);
    } finally {
      await db.close();
    }
  }, 240_000);
});

describe("npm run kg -- import", () => {
  it("refuses a bad file with every problem, its line and its code, and changes nothing", async () => {
    const db = connectTestDatabase();
    try {
      const before = await dumpGraph(db);
      const bad = path.join(scratch, "bad.yaml");
      await writeFile(bad, "sources: []\nentities:\n  - { kind: City, id: test-x, name: X, sources: [nowhere] }\n");
      const failing = npm(["run", "kg", "--", "import", bad], databaseEnv());
      const message = waitForLine(failing, /unknown source nowhere \(UNKNOWN_REFERENCE\)/, 120_000);
      expect(await exitCode(failing)).toBe(1);
      expect(await message).toMatch(/bad\.yaml:3:\d+: entity test-x, field sources:/);
      expect(await dumpGraph(db)).toBe(before);
    } finally {
      await db.close();
    }
  }, 240_000);
});

describe("npm run kg -- enrich", () => {
  it("--curated writes the seed's enrichment file exactly as committed", async () => {
    const out = path.join(scratch, "datasets.yaml");
    const child = npm(["run", "kg", "--", "enrich", "--curated", "--out", out], {});
    const wrote = waitForLine(child, /^Wrote /, 120_000);
    expect(await exitCode(child)).toBe(0);
    await wrote;
    const committed = path.join(PROJECT_ROOT, "seed", "enrichment", "datasets.yaml");
    expect(await readFile(out, "utf8")).toBe(await readFile(committed, "utf8"));
  }, 240_000);

  it("--dry-run reports what the graph lacks and why, and changes nothing", async () => {
    const db = connectTestDatabase();
    try {
      const before = await dumpGraph(db);
      const child = npm(["run", "kg", "--", "enrich", "--dry-run"], databaseEnv());
      const reported = waitForLine(
        child,
        /NO_COUNTRY +City amsterdam \(Amsterdam\): no IN_COUNTRY relationship/,
        120_000,
      );
      expect(await exitCode(child)).toBe(0);
      await reported;
      expect(await dumpGraph(db)).toBe(before);
    } finally {
      await db.close();
    }
  }, 240_000);
});

describe("npm run kg -- merge", () => {
  it("goes through the mutation's checks: two cities with two GeoNames ids are refused, and nothing changes", async () => {
    const db = connectTestDatabase();
    try {
      const before = await dumpGraph(db);
      const child = npm(["run", "kg", "--", "merge", "helsinki", "espoo"], databaseEnv());
      const reported = waitForLine(
        child,
        /entity espoo, field externalIds: helsinki is geonames:658225 and espoo is geonames:660158.*\(INVALID_VALUE\)/,
        120_000,
      );
      expect(await exitCode(child)).toBe(1);
      await reported;
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
  it("refuses a database with a history of real writes: its bulk loader writes none", async () => {
    const db = connectTestDatabase();
    try {
      const before = await dumpGraph(db);
      const child = npm(["run", "synthetic", "--", "--nodes", "600", "--seed", "3"], databaseEnv());
      const message = waitForLine(child, /history of real writes/, 120_000);
      expect(await exitCode(child)).toBe(1);
      await message;
      expect(await dumpGraph(db)).toBe(before);
    } finally {
      await db.close();
    }
  }, 240_000);
});
