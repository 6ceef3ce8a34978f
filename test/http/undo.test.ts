/**
 * No fact is ever lost, over HTTP as a client sees it: an editor deletes a city, `revertChange` brings it back
 * with all its relationships and citations (node and relationship counts as before), both writes in the
 * history; a change a later write built on cannot be undone until that one is; deleting more than an editor's
 * limit at once needs `admin`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import { AUDIT_FIELDS } from "../../src/graph-data/index.js";
import type { RunningApi } from "../../src/start.js";
import { testToken } from "../support/test-api.js";
import { connectTestDatabase, countGraph, dumpGraph, removeTestData } from "../support/test-database.js";
import { post, startTestServer } from "../support/test-server.js";
import { PAGE_SOURCE } from "../support/curated.js";

let api: RunningApi;
let db: Database;
let editor: string;
let admin: string;

beforeAll(async () => {
  api = await startTestServer({ MAX_EDITOR_DELETES: "10" });
  db = connectTestDatabase();
  editor = await testToken(["editor"], "test-editor");
  admin = await testToken(["admin"], "test-admin");
});
afterEach(async () => {
  await removeTestData(db);
});
afterAll(async () => {
  await api.stop();
  await db.close();
});

const REPORT = "{ writeId items { item id change } }";

async function write(query: string, variables: Record<string, unknown>, token: string) {
  return post(api.url, { query, variables }, { authorization: `Bearer ${token}` });
}

/** A test city with a partnership to Helsinki and a country, each citing the curated page. */
async function seedCity(id: string) {
  const result = await write(
    `mutation($e: [EntityInput!], $r: [RelationshipInput!]) { upsertRecords(entities: $e, relationships: $r) ${REPORT} }`,
    {
      e: [{ kind: "City", id, name: `City ${id}`, nameFi: `Kaupunki ${id}`, sources: [PAGE_SOURCE] }],
      r: [
        {
          type: "PARTNER_OF",
          from: "helsinki",
          to: id,
          kind: "bilateral",
          citations: [{ source: PAGE_SOURCE, excerpt: "test: partners" }],
        },
        {
          type: "IN_COUNTRY",
          from: id,
          to: "finland",
          citations: [{ source: PAGE_SOURCE, excerpt: "test: in Finland" }],
        },
      ],
    },
    editor,
  );
  expect(result.body.errors).toBeUndefined();
}

describe("undo over HTTP", () => {
  it("a city an editor deleted comes back with all its relationships and citations", async () => {
    await seedCity("test-undo-city");
    const before = await countGraph(db);
    const facts = await dumpFacts();

    const deleted = await write(`mutation { deleteRecords(ids: ["test-undo-city"]) ${REPORT} }`, {}, editor);
    expect(deleted.status).toBe(200);
    expect(deleted.body.data.deleteRecords.items).toHaveLength(3);

    const undone = await write(
      `mutation($id: ID!) { revertChange(id: $id) ${REPORT} }`,
      { id: deleted.body.data.deleteRecords.writeId },
      editor,
    );
    expect(undone.status).toBe(200);
    expect(undone.body.data.revertChange.items.map((item: { change: string }) => item.change).sort()).toEqual([
      "new",
      "new",
      "new",
    ]);
    expect(await dumpFacts()).toBe(facts);
    const after = await countGraph(db);
    expect(after.relationships).toBe(before.relationships);
    // The history holds both writes (6 more Change records: 3 deletes, 3 creates) and nothing else changed.
    expect(after.nodes - before.nodes).toBe(6);

    const history = await post(api.url, {
      query: `{ changes(entityId: "test-undo-city", limit: 20) { operation itemId reverts writeId } }`,
    });
    const changes = history.body.data.changes as { operation: string; itemId: string; reverts: string | null }[];
    expect(changes.filter((change) => change.itemId === "test-undo-city").map((change) => change.operation)).toEqual([
      "create",
      "delete",
      "create",
    ]);
    expect(changes[0]!.reverts).toBe(deleted.body.data.deleteRecords.writeId);
  });

  it("undoing one change undoes its whole write; a later write must be undone first", async () => {
    await seedCity("test-undo-later");
    const renamed = await write(
      `mutation { upsertRecords(entities: [{ kind: "City", id: "test-undo-later", name: "Renamed", sources: ["${PAGE_SOURCE}"] }]) ${REPORT} }`,
      {},
      editor,
    );
    const renamedAgain = await write(
      `mutation { upsertRecords(entities: [{ kind: "City", id: "test-undo-later", name: "Renamed again", sources: ["${PAGE_SOURCE}"] }]) ${REPORT} }`,
      {},
      editor,
    );
    const blocked = await write(
      `mutation($id: ID!) { revertChange(id: $id) ${REPORT} }`,
      { id: renamed.body.data.upsertRecords.writeId },
      editor,
    );
    expect([blocked.status, blocked.body.errors?.[0]?.extensions?.code]).toEqual([400, "BAD_USER_INPUT"]);
    expect(blocked.body.errors[0].extensions.problems).toMatchObject([
      { item: "entity", id: "test-undo-later", code: "CHANGED_SINCE" },
    ]);

    await write(
      `mutation($id: ID!) { revertChange(id: $id) ${REPORT} }`,
      { id: renamedAgain.body.data.upsertRecords.writeId },
      editor,
    );
    const unblocked = await write(
      `mutation($id: ID!) { revertChange(id: $id) ${REPORT} }`,
      { id: renamed.body.data.upsertRecords.writeId },
      editor,
    );
    expect(unblocked.body.errors).toBeUndefined();
    const city = await post(api.url, { query: `{ node(id: "test-undo-later") { name } }` });
    expect(city.body.data.node.name).toBe("City test-undo-later");
  });

  it("an unknown id: NOT_FOUND, nothing changed", async () => {
    const before = await dumpGraph(db);
    const result = await write(`mutation { revertChange(id: "no-such-change") ${REPORT} }`, {}, editor);
    expect(result.body.errors[0].extensions.problems).toMatchObject([{ code: "NOT_FOUND" }]);
    expect(await dumpGraph(db)).toBe(before);
  });
});

describe("how much one write may delete", () => {
  it("an editor at most MAX_EDITOR_DELETES records, cascades included; an admin more", async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `test-many-${i}`);
    for (const id of ids) await seedCity(id); // each city: itself and two relationships
    const before = await dumpGraph(db);
    const refused = await write(`mutation($ids: [ID!]!) { deleteRecords(ids: $ids) ${REPORT} }`, { ids }, editor);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions.problems).toMatchObject([{ code: "TOO_MANY_DELETES" }]);
    expect(await dumpGraph(db)).toBe(before);
    const allowed = await write(`mutation($ids: [ID!]!) { deleteRecords(ids: $ids) ${REPORT} }`, { ids }, admin);
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data.deleteRecords.items).toHaveLength(18);
  });
});

/**
 * Facts only: every node but the history and the version counter, every relationship, without the
 * who-and-when stamps (a record that comes back is stamped by the undo that brought it).
 */
async function dumpFacts(): Promise<string> {
  type Item = { labels?: string[]; properties: Record<string, unknown> };
  const dump = JSON.parse(await dumpGraph(db)) as { nodes: Item[]; relationships: Item[] };
  const facts = (item: Item) => ({
    ...item,
    properties: Object.fromEntries(Object.entries(item.properties).filter(([key]) => !AUDIT_FIELDS.has(key))),
  });
  return JSON.stringify({
    nodes: dump.nodes
      .filter((node) => !node.labels?.includes("Change") && !node.labels?.includes("GraphVersion"))
      .map(facts),
    relationships: dump.relationships.map(facts),
  });
}
