/**
 * The result cache without a server or Neo4j: the version watch shares reads only forward (a caller never
 * gets a version read that started before it asked); which operations ask about the caller (the root-field
 * walk through named operations, fragments and inline fragments); the key's parts, keeping roles, operations
 * and variables apart; and the plugin's hooks driven by hand with a store and version source of the test's
 * own — what is stored and served, and what never is (mutations, questions about the caller, answers with
 * errors, answers over the size cap, requests without a version or whose store fails, an answer under a
 * version it did not read), and when older versions are dropped.
 */
import { Kind, type OperationDefinitionNode, parse } from "graphql";
import { describe, expect, it, afterEach, vi } from "vitest";
import {
  CALLER_FIELDS,
  GraphVersionWatch,
  resultKey,
  rolesKey,
  selectsRootField,
  RESULT_CACHE_HEADER,
  type ResultStore,
  createResultStore,
  resultCachePlugin,
} from "../../src/result-cache/index.js";
import { HeaderMap } from "@apollo/server";
import { type TokenClaims } from "../../src/auth/index.js";
import { schemaFingerprint } from "../../src/result-cache/result-cache-plugin.js";

/** A version source whose reads the test finishes by hand, recording when each started. */
function manualSource() {
  const started: { resolve: (version: string) => void; reject: (error: Error) => void }[] = [];
  const watch = new GraphVersionWatch(
    () => new Promise<string | undefined>((resolve, reject) => started.push({ resolve, reject })),
  );
  return { watch, started };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("GraphVersionWatch", () => {
  it("a caller arriving while a read is in flight waits for the next read, which all later callers share", async () => {
    const { watch, started } = manualSource();
    const first = watch.current();
    expect(started).toHaveLength(1);
    const second = watch.current();
    const third = watch.current();
    expect(started).toHaveLength(1); // queued, not started: they arrived after the first read began
    started[0]!.resolve("1:a");
    expect(await first).toBe("1:a");
    await tick();
    expect(started).toHaveLength(2); // the queued read starts once the first has ended
    started[1]!.resolve("2:b");
    expect([await second, await third]).toEqual(["2:b", "2:b"]);
    expect(watch.readCount).toBe(2);
  });

  it("a failed read fails its callers and does not stop the next read", async () => {
    const { watch, started } = manualSource();
    const first = watch.current();
    const second = watch.current();
    started[0]!.reject(new Error("Neo4j is away"));
    await expect(first).rejects.toThrow("Neo4j is away");
    await tick();
    started[1]!.resolve("3:c");
    expect(await second).toBe("3:c");
    const third = watch.current();
    await tick();
    started[2]!.resolve("3:c");
    expect(await third).toBe("3:c");
  });
});

describe("the cache key", () => {
  const base = {
    prefix: "schema",
    version: "7:w",
    roles: null,
    queryHash: "q",
    operationName: null,
    variables: { id: "a" },
  };

  it("differs by version, roles, operation and variables", () => {
    const keys = new Set([
      resultKey(base),
      resultKey({ ...base, version: "8:x" }),
      resultKey({ ...base, roles: rolesKey({ sub: "s", roles: ["staff"] }) }),
      resultKey({ ...base, roles: rolesKey({ sub: "s", roles: [] }) }),
      resultKey({ ...base, queryHash: "r" }),
      resultKey({ ...base, operationName: "A" }),
      resultKey({ ...base, variables: { id: "b" } }),
      resultKey({ ...base, prefix: "other-schema" }),
    ]);
    expect(keys.size).toBe(8);
  });

  it("roles are a set: order and repeats do not matter, the subject is not part of it", () => {
    expect(rolesKey({ sub: "a", roles: ["staff", "editor", "staff"] })).toBe(
      rolesKey({ sub: "b", roles: ["editor", "staff"] }),
    );
    expect(rolesKey(undefined)).toBeNull();
    expect(rolesKey({ sub: "a", roles: [] })).not.toBeNull();
  });

  it("no part can be made to look like another (JSON keeps them apart)", () => {
    expect(resultKey({ ...base, roles: '["staff"]', queryHash: "q" })).not.toBe(
      resultKey({ ...base, roles: '["staff","q"]', queryHash: "" }),
    );
  });
});

describe("questions about the caller", () => {
  const selects = (text: string) => {
    const document = parse(text);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )!;
    return selectsRootField(document, operation, CALLER_FIELDS);
  };

  it("are found at the root, directly, aliased, in inline fragments and through (cyclic) fragment spreads", () => {
    expect(selects(`{ viewer { sub } }`)).toBe(true);
    expect(selects(`{ me: viewer { sub } node(id: "a") { id } }`)).toBe(true);
    expect(selects(`{ ... on Query { viewer { sub } } }`)).toBe(true);
    expect(selects(`{ ...A } fragment A on Query { ...B } fragment B on Query { ...A viewer { sub } }`)).toBe(true);
  });

  it("not below the root, and not elsewhere", () => {
    expect(selects(`{ node(id: "a") { id name } }`)).toBe(false);
    expect(selects(`{ changes { viewer: itemId } }`)).toBe(false);
    expect(selects(`{ ...A } fragment A on Query { ...A node(id: "a") { id } }`)).toBe(false);
  });
});

const operationOf = (text: string, name?: string) => {
  const document = parse(text);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && (name === undefined || d.name?.value === name),
  )!;
  return { document, operation };
};
const asksAboutCaller = (text: string, name?: string) => {
  const { document, operation } = operationOf(text, name);
  return selectsRootField(document, operation, CALLER_FIELDS);
};

describe("questions about the caller, at the root of the operation that runs", () => {
  it.each([
    ["inline fragments inside inline fragments", "{ ... { ... on Query { viewer { sub } } } }", true],
    [
      "a fragment spread inside an inline fragment",
      "{ ... on Query { ...V } } fragment V on Query { viewer { sub } }",
      true,
    ],
    ["skipped or not, the field is asked", "{ viewer @skip(if: true) { sub } }", true],
    [
      "a fragment that selects viewer below the root",
      '{ node(id: "a") { ...V } } fragment V on Node { viewer { sub } }',
      false,
    ],
    ["a spread of a fragment the document lacks", "{ ...Missing hello }", false],
    ["only __typename", "{ __typename }", false],
  ])("%s: %s", (_label, text, expected) => {
    expect(asksAboutCaller(text)).toBe(expected);
  });

  it("only the operation that runs counts, not another in the same document", () => {
    const text = "query Mine { viewer { sub } } query Graph { graphStats { nodes } }";
    expect(asksAboutCaller(text, "Mine")).toBe(true);
    expect(asksAboutCaller(text, "Graph")).toBe(false);
  });

  it("looks for any of the names it is given", () => {
    const { document, operation } = operationOf("{ a { b } c }");
    expect(selectsRootField(document, operation, new Set(["x", "c"]))).toBe(true);
    expect(selectsRootField(document, operation, new Set(["b"]))).toBe(false);
  });
});

describe("the key's parts", () => {
  const base = { prefix: "p", version: "1:w", roles: null, queryHash: "q", operationName: null, variables: { a: 1 } };

  it("is a SHA-256 in base64url, the same for the same request", () => {
    expect(resultKey(base)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(resultKey({ ...base })).toBe(resultKey(base));
  });

  it("no variables and empty variables are the same request", () => {
    expect(resultKey({ ...base, variables: undefined })).toBe(resultKey({ ...base, variables: {} }));
  });

  it("anonymous (null) and a token with no roles are different callers", () => {
    expect(rolesKey({ sub: "a", roles: [] })).toBe("[]");
    expect(resultKey({ ...base, roles: null })).not.toBe(resultKey({ ...base, roles: "[]" }));
  });

  it("roles enter sorted and once", () => {
    expect(rolesKey({ sub: "a", roles: ["staff", "admin", "editor", "admin"] })).toBe('["admin","editor","staff"]');
  });

  it("the schema's fingerprint is 16 characters and changes with the schema", () => {
    const one = schemaFingerprint("type Query { a: Int }");
    expect(one).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(schemaFingerprint("type Query { a: Int }")).toBe(one);
    expect(schemaFingerprint("type Query { a: String }")).not.toBe(one);
  });
});

/** A store in a Map, recording what the plugin asks of it. */
function memoryStore(overrides: Partial<ResultStore> = {}) {
  const entries = new Map<string, Record<string, unknown>>();
  const calls = { get: 0, set: [] as { key: string; json: string; ttl: number }[], dropped: 0 };
  const store: ResultStore = {
    kind: "memory",
    maxEntryLength: 100,
    get: async (key) => {
      calls.get += 1;
      return entries.get(key);
    },
    set: async (key, answer, json, ttl) => {
      calls.set.push({ key, json, ttl });
      entries.set(key, answer);
    },
    dropOlderVersions: () => {
      calls.dropped += 1;
    },
    close: async () => undefined,
    ...overrides,
  };
  return { store, calls, entries };
}

interface Context {
  jwt?: TokenClaims;
  graphVersion?: Promise<string | undefined>;
}

/** Runs one request through the plugin's hooks as Apollo would; `execute` is the answer when not cached. */
async function run(
  plugin: ReturnType<typeof resultCachePlugin<Context>>,
  text: string,
  options: {
    context?: Context;
    variables?: Record<string, unknown>;
    queryHash?: string | undefined;
    execute?: { data?: Record<string, unknown>; errors?: { message: string }[] };
  } = {},
) {
  const { document, operation } = operationOf(text);
  const contextValue = options.context ?? {};
  const listener = (await plugin.requestDidStart!({} as never))!;
  await listener.didResolveOperation!({ document, operation, contextValue } as never);
  const queryHash = "queryHash" in options ? options.queryHash : `hash:${text}`;
  const cached = await listener.responseForOperation!({
    queryHash,
    operationName: operation.name?.value ?? null,
    request: { variables: options.variables },
    contextValue,
  } as never);
  if (cached)
    return { from: "cache" as const, header: cached.http?.headers.get(RESULT_CACHE_HEADER), body: cached.body };
  const response = {
    http: { headers: new HeaderMap() },
    body: { kind: "single", singleResult: options.execute ?? { data: { hello: "world" } } },
  };
  await listener.willSendResponse!({ response } as never);
  return { from: "execution" as const, header: response.http.headers.get(RESULT_CACHE_HEADER), body: response.body };
}

const pluginWith = (store: ResultStore, version: () => Promise<string | undefined> = async () => "1:w1") => {
  const onStoreError = vi.fn();
  const versions = new GraphVersionWatch(version);
  const plugin = resultCachePlugin<Context>({ store, versions, ttlSeconds: 300, keyPrefix: "schema", onStoreError });
  return { plugin, onStoreError, versions };
};

describe("the plugin: what is stored and served", () => {
  it("a query misses, is stored with the TTL, then is served from the cache", async () => {
    const { store, calls } = memoryStore();
    const { plugin } = pluginWith(store);
    expect(await run(plugin, "{ hello }")).toMatchObject({ from: "execution", header: "miss" });
    expect(calls.set).toEqual([{ key: expect.any(String), json: '{"hello":"world"}', ttl: 300 }]);
    expect(await run(plugin, "{ hello }")).toEqual({
      from: "cache",
      header: "hit",
      body: { kind: "single", singleResult: { data: { hello: "world" } } },
    });
    expect(plugin.stats).toEqual({ hits: 1, misses: 1, stored: 1, bypassed: 0 });
  });

  it("a staff caller's answer is never served to an anonymous one, nor to other variables", async () => {
    const { store } = memoryStore();
    const { plugin } = pluginWith(store);
    const staff = { jwt: { sub: "s", roles: ["staff"] } };
    await run(plugin, "{ hello }", { context: staff, variables: { id: "a" } });
    expect((await run(plugin, "{ hello }", { variables: { id: "a" } })).from).toBe("execution");
    expect((await run(plugin, "{ hello }", { context: staff, variables: { id: "b" } })).from).toBe("execution");
    expect(
      (await run(plugin, "{ hello }", { context: { jwt: { sub: "t", roles: ["staff"] } }, variables: { id: "a" } }))
        .from,
    ).toBe("cache");
  });

  it.each<[string, string, Parameters<typeof run>[2]]>([
    ["a mutation", "mutation { hello }", {}],
    ["a question about the caller", "{ viewer { sub } }", {}],
    ["a request without a query hash", "{ hello }", { queryHash: undefined }],
  ])("%s is neither looked up nor stored", async (_label, text, options) => {
    const { store, calls } = memoryStore();
    const version = vi.fn(async () => "1:w1");
    const { plugin } = pluginWith(store, version);
    await run(plugin, text, options);
    await run(plugin, text, options);
    expect([calls.get, calls.set.length]).toEqual([0, 0]);
    expect(plugin.stats.hits).toBe(0);
  });

  it("mutations and questions about the caller do not even read the graph's version", async () => {
    const { store } = memoryStore();
    const version = vi.fn(async () => "1:w1");
    const { plugin } = pluginWith(store, version);
    await run(plugin, "mutation { hello }");
    await run(plugin, "{ viewer { sub } }");
    expect(version).not.toHaveBeenCalled();
  });

  it.each([
    ["an answer with errors", { data: { hello: null }, errors: [{ message: "x" }] }],
    ["an answer without data", { errors: [{ message: "x" }] }],
    ["an answer over the store's size cap", { data: { hello: "x".repeat(200) } }],
  ])("%s is answered (miss) but not stored", async (_label, execute) => {
    const { store, calls } = memoryStore();
    const { plugin } = pluginWith(store);
    expect((await run(plugin, "{ hello }", { execute })).header).toBe("miss");
    expect(calls.set).toEqual([]);
    expect(plugin.stats.stored).toBe(0);
  });

  it.each<[string, () => Promise<string | undefined>]>([
    ["a graph with no version node", async () => undefined],
    ["a version read that fails (Neo4j away)", () => Promise.reject(new Error("away"))],
  ])("%s: answered without the cache, counted as bypassed", async (_label, version) => {
    const { store, calls } = memoryStore();
    const { plugin } = pluginWith(store, version);
    const result = await run(plugin, "{ hello }");
    expect([result.from, result.header, calls.get, calls.set.length]).toEqual(["execution", undefined, 0, 0]);
    expect(plugin.stats.bypassed).toBe(1);
  });

  it("uses the version the HTTP route started reading when the request arrived", async () => {
    const { store } = memoryStore();
    const version = vi.fn(async () => "1:w1");
    const { plugin } = pluginWith(store, version);
    await run(plugin, "{ hello }", { context: { graphVersion: Promise.resolve("9:w9") } });
    expect(version).not.toHaveBeenCalled();
    expect((await run(plugin, "{ hello }", { context: { graphVersion: Promise.resolve("9:w9") } })).from).toBe("cache");
    expect((await run(plugin, "{ hello }", { context: { graphVersion: Promise.resolve("10:wa") } })).from).toBe(
      "execution",
    );
  });
});

describe("the plugin: a failing or slow store never fails the request", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a store whose reads and writes fail: reported, and the request is answered", async () => {
    const { store } = memoryStore({
      get: () => Promise.reject(new Error("redis away")),
      set: () => Promise.reject(new Error("redis away")),
    });
    const { plugin, onStoreError } = pluginWith(store);
    const result = await run(plugin, "{ hello }");
    expect(result).toMatchObject({ from: "execution", header: "miss" });
    await vi.waitFor(() => expect(onStoreError).toHaveBeenCalledTimes(2));
  });

  it("a store that does not answer within its deadline counts as a miss", async () => {
    vi.useFakeTimers();
    const { store } = memoryStore({ get: () => new Promise(() => undefined) });
    const { plugin } = pluginWith(store);
    const pending = run(plugin, "{ hello }");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await pending).toMatchObject({ from: "execution", header: "miss" });
    expect(plugin.stats.misses).toBe(1);
  });
});

describe("the plugin: older versions are dropped when the graph moves on", () => {
  it.each<[string, string[], number]>([
    ["the same version again", ["3:a", "3:a"], 0],
    ["a newer version", ["3:a", "4:b"], 1],
    ["a graph emptied and written again (same number, another write)", ["3:a", "3:b"], 1],
    ["an older version (a request already in flight)", ["4:b", "3:a"], 0],
    ["the first version seen drops nothing", ["3:a"], 0],
  ])("%s → dropped %i times", async (_label, versions, drops) => {
    const { store, calls } = memoryStore();
    const { plugin } = pluginWith(store);
    for (const version of versions)
      await run(plugin, "{ hello }", { context: { graphVersion: Promise.resolve(version) } });
    expect(calls.dropped).toBe(drops);
  });
});

describe("the in-process store", () => {
  it("holds at most an eighth of its size per answer, and forgets everything when the version moves", async () => {
    const store = createResultStore(
      { enabled: true, ttlMs: 0, maxSizeBytes: 800, redisUrl: undefined, push: false, leaseMs: 3_000 },
      () => undefined,
    );
    expect([store.kind, store.maxEntryLength]).toEqual(["memory", 100]);
    await store.set("k", { a: 1 }, '{"a":1}', 0);
    expect(await store.get("k")).toEqual({ a: 1 });
    store.dropOlderVersions();
    expect(await store.get("k")).toBeUndefined();
  });

  it("a tiny size still allows one character per answer", () => {
    const store = createResultStore(
      { enabled: true, ttlMs: 0, maxSizeBytes: 3, redisUrl: undefined, push: false, leaseMs: 3_000 },
      () => undefined,
    );
    expect(store.maxEntryLength).toBe(1);
  });
});
