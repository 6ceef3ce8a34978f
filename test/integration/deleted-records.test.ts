/**
 * Finding what was deleted, and bringing it back: `deletedRecords` lists every record whose last change
 * deleted it (the whole record in `before`, the write's id to undo), no longer lists it once `revertChange`
 * restored it, filters by kind of record and entity, and refuses an unknown kind. `endRelationship` may bring
 * a new source for its citation in the same transaction. The editor's `viewer` is what the token says.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { errorCodes, testToken } from "../support/test-api.js";
import { PAGE_SOURCE } from "../support/curated.js";
import { useTestGraph } from "../support/test-graph.js";

let editor: string;

const { api } = useTestGraph({ removeTestDataAfterEach: true });
beforeAll(async () => {
  editor = await testToken(["editor"], "test-editor");
});

const DELETED = `query($entityId: ID, $itemType: String) {
  deletedRecords(entityId: $entityId, itemType: $itemType) { itemType itemId itemKind operation writeId before } }`;

async function mutate(query: string, variables: Record<string, unknown> = {}) {
  const result = await api.query(query, variables, editor);
  expect(result.errors).toBeUndefined();
  return result.data;
}

describe("deleted records", () => {
  it("lists a deleted city and the relationships that went with it, until the deletion is undone", async () => {
    await mutate(
      `mutation($e: [EntityInput!], $r: [RelationshipInput!]) { upsertRecords(entities: $e, relationships: $r) { writeId } }`,
      {
        e: [{ kind: "City", id: "test-gone-city", name: "Gone City", sources: [PAGE_SOURCE] }],
        r: [
          {
            type: "PARTNER_OF",
            from: "helsinki",
            to: "test-gone-city",
            citations: [{ source: PAGE_SOURCE, excerpt: "test: partners" }],
          },
        ],
      },
    );
    const deleted = await mutate(`mutation { deleteRecords(ids: ["test-gone-city"]) { writeId } }`);
    const writeId = deleted.deleteRecords.writeId as string;

    const listed = (await api.query(DELETED, { entityId: "test-gone-city" })).data!.deletedRecords as any[];
    expect(listed.map(({ before: _before, ...rest }) => rest)).toEqual([
      { itemType: "entity", itemId: "test-gone-city", itemKind: "City", operation: "delete", writeId },
      {
        itemType: "relationship",
        itemId: "helsinki--PARTNER_OF--test-gone-city",
        itemKind: "PARTNER_OF",
        operation: "delete",
        writeId,
      },
    ]);
    expect(JSON.parse(listed[0].before)).toMatchObject({ kind: "City", id: "test-gone-city", name: "Gone City" });
    const entitiesOnly = (await api.query(DELETED, { entityId: "test-gone-city", itemType: "entity" })).data!;
    expect(entitiesOnly.deletedRecords.map((row: any) => row.itemId)).toEqual(["test-gone-city"]);

    await mutate(`mutation($id: ID!) { revertChange(id: $id) { writeId } }`, { id: writeId });
    expect((await api.query(DELETED, { entityId: "test-gone-city" })).data).toEqual({ deletedRecords: [] });
  });

  it("refuses an unknown kind of record", async () => {
    expect(errorCodes(await api.query(DELETED, { itemType: "Entity" }))).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("ending a relationship with a new source", () => {
  it("writes the source and the new period in one write", async () => {
    await mutate(
      `mutation($e: [EntityInput!], $r: [RelationshipInput!]) { upsertRecords(entities: $e, relationships: $r) { writeId } }`,
      {
        e: [{ kind: "City", id: "test-end-city", name: "End City", sources: [PAGE_SOURCE] }],
        r: [
          {
            type: "PARTNER_OF",
            id: "helsinki--PARTNER_OF--test-end-city",
            from: "helsinki",
            to: "test-end-city",
            validFrom: "2010",
            citations: [{ source: PAGE_SOURCE, excerpt: "test: partners" }],
          },
        ],
      },
    );
    const ended = await mutate(
      `mutation($sources: [SourceInput!]) {
        endRelationship(id: "helsinki--PARTNER_OF--test-end-city", date: "2022-03", status: "suspended",
          citation: { source: "test-suspension-notice", excerpt: "test: suspended" }, sources: $sources) {
          sources { new } relationships { new changed } items { item id change } } }`,
      { sources: [{ id: "test-suspension-notice", title: "Suspension notice" }] },
    );
    expect(ended.endRelationship).toEqual({
      sources: { new: 1 },
      relationships: { new: 1, changed: 1 },
      items: expect.arrayContaining([
        { item: "source", id: "test-suspension-notice", change: "new" },
        { item: "relationship", id: "helsinki--PARTNER_OF--test-end-city--2022-03", change: "new" },
        { item: "relationship", id: "helsinki--PARTNER_OF--test-end-city", change: "changed" },
      ]),
    });
  });
});

describe("viewer", () => {
  it("is the token's subject and the roles the API knows; null without a token", async () => {
    const token = await testToken(["editor", "cook"], "test-viewer");
    expect((await api.query("{ viewer { sub roles } }", {}, token)).data).toEqual({
      viewer: { sub: "test-viewer", roles: ["editor"] },
    });
    expect((await api.query("{ viewer { sub } }")).data).toEqual({ viewer: null });
  });
});
