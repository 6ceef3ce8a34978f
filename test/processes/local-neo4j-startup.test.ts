/**
 * The local Neo4j's start-up failures: every known way it can fail before Neo4j runs ends quickly with a
 * StartupError whose code and message say what to do — never a hang; a supervisor stopped in the middle of a
 * restart leaves no Neo4j behind. (A locked store, a restart keeping its
 * data and recovery after kill -9 need a running Neo4j: test/processes/lifecycle.test.ts.)
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile, chmod } from "node:fs/promises";
import { existsSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalNeo4jSettings, loadConfig } from "../../src/config/index.js";
import { freePort, installLocalNeo4j, startLocalNeo4j, superviseLocalNeo4j } from "../../src/database/index.js";
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

describe("installing", () => {
  it("several starts at once into an empty cache install once and all get the same complete installation", async () => {
    // Jars come from the local Maven repository here (fetched before by the other tiers), so this stays short.
    const cacheDir = path.join(scratch, "cache");
    const messages: string[] = [];
    const log = { info: (message: string) => messages.push(message) };
    const installs = await Promise.all([1, 2, 3].map(() => installLocalNeo4j(cacheDir, log)));
    expect(new Set(installs.map((install) => JSON.stringify(install))).size).toBe(1);
    expect(messages.filter((message) => message.startsWith("Fetching Neo4j"))).toHaveLength(1);
    const entries = await readdir(cacheDir);
    expect(entries.filter((entry) => entry.includes(".partial-") || entry.endsWith(".lock"))).toEqual([]);
    for (const dir of [installs[0]!.pluginDir, installs[0]!.gds.pluginDir]) {
      expect((await readdir(dir)).filter((name) => name.endsWith(".jar")).length).toBeGreaterThan(1);
    }
  });
});

/** The pids of live processes whose command line mentions `text` (read from /proc, no tools needed). */
async function processesMentioning(text: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const commandLine = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (commandLine.includes(text)) pids.push(Number(entry));
  }
  return pids;
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 480_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("supervising", () => {
  it("stopped while it restarts a killed Neo4j, abandons the start and leaves no Neo4j on the store", async () => {
    const store = { ...settings, dataDir: path.join(scratch, "supervised"), port: await freePort(), gds: false };
    const messages: string[] = [];
    const log = {
      info: (message: string) => messages.push(message),
      error: (message: string) => messages.push(message),
    };
    const first = await startLocalNeo4j(store, log);
    const supervisor = superviseLocalNeo4j(store, first, log);
    const startsBefore = messages.filter((message) => message.startsWith("Starting Neo4j")).length;
    process.kill(first.pid, "SIGKILL");
    // The supervisor sees the death, waits its first back-off and launches Neo4j again: stop it right then.
    await until(
      () => messages.filter((message) => message.startsWith("Starting Neo4j")).length > startsBefore,
      "the restart to begin",
    );
    await until(async () => (await processesMentioning(`--home=${store.dataDir}`)).length > 0, "the new Java process");
    await supervisor.stop();
    expect(supervisor.restarts).toBe(0);
    expect(messages).toContain("Stopped while restarting the local Neo4j: the start under way was abandoned.");
    expect(messages.some((message) => message.startsWith("Restarting the local Neo4j failed"))).toBe(false);
    await until(async () => (await processesMentioning(`--home=${store.dataDir}`)).length === 0, "no Neo4j left");
    expect(existsSync(path.join(store.dataDir, "run.json"))).toBe(false);
  });
});
