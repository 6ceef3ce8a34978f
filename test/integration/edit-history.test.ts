/** Edits through the generated API leave history: create, update, connect, disconnect, delete — with who and from where. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import { type TestApi, createTestApi, errorCodes, testToken } from "../support/test-api.js";
import { connectTestDatabase, removeTestData, runCypher } from "../support/test-database.js";

let db: Database;
let api: TestApi;
let editor: string;

beforeAll(async () => {
  db = connectTestDatabase();
  api = await createTestApi(db);
  editor = await testToken(["editor"], "test-historian");
});
afterEach(async () => {
  await removeTestData(db);
});
afterAll(async () => {
  await api.stop();
  await db.close();
});

const SOURCE = "hel-fi-international-activities-2020";
const CHANGES = `query($id: ID!) { changes(entityId: $id, limit: 100) { actor origin operation itemType itemId itemKind fromId toId fields before after } }`;

async function changesOf(id: string) {
  const result = await api.query(CHANGES, { id });
  expect(result.errors).toBeUndefined();
  return result.data.changes as {
    actor: string;
    origin: string;
    operation: string;
    itemType: string;
    itemId: string;
    itemKind: string | null;
    fromId: string | null;
    toId: string | null;
    fields: string[];
    before: string | null;
    after: string | null;
  }[];
}

describe("history of edits made through the API", () => {
  it("records a create with its relationships, then an update, a disconnect and a delete", async () => {
    const created = await api.query(
      `mutation { createCities(input: [{ id: "test-hist-city", name: "Histville", aliases: [], sourceIds: ["${SOURCE}"],
        partners: { connect: [{ where: { node: { id: { eq: "helsinki" } } },
          edge: { kind: "bilateral", validFrom: "2024", sourceIds: ["${SOURCE}"], excerpts: ["test"] } }] } }]) { cities { id } } }`,
      {},
      editor,
    );
    expect(created.errors).toBeUndefined();
    let changes = await changesOf("test-hist-city");
    expect(changes.map((c) => `${c.operation} ${c.itemType} ${c.itemKind}`).sort()).toEqual([
      "create entity City",
      "create relationship PARTNER_OF",
    ]);
    expect(changes.every((c) => c.actor === "test-historian" && c.origin === "graphql:test")).toBe(true);
    const relationship = changes.find((c) => c.itemType === "relationship")!;
    expect(relationship).toMatchObject({ fromId: "test-hist-city", toId: "helsinki" });
    expect(JSON.parse(relationship.after!)).toMatchObject({ validFrom: "2024", sourceIds: [SOURCE] });

    await api.query(
      `mutation { updateCities(where: { id: { eq: "test-hist-city" } }, update: { name: { set: "Histburg" } }) { cities { id } } }`,
      {},
      editor,
    );
    changes = await changesOf("test-hist-city");
    const update = changes.find((c) => c.operation === "update")!;
    expect(update.fields).toEqual(["name"]);
    expect(JSON.parse(update.before!)).toMatchObject({ name: "Histville" });
    expect(JSON.parse(update.after!)).toMatchObject({ name: "Histburg" });

    await api.query(
      `mutation { updateCities(where: { id: { eq: "test-hist-city" } }, update: { partners: [{ disconnect: [{ where: { node: { id: { eq: "helsinki" } } } }] }] }) { cities { id } } }`,
      {},
      editor,
    );
    changes = await changesOf("test-hist-city");
    expect(changes.some((c) => c.operation === "delete" && c.itemType === "relationship")).toBe(true);

    await api.query(`mutation { deleteCities(where: { id: { eq: "test-hist-city" } }) { nodesDeleted } }`, {}, editor);
    changes = await changesOf("test-hist-city");
    const deleted = changes.find((c) => c.operation === "delete" && c.itemType === "entity")!;
    expect(JSON.parse(deleted.before!)).toMatchObject({ name: "Histburg" });
    expect(deleted.after).toBeNull();

    // As it stood: today it is gone; the history still knows what it was.
    const today = new Date().toISOString().slice(0, 10);
    const asOf = await api.query(
      `{ recordAsOf(id: "test-hist-city", date: "${today}") { existed fromHistory change { operation } } }`,
    );
    expect(asOf.data.recordAsOf).toEqual({ existed: false, fromHistory: true, change: { operation: "delete" } });
  });

  it("records nothing for a refused or failed mutation, and the graph is unchanged", async () => {
    const refused = await api.query(
      `mutation { createCities(input: [{ id: "test-refused", name: "No", aliases: [], sourceIds: ["${SOURCE}"] }]) { cities { id } } }`,
    );
    expect(errorCodes(refused)).toEqual(["UNAUTHENTICATED"]);
    // A duplicate id breaks the uniqueness constraint inside the transaction.
    const failed = await api.query(
      `mutation { createCities(input: [{ id: "helsinki", name: "Second Helsinki", aliases: [], sourceIds: ["${SOURCE}"] }]) { cities { id } } }`,
      {},
      editor,
    );
    expect(failed.errors?.length).toBeGreaterThan(0);
    const [left] = await runCypher(
      db,
      "MATCH (c:Change) WHERE c.actor = 'test-historian' AND c.itemId IN ['test-refused', 'helsinki'] RETURN count(c) AS n",
    );
    expect(Number(left?.n)).toBe(0);
    const [helsinkis] = await runCypher(
      db,
      "MATCH (n:City {id: 'helsinki'}) RETURN count(n) AS n, collect(n.name) AS names",
    );
    expect(Number(helsinkis?.n)).toBe(1);
    expect(helsinkis?.names).toEqual(["Helsinki"]);
  });
});
