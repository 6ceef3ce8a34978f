/**
 * All configuration comes from environment variables, parsed once here. The README's "Configuration"
 * table lists the same variables; a unit test checks every one of them is documented.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { StartupError } from "../errors/index.js";

export { DEFAULT_LIST_SIZE, MAX_LIST_SIZE } from "./list-size.js";

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

const positiveInt = z.coerce.number().int().positive();
const nonNegativeInt = z.coerce.number().int().min(0);
const trustProxyHint = "false, true, a number of proxy hops, or addresses/subnets (express's `trust proxy`)";
/** A Redis address; the regular expression first, so a wrong scheme gets the plainer message. */
const redisUrl = z
  .string()
  .regex(/^rediss?:\/\/.+/, "a redis:// or rediss:// address")
  .refine((value) => URL.canParse(value), "a redis:// or rediss:// address that parses as a URL");
/** Where readers send accessibility feedback: an e-mail address, or a feedback form's http(s) address. */
const contact = z
  .string()
  .refine(
    (value) => /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(value) || (/^https?:\/\//.test(value) && URL.canParse(value)),
    "an e-mail address or an http(s):// address of a feedback form",
  );
const flag = z.enum(["true", "false", "1", "0", "on", "off"]).transform((value) => ["true", "1", "on"].includes(value));

const EnvSchema = z.object({
  NODE_ENV: z.string().default("development"),
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
  NEO4J_LOCAL_GDS: flag.default(true),
  SEED_ON_START: z.enum(["auto", "always", "never"]).default("auto"),
  NEO4J_TX_TIMEOUT_MS: positiveInt.default(15_000),
  NEO4J_CONNECTION_TIMEOUT_MS: positiveInt.default(3_000),
  NEO4J_MAX_RETRY_MS: z.coerce.number().int().min(0).default(500),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters (256 bits) for HS256").optional(),
  JWT_JWKS_URL: z.url().optional(),
  JWT_ALGORITHMS: z.string().optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  JWT_ROLES_CLAIM: z
    .string()
    .regex(/^[\w.:/-]{1,200}$/, "a claim name, or a dotted path such as realm_access.roles")
    .default("roles"),
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  OIDC_SCOPES: z
    .string()
    .regex(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, "space-separated scopes (RFC 6749 §3.3)")
    .default("openid profile"),
  MAX_QUERY_DEPTH: positiveInt.default(15),
  MAX_QUERY_ALIASES: positiveInt.default(30),
  MAX_QUERY_DIRECTIVES: positiveInt.default(20),
  MAX_QUERY_COST: positiveInt.default(1_000_000),
  MAX_QUERY_TOKENS: positiveInt.default(5_000),
  MAX_QUERY_NESTING: positiveInt.default(40),
  MAX_QUERY_SELECTIONS: positiveInt.default(2_000),
  MAX_FILTER_DEPTH: positiveInt.default(6),
  MAX_FILTER_TERMS: positiveInt.default(100),
  MAX_FILTER_COST: positiveInt.default(10_000),
  FILTER_FANOUT: positiveInt.default(10),
  RATE_LIMIT_WINDOW_MS: positiveInt.default(60_000),
  RATE_LIMIT_GRAPHQL: nonNegativeInt.default(600),
  RATE_LIMIT_EXPORT: nonNegativeInt.default(10),
  RATE_LIMIT_RECONCILE: nonNegativeInt.default(600),
  EXPORT_MAX_PER_CLIENT: positiveInt.default(2),
  EXPORT_MAX_CONCURRENT: positiveInt.default(4),
  EXPORT_PAGE_SIZE: positiveInt.default(5_000),
  TRUST_PROXY: z
    .string()
    .regex(/^[\w.:/, -]+$/, trustProxyHint)
    .default("false"),
  MAX_BODY_BYTES: positiveInt.default(100_000),
  MAX_EDITOR_DELETES: z.coerce.number().int().min(0).default(10),
  // The gates in front of graph algorithm runs and whole-graph reads (src/resolvers/gds-gate.ts).
  ALGORITHM_CONCURRENT: positiveInt.default(1),
  ALGORITHM_WAITING: nonNegativeInt.default(8),
  ALGORITHM_WAITING_PER_CLIENT: nonNegativeInt.default(3),
  ALGORITHM_RUNS_PER_WINDOW: nonNegativeInt.default(30),
  SCAN_CONCURRENT: positiveInt.default(2),
  SCAN_WAITING: nonNegativeInt.default(16),
  SCAN_WAITING_PER_CLIENT: nonNegativeInt.default(8),
  HTTP_REQUEST_TIMEOUT_MS: positiveInt.default(30_000),
  HTTP_HEADERS_TIMEOUT_MS: positiveInt.default(10_000),
  INTROSPECTION: flag.default(true),
  FIELD_SUGGESTIONS: flag.optional(),
  WEB_PAGES: flag.default(true),
  ACCESSIBILITY_CONTACT: contact.optional(),
  RESULT_CACHE: flag.default(true),
  RESULT_CACHE_TTL_MS: nonNegativeInt.default(300_000),
  RESULT_CACHE_MAX_SIZE: bytes.default(64 * 1024 * 1024),
  RESULT_CACHE_REDIS_URL: redisUrl.optional(),
  LIMITS_REDIS_URL: redisUrl.optional(),
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
  /** Server-side transaction timeout of the local Neo4j (NEO4J_TX_TIMEOUT_MS). */
  readonly transactionTimeoutMs: number;
  /** Load the Graph Data Science plugin (centrality, communities); false starts Neo4j with APOC only. */
  readonly gds: boolean;
}

/** How tokens are checked. With neither `secret` nor `jwksUrl` the server is read-only. */
export interface AuthSettings {
  /** HS256 shared secret. */
  readonly secret: string | undefined;
  /** JSON Web Key Set address (for RS256 / ES256 / … tokens from an identity provider). */
  readonly jwksUrl: string | undefined;
  /** Algorithms accepted; anything else (and `none`) is refused. */
  readonly algorithms: readonly string[];
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
  /**
   * Where the roles are in a token: a claim name (`roles`), or a dotted path into nested claims
   * (`realm_access.roles` for Keycloak). A claim whose name has dots (Auth0's `https://…/roles`) is tried whole first.
   */
  readonly rolesClaim: string;
  /** Derive the JWKS from this issuer's discovery document (OIDC_ISSUER without JWT_JWKS_URL). */
  readonly discoveryIssuer: string | undefined;
}

/**
 * The explorer's sign-in (OpenID Connect, authorization code + PKCE): what the page may know, all of it public.
 * The API verifies the provider's access tokens with the settings in `AuthSettings`.
 */
export interface OidcSettings {
  readonly issuer: string;
  /** The explorer's client id at the provider (a public client: no secret). */
  readonly clientId: string;
  readonly scopes: string;
}

/** Limits applied to every request before any Cypher runs (see README → Security and operations). */
/** One gate: how many run at once, how many may wait in all and per client. */
export interface GateSettings {
  readonly concurrent: number;
  readonly waiting: number;
  readonly waitingPerClient: number;
}

export interface WorkLimits {
  /** Graph algorithm runs (centrality, communities); `runsPerWindow` per client per RATE_LIMIT_WINDOW_MS (0: none). */
  readonly algorithms: GateSettings & { readonly runsPerWindow: number; readonly windowMs: number };
  /** Questions that read every relationship (whole-graph compare, activitySeries, corroboration). */
  readonly scans: GateSettings;
}

export interface RequestLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  readonly maxCost: number;
  /** Lexical tokens in the query text. */
  readonly maxTokens: number;
  /** Nesting of brackets in the query text, of values in the variables, and of fragment spreads. */
  readonly maxNesting: number;
  /** Field selections after every fragment is expanded. */
  readonly maxSelections: number;
  /** Nesting of AND/OR/NOT and relationship filters inside one `where`. */
  readonly maxFilterDepth: number;
  /** Predicates in all the operation's filters (after fragment expansion). */
  readonly maxFilterTerms: number;
  /** Estimated filter work: predicates weighted by operand size and by fan-out per relationship filter. */
  readonly maxFilterCost: number;
  /** Related records a relationship filter (some/all/none/single/aggregate) is assumed to visit per record. */
  readonly filterFanout: number;
  readonly maxBodyBytes: number;
  /** Records one write by an editor may delete, cascades included (`admin` has no limit). */
  readonly maxEditorDeletes: number;
  /** The gates of the expensive research questions (src/resolvers/gds-gate.ts). */
  readonly work: WorkLimits;
  readonly requestTimeoutMs: number;
  readonly headersTimeoutMs: number;
  /** Per-transaction timeout in Neo4j for every query the API runs. */
  readonly transactionTimeoutMs: number;
  readonly introspection: boolean;
  /** "Did you mean …?" hints in validation errors (off in production unless asked for). */
  readonly fieldSuggestions: boolean;
}

/** Per-client request rates (0: no limit) and how clients are told apart. */
export interface RateLimits {
  readonly windowMs: number;
  /** Requests to /graphql per client per window. */
  readonly graphql: number;
  /** Requests to /export per client per window. */
  readonly export: number;
  /** Requests to /reconcile (OpenRefine's reconciliation service) per client per window. */
  readonly reconcile: number;
  /** express's `trust proxy`: whose X-Forwarded-For to believe for a client's address. */
  readonly trustProxy: boolean | number | string;
  /**
   * Count the request rates and the export slots in this Redis, shared by every API process that uses it
   * (LIMITS_REDIS_URL, else RESULT_CACHE_REDIS_URL); undefined: in this process's memory.
   */
  readonly redisUrl: string | undefined;
}

/** How exports are read and how many may run at once. */
export interface ExportLimits {
  readonly maxPerClient: number;
  readonly maxConcurrent: number;
  /** Records per read transaction. */
  readonly pageSize: number;
}

/**
 * The result cache (src/result-cache): answers of read operations, keyed by the operation, its variables, the
 * caller's roles and the graph's version, so a write through the write path makes every earlier answer
 * unreachable at once.
 */
export interface ResultCacheSettings {
  readonly enabled: boolean;
  /**
   * An answer is dropped this long after it was stored, whatever the version (0: kept until the version moves
   * or the cache is full). Bounds how stale an answer can be when something writes to Neo4j outside the write path.
   */
  readonly ttlMs: number;
  /** Memory the in-process cache may hold (answers counted as JSON text); one answer may take an eighth. */
  readonly maxSizeBytes: number;
  /** Keep the answers in this Redis, shared by every API process that uses it (the version stays in Neo4j). */
  readonly redisUrl: string | undefined;
}

/** Driver settings that decide how fast a dead database is noticed. */
export interface DriverTimeouts {
  readonly connectionTimeoutMs: number;
  readonly maxRetryMs: number;
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
  readonly auth: AuthSettings;
  /** Sign-in in the explorer; undefined when OIDC_ISSUER is not set (editing then needs a token from elsewhere). */
  readonly oidc: OidcSettings | undefined;
  readonly limits: RequestLimits;
  readonly rateLimits: RateLimits;
  readonly exports: ExportLimits;
  readonly driver: DriverTimeouts;
  /** Build (when needed) and serve the explorer and GraphiQL pages. */
  readonly webPages: boolean;
  /** Where the accessibility statement asks readers to send feedback; undefined: the statement says none is set. */
  readonly accessibilityContact: string | undefined;
  readonly resultCache: ResultCacheSettings;
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
  if (e.JWT_SECRET && e.JWT_JWKS_URL) {
    throw new StartupError(
      "BAD_CONFIG",
      "Set either JWT_SECRET or JWT_JWKS_URL, not both. See README → Security and operations.",
    );
  }
  if (e.OIDC_ISSUER && !e.OIDC_CLIENT_ID) {
    throw new StartupError(
      "BAD_CONFIG",
      "OIDC_ISSUER needs OIDC_CLIENT_ID (the explorer's client id at the provider). See README → Sign-in.",
    );
  }
  if (e.OIDC_ISSUER && e.JWT_SECRET) {
    throw new StartupError(
      "BAD_CONFIG",
      "Set either JWT_SECRET or OIDC_ISSUER, not both: with OIDC_ISSUER the API accepts only the provider's tokens. See README → Sign-in.",
    );
  }
  if (e.OIDC_ISSUER && !e.JWT_AUDIENCE) {
    throw new StartupError(
      "BAD_CONFIG",
      "OIDC_ISSUER needs JWT_AUDIENCE (the `aud` of the provider's access tokens for this API), so tokens the provider issues for other applications are refused. See README → Sign-in.",
    );
  }
  const issuer = e.JWT_ISSUER ?? e.OIDC_ISSUER;
  if (e.OIDC_ISSUER && issuer !== e.OIDC_ISSUER) {
    throw new StartupError("BAD_CONFIG", "JWT_ISSUER must equal OIDC_ISSUER when both are set.");
  }
  const algorithms = (e.JWT_ALGORITHMS ?? (e.JWT_SECRET ? "HS256" : "RS256,ES256"))
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  if (algorithms.some((name) => name.toLowerCase() === "none")) {
    throw new StartupError("BAD_CONFIG", "JWT_ALGORITHMS must not include `none`.");
  }
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
      transactionTimeoutMs: e.NEO4J_TX_TIMEOUT_MS,
      gds: e.NEO4J_LOCAL_GDS,
    },
    seedOnStart: e.SEED_ON_START,
    auth: {
      secret: e.JWT_SECRET,
      jwksUrl: e.JWT_JWKS_URL,
      algorithms,
      issuer,
      audience: e.JWT_AUDIENCE,
      rolesClaim: e.JWT_ROLES_CLAIM,
      discoveryIssuer: e.JWT_JWKS_URL ? undefined : e.OIDC_ISSUER,
    },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, scopes: e.OIDC_SCOPES }
        : undefined,
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxAliases: e.MAX_QUERY_ALIASES,
      maxDirectives: e.MAX_QUERY_DIRECTIVES,
      maxCost: e.MAX_QUERY_COST,
      maxTokens: e.MAX_QUERY_TOKENS,
      maxNesting: e.MAX_QUERY_NESTING,
      maxSelections: e.MAX_QUERY_SELECTIONS,
      maxFilterDepth: e.MAX_FILTER_DEPTH,
      maxFilterTerms: e.MAX_FILTER_TERMS,
      maxFilterCost: e.MAX_FILTER_COST,
      filterFanout: e.FILTER_FANOUT,
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxEditorDeletes: e.MAX_EDITOR_DELETES,
      work: {
        algorithms: {
          concurrent: e.ALGORITHM_CONCURRENT,
          waiting: e.ALGORITHM_WAITING,
          waitingPerClient: e.ALGORITHM_WAITING_PER_CLIENT,
          runsPerWindow: e.ALGORITHM_RUNS_PER_WINDOW,
          windowMs: e.RATE_LIMIT_WINDOW_MS,
        },
        scans: { concurrent: e.SCAN_CONCURRENT, waiting: e.SCAN_WAITING, waitingPerClient: e.SCAN_WAITING_PER_CLIENT },
      },
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      transactionTimeoutMs: e.NEO4J_TX_TIMEOUT_MS,
      introspection: e.INTROSPECTION,
      fieldSuggestions: e.FIELD_SUGGESTIONS ?? e.NODE_ENV !== "production",
    },
    rateLimits: {
      windowMs: e.RATE_LIMIT_WINDOW_MS,
      graphql: e.RATE_LIMIT_GRAPHQL,
      export: e.RATE_LIMIT_EXPORT,
      reconcile: e.RATE_LIMIT_RECONCILE,
      trustProxy: parseTrustProxy(e.TRUST_PROXY),
      // Processes that share their answers share their limits too, unless the limits have a Redis of their own.
      redisUrl: e.LIMITS_REDIS_URL ?? e.RESULT_CACHE_REDIS_URL,
    },
    exports: {
      maxPerClient: e.EXPORT_MAX_PER_CLIENT,
      maxConcurrent: e.EXPORT_MAX_CONCURRENT,
      pageSize: e.EXPORT_PAGE_SIZE,
    },
    driver: { connectionTimeoutMs: e.NEO4J_CONNECTION_TIMEOUT_MS, maxRetryMs: e.NEO4J_MAX_RETRY_MS },
    webPages: e.WEB_PAGES,
    accessibilityContact: e.ACCESSIBILITY_CONTACT,
    resultCache: {
      enabled: e.RESULT_CACHE,
      ttlMs: e.RESULT_CACHE_TTL_MS,
      maxSizeBytes: e.RESULT_CACHE_MAX_SIZE,
      redisUrl: e.RESULT_CACHE_REDIS_URL,
    },
  };
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === "true" || value === "false") return value === "true";
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The variables `loadConfig` reads, for the documentation test. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);
