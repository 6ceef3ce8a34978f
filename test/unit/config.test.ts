import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT, loadConfig } from "../../src/config/index.js";
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
