/**
 * All configuration comes from environment variables, parsed once here. Each variable is documented where it
 * is declared (`doc(schema, group, default, meaning)`); docs/configuration.md's tables are rendered from that.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { StartupError } from "../errors/index.js";
import { doc, renderConfigurationTables } from "./documented.js";

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
  // The server
  PORT: doc(port.default(4000), "server", "`4000`", "HTTP port of the API."),
  HOST: doc(
    z.string().min(1).default("127.0.0.1"),
    "server",
    "`127.0.0.1`",
    "Interface to listen on (`0.0.0.0` to accept other machines, as in Docker).",
  ),
  LOG_LEVEL: doc(
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    "server",
    "`info`",
    "`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`. Logs are JSON lines (pino) on stdout.",
  ),
  NODE_ENV: doc(
    z.string().default("development"),
    "server",
    "`development`",
    "`production` hides field suggestions in error messages.",
  ),
  ACCESSIBILITY_CONTACT: doc(
    contact.optional(),
    "server",
    "—",
    "Where the accessibility statement (`/accessibility`) asks readers to send feedback: an e-mail address or the `http(s)://` address of a feedback form. Not set: the statement says no address has been given.",
  ),
  PUBLIC_URL: doc(
    z
      .url({ protocol: /^https?$/ })
      .refine((value) => {
        if (!/^https?:\/\//i.test(value)) return false;
        const url = new URL(value);
        return url.search === "" && url.hash === "" && url.username === "" && url.password === "";
      }, "an http(s) address without a query, a fragment or credentials")
      .transform((value) => value.replace(/\/+$/, ""))
      .optional(),
    "server",
    "—",
    "The address clients reach this server at (`https://kg.example.org`, or with a path prefix behind a proxy), written into the reconciliation manifest's links. Not set: each manifest is built from the request's own `Host` and scheme (behind a proxy, as `TRUST_PROXY` lets the server read them).",
  ),
  WEB_PAGES: doc(
    flag.default(true),
    "server",
    "`true`",
    "Build (when needed) and serve `/explorer` and `/graphiql`; `false` serves the API alone.",
  ),
  TRUST_PROXY: doc(
    z
      .string()
      .regex(/^[\w.:/, -]+$/, trustProxyHint)
      .default("false"),
    "server",
    "`false`",
    "Express's `trust proxy`: behind a proxy set the number of hops (`1`) or its addresses, or every client shares the proxy's address and limit.",
  ),
  MAX_BODY_BYTES: doc(positiveInt.default(100_000), "server", "`100000`", "Request body size (413 beyond)."),
  HTTP_HEADERS_TIMEOUT_MS: doc(
    positiveInt.default(10_000),
    "server",
    "`10000`",
    "Time to receive the headers; a client still sending them then is disconnected.",
  ),
  HTTP_REQUEST_TIMEOUT_MS: doc(positiveInt.default(30_000), "server", "`30000`", "Time to receive a whole request."),
  INTROSPECTION: doc(flag.default(true), "server", "`true`", "`false` turns introspection off."),
  FIELD_SUGGESTIONS: doc(
    flag.optional(),
    "server",
    "on, off when `NODE_ENV=production`",
    '"Did you mean …?" in validation errors.',
  ),
  // Neo4j
  NEO4J_URI: doc(
    z
      .string()
      .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, "a bolt://, neo4j://, bolt+s:// or neo4j+s:// address")
      .optional(),
    "neo4j",
    "—",
    "Use this Neo4j (`bolt://`, `neo4j://`, `bolt+s://`, `neo4j+s://`) instead of starting one.",
  ),
  NEO4J_USER: doc(z.string().default("neo4j"), "neo4j", "`neo4j`", "User for `NEO4J_URI`."),
  NEO4J_PASSWORD: doc(
    z.string().optional(),
    "neo4j",
    "—",
    "Password for `NEO4J_URI` (none: connect without authentication).",
  ),
  NEO4J_DATABASE: doc(z.string().min(1).default("neo4j"), "neo4j", "`neo4j`", "Database name."),
  NEO4J_TX_TIMEOUT_MS: doc(
    positiveInt.default(15_000),
    "neo4j",
    "`15000`",
    'per-transaction timeout in Neo4j (sent with every transaction; also the local Neo4j\'s own setting). A query stopped by it answers **504 `QUERY_TIMEOUT`**; one refused memory by Neo4j answers **422 `QUERY_MEMORY_LIMIT`**. Neither says "try again": the same query would meet the same limit.',
  ),
  NEO4J_CONNECTION_TIMEOUT_MS: doc(positiveInt.default(3_000), "neo4j", "`3000`", "give up connecting after this long"),
  NEO4J_MAX_RETRY_MS: doc(
    z.coerce.number().int().min(0).default(500),
    "neo4j",
    "`500`",
    "retry transient failures for this long (the driver's default is 30 s)",
  ),
  SEED_ON_START: doc(
    z.enum(["auto", "always", "never"]).default("auto"),
    "neo4j",
    "`auto`",
    "`auto`: load the curated graph into an empty database; `always`: reload it on every start (through the write path: unchanged records stay, later edits are kept and logged as conflicts); `never`.",
  ),
  // The local Neo4j (when `NEO4J_URI` is not set)
  NEO4J_LOCAL_PORT: doc(port.default(7687), "local", "`7687`", "Bolt port of the local Neo4j (127.0.0.1 only)."),
  NEO4J_LOCAL_DATA: doc(
    z.string().min(1).default(".neo4j/data"),
    "local",
    "`.neo4j/data`",
    "Store folder of the local Neo4j.",
  ),
  NEO4J_LOCAL_CACHE: doc(
    z.string().min(1).default(".neo4j"),
    "local",
    "`.neo4j`",
    "Where the Neo4j jars and the compiled launcher are kept.",
  ),
  NEO4J_LOCAL_HEAP: doc(
    bytes.default(512 * 1024 * 1024),
    "local",
    "`512m`",
    "JVM heap of the local Neo4j (`k`, `m`, `g`).",
  ),
  NEO4J_LOCAL_PAGECACHE: doc(bytes.default(256 * 1024 * 1024), "local", "`256m`", "Page cache of the local Neo4j."),
  NEO4J_LOCAL_START_TIMEOUT_MS: doc(
    z.coerce.number().int().min(1000).default(180_000),
    "local",
    "`180000`",
    "Give up if the local Neo4j is not ready by then.",
  ),
  NEO4J_LOCAL_GDS: doc(
    flag.default(true),
    "local",
    "`true`",
    "Load Graph Data Science into the local Neo4j; `false` starts it with APOC only (centrality and communities then answer `GDS_UNAVAILABLE`).",
  ),
  NEO4J_LOCAL_JIT: doc(
    z.enum(["full", "quick"]).default("full"),
    "local",
    "`full`",
    "How the local Neo4j's JVM compiles: `full` (the JVM's default, for a server that runs long); `quick` stops at the first compiler tier (`-XX:TieredStopAtLevel=1`): a start costs about half the CPU and heavy queries run slower. The tests use `quick`.",
  ),
  // Tokens and sign-in
  JWT_SECRET: doc(
    z.string().min(32, "must be at least 32 characters (256 bits) for HS256").optional(),
    "tokens",
    "—",
    "HS256 shared secret (32+ characters).",
  ),
  JWT_JWKS_URL: doc(
    z.url().optional(),
    "tokens",
    "—",
    "JSON Web Key Set of your identity provider (instead of `JWT_SECRET`).",
  ),
  JWT_ALGORITHMS: doc(
    z.string().optional(),
    "tokens",
    "`HS256` with a secret, `RS256,ES256` with JWKS",
    "Accepted algorithms (`none` is refused at start-up).",
  ),
  JWT_ISSUER: doc(z.string().min(1).optional(), "tokens", "—", "Required `iss`."),
  JWT_AUDIENCE: doc(z.string().min(1).optional(), "tokens", "—", "Required `aud` (required with `OIDC_ISSUER`)."),
  JWT_ROLES_CLAIM: doc(
    z
      .string()
      .regex(/^[\w.:/-]{1,200}$/, "a claim name, or a dotted path such as realm_access.roles")
      .default("roles"),
    "tokens",
    "`roles`",
    "Where a token's roles are: a claim name (`roles`; a namespaced one such as `https://example.org/roles` is taken whole) or a dotted path into nested claims (`realm_access.roles`).",
  ),
  OIDC_ISSUER: doc(
    z.url({ protocol: /^https?$/ }).optional(),
    "tokens",
    "—",
    "The OpenID provider the explorer signs in with (its issuer URL, exactly as in its tokens' `iss`). The API then accepts only its access tokens: keys from `<issuer>/.well-known/openid-configuration` → `jwks_uri` (unless `JWT_JWKS_URL` is set), `JWT_ISSUER` defaults to it. Not together with `JWT_SECRET`.",
  ),
  OIDC_CLIENT_ID: doc(
    z.string().min(1).max(200).optional(),
    "tokens",
    "—",
    "The explorer's client id at the provider: a public client (no secret), authorization code with PKCE, redirect URI `<your server>/explorer`.",
  ),
  OIDC_SCOPES: doc(
    z
      .string()
      .regex(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, "space-separated scopes (RFC 6749 §3.3)")
      .default("openid profile"),
    "tokens",
    "`openid profile`",
    "Scopes the explorer asks for; add the API's scope where the provider issues API tokens by scope (Entra ID: `api://<app id>/<scope>`).",
  ),
  MAX_EDITOR_DELETES: doc(
    z.coerce.number().int().min(0).default(10),
    "tokens",
    "`10`",
    "Records one write by an `editor` may delete, an entity's relationships included; `admin` has no limit.",
  ),
  // Query limits (checked before any Cypher runs)
  MAX_QUERY_TOKENS: doc(
    positiveInt.default(5_000),
    "query",
    "`5000`",
    "Lexical tokens (names, punctuation, values; comments are free); put long values in variables.",
  ),
  MAX_QUERY_NESTING: doc(
    positiveInt.default(40),
    "query",
    "`40`",
    "Nesting of `{ [ (` in the text, of objects and lists in the variables, and of fragments spreading fragments.",
  ),
  MAX_QUERY_SELECTIONS: doc(
    positiveInt.default(2_000),
    "query",
    "`2000`",
    'Selections (fields, fragment spreads, inline fragments) once every fragment is expanded — counted without expanding, so a fragment "bomb" of 1.7 KB that expands to 12 million selections is refused in milliseconds.',
  ),
  MAX_QUERY_DEPTH: doc(
    positiveInt.default(15),
    "query",
    "`15`",
    "Field nesting (introspection excepted); a two-hop connection query is depth 8.",
  ),
  MAX_QUERY_ALIASES: doc(positiveInt.default(30), "query", "`30`", "Aliases per operation."),
  MAX_QUERY_DIRECTIVES: doc(positiveInt.default(20), "query", "`20`", "Directives per operation."),
  MAX_QUERY_COST: doc(
    positiveInt.default(1_000_000),
    "query",
    "`1000000`",
    "Estimated cost: each list counts the items it may return (`limit`/`first`, else the `@limit` default 50, at most 1000), so a five-hop fan-out costs over 50⁶ while `offices → funders → partners` costs about 130 000; a graph algorithm run adds 250 000 and a whole-graph read 100 000 (see [Research over time](research.md#research-over-time)); a neighbourhood's `total` adds 1000 (the walk that counts it).",
  ),
  MAX_FILTER_DEPTH: doc(
    positiveInt.default(6),
    "query",
    "`6`",
    "How deep `AND`/`OR`/`NOT` and relationship filters (`some`, `all`, `none`, `single`, `aggregate`) nest in one `where`.",
  ),
  MAX_FILTER_TERMS: doc(
    positiveInt.default(100),
    "query",
    "`100`",
    'Predicates (`name: { contains: "x" }` is one) in all the operation\'s filters, counted once per fragment spread; for many values of one field use `in: [...]` (one predicate).',
  ),
  MAX_FILTER_COST: doc(
    positiveInt.default(10_000),
    "query",
    "`10000`",
    "Each predicate weighs 1, plus 1 per 100 characters of string operand and 1 per 10 `in` entries, times `FILTER_FANOUT` for each relationship filter around it: four nested `some` cost 10 000, five are refused.",
  ),
  FILTER_FANOUT: doc(
    positiveInt.default(10),
    "query",
    "`10`",
    "The related records a relationship filter is assumed to visit per record.",
  ),
  ANONYMOUS_SAVED_DOCUMENTS_ONLY: doc(
    flag.default(false),
    "query",
    "`false`",
    "`true`: callers without a token may send only the [saved questions'](dashboards.md) documents to `/graphql` (by `documentId`, or their exact text); anything else answers 401 `UNAUTHENTICATED`. The explorer sends its own documents, so leave it off where the explorer is served to the public.",
  ),
  // Rates and exports (per client)
  RATE_LIMIT_WINDOW_MS: doc(
    positiveInt.default(60_000),
    "rates",
    "`60000`",
    "The window of the per-client rates and of `ALGORITHM_RUNS_PER_WINDOW`.",
  ),
  RATE_LIMIT_GRAPHQL: doc(
    nonNegativeInt.default(600),
    "rates",
    "`600`",
    "Requests to `/graphql` per client per window (0: no limit).",
  ),
  RATE_LIMIT_EXPORT: doc(
    nonNegativeInt.default(10),
    "rates",
    "`10`",
    "Requests to `/export` per client per window (0: no limit).",
  ),
  RATE_LIMIT_RECONCILE: doc(
    nonNegativeInt.default(600),
    "rates",
    "`600`",
    "Requests to `/reconcile` (manifest, batches, suggest, preview) per client per window (0: no limit); OpenRefine sends one batch of 10 names per request.",
  ),
  EXPORT_MAX_PER_CLIENT: doc(positiveInt.default(2), "rates", "`2`", "Exports one client may run at once."),
  EXPORT_MAX_CONCURRENT: doc(positiveInt.default(4), "rates", "`4`", "Exports all clients may run at once."),
  EXPORT_PAGE_SIZE: doc(positiveInt.default(5_000), "rates", "`5000`", "Records an export reads per read transaction."),
  LIMITS_REDIS_URL: doc(
    redisUrl.optional(),
    "rates",
    "the value of `RESULT_CACHE_REDIS_URL`",
    "`redis://` or `rediss://` address: count the per-client rate limits, export slots and algorithm runs in this Redis, shared by every API process that uses it, so a balancer in front of several processes does not multiply a client's allowance ([several processes](security.md#several-api-processes-behind-a-balancer)). Neither set: each process counts in its own memory.",
  ),
  // Expensive questions (graph algorithms, whole-graph reads)
  ALGORITHM_CONCURRENT: doc(
    positiveInt.default(1),
    "work",
    "`1`",
    "Graph algorithm runs (`centrality`, `communities`) at once in this process; more wait in turn, clients taking turns.",
  ),
  ALGORITHM_WAITING: doc(
    nonNegativeInt.default(8),
    "work",
    "`8`",
    "Algorithm runs that may wait in all; one more is refused at once with `TOO_BUSY`.",
  ),
  ALGORITHM_WAITING_PER_CLIENT: doc(
    nonNegativeInt.default(3),
    "work",
    "`3`",
    "Algorithm runs one client may have waiting; one more is refused with `TOO_BUSY`.",
  ),
  ALGORITHM_RUNS_PER_WINDOW: doc(
    nonNegativeInt.default(30),
    "work",
    "`30`",
    "Algorithm runs one client may start per `RATE_LIMIT_WINDOW_MS` (0: no limit), counted across processes with the rate limits when they share a Redis; answers already computed for the graph's version (with `asOf` normalised) are served without a run and do not count.",
  ),
  SCAN_CONCURRENT: doc(
    positiveInt.default(2),
    "work",
    "`2`",
    "Questions that read every relationship (whole-graph `compare`, `activitySeries`, `corroboration`) at once in this process.",
  ),
  SCAN_WAITING: doc(nonNegativeInt.default(16), "work", "`16`", "Such questions that may wait in all."),
  SCAN_WAITING_PER_CLIENT: doc(nonNegativeInt.default(8), "work", "`8`", "Such questions one client may have waiting."),
  // The result cache
  RESULT_CACHE: doc(
    flag.default(true),
    "cache",
    "`on`",
    "The [result cache](performance.md#the-result-cache): `off` answers every question from Neo4j (for a Neo4j that other programs also write to outside the write path, unless `RESULT_CACHE_TTL_MS` bounds their staleness well enough).",
  ),
  RESULT_CACHE_TTL_MS: doc(
    nonNegativeInt.default(300_000),
    "cache",
    "`300000`",
    "An answer is dropped this long after it was computed, whatever the graph's version (0: only when a write moves the version, or the cache is full). The longest a change written outside the write path can go unseen.",
  ),
  RESULT_CACHE_MAX_SIZE: doc(
    bytes.default(64 * 1024 * 1024),
    "cache",
    "`64m`",
    "Memory the in-process cache may hold (`k`, `m`, `g`; answers counted as JSON text); one answer may take an eighth of it, larger ones are not kept.",
  ),
  RESULT_CACHE_REDIS_URL: doc(
    redisUrl.optional(),
    "cache",
    "—",
    "`redis://` or `rediss://` address: keep answers in this Redis, shared by every API process that uses it (several processes serving one Neo4j). Use a Redis only the API reaches, with `maxmemory` and an LRU `maxmemory-policy`. Unless `LIMITS_REDIS_URL` is set, the rate limits and export slots count there too.",
  ),
  RESULT_CACHE_PUSH: doc(
    flag.optional(),
    "cache",
    "`on` with `RESULT_CACHE_REDIS_URL`",
    "[Push mode](performance.md#the-result-cache): with `RESULT_CACHE_REDIS_URL`, writers push the new version through Redis and a cached answer needs no version read from Neo4j; `off` reads the version per request. Writers (`kg import`, the seed) read this variable's Redis too: give them `RESULT_CACHE_REDIS_URL` so they need not wait for the servers' leases to run out.",
  ),
  RESULT_CACHE_LEASE_MS: doc(
    positiveInt.default(3_000),
    "cache",
    "`3000`",
    "Push mode: how long a server may answer from the version it holds without hearing from Neo4j (renewed every third of it); a write that cannot reach a server through Redis waits this long at most before it is acknowledged.",
  ),
});

export type Env = z.input<typeof EnvSchema>;

/** Every setting, grouped as the server uses them; their types are the mapping's (settings() below). */
export type AppConfig = DeepReadonly<ReturnType<typeof settings>>;

type DeepReadonly<T> = T extends (infer I)[]
  ? readonly DeepReadonly<I>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type Neo4jConnection = NonNullable<AppConfig["external"]>;
export type LocalNeo4jSettings = AppConfig["local"];
export type AuthSettings = AppConfig["auth"];
export type OidcSettings = NonNullable<AppConfig["oidc"]>;
export type RequestLimits = AppConfig["limits"];
export type WorkLimits = RequestLimits["work"];
export type GateSettings = WorkLimits["scans"];
export type RateLimits = AppConfig["rateLimits"];
export type ExportLimits = AppConfig["exports"];
export type ResultCacheSettings = AppConfig["resultCache"];
export type DriverTimeouts = AppConfig["driver"];

/** Reads the environment; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new StartupError("BAD_CONFIG", `Invalid configuration: ${problems.join("; ")}. See docs/configuration.md.`);
  }
  const e = parsed.data;
  if (e.JWT_SECRET && e.JWT_JWKS_URL) {
    throw new StartupError("BAD_CONFIG", "Set either JWT_SECRET or JWT_JWKS_URL, not both. See docs/security.md.");
  }
  if (e.OIDC_ISSUER && !e.OIDC_CLIENT_ID) {
    throw new StartupError(
      "BAD_CONFIG",
      "OIDC_ISSUER needs OIDC_CLIENT_ID (the explorer's client id at the provider). See docs/security.md → Sign-in.",
    );
  }
  if (e.OIDC_ISSUER && e.JWT_SECRET) {
    throw new StartupError(
      "BAD_CONFIG",
      "Set either JWT_SECRET or OIDC_ISSUER, not both: with OIDC_ISSUER the API accepts only the provider's tokens. See docs/security.md → Sign-in.",
    );
  }
  if (e.OIDC_ISSUER && !e.JWT_AUDIENCE) {
    throw new StartupError(
      "BAD_CONFIG",
      "OIDC_ISSUER needs JWT_AUDIENCE (the `aud` of the provider's access tokens for this API), so tokens the provider issues for other applications are refused. See docs/security.md → Sign-in.",
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
  return settings(e, algorithms, issuer);
}

/** The variables, parsed, as the server uses them: this function's result type is `AppConfig`. */
function settings(e: z.infer<typeof EnvSchema>, algorithms: string[], issuer: string | undefined) {
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    database: e.NEO4J_DATABASE,
    /** Set when NEO4J_URI is: use that server and start nothing. */
    external: e.NEO4J_URI
      ? { uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD, database: e.NEO4J_DATABASE }
      : undefined,
    /** Used when NEO4J_URI is not set: the project starts its own Neo4j. */
    local: {
      port: e.NEO4J_LOCAL_PORT,
      /** Absolute path of the store folder. */
      dataDir: path.resolve(PROJECT_ROOT, e.NEO4J_LOCAL_DATA),
      /** Absolute path of the folder holding the jars and the compiled launcher. */
      cacheDir: path.resolve(PROJECT_ROOT, e.NEO4J_LOCAL_CACHE),
      heapBytes: e.NEO4J_LOCAL_HEAP,
      pageCacheBytes: e.NEO4J_LOCAL_PAGECACHE,
      startTimeoutMs: e.NEO4J_LOCAL_START_TIMEOUT_MS,
      /** Server-side transaction timeout of the local Neo4j (NEO4J_TX_TIMEOUT_MS). */
      transactionTimeoutMs: e.NEO4J_TX_TIMEOUT_MS,
      /** Load the Graph Data Science plugin (centrality, communities); false starts Neo4j with APOC only. */
      gds: e.NEO4J_LOCAL_GDS,
      /** `quick`: the JVM compiles with its first tier only (cheap starts, slower long runs). */
      jit: e.NEO4J_LOCAL_JIT,
    },
    /** `auto` loads the curated graph into an empty database; `always` reloads it; `never` leaves it. */
    seedOnStart: e.SEED_ON_START,
    /** How tokens are checked. With neither `secret` nor `jwksUrl` the server is read-only. */
    auth: {
      /** HS256 shared secret. */
      secret: e.JWT_SECRET,
      /** JSON Web Key Set address (for RS256 / ES256 / … tokens from an identity provider). */
      jwksUrl: e.JWT_JWKS_URL,
      /** Algorithms accepted; anything else (and `none`) is refused. */
      algorithms,
      issuer,
      audience: e.JWT_AUDIENCE,
      /**
       * Where the roles are in a token: a claim name (`roles`), or a dotted path into nested claims
       * (`realm_access.roles` for Keycloak). A claim whose name has dots (Auth0's `https://…/roles`) is tried whole first.
       */
      rolesClaim: e.JWT_ROLES_CLAIM,
      /** Derive the JWKS from this issuer's discovery document (OIDC_ISSUER without JWT_JWKS_URL). */
      discoveryIssuer: e.JWT_JWKS_URL ? undefined : e.OIDC_ISSUER,
    },
    /**
     * The explorer's sign-in (OpenID Connect, authorization code + PKCE): what the page may know, all of it
     * public; undefined when OIDC_ISSUER is not set. `clientId` is a public client (no secret).
     */
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, scopes: e.OIDC_SCOPES }
        : undefined,
    /** Limits applied to every request before any Cypher runs (see docs/security.md). */
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxAliases: e.MAX_QUERY_ALIASES,
      maxDirectives: e.MAX_QUERY_DIRECTIVES,
      maxCost: e.MAX_QUERY_COST,
      /** Lexical tokens in the query text. */
      maxTokens: e.MAX_QUERY_TOKENS,
      /** Nesting of brackets in the query text, of values in the variables, and of fragment spreads. */
      maxNesting: e.MAX_QUERY_NESTING,
      /** Field selections after every fragment is expanded. */
      maxSelections: e.MAX_QUERY_SELECTIONS,
      /** Nesting of AND/OR/NOT and relationship filters inside one `where`. */
      maxFilterDepth: e.MAX_FILTER_DEPTH,
      /** Predicates in all the operation's filters (after fragment expansion). */
      maxFilterTerms: e.MAX_FILTER_TERMS,
      /** Estimated filter work: predicates weighted by operand size and by fan-out per relationship filter. */
      maxFilterCost: e.MAX_FILTER_COST,
      /** Related records a relationship filter (some/all/none/single/aggregate) is assumed to visit per record. */
      filterFanout: e.FILTER_FANOUT,
      /** Anonymous callers may send only saved documents (src/questions) to /graphql. */
      anonymousSavedDocumentsOnly: e.ANONYMOUS_SAVED_DOCUMENTS_ONLY,
      maxBodyBytes: e.MAX_BODY_BYTES,
      /** Records one write by an editor may delete, cascades included (`admin` has no limit). */
      maxEditorDeletes: e.MAX_EDITOR_DELETES,
      /** The gates of the expensive research questions: how many run at once, wait in all and per client. */
      work: {
        /** Graph algorithm runs (centrality, communities); `runsPerWindow` per client per window (0: none). */
        algorithms: {
          concurrent: e.ALGORITHM_CONCURRENT,
          waiting: e.ALGORITHM_WAITING,
          waitingPerClient: e.ALGORITHM_WAITING_PER_CLIENT,
          runsPerWindow: e.ALGORITHM_RUNS_PER_WINDOW,
          windowMs: e.RATE_LIMIT_WINDOW_MS,
        },
        /** Questions that read every relationship (whole-graph compare, activitySeries, corroboration). */
        scans: { concurrent: e.SCAN_CONCURRENT, waiting: e.SCAN_WAITING, waitingPerClient: e.SCAN_WAITING_PER_CLIENT },
      },
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      /** Per-transaction timeout in Neo4j for every query the API runs. */
      transactionTimeoutMs: e.NEO4J_TX_TIMEOUT_MS,
      introspection: e.INTROSPECTION,
      /** "Did you mean …?" hints in validation errors (off in production unless asked for). */
      fieldSuggestions: e.FIELD_SUGGESTIONS ?? e.NODE_ENV !== "production",
    },
    /** Per-client request rates (0: no limit) and how clients are told apart. */
    rateLimits: {
      windowMs: e.RATE_LIMIT_WINDOW_MS,
      graphql: e.RATE_LIMIT_GRAPHQL,
      export: e.RATE_LIMIT_EXPORT,
      reconcile: e.RATE_LIMIT_RECONCILE,
      /** express's `trust proxy`: whose X-Forwarded-For to believe for a client's address. */
      trustProxy: parseTrustProxy(e.TRUST_PROXY),
      /**
       * Count the request rates and the export slots in this Redis, shared by every API process that uses it
       * (LIMITS_REDIS_URL, else RESULT_CACHE_REDIS_URL: processes that share their answers share their limits
       * too); undefined: in this process's memory.
       */
      redisUrl: e.LIMITS_REDIS_URL ?? e.RESULT_CACHE_REDIS_URL,
    },
    /** How exports are read (`pageSize` records per read transaction) and how many may run at once. */
    exports: {
      maxPerClient: e.EXPORT_MAX_PER_CLIENT,
      maxConcurrent: e.EXPORT_MAX_CONCURRENT,
      pageSize: e.EXPORT_PAGE_SIZE,
    },
    /** Driver settings that decide how fast a dead database is noticed. */
    driver: { connectionTimeoutMs: e.NEO4J_CONNECTION_TIMEOUT_MS, maxRetryMs: e.NEO4J_MAX_RETRY_MS },
    /** Build (when needed) and serve the explorer and GraphiQL pages. */
    webPages: e.WEB_PAGES,
    /** Where clients reach this server (PUBLIC_URL, no trailing slash); undefined: each request's own host. */
    publicUrl: e.PUBLIC_URL,
    /** Where the accessibility statement asks readers to send feedback; undefined: the statement says none is set. */
    accessibilityContact: e.ACCESSIBILITY_CONTACT,
    /**
     * The result cache (src/result-cache): answers of read operations keyed by the operation, its variables,
     * the caller's roles and the graph's version. `ttlMs` bounds how stale an answer can be when something
     * writes to Neo4j outside the write path (0: kept until the version moves or the cache is full);
     * `maxSizeBytes` counts answers as JSON text, one answer taking at most an eighth; with `redisUrl` the
     * answers are shared by every API process that uses it (the version stays in Neo4j).
     */
    resultCache: {
      enabled: e.RESULT_CACHE,
      ttlMs: e.RESULT_CACHE_TTL_MS,
      maxSizeBytes: e.RESULT_CACHE_MAX_SIZE,
      redisUrl: e.RESULT_CACHE_REDIS_URL,
      /** Push mode (src/result-cache/push-version-watch.ts): only with `redisUrl`. */
      push: e.RESULT_CACHE_REDIS_URL !== undefined && (e.RESULT_CACHE_PUSH ?? true),
      leaseMs: e.RESULT_CACHE_LEASE_MS,
    },
  };
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === "true" || value === "false") return value === "true";
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The variables `loadConfig` reads, for the documentation test. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);

/** Each variable's schema, e.g. to parse its documented default (the documentation test). */
export const CONFIG_SCHEMAS: Readonly<Record<string, z.ZodType>> = EnvSchema.shape;

/** docs/configuration.md's tables, from the schema's own documentation. */
export function configurationTables(): string {
  return renderConfigurationTables(EnvSchema.shape);
}
