/**
 * Starts and stops the project's own Neo4j: a Java process running neo4j/LocalNeo4j.java on a store folder,
 * with Bolt on 127.0.0.1 only. Start-up waits for the launcher's `READY` line (never a fixed sleep) and
 * turns every known failure into a StartupError that says how to fix it. While it runs, `run.json` in the
 * store folder records its pid and port so `npm run seed` can use the same server instead of fighting over
 * the store lock.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import type { LocalNeo4jSettings } from "../config/index.js";
import { StartupError } from "../errors/index.js";
import { type InstallLog, installLocalNeo4j } from "./local-neo4j-install.js";

export interface LocalNeo4j {
  readonly uri: string;
  readonly version: string;
  readonly pid: number;
  readonly dataDir: string;
  /** Stops Neo4j cleanly (SIGTERM, then SIGKILL after 60 s) and resolves once the process is gone. */
  stop(): Promise<void>;
  /** Resolves with the exit code when the process ends, for whatever reason. */
  readonly exited: Promise<number | null>;
}

/** The JVM flags Neo4j's own server passes (kept), plus our heap sizes and the compiler tier asked for. */
function jvmFlags(settings: LocalNeo4jSettings): string[] {
  const heapMb = Math.max(128, Math.floor(settings.heapBytes / (1 << 20)));
  return [
    `-Xms${heapMb}m`,
    `-Xmx${heapMb}m`,
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Dfile.encoding=UTF-8",
    ...(settings.jit === "quick" ? ["-XX:TieredStopAtLevel=1"] : []),
  ];
}

interface RunFile {
  pid: number;
  port: number;
  version: string;
}

const runFilePath = (dataDir: string): string => path.join(dataDir, "run.json");

/**
 * The local Neo4j already running on this store folder (started by another `npm start`), if any:
 * its run file names a live process.
 */
export function findRunningLocalNeo4j(dataDir: string): { uri: string; pid: number } | undefined {
  const file = runFilePath(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const run = JSON.parse(readFileSync(file, "utf8")) as RunFile;
    process.kill(run.pid, 0); // throws when no such process
    return { uri: `bolt://127.0.0.1:${run.port}`, pid: run.pid };
  } catch {
    return undefined;
  }
}

/**
 * Starts Neo4j and resolves once it is ready. `signal` abandons a start that is under way (the API stopping
 * while its supervisor restarts Neo4j): the half-started process is stopped and the promise rejects with
 * NEO4J_START_ABORTED, so nothing keeps the store locked after the API has gone.
 */
export async function startLocalNeo4j(
  settings: LocalNeo4jSettings,
  log: InstallLog,
  signal?: AbortSignal,
): Promise<LocalNeo4j> {
  signal?.throwIfAborted();
  const installation = await installLocalNeo4j(settings.cacheDir, log);
  await assertPortFree(settings.port);
  await mkdir(settings.dataDir, { recursive: true });

  const args = [
    ...jvmFlags(settings),
    "-cp",
    settings.gds ? installation.gds.classpath : installation.classpath,
    "LocalNeo4j",
    `--home=${settings.dataDir}`,
    `--plugins=${settings.gds ? installation.gds.pluginDir : installation.pluginDir}`,
    `--port=${settings.port}`,
    `--pagecache-bytes=${settings.pageCacheBytes}`,
    `--tx-timeout-ms=${settings.transactionTimeoutMs}`,
    "--exit-on-stdin-eof",
  ];
  const plugins = settings.gds ? `APOC and GDS ${installation.gds.version}` : "APOC, without GDS";
  log.info(
    `Starting Neo4j ${installation.version} (${plugins}) on bolt://127.0.0.1:${settings.port} (store ${settings.dataDir})…`,
  );
  // stdin stays an open pipe: if this process dies, the pipe closes and the launcher shuts Neo4j down.
  const child = spawn(installation.java, args, { stdio: ["pipe", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const stderrTail: string[] = [];
  createInterface({ input: child.stderr }).on("line", (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
  });

  const version = await waitForReady(child, exited, stderrTail, settings, signal);
  const pid = child.pid!;
  await writeFile(
    runFilePath(settings.dataDir),
    JSON.stringify({ pid, port: settings.port, version } satisfies RunFile),
  );

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(runFilePath(settings.dataDir), { force: true });
    })();
    return stopping;
  };
  void exited.then(() => rm(runFilePath(settings.dataDir), { force: true }));

  return { uri: `bolt://127.0.0.1:${settings.port}`, version, pid, dataDir: settings.dataDir, stop, exited };
}

function waitForReady(
  child: ChildProcess,
  exited: Promise<number | null>,
  stderrTail: string[],
  settings: LocalNeo4jSettings,
  signal: AbortSignal | undefined,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let aborted = false;
    const abort = (): void => {
      aborted = true;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      void exited.then(() => clearTimeout(killer));
    };
    if (signal?.aborted) abort();
    else signal?.addEventListener("abort", abort, { once: true });
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new StartupError(
          "NEO4J_START_TIMEOUT",
          `Neo4j did not start within ${settings.startTimeoutMs / 1000} s. Its log is ${path.join(settings.dataDir, "logs", "debug.log")}; ` +
            "raise NEO4J_LOCAL_START_TIMEOUT_MS on a slow machine.",
        ),
      );
    }, settings.startTimeoutMs);
    lines.on("line", (line) => {
      const match = /^READY (\d+) (\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        signal?.removeEventListener("abort", abort);
        resolve(match[2]!);
      }
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new StartupError("JAVA_NOT_FOUND", `Could not run Java: ${error.message}`));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", abort);
      if (aborted) {
        reject(new StartupError("NEO4J_START_ABORTED", "The Neo4j start was abandoned: the API is stopping."));
        return;
      }
      // Give the stderr reader a moment to collect the launcher's last words.
      setTimeout(() => reject(launcherFailure(code, stderrTail, settings)), 50);
    });
  });
}

function launcherFailure(code: number | null, stderrTail: string[], settings: LocalNeo4jSettings): StartupError {
  const fatal = stderrTail.find((line) => line.startsWith("FATAL "));
  const [, reason = "START_FAILED", ...rest] = (fatal ?? "").split(" ");
  const detail = rest.join(" ");
  switch (reason) {
    case "STORE_LOCKED":
      return new StartupError(
        "STORE_LOCKED",
        `The Neo4j store ${settings.dataDir} is in use by another process (another npm start?). ` +
          "Stop that process, or set NEO4J_LOCAL_DATA to another folder.",
      );
    case "PORT_IN_USE":
      return portInUse(settings.port);
    default:
      return new StartupError(
        "NEO4J_START_FAILED",
        `Neo4j exited (code ${code}) before it was ready: ${detail || stderrTail.slice(-5).join(" | ")}. ` +
          `Its log is ${path.join(settings.dataDir, "logs", "debug.log")}.`,
      );
  }
}

function portInUse(port: number): StartupError {
  return new StartupError(
    "PORT_IN_USE",
    `Port ${port} on 127.0.0.1 is already in use, so the local Neo4j cannot listen there. ` +
      "Set NEO4J_LOCAL_PORT to a free port, stop what uses it, or set NEO4J_URI to use that server.",
  );
}

/** Fails fast, before Java starts, when something already listens on the Bolt port. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", () => reject(portInUse(port)));
    probe.listen({ port, host: "127.0.0.1", exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** Asks the OS for a free TCP port on 127.0.0.1 (tests and the benchmark use it for their own Neo4j). */
export async function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen({ port: 0, host: "127.0.0.1" }, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
