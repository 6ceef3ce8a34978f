/**
 * The local Neo4j: it keeps its data across restarts, and every known way start-up can fail ends quickly
 * with a StartupError whose code and message say what to do — never a hang.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile, chmod } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type LocalNeo4jSettings, loadConfig } from "../../src/config/index.js";
import { Database, createDriver, freePort, startLocalNeo4j, superviseLocalNeo4j } from "../../src/database/index.js";
import { StartupError } from "../../src/errors/index.js";

const quiet = { info: () => {} };
let scratch: string;
let settings: LocalNeo4jSettings;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "kg-local-neo4j-test-"));
  settings = {
    ...loadConfig().local,
    dataDir: path.join(scratch, "store"),
    port: await freePort(),
    heapBytes: 256 << 20,
    pageCacheBytes: 32 << 20,
  };
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function startupError(promise: Promise<unknown>): Promise<StartupError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(StartupError);
  return error as StartupError;
}

/** Runs `work` with environment variables changed, restoring them after. */
async function withEnv<T>(changes: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(changes).map((key) => [key, process.env[key]]));
  Object.assign(process.env, changes);
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete process.env[key];
  try {
    return await work();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

describe("a local Neo4j", () => {
  it("keeps its data across a clean stop and a restart, with APOC and GDS available", async () => {
    const first = await startLocalNeo4j(settings, quiet);
    const connect = (uri: string) =>
      new Database(createDriver({ uri, user: "neo4j", password: undefined, database: "neo4j" }), "neo4j");
    let db = connect(first.uri);
    await db.write((tx) => tx.run("CREATE (:Marker {id: 'survives-restart'})"));
    const apoc = await db.read(async (tx) =>
      (
        await tx.run("RETURN apoc.date.convertFormat('2020-02-05', 'iso_local_date', 'basic_iso_date') AS d")
      ).records[0]?.get("d"),
    );
    expect(apoc).toBe("20200205");
    // Graph Data Science is loaded by default (NEO4J_LOCAL_GDS), the version neo4j/pom.xml names.
    const gds = await db.read(async (tx) => (await tx.run("RETURN gds.version() AS v")).records[0]?.get("v"));
    expect(gds).toBe("2.13.9");
    await db.close();
    await first.stop();
    expect([0, 143]).toContain(await first.exited); // 143: the JVM's exit after SIGTERM and its shutdown hook

    const second = await startLocalNeo4j(settings, quiet);
    db = connect(second.uri);
    const count = await db.read(async (tx) =>
      (await tx.run("MATCH (n:Marker {id: 'survives-restart'}) RETURN count(n) AS c")).records[0]?.get("c"),
    );
    expect(Number(count)).toBe(1);
    await db.close();
    await second.stop();
  }, 240_000); // two starts of Neo4j with GDS: 15–26 s each while other test runs keep the cores busy
});

describe("a local Neo4j killed with -9", () => {
  it("is started again by its supervisor, recovers its store, and keeps every committed write", async () => {
    const killSettings = { ...settings, dataDir: path.join(scratch, "kill-store"), port: await freePort() };
    const first = await startLocalNeo4j(killSettings, quiet);
    const supervised = superviseLocalNeo4j(killSettings, first, { ...quiet, error: () => {} });
    const db = new Database(
      createDriver({ uri: first.uri, user: "neo4j", password: undefined, database: "neo4j" }),
      "neo4j",
    );
    try {
      await db.write((tx) => tx.run("UNWIND range(1, 100) AS i CREATE (:Marker {id: 'committed-' + i})"));
      process.kill(first.pid, "SIGKILL");
      await first.exited;
      // The supervisor restarts it; the same driver reconnects once Bolt answers again.
      let count: unknown;
      for (let attempt = 0; attempt < 120 && count === undefined; attempt += 1) {
        try {
          count = await db.read(async (tx) =>
            (await tx.run("MATCH (n:Marker) RETURN count(n) AS c")).records[0]?.get("c"),
          );
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
      expect(Number(count)).toBe(100);
      expect(supervised.restarts).toBe(1);
      expect(supervised.current.pid).not.toBe(first.pid);
    } finally {
      await db.close();
      await supervised.stop();
    }
  }, 240_000);
});

describe("start-up failures say how to fix them", () => {
  it("port taken: PORT_IN_USE before Java even starts", async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const error = await startupError(startLocalNeo4j({ ...settings, port }, quiet));
      expect(error.code).toBe("PORT_IN_USE");
      expect(error.message).toContain("NEO4J_LOCAL_PORT");
    } finally {
      blocker.close();
    }
  });

  it("store locked by another Neo4j: STORE_LOCKED", async () => {
    const dataDir = inject("neo4jDataDir");
    if (!dataDir) return; // NEO4J_URI points at an outside server: no local store to collide with
    const error = await startupError(startLocalNeo4j({ ...settings, dataDir, port: await freePort() }, quiet));
    expect(error.code).toBe("STORE_LOCKED");
    expect(error.message).toContain("NEO4J_LOCAL_DATA");
  });

  it("no Java: JAVA_NOT_FOUND, pointing at JAVA_HOME and NEO4J_URI", async () => {
    const error = await withEnv({ JAVA_HOME: path.join(scratch, "no-java-here") }, () =>
      startupError(startLocalNeo4j(settings, quiet)),
    );
    expect(error.code).toBe("JAVA_NOT_FOUND");
    expect(error.message).toMatch(/JAVA_HOME.*NEO4J_URI/);
  });

  describe("fetching the jars", () => {
    let javaHome: string;
    beforeAll(() => {
      const properties = execFileSync("java", ["-XshowSettings:properties", "-version"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      const fromStdout = /java\.home = (.+)/.exec(properties)?.[1];
      const fromStderr = /java\.home = (.+)/.exec(
        execFileSync("sh", ["-c", "java -XshowSettings:properties -version 2>&1"], { encoding: "utf8" }),
      )?.[1];
      javaHome = (fromStdout ?? fromStderr)!.trim();
    });

    it("no Maven: MAVEN_NOT_FOUND", async () => {
      const emptyBin = await mkdtemp(path.join(scratch, "bin-"));
      const error = await withEnv({ JAVA_HOME: javaHome, PATH: emptyBin }, () =>
        startupError(startLocalNeo4j({ ...settings, cacheDir: path.join(scratch, "cache-a") }, quiet)),
      );
      expect(error.code).toBe("MAVEN_NOT_FOUND");
    });

    it("Maven Central unreachable: NEO4J_DOWNLOAD_FAILED with what Maven said", async () => {
      const bin = await mkdtemp(path.join(scratch, "bin-"));
      await writeFile(
        path.join(bin, "mvn"),
        "#!/bin/sh\necho 'Could not transfer artifact org.neo4j:neo4j: Connection refused' >&2\nexit 1\n",
      );
      await chmod(path.join(bin, "mvn"), 0o755);
      const error = await withEnv({ JAVA_HOME: javaHome, PATH: `${bin}:/usr/bin:/bin` }, () =>
        startupError(startLocalNeo4j({ ...settings, cacheDir: path.join(scratch, "cache-b") }, quiet)),
      );
      expect(error.code).toBe("NEO4J_DOWNLOAD_FAILED");
      expect(error.message).toContain("Connection refused");
      expect(error.message).toContain("NEO4J_URI");
    });
  });
});
