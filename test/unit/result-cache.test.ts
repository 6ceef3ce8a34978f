/**
 * The result cache's pure parts: the version watch shares reads only forward (a caller never gets a version
 * read that started before it asked), the key keeps roles, operations and variables apart, and the plugin
 * never stores errors, mutations or an answer under a version it did not read.
 */
import { Kind, type OperationDefinitionNode, parse } from "graphql";
import { describe, expect, it } from "vitest";
import {
  CALLER_FIELDS,
  GraphVersionWatch,
  resultKey,
  rolesKey,
  selectsRootField,
} from "../../src/result-cache/index.js";

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
