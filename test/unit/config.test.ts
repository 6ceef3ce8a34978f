/**
 * Configuration (src/config) without a server: the defaults and what each variable sets, and the edges —
 * how flags, sizes, algorithms, addresses and numbers are read, which values stop start-up (BAD_CONFIG,
 * naming the variable and the page), and empty variables taken as unset.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type AppConfig, PROJECT_ROOT, loadConfig } from "../../src/config/index.js";
import { StartupError } from "../../src/errors/index.js";
import { javaMajorVersion } from "../../src/database/index.js";
import { connectionsCheckingInterval } from "../../src/server/start-server.js";

describe("configuration", () => {
  it("defaults to the local Neo4j on port 7687 and the API on 4000", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: "127.0.0.1",
      external: undefined,
      database: "neo4j",
      seedOnStart: "auto",
    });
    expect(config.local).toMatchObject({ port: 7687, heapBytes: 512 << 20, pageCacheBytes: 256 << 20 });
    expect(config.local.dataDir).toBe(path.join(PROJECT_ROOT, ".neo4j", "data"));
  });

  it("uses the server in NEO4J_URI, with credentials and database", () => {
    const config = loadConfig({
      NEO4J_URI: "neo4j+s://abc.databases.neo4j.io",
      NEO4J_USER: "u",
      NEO4J_PASSWORD: "p",
      NEO4J_DATABASE: "graph",
    });
    expect(config.external).toEqual({
      uri: "neo4j+s://abc.databases.neo4j.io",
      user: "u",
      password: "p",
      database: "graph",
    });
  });

  it("reads sizes with units", () => {
    expect(loadConfig({ NEO4J_LOCAL_HEAP: "1g", NEO4J_LOCAL_PAGECACHE: "64m" }).local).toMatchObject({
      heapBytes: 1 << 30,
      pageCacheBytes: 64 << 20,
    });
  });

  it("refuses bad values, naming each variable", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", NEO4J_URI: "http://localhost:7474", NEO4J_LOCAL_HEAP: "lots" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).code).toBe("BAD_CONFIG");
    for (const name of ["PORT", "NEO4J_URI", "NEO4J_LOCAL_HEAP"]) expect((error as Error).message).toContain(name);
  });

  it("limits for hostile reads have defaults, and rate limits can be switched off", () => {
    const config = loadConfig({});
    expect(config.limits).toMatchObject({
      maxTokens: 5_000,
      maxNesting: 40,
      maxSelections: 2_000,
      maxFilterDepth: 6,
      maxFilterTerms: 100,
      maxFilterCost: 10_000,
      filterFanout: 10,
    });
    expect(config.rateLimits).toEqual({
      windowMs: 60_000,
      graphql: 600,
      export: 10,
      reconcile: 600,
      trustProxy: false,
    });
    expect(config.exports).toEqual({ maxPerClient: 2, maxConcurrent: 4, pageSize: 5_000 });
    const off = loadConfig({ RATE_LIMIT_GRAPHQL: "0", RATE_LIMIT_EXPORT: "0", TRUST_PROXY: "1" }).rateLimits;
    expect(off).toMatchObject({ graphql: 0, export: 0, trustProxy: 1 });
    expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, loopback" }).rateLimits.trustProxy).toBe("10.0.0.0/8, loopback");
    expect(() => loadConfig({ MAX_FILTER_TERMS: "0" })).toThrow(StartupError);
  });

  it("the HTTP server checks its timeouts often enough to hold them", () => {
    expect(connectionsCheckingInterval({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 })).toBe(1_000);
    expect(connectionsCheckingInterval({ headersTimeoutMs: 1_000, requestTimeoutMs: 3_000 })).toBe(250);
    expect(connectionsCheckingInterval({ headersTimeoutMs: 100, requestTimeoutMs: 100 })).toBe(100);
  });
});

describe("Java version", () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21.0.2" 2024-01-16', 21],
    ['java version "1.8.0_301"', 8],
    ['openjdk version "25" 2025-09-16', 25],
    ["nonsense", undefined],
  ])("%s → %s", (text, major) => {
    expect(javaMajorVersion(text)).toBe(major);
  });
});

describe("PUBLIC_URL", () => {
  it("is the address clients reach the server at, without a trailing slash", () => {
    expect(loadConfig({ PUBLIC_URL: "https://kg.example.org/kg/" }).publicUrl).toBe("https://kg.example.org/kg");
    expect(loadConfig({}).publicUrl).toBeUndefined();
  });

  it.each(["kg.example.org", "ftp://kg.example.org", "https://kg.example.org/?a=1", "https://u:p@kg.example.org"])(
    "refuses %s at start-up",
    (value) => {
      expect(() => loadConfig({ PUBLIC_URL: value })).toThrow(/PUBLIC_URL/);
    },
  );
});

/** The BAD_CONFIG message for `env`; fails when it loads. */
function refused(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).code).toBe("BAD_CONFIG");
    return (error as StartupError).message;
  }
  throw new Error(`loaded: ${JSON.stringify(env)}`);
}

describe("flags", () => {
  it.each([
    ["true", true],
    ["1", true],
    ["on", true],
    ["false", false],
    ["0", false],
    ["off", false],
  ])("INTROSPECTION=%s → %s", (value, expected) => {
    expect(loadConfig({ INTROSPECTION: value }).limits.introspection).toBe(expected);
  });

  it.each(["yes", "TRUE", "enabled"])("INTROSPECTION=%s stops start-up", (value) => {
    expect(refused({ INTROSPECTION: value })).toContain("INTROSPECTION");
  });

  it.each<[Record<string, string>, boolean]>([
    [{}, true],
    [{ NODE_ENV: "production" }, false],
    [{ NODE_ENV: "production", FIELD_SUGGESTIONS: "on" }, true],
    [{ NODE_ENV: "development", FIELD_SUGGESTIONS: "off" }, false],
  ])("field suggestions with %j: %s", (env, expected) => {
    expect(loadConfig(env).limits.fieldSuggestions).toBe(expected);
  });
});

describe("token algorithms", () => {
  it.each<[Record<string, string>, string[]]>([
    [{ JWT_SECRET: "s".repeat(32) }, ["HS256"]],
    [{ JWT_JWKS_URL: "https://login.example.org/keys" }, ["RS256", "ES256"]],
    [{ JWT_SECRET: "s".repeat(32), JWT_ALGORITHMS: " HS256 , HS512 ," }, ["HS256", "HS512"]],
  ])("%j → %j", (env, algorithms) => {
    expect(loadConfig(env).auth.algorithms).toEqual(algorithms);
  });

  it.each(["none", "HS256,None", "RS256, NONE"])("JWT_ALGORITHMS=%s stops start-up", (value) => {
    expect(refused({ JWT_SECRET: "s".repeat(32), JWT_ALGORITHMS: value })).toContain("`none`");
  });

  it("a secret under 32 characters, or a secret together with a key set, stops start-up", () => {
    expect(refused({ JWT_SECRET: "s".repeat(31) })).toContain("JWT_SECRET");
    expect(refused({ JWT_SECRET: "s".repeat(32), JWT_JWKS_URL: "https://login.example.org/keys" })).toContain(
      "JWT_JWKS_URL",
    );
    expect(refused({ JWT_JWKS_URL: "not a url" })).toContain("JWT_JWKS_URL");
  });
});

describe("sizes", () => {
  it.each([
    ["1000", 1000],
    ["512k", 512 * 1024],
    ["64M", 64 * 1024 * 1024],
    ["2G", 2 * 1024 * 1024 * 1024],
  ])("RESULT_CACHE_MAX_SIZE=%s → %i bytes", (value, bytes) => {
    expect(loadConfig({ RESULT_CACHE_MAX_SIZE: value }).resultCache.maxSizeBytes).toBe(bytes);
  });

  it.each(["1t", "1.5g", "-1m", "m", "10 m"])("NEO4J_LOCAL_HEAP=%s stops start-up", (value) => {
    expect(refused({ NEO4J_LOCAL_HEAP: value })).toContain("NEO4J_LOCAL_HEAP");
  });
});

describe("numbers and addresses", () => {
  it.each<[string, string]>([
    ["PORT", "0"],
    ["PORT", "65536"],
    ["PORT", "80.5"],
    ["NEO4J_LOCAL_START_TIMEOUT_MS", "999"],
    ["RATE_LIMIT_GRAPHQL", "-1"],
    ["MAX_QUERY_DEPTH", "0"],
    ["MAX_BODY_BYTES", "1e5x"],
    ["NEO4J_URI", "bolt+x://db.example.org"],
    ["NEO4J_URI", "https://db.example.org"],
    ["RESULT_CACHE_REDIS_URL", "http://cache.example.org"],
    ["RESULT_CACHE_REDIS_URL", "redis://cache.example.org:port"],
    ["LIMITS_REDIS_URL", "cache.example.org:6379"],
    ["LIMITS_REDIS_URL", "redis://[::1"],
    ["TRUST_PROXY", "10.0.0.0/8;rm"],
    ["SEED_ON_START", "sometimes"],
    ["LOG_LEVEL", "verbose"],
  ])("%s=%s stops start-up, naming it and where to read more", (name, value) => {
    const message = refused({ [name]: value });
    expect(message).toContain(name);
    expect(message).toContain("docs/configuration.md");
  });

  it.each<[Record<string, string>, (c: AppConfig) => unknown, unknown]>([
    [{ NEO4J_URI: "bolt+ssc://db.example.org:7687" }, (c) => c.external?.uri, "bolt+ssc://db.example.org:7687"],
    [
      { RESULT_CACHE_REDIS_URL: "rediss://cache.example.org:6380" },
      (c) => c.resultCache.redisUrl,
      "rediss://cache.example.org:6380",
    ],
    [{}, (c) => c.rateLimits.redisUrl, undefined],
    // Processes that share their answers share their limits, unless the limits have a Redis of their own.
    [{ RESULT_CACHE_REDIS_URL: "redis://cache:6379" }, (c) => c.rateLimits.redisUrl, "redis://cache:6379"],
    [
      { RESULT_CACHE_REDIS_URL: "redis://cache:6379", LIMITS_REDIS_URL: "rediss://:secret@limits:6380/2" },
      (c) => [c.rateLimits.redisUrl, c.resultCache.redisUrl],
      ["rediss://:secret@limits:6380/2", "redis://cache:6379"],
    ],
    [{ MAX_EDITOR_DELETES: "0" }, (c) => c.limits.maxEditorDeletes, 0],
    [{ RATE_LIMIT_RECONCILE: "0" }, (c) => c.rateLimits.reconcile, 0],
    [{ RESULT_CACHE_TTL_MS: "0" }, (c) => c.resultCache.ttlMs, 0],
    [{ TRUST_PROXY: "true" }, (c) => c.rateLimits.trustProxy, true],
    [{ TRUST_PROXY: "2" }, (c) => c.rateLimits.trustProxy, 2],
    [{ RESULT_CACHE: "off" }, (c) => c.resultCache.enabled, false],
  ])("%j is read", (env, pick, expected) => {
    expect(pick(loadConfig(env))).toEqual(expected);
  });

  it("an empty variable is taken as unset, not as a bad value", () => {
    const loaded = loadConfig({ PORT: "", NEO4J_URI: "", JWT_SECRET: "", MAX_QUERY_COST: "" });
    expect([loaded.port, loaded.external, loaded.auth.secret, loaded.limits.maxCost]).toEqual([
      4000,
      undefined,
      undefined,
      1_000_000,
    ]);
  });

  it("the local store's folder is resolved against the project, an absolute one kept", () => {
    expect(loadConfig({ NEO4J_LOCAL_DATA: "var/neo4j" }).local.dataDir).toBe(path.join(PROJECT_ROOT, "var", "neo4j"));
    expect(loadConfig({ NEO4J_LOCAL_DATA: "/srv/neo4j" }).local.dataDir).toBe("/srv/neo4j");
  });

  it("every problem is named in one message", () => {
    const message = refused({ PORT: "x", LOG_LEVEL: "loud", MAX_FILTER_COST: "0" });
    for (const name of ["PORT", "LOG_LEVEL", "MAX_FILTER_COST"]) expect(message).toContain(name);
  });
});
