/**
 * Gets what the local Neo4j needs onto this machine, once: a Java 17 or 21 runtime (checked, not installed),
 * the Neo4j Community, APOC Core and Graph Data Science jars from Maven Central (fetched with `mvn` using
 * neo4j/pom.xml), and our launcher (neo4j/LocalNeo4j.java) compiled with `javac`. Everything lands in the
 * cache folder (NEO4J_LOCAL_CACHE, by default the git-ignored `.neo4j/`); a finished step leaves a marker so
 * later starts skip it. The folders are keyed by the Neo4j version and a hash of the POM, so a change of
 * plugins or versions there fetches again instead of reusing a cache that lacks them.
 *
 * GDS is fetched in a second Maven pass (the POM's `gds` profile) and its jars — the ones the first pass did
 * not bring — are kept in their own folder, so the same cache starts Neo4j with or without GDS.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../config/index.js";
import { StartupError } from "../errors/index.js";

const run = promisify(execFile);

export const LAUNCHER_DIR = path.join(PROJECT_ROOT, "neo4j");
const POM = path.join(LAUNCHER_DIR, "pom.xml");
const LAUNCHER_SOURCE = path.join(LAUNCHER_DIR, "LocalNeo4j.java");
const COMPLETE = ".complete";

export interface Neo4jInstallation {
  readonly version: string;
  readonly java: string;
  /** `-cp` value: the compiled launcher plus every Neo4j and APOC jar (no GDS). */
  readonly classpath: string;
  /** Folder holding the APOC jars, passed to Neo4j as its plugin directory (no GDS). */
  readonly pluginDir: string;
  /** The same with Graph Data Science: its jars on the class path and in the plugin directory. */
  readonly gds: { readonly version: string; readonly classpath: string; readonly pluginDir: string };
}

export interface InstallLog {
  info(message: string): void;
}

/** Makes sure Java, the jars and the launcher are in place; fetches and compiles only what is missing. */
export async function installLocalNeo4j(cacheDir: string, log: InstallLog): Promise<Neo4jInstallation> {
  const { java, javac } = await findJava();
  const pom = await readFile(POM, "utf8");
  const version = pomProperty(pom, "neo4j.version");
  const gdsVersion = pomProperty(pom, "gds.version");
  const key = `${version}-${createHash("sha256").update(pom).digest("hex").slice(0, 8)}`;
  const libDir = path.join(cacheDir, `lib-${key}`);
  const gdsDir = path.join(cacheDir, `gds-${key}`);
  const pluginDir = path.join(cacheDir, `plugins-${key}`);
  const gdsPluginDir = path.join(cacheDir, `plugins-${key}-gds`);
  const ready = () => [libDir, gdsDir, pluginDir, gdsPluginDir].every((dir) => existsSync(path.join(dir, COMPLETE)));
  // Several processes may start a Neo4j at once (the test tiers do): one installs, the others wait for it, so
  // none reads a folder another is replacing and Maven never fetches the same jars twice at once.
  if (!ready()) {
    await withInstallLock(cacheDir, async () => {
      if (!existsSync(path.join(libDir, COMPLETE)) || !existsSync(path.join(gdsDir, COMPLETE))) {
        log.info(`Fetching Neo4j ${version}, APOC Core and GDS ${gdsVersion} from Maven Central (once; about 135 MB)…`);
        await fetchJars(libDir, gdsDir);
      }
      if (!existsSync(path.join(pluginDir, COMPLETE))) await preparePlugins(libDir, [], pluginDir);
      if (!existsSync(path.join(gdsPluginDir, COMPLETE))) await preparePlugins(libDir, [gdsDir], gdsPluginDir);
    });
  }
  const launcherDir = await compileLauncher(javac, libDir, cacheDir);
  const classpath = [launcherDir, path.join(libDir, "*")].join(path.delimiter);
  return {
    version,
    java,
    classpath,
    pluginDir,
    gds: {
      version: gdsVersion,
      classpath: [classpath, path.join(gdsDir, "*")].join(path.delimiter),
      pluginDir: gdsPluginDir,
    },
  };
}

/** A lock older than this belongs to an install that died (a first fetch takes a minute or two). */
const STALE_INSTALL_LOCK_MS = 20 * 60 * 1000;

/** Runs `install` holding the cache folder's install lock (a folder: creating it is atomic). */
async function withInstallLock(cacheDir: string, install: () => Promise<void>): Promise<void> {
  const lock = path.join(cacheDir, ".install.lock");
  await mkdir(cacheDir, { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const since = await stat(lock).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (since > STALE_INSTALL_LOCK_MS) await rm(lock, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  try {
    await install();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

function pomProperty(pom: string, name: string): string {
  const match = new RegExp(`<${name.replace(".", "\\.")}>([^<]+)</${name.replace(".", "\\.")}>`).exec(pom);
  if (!match?.[1]) throw new StartupError("BAD_LAUNCHER", `${POM} does not set <${name}>.`);
  return match[1];
}

/** Finds `java` and `javac` (JAVA_HOME first, then PATH) and checks the version Neo4j 5.26 supports. */
async function findJava(): Promise<{ java: string; javac: string }> {
  const home = process.env.JAVA_HOME;
  const java = home ? path.join(home, "bin", "java") : "java";
  const javac = home ? path.join(home, "bin", "javac") : "javac";
  const fix =
    "Install a JDK 17 (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless) or set JAVA_HOME to one, " +
    "or set NEO4J_URI to use a Neo4j server you already run.";
  let versionText: string;
  try {
    const { stderr, stdout } = await run(java, ["-version"], { timeout: 30_000 });
    versionText = `${stderr}${stdout}`;
  } catch {
    throw new StartupError("JAVA_NOT_FOUND", `Java not found (tried ${java}). ${fix}`);
  }
  const major = javaMajorVersion(versionText);
  if (major === undefined || major < 17 || major > 21) {
    throw new StartupError(
      "JAVA_UNSUPPORTED",
      `Neo4j 5.26 runs on Java 17 or 21, but ${java} is ${major ?? "of unknown version"}. ${fix}`,
    );
  }
  try {
    await run(javac, ["-version"], { timeout: 30_000 });
  } catch {
    throw new StartupError(
      "JAVAC_NOT_FOUND",
      `javac not found next to ${java}: a JDK, not only a JRE, is needed. ${fix}`,
    );
  }
  return { java, javac };
}

/** `openjdk version "17.0.15"` → 17; `java version "1.8.0_301"` → 8. */
export function javaMajorVersion(versionText: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionText);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

/**
 * Two passes of `copy-dependencies`: Neo4j and APOC into `libDir`, then the same plus the `gds` profile; the
 * jars only the second pass brings are GDS and its libraries, kept in `gdsDir`. If GDS changed the version
 * of a jar Neo4j uses, the two folders could not be put on one class path: that stops the install.
 */
async function fetchJars(libDir: string, gdsDir: string): Promise<void> {
  const staging = `${libDir}.partial-${process.pid}`;
  const withGds = `${gdsDir}.partial-${process.pid}`;
  try {
    await copyDependencies(staging, []);
    await copyDependencies(withGds, ["-Pgds"]);
    const core = new Set(await readdir(staging));
    const all = await readdir(withGds);
    const missing = [...core].filter((jar) => !all.includes(jar));
    if (missing.length > 0) {
      throw new StartupError(
        "BAD_LAUNCHER",
        `GDS in ${POM} changes jars Neo4j uses (${missing.slice(0, 3).join(", ")}); pin versions that agree.`,
      );
    }
    for (const jar of all) if (core.has(jar)) await rm(path.join(withGds, jar));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    await rm(withGds, { recursive: true, force: true });
    throw error;
  }
  for (const [from, to] of [
    [staging, libDir],
    [withGds, gdsDir],
  ] as const) {
    await writeFile(path.join(from, COMPLETE), new Date().toISOString());
    await rm(to, { recursive: true, force: true });
    await rename(from, to);
  }
}

async function copyDependencies(outputDirectory: string, extra: readonly string[]): Promise<void> {
  await rm(outputDirectory, { recursive: true, force: true });
  const args = [
    "-B",
    "-q",
    "-f",
    POM,
    ...extra,
    "dependency:copy-dependencies",
    `-DoutputDirectory=${outputDirectory}`,
    "-DincludeScope=runtime",
  ];
  try {
    await run("mvn", args, { timeout: 20 * 60_000, maxBuffer: 16 << 20 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failure.code === "ENOENT") {
      throw new StartupError(
        "MAVEN_NOT_FOUND",
        "Maven (mvn) not found; it fetches Neo4j from Maven Central on the first start. " +
          "Install it (apt-get install maven) or set NEO4J_URI to use a Neo4j server you already run.",
      );
    }
    const said = `${failure.stdout ?? ""}${failure.stderr ?? ""}`.trim().split("\n").slice(-5).join(" | ");
    throw new StartupError(
      "NEO4J_DOWNLOAD_FAILED",
      "Could not fetch Neo4j from Maven Central: check that https://repo.maven.apache.org is reachable " +
        `(proxies go in ~/.m2/settings.xml), or set NEO4J_URI. Maven said: ${said}`,
    );
  }
}

/**
 * Neo4j loads procedures from its plugin directory: give APOC (and, in the GDS variant, every GDS jar) a
 * folder of their own. In embedded mode the same jars are also on the class path, which is where Neo4j
 * finds GDS's extension.
 */
async function preparePlugins(libDir: string, extraDirs: readonly string[], pluginDir: string): Promise<void> {
  await rm(pluginDir, { recursive: true, force: true });
  await mkdir(pluginDir, { recursive: true });
  const apocJars = (await readdir(libDir)).filter((name) => /^apoc-(core|common)-.*\.jar$/.test(name));
  if (apocJars.length < 2)
    throw new StartupError("BAD_LAUNCHER", `APOC jars missing from ${libDir}; delete it and start again.`);
  for (const jar of apocJars) await copyFile(path.join(libDir, jar), path.join(pluginDir, jar));
  for (const dir of extraDirs) {
    for (const jar of (await readdir(dir)).filter((name) => name.endsWith(".jar")))
      await copyFile(path.join(dir, jar), path.join(pluginDir, jar));
  }
  await writeFile(path.join(pluginDir, COMPLETE), new Date().toISOString());
}

/** Compiles the launcher once per version of its source (the folder name carries the source's hash). */
async function compileLauncher(javac: string, libDir: string, cacheDir: string): Promise<string> {
  const source = await readFile(LAUNCHER_SOURCE);
  const hash = createHash("sha256").update(source).update(libDir).digest("hex").slice(0, 12);
  const outDir = path.join(cacheDir, `launcher-${hash}`);
  if (existsSync(path.join(outDir, COMPLETE))) return outDir;
  await withInstallLock(cacheDir, async () => {
    if (!existsSync(path.join(outDir, COMPLETE))) await compileInto(javac, libDir, outDir);
  });
  return outDir;
}

async function compileInto(javac: string, libDir: string, outDir: string): Promise<void> {
  const staging = `${outDir}.partial-${process.pid}`;
  await mkdir(staging, { recursive: true });
  try {
    await run(javac, ["-d", staging, "-cp", path.join(libDir, "*"), LAUNCHER_SOURCE], { timeout: 120_000 });
  } catch (error) {
    const failure = error as { stderr?: string };
    throw new StartupError("BAD_LAUNCHER", `Could not compile ${LAUNCHER_SOURCE}: ${failure.stderr ?? String(error)}`);
  }
  await writeFile(path.join(staging, COMPLETE), new Date().toISOString());
  await rm(outDir, { recursive: true, force: true });
  await rename(staging, outDir).catch(async () => rm(staging, { recursive: true, force: true }));
}
