/**
 * The curated graph is an import by `seed` through the write path: recorded in the history, idempotent, and
 * never overwriting what an editor changed since (reported as a conflict instead). Uses a seed folder of
 * test records where it must edit, so the shared curated graph stays as it is.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RejectedWrite, loadCuratedGraph, readCuratedGraph } from "../../src/write/index.js";
import { testToken } from "../support/test-api.js";
import { dumpGraph, runCypher } from "../support/test-database.js";
import { useTestGraph } from "../support/test-graph.js";

let dir: string;

const { db, api } = useTestGraph({ removeTestDataAfterEach: true });
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "kg-test-seed-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TEST_SEED = `sources:
  - { id: test-seed-source, title: A test seed }
entities:
  - { kind: City, id: test-seed-city, name: Seed City, description: As the seed says., sources: [test-seed-source] }
  - { kind: City, id: test-seed-other, name: Other City, sources: [test-seed-source] }
relationships:
  - { type: PARTNER_OF, from: test-seed-city, to: test-seed-other, kind: bilateral, citations: [{ source: test-seed-source, excerpt: partners }] }
`;

describe("the curated graph", () => {
  it("is loaded through the write path and recorded as the seed's import", async () => {
    const result = await api.query(
      `{ changes(entityId: "helsinki", limit: 1000) { actor origin operation itemType itemId } }`,
    );
    const changes = result.data.changes as {
      actor: string;
      origin: string;
      operation: string;
      itemType: string;
      itemId: string;
    }[];
    expect(changes).toContainEqual({
      actor: "seed",
      origin: expect.stringMatching(/^file:.*seed\/helsinki\.yaml/),
      operation: "create",
      itemType: "entity",
      itemId: "helsinki",
    });
    const [stamps] = await runCypher(db, "MATCH (n:City {id: 'helsinki'}) RETURN n.createdBy AS by");
    expect(stamps).toEqual({ by: "seed" });
  });

  it("loads again without changing or recording anything", async () => {
    const curated = await readCuratedGraph();
    const before = await dumpGraph(db);
    const report = await loadCuratedGraph(db);
    expect(report.records).toEqual({
      sources: curated.sources.length,
      entities: curated.entities.length,
      relationships: curated.relationships.length,
    });
    for (const item of ["source", "entity", "relationship"] as const) {
      expect(report.counts[item]).toMatchObject({ new: 0, changed: 0, conflicts: 0, deleted: 0 });
    }
    expect(report.items).toEqual([]);
    expect(await dumpGraph(db)).toBe(before);
  });
});

describe("a seed reloaded after editors changed it", () => {
  it("keeps their changes, reports each as a conflict, and takes the rest", async () => {
    await writeFile(path.join(dir, "test.yaml"), TEST_SEED);
    await loadCuratedGraph(db, { dir });
    const editor = await testToken(["editor"], "test-editor");
    const edited = await api.query(
      `mutation { upsertRecords(entities: [{ kind: "City", id: "test-seed-city", name: "Seed City", description: "An editor's better words.", sources: ["test-seed-source"] }]) { entities { changed } } }`,
      {},
      editor,
    );
    expect(edited.data.upsertRecords.entities.changed).toBe(1);
    await writeFile(
      path.join(dir, "test.yaml"),
      TEST_SEED.replace("name: Other City", "name: Other City, nameFi: Toinen"),
    );
    const report = await loadCuratedGraph(db, { dir });
    expect(report.items).toEqual([
      {
        item: "entity",
        id: "test-seed-city",
        change: "conflict",
        fields: [],
        conflict: "kept as test-editor last wrote it",
      },
      { item: "entity", id: "test-seed-other", change: "changed", fields: ["nameFi"] },
    ]);
    const [city] = await runCypher(db, "MATCH (n:City {id: 'test-seed-city'}) RETURN n.description AS description");
    expect(city).toEqual({ description: "An editor's better words." });
  });

  it("refuses a bad seed as a whole, changing nothing", async () => {
    await writeFile(path.join(dir, "test.yaml"), TEST_SEED.replace("kind: bilateral", "kind: rivals"));
    const before = await dumpGraph(db);
    const error = await loadCuratedGraph(db, { dir }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(RejectedWrite);
    expect((error as RejectedWrite).problems).toMatchObject([
      {
        file: expect.stringMatching(/test\.yaml$/),
        line: 7,
        item: "relationship",
        field: "kind",
        code: "INVALID_VALUE",
      },
    ]);
    expect(await dumpGraph(db)).toBe(before);
  });
});
