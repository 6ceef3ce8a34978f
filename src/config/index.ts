/**
 * All configuration comes from environment variables, parsed once here. The README's "Configuration"
 * table lists the same variables; a unit test checks every one of them is documented.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { StartupError } from "../errors/index.js";

/** The project's root folder (where package.json lives), whether running from src/ or dist/src/. */
export const PROJECT_ROOT = findProjectRoot();

function findProjectRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // src/config → root; dist/src/config → root
  const up = here.includes(`${path.sep}dist${path.sep}`) ? "../../.." : "../..";
  return path.resolve(here, up);
}

const port = z.coerce.number().int().min(1).max(65535);
const bytes = z
  .string()
  .regex(/^\d+[kmg]?$/i, "a size such as 512m or 1g")
  .transform(parseSize);

function parseSize(value: string): number {
  const unit = value.slice(-1).toLowerCase();
  const scale = unit === "k" ? 1 << 10 : unit === "m" ? 1 << 20 : unit === "g" ? 1 << 30 : 1;
  return Number.parseInt(value, 10) * scale;
}

const EnvSchema = z.object({
  PORT: port.default(4000),
  HOST: z.string().min(1).default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, "a bolt://, neo4j://, bolt+s:// or neo4j+s:// address")
    .optional(),
  NEO4J_USER: z.string().default("neo4j"),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().min(1).default("neo4j"),
  NEO4J_LOCAL_PORT: port.default(7687),
  NEO4J_LOCAL_DATA: z.string().min(1).default(".neo4j/data"),
  NEO4J_LOCAL_CACHE: z.string().min(1).default(".neo4j"),
  NEO4J_LOCAL_HEAP: bytes.default(512 * 1024 * 1024),
  NEO4J_LOCAL_PAGECACHE: bytes.default(256 * 1024 * 1024),
  NEO4J_LOCAL_START_TIMEOUT_MS: z.coerce.number().int().min(1000).default(180_000),
  SEED_ON_START: z.enum(["auto", "always", "never"]).default("auto"),
});

export type Env = z.input<typeof EnvSchema>;

export interface Neo4jConnection {
  readonly uri: string;
  readonly user: string;
  readonly password: string | undefined;
  readonly database: string;
}

export interface LocalNeo4jSettings {
  readonly port: number;
  /** Absolute path of the store folder. */
  readonly dataDir: string;
  /** Absolute path of the folder holding the jars and the compiled launcher. */
  readonly cacheDir: string;
  readonly heapBytes: number;
  readonly pageCacheBytes: number;
  readonly startTimeoutMs: number;
}

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  /** Set when NEO4J_URI is: use that server and start nothing. */
  readonly external: Neo4jConnection | undefined;
  /** Used when NEO4J_URI is not set: the project starts its own Neo4j. */
  readonly local: LocalNeo4jSettings;
  readonly database: string;
  /** `auto` loads the curated graph into an empty database; `always` reloads it; `never` leaves it. */
  readonly seedOnStart: "auto" | "always" | "never";
}

/** Reads the environment; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new StartupError("BAD_CONFIG", `Invalid configuration: ${problems.join("; ")}. See README → Configuration.`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    database: e.NEO4J_DATABASE,
    external: e.NEO4J_URI
      ? { uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD, database: e.NEO4J_DATABASE }
      : undefined,
    local: {
      port: e.NEO4J_LOCAL_PORT,
      dataDir: path.resolve(PROJECT_ROOT, e.NEO4J_LOCAL_DATA),
      cacheDir: path.resolve(PROJECT_ROOT, e.NEO4J_LOCAL_CACHE),
      heapBytes: e.NEO4J_LOCAL_HEAP,
      pageCacheBytes: e.NEO4J_LOCAL_PAGECACHE,
      startTimeoutMs: e.NEO4J_LOCAL_START_TIMEOUT_MS,
    },
    seedOnStart: e.SEED_ON_START,
  };
}

/** The variables `loadConfig` reads, for the documentation test. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);
