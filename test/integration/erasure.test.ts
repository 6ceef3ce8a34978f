/**
 * Erasure of personal data on request (issue 19: "Nothing can be forgotten"), through the API: only `admin`
 * may erase; a person's email and phone leave the present record, every recorded change (read straight from
 * Neo4j: no Change node holds them anywhere), cached answers, exports and later backups; an `erase` change
 * records who, when and why; the rest of the history is exactly as it was; an erasure cannot be undone, and
 * undoing older writes — the one that created the person, the one that deleted it — never brings the data back.
 */
import { PassThrough, Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { toPlain } from "../../src/database/index.js";
import { exportGraph } from "../../src/export/index.js";
import { backupGraph, checkBackup } from "../../src/backup/index.js";
import { errorCodes, testToken } from "../support/test-api.js";
import { runCypher } from "../support/test-database.js";
import { PAGE_SOURCE } from "../support/curated.js";
import { useTestGraph } from "../support/test-graph.js";

let editor: string;
let staffEditor: string;
let admin: string;
let staffAdmin: string;

const { db, api } = useTestGraph({ removeTestDataAfterEach: true });
beforeAll(async () => {
  editor = await testToken(["editor"], "test-editor");
  staffEditor = await testToken(["editor", "staff"], "test-staff-editor");
  admin = await testToken(["admin"], "test-admin");
  staffAdmin = await testToken(["admin", "staff"], "test-dpo");
});

const EMAIL = "erase.me.first@example.org";
const NEW_EMAIL = "erase.me.second@example.org";
const PHONE = "+358 40 555 0199";
/** Every trace the tests look for, in any case. */
const TRACES = /erase\.me\.(first|second)@example\.org|\+358 40 555 0199/i;

const UPSERT = `mutation($e: [EntityInput!], $r: [RelationshipInput!]) {
  upsertRecords(entities: $e, relationships: $r) { writeId } }`;
const ERASE = `mutation($id: ID!, $reason: String!, $dryRun: Boolean! = false) {
  erasePersonalData(entityId: $id, reason: $reason, dryRun: $dryRun) {
    writeId graphVersion dryRun entityId kind entityIds fields records changes } }`;
const REVERT = `mutation($id: ID!) { revertChange(id: $id) { writeId } }`;
const CHANGES = `query($id: ID!) { changes(entityId: $id, limit: 100) {
  operation itemId actor reason erased fields before after writeId } }`;

async function mutate(query: string, variables: Record<string, unknown>, token: string) {
  const result = await api.query(query, variables, token);
  expect(result.errors).toBeUndefined();
  return result.data;
}

const person = (id: string, extra: Record<string, unknown> = {}) => ({
  kind: "Person",
  id,
  name: `Test ${id}`,
  email: EMAIL,
  phone: PHONE,
  sources: [PAGE_SOURCE],
  ...extra,
});

/** Every Change node's properties, as Neo4j holds them, by id. */
async function changeNodes(): Promise<Map<string, string>> {
  const rows = await runCypher(db, "MATCH (c:Change) RETURN c.id AS id, properties(c) AS props");
  return new Map(rows.map((row) => [row.id as string, JSON.stringify(toPlain(row.props))]));
}

/** Every node and relationship of the graph, history included, as text. */
async function wholeGraph(): Promise<string> {
  const rows = await runCypher(
    db,
    "CALL () { MATCH (n) RETURN properties(n) AS p UNION ALL MATCH ()-[r]->() RETURN properties(r) AS p } RETURN collect(p) AS all",
  );
  return JSON.stringify(toPlain(rows[0]?.all));
}

/** The history of everything but these ids: what an erasure must leave exactly as it was. */
async function othersHistory(ids: readonly string[]): Promise<string[]> {
  const rows = await runCypher(
    db,
    "MATCH (c:Change) WHERE NOT c.itemId IN $ids AND c.operation <> 'erase' RETURN properties(c) AS p ORDER BY c.id",
    { ids },
  );
  return rows.map((row) => JSON.stringify(toPlain(row.p)));
}

describe("erasePersonalData", () => {
  it("is for admin only: anonymous, editors and staff editors are refused and nothing changes", async () => {
    await mutate(UPSERT, { e: [person("test-kept")] }, staffEditor);
    const before = await wholeGraph();
    const variables = { id: "test-kept", reason: "request 2026/17" };
    expect(errorCodes(await api.query(ERASE, variables))).toEqual(["UNAUTHENTICATED"]);
    expect(errorCodes(await api.query(ERASE, variables, editor))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await api.query(ERASE, variables, staffEditor))).toEqual(["FORBIDDEN"]);
    expect(await wholeGraph()).toBe(before);
  });

  it("erases a person's contact details from the record, every change, the cache; records why; leaves the rest", async () => {
    // W1: the person, a city and a relationship in one write; W2: a new email.
    const w1 = await mutate(
      UPSERT,
      {
        e: [person("test-bob"), { kind: "City", id: "test-bob-city", name: "Bob City", sources: [PAGE_SOURCE] }],
        r: [
          {
            type: "PARTICIPATES_IN",
            from: "test-bob",
            to: "oasc",
            citations: [{ source: PAGE_SOURCE, excerpt: "test: in" }],
          },
        ],
      },
      staffEditor,
    );
    const w2 = await mutate(UPSERT, { e: [person("test-bob", { email: NEW_EMAIL })] }, staffEditor);
    const PERSON = `{ people(where: { id: { eq: "test-bob" } }) { id email phone } }`;
    expect((await api.query(PERSON, {}, staffAdmin)).data).toEqual({
      people: [{ id: "test-bob", email: NEW_EMAIL, phone: PHONE }],
    });
    expect(await wholeGraph()).toMatch(TRACES);
    const others = await othersHistory(["test-bob"]);

    // A reason must not carry the data it erases; a dry run changes nothing.
    const repeated = await api.query(ERASE, { id: "test-bob", reason: `asked by ${NEW_EMAIL}` }, staffAdmin);
    expect(repeated.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "reason",
      problems: [expect.objectContaining({ field: "reason", code: "INVALID_VALUE" })],
    });
    const before = await wholeGraph();
    const dry = await mutate(ERASE, { id: "test-bob", reason: "request 2026/17", dryRun: true }, staffAdmin);
    expect(dry.erasePersonalData).toMatchObject({ dryRun: true, writeId: null, records: 1, changes: 2 });
    expect(await wholeGraph()).toBe(before);

    const erased = (await mutate(ERASE, { id: "test-bob", reason: "request 2026/17" }, staffAdmin)).erasePersonalData;
    expect(erased).toMatchObject({
      dryRun: false,
      entityId: "test-bob",
      kind: "Person",
      entityIds: ["test-bob"],
      fields: ["email", "phone"],
      records: 1,
      changes: 2,
    });

    // Nowhere in the graph or its history, whoever asks; not from the cache either.
    expect(await wholeGraph()).not.toMatch(TRACES);
    for (const props of (await changeNodes()).values()) expect(props).not.toMatch(TRACES);
    expect((await api.query(PERSON, {}, staffAdmin)).data).toEqual({
      people: [{ id: "test-bob", email: null, phone: null }],
    });
    // The rest of the history — the city and relationship of the same write included — is as it was.
    expect(await othersHistory(["test-bob"])).toEqual(others);

    // The erasure is recorded: who, why, which fields; the older changes say what they lost.
    const history = (await api.query(CHANGES, { id: "test-bob" }, staffAdmin)).data!.changes as any[];
    const own = history.filter((change) => change.itemId === "test-bob");
    expect(own.map((change) => change.operation)).toEqual(["erase", "update", "create"]);
    expect(own[0]).toMatchObject({
      actor: "test-dpo",
      reason: "request 2026/17",
      fields: ["email", "phone"],
      erased: [],
      writeId: erased.writeId,
    });
    expect(JSON.parse(own[0].after)).toEqual({
      kind: "Person",
      id: "test-bob",
      name: "Test test-bob",
      sources: [PAGE_SOURCE],
    });
    expect(own.slice(1).map((change) => change.erased)).toEqual([
      ["email", "phone"],
      ["email", "phone"],
    ]);
    // Non-staff readers learn the reason, never which contact fields there were.
    const publicHistory = (await api.query(CHANGES, { id: "test-bob" })).data!.changes as any[];
    expect(publicHistory.find((change) => change.operation === "erase")).toMatchObject({
      reason: "request 2026/17",
      fields: [],
      erased: [],
    });

    // An erasure cannot be undone; undoing the writes before it brings nothing back.
    const undoErasure = await api.query(REVERT, { id: erased.writeId }, staffAdmin);
    expect(undoErasure.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      problems: [expect.objectContaining({ code: "NOT_ALLOWED", id: "test-bob" })],
    });
    for (const write of [w2.upsertRecords.writeId, w1.upsertRecords.writeId]) {
      await api.query(REVERT, { id: write }, staffAdmin);
      expect(await wholeGraph()).not.toMatch(TRACES);
    }
  });

  it("erases a deleted person from the history: still listed as deleted, back without them when undeleted", async () => {
    const created = await mutate(UPSERT, { e: [person("test-ann")] }, staffEditor);
    await mutate(UPSERT, { e: [person("test-ann", { email: NEW_EMAIL })] }, staffEditor);
    const deleted = await mutate(`mutation { deleteRecords(ids: ["test-ann"]) { writeId } }`, {}, staffEditor);
    expect(await wholeGraph()).toMatch(TRACES);

    // An admin without `staff` may erase, and learns what was done, but not which contact fields there were.
    const erased = (await mutate(ERASE, { id: "test-ann", reason: "request 2026/18" }, admin)).erasePersonalData;
    expect(erased).toMatchObject({ kind: "Person", entityIds: ["test-ann"], fields: [], records: 0, changes: 3 });
    expect(await wholeGraph()).not.toMatch(TRACES);

    // It is still a deleted record, and undoing the deletion brings the person back without the data.
    const listed = (
      await api.query(`{ deletedRecords(entityId: "test-ann") { itemId writeId before } }`, {}, staffAdmin)
    ).data!.deletedRecords as any[];
    expect(listed).toEqual([
      {
        itemId: "test-ann",
        writeId: deleted.deleteRecords.writeId,
        before: JSON.stringify({ kind: "Person", id: "test-ann", name: "Test test-ann", sources: [PAGE_SOURCE] }),
      },
    ]);
    await mutate(REVERT, { id: deleted.deleteRecords.writeId }, staffAdmin);
    const back = await api.query(`{ people(where: { id: { eq: "test-ann" } }) { name email phone } }`, {}, staffAdmin);
    expect(back.data).toEqual({ people: [{ name: "Test test-ann", email: null, phone: null }] });
    // Undoing the write that created the person (refused or done) brings nothing back either.
    await api.query(REVERT, { id: created.upsertRecords.writeId }, staffAdmin);
    expect(await wholeGraph()).not.toMatch(TRACES);

    // A backup and an export taken after hold no trace; the backup's history passes a restore's checks.
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    await backupGraph(db, out);
    out.end();
    const backup = Buffer.concat(chunks).toString("utf8");
    expect(backup).toContain('"itemId":"test-ann"');
    expect(backup).not.toMatch(TRACES);
    const lines = backup.split("\n");
    const check = await checkBackup({ name: "after.jsonl", open: () => Readable.from([backup]) });
    expect(check.problems.problems.filter((problem) => lines[problem.line! - 1]!.includes("test-ann"))).toEqual([]);
    const exported = new PassThrough();
    const exportChunks: Buffer[] = [];
    exported.on("data", (chunk: Buffer) => exportChunks.push(chunk));
    await exportGraph(db, exported, { format: "json", asOf: null, personal: true });
    exported.end();
    expect(Buffer.concat(exportChunks).toString("utf8")).not.toMatch(TRACES);
  });

  it("follows merges: the same person under another id is erased too", async () => {
    await mutate(
      UPSERT,
      { e: [person("test-old-id"), person("test-new-id", { email: undefined, phone: undefined })] },
      staffEditor,
    );
    // The kept entity gains the merged one's email and phone; the merged one's deletion records them.
    await mutate(
      `mutation { mergeEntities(keepId: "test-new-id", mergeId: "test-old-id") { writeId } }`,
      {},
      staffEditor,
    );
    expect(await wholeGraph()).toMatch(TRACES);
    const erased = (await mutate(ERASE, { id: "test-new-id", reason: "request 2026/19" }, staffAdmin))
      .erasePersonalData;
    expect(erased).toMatchObject({ entityIds: ["test-new-id", "test-old-id"], fields: ["email", "phone"], records: 1 });
    expect(await wholeGraph()).not.toMatch(TRACES);
  });

  it("refuses what it cannot erase, with a code, changing nothing", async () => {
    const before = await wholeGraph();
    const refused = async (variables: Record<string, unknown>) => {
      const result = await api.query(ERASE, variables, staffAdmin);
      const extensions = result.errors?.[0]?.extensions as any;
      return [extensions?.code, extensions?.argumentName, extensions?.problems?.[0]?.code];
    };
    expect(await refused({ id: "test-nobody", reason: "request 1" })).toEqual([
      "BAD_USER_INPUT",
      "entityId",
      "NOT_FOUND",
    ]);
    expect(await refused({ id: "helsinki", reason: "request 1" })).toEqual([
      "BAD_USER_INPUT",
      "entityId",
      "NOT_ALLOWED",
    ]);
    expect(await refused({ id: PAGE_SOURCE, reason: "request 1" })).toEqual([
      "BAD_USER_INPUT",
      "entityId",
      "NOT_ALLOWED",
    ]);
    expect(await refused({ id: "Not An Id", reason: "request 1" })).toEqual([
      "BAD_USER_INPUT",
      "entityId",
      "INVALID_VALUE",
    ]);
    expect(await refused({ id: "jani-moliis", reason: " \u200B " })).toEqual([
      "BAD_USER_INPUT",
      "reason",
      "INVISIBLE_CHARACTERS",
    ]);
    expect(await refused({ id: "jani-moliis", reason: "   " })).toEqual(["BAD_USER_INPUT", "reason", "REQUIRED"]);
    expect(await wholeGraph()).toBe(before);
  });
});
