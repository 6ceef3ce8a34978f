/**
 * Merging two entities found to be the same, through the API and the one write path: a crowd Place merged
 * into a curated City (names, ids, sources and relationships carried over, the place gone), recorded in the
 * history and undone; and the refusals.
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

async function write(query: string, variables: Record<string, unknown>): Promise<any> {
  const result = await api.query<any>(query, variables, editor);
  expect(result.errors).toBeUndefined();
  return result.data;
}

async function setUp() {
  await write(
    `mutation($s: [SourceInput!], $e: [EntityInput!], $r: [RelationshipInput!]) {
       upsertRecords(sources: $s, entities: $e, relationships: $r) { writeId } }`,
    {
      s: [{ id: "test-crowd", title: "Statements", form: "dataset", publisherKind: "crowd", published: "2016-09-12" }],
      e: [
        { kind: "City", id: "test-praha", name: "Prague", nameFi: "Praha", sources: [PAGE_SOURCE] },
        {
          kind: "Place",
          id: "test-wd-q1085",
          name: "Prag",
          externalIds: [{ scheme: "wikidata", value: "Q1085" }],
          sources: ["test-crowd"],
        },
        { kind: "Place", id: "test-wd-q999", name: "Elsewhere", sources: ["test-crowd"] },
      ],
      r: [
        {
          type: "PARTNER_OF",
          id: "test-p190--Q1085--Q999",
          from: "test-wd-q1085",
          to: "test-wd-q999",
          kind: "twin-city",
          citations: [{ source: "test-crowd", locator: "Q1085 P190 Q999" }],
        },
        {
          type: "PARTNER_OF",
          from: "helsinki",
          to: "test-wd-q1085",
          kind: "twin-city",
          citations: [{ source: "test-crowd", locator: "Q1757 P190 Q1085" }],
        },
      ],
    },
  );
}

const MERGE = `mutation($keep: ID!, $merge: ID!, $dry: Boolean!) {
  mergeEntities(keepId: $keep, mergeId: $merge, dryRun: $dry) {
    writeId dryRun entities { new changed } relationships { new changed }
    items { item id change } } }`;
const PRAGUE = `{ node(id: "test-praha") { kind name aliases externalIds { scheme value } }
  neighbourhood(id: "test-praha", limit: 50) { edges { id type fromId toId sources { sourceId locator } } }
  place: node(id: "test-wd-q1085") { id } }`;

describe("mergeEntities", () => {
  it("carries a place's names, ids, sources and relationships into a city, as one recorded, undoable write", async () => {
    await setUp();
    const dry = await write(MERGE, { keep: "test-praha", merge: "test-wd-q1085", dry: true });
    expect(dry.mergeEntities.dryRun).toBe(true);
    expect((await api.query<any>(PRAGUE)).data.place).toEqual({ id: "test-wd-q1085" });

    const { mergeEntities } = await write(MERGE, { keep: "test-praha", merge: "test-wd-q1085", dry: false });
    expect(mergeEntities.relationships).toEqual({ new: 2, changed: 0 });
    expect(mergeEntities.items.map((i: any) => `${i.change} ${i.item} ${i.id}`).sort()).toEqual([
      "changed entity test-praha",
      "deleted entity test-wd-q1085",
      "deleted relationship helsinki--PARTNER_OF--test-wd-q1085",
      "deleted relationship test-p190--Q1085--Q999",
      "new relationship helsinki--PARTNER_OF--test-praha",
      "new relationship test-p190--Q1085--Q999~test-praha",
    ]);
    const after = (await api.query<any>(PRAGUE)).data;
    expect(after.place).toBeNull();
    expect(after.node).toEqual({
      kind: "City",
      name: "Prague",
      aliases: ["Prag"],
      externalIds: [{ scheme: "wikidata", value: "Q1085" }],
    });
    expect(after.neighbourhood.edges.map((e: any) => [e.id, e.fromId, e.toId, e.sources[0].locator]).sort()).toEqual([
      ["helsinki--PARTNER_OF--test-praha", "helsinki", "test-praha", "Q1757 P190 Q1085"],
      ["test-p190--Q1085--Q999~test-praha", "test-praha", "test-wd-q999", "Q1085 P190 Q999"],
    ]);

    // Recorded as one write, and undone as one.
    const undo = await write(`mutation($id: ID!) { revertChange(id: $id) { writeId } }`, { id: mergeEntities.writeId });
    expect(undo.revertChange.writeId).toBeTruthy();
    const back = (await api.query<any>(PRAGUE)).data;
    expect(back.place).toEqual({ id: "test-wd-q1085" });
    expect(back.node.aliases).toEqual([]);
    expect(back.neighbourhood.edges).toEqual([]);
  });

  it("an editor merges a hub: re-pointed relationships do not count against the deletion limit", async () => {
    await setUp();
    // Twelve more partners of the place: with its two, 14 relationships, over MAX_EDITOR_DELETES (10).
    const partners = Array.from({ length: 12 }, (_, i) => `test-wd-hub-${i}`);
    await write(
      `mutation($e: [EntityInput!], $r: [RelationshipInput!]) { upsertRecords(entities: $e, relationships: $r) { writeId } }`,
      {
        e: partners.map((id) => ({ kind: "Place", id, name: `Partner ${id}`, sources: ["test-crowd"] })),
        r: partners.map((id) => ({
          type: "PARTNER_OF",
          from: "test-wd-q1085",
          to: id,
          kind: "twin-city",
          citations: [{ source: "test-crowd", locator: `Q1085 P190 ${id}` }],
        })),
      },
    );
    const { mergeEntities } = await write(MERGE, { keep: "test-praha", merge: "test-wd-q1085", dry: false });
    expect(mergeEntities.relationships.new).toBe(14);
    const { neighbourhood } = await write(`{ neighbourhood(id: "test-praha", limit: 50) { nodes { id } } }`, {});
    expect(neighbourhood.nodes.map((node: any) => node.id)).toEqual(expect.arrayContaining(partners));
    // Deleting the place itself would still be over the limit for an editor.
    const deletion = await api.query<any>(`mutation { deleteRecords(ids: ["test-praha"]) { writeId } }`, {}, editor);
    expect(((deletion.errors?.[0]?.extensions?.problems ?? []) as any[]).map((p: any) => p.code)).toContain(
      "TOO_MANY_DELETES",
    );
  });

  it("refuses two ids of one scheme, kinds that differ, an entity into itself, and what is not there", async () => {
    await setUp();
    await write(`mutation($e: [EntityInput!]) { upsertRecords(entities: $e) { writeId } }`, {
      e: [
        {
          kind: "City",
          id: "test-other-prague",
          name: "Prague",
          externalIds: [{ scheme: "wikidata", value: "Q1" }],
          sources: [PAGE_SOURCE],
        },
        { kind: "Country", id: "test-land", name: "Land", sources: [PAGE_SOURCE] },
      ],
    });
    const refusal = async (keep: string, merge: string) => {
      const result = await api.query<any>(MERGE, { keep, merge, dry: false }, editor);
      return [errorCodes(result), ((result.errors?.[0]?.extensions?.problems ?? []) as any[]).map((p: any) => p.code)];
    };
    expect(await refusal("test-other-prague", "test-wd-q1085")).toEqual([["BAD_USER_INPUT"], ["INVALID_VALUE"]]);
    expect(await refusal("test-land", "test-praha")).toEqual([["BAD_USER_INPUT"], ["NOT_ALLOWED"]]);
    expect(await refusal("test-praha", "test-praha")).toEqual([["BAD_USER_INPUT"], ["INVALID_VALUE"]]);
    expect(await refusal("test-praha", "test-atlantis")).toEqual([["BAD_USER_INPUT"], ["NOT_FOUND"]]);
    const anonymous = await api.query(MERGE, { keep: "test-praha", merge: "test-wd-q1085", dry: false });
    expect(errorCodes(anonymous)).toEqual(["UNAUTHENTICATED"]);
  });
});
