/**
 * Issue 19: undo never loses later work. Two editors through the API: A writes a source and a city, B builds
 * on them (a partnership at the city citing the source, an organisation citing the source, a source the city
 * publishes); A's undo is refused with CHANGED_SINCE naming B's writes (newest first), as a dry run too, and
 * changes nothing; once B's writes are undone, A's undo goes through. Records of the same write still go
 * together; a relationship whose end a later write deleted is refused naming that write (not an unknown
 * end); a merge undone waits for the writes built on what it made. And an undo's answer names no personal
 * contact field to an editor without `staff`.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type GraphQLResult, errorCodes, testToken } from "../support/test-api.js";
import { dumpGraph, runCypher } from "../support/test-database.js";
import { PAGE_SOURCE } from "../support/curated.js";
import { useTestGraph } from "../support/test-graph.js";

let editorA: string;
let editorB: string;
let staff: string;

const { db, api } = useTestGraph({ removeTestDataAfterEach: true });
beforeAll(async () => {
  editorA = await testToken(["editor"], "test-editor-a");
  editorB = await testToken(["editor"], "test-editor-b");
  staff = await testToken(["editor", "staff"], "test-staff");
});

const REPORT = "{ writeId dryRun items { item id change fields } }";
const UPSERT = `mutation($s: [SourceInput!], $e: [EntityInput!], $r: [RelationshipInput!]) {
  upsertRecords(sources: $s, entities: $e, relationships: $r) ${REPORT} }`;
const REVERT = `mutation($id: ID!, $dryRun: Boolean) { revertChange(id: $id, dryRun: $dryRun) ${REPORT} }`;
const DELETE = `mutation($ids: [ID!]!) { deleteRecords(ids: $ids) ${REPORT} }`;
const RELATIONSHIP = "helsinki--PARTNER_OF--test-a-city";

interface Problem {
  item: string;
  id: string;
  field: string | null;
  code: string;
  message: string;
  writeIds?: string[];
}

/** A write that must succeed: its write id. */
async function written(
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ writeId: string; items: unknown[] }> {
  const result = await api.query(query, variables, token);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data as Record<string, { writeId: string; items: unknown[] }>)[0]!;
}

function problemsOf(result: GraphQLResult): Problem[] {
  expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
  return result.errors![0]!.extensions!.problems as Problem[];
}

/** A's write: a source and a city citing it. */
async function writeByA(): Promise<string> {
  const { writeId } = await written(editorA, UPSERT, {
    s: [{ id: "test-a-report", title: "A's report", publisher: "Test", published: "2024" }],
    e: [{ kind: "City", id: "test-a-city", name: "A City", sources: ["test-a-report"] }],
  });
  return writeId;
}

/** B's write: a partnership of Helsinki with A's city, citing A's source. */
async function partnershipByB(): Promise<string> {
  const { writeId } = await written(editorB, UPSERT, {
    r: [
      {
        type: "PARTNER_OF",
        from: "helsinki",
        to: "test-a-city",
        kind: "bilateral",
        citations: [{ source: "test-a-report", excerpt: "test: partners" }],
      },
    ],
  });
  return writeId;
}

/** Whether a source, entity or relationship with this id is in the graph. */
async function exists(id: string): Promise<boolean> {
  const [row] = await runCypher(
    db,
    `RETURN EXISTS { MATCH (n {id: $id}) WHERE n:Entity OR n:Source } OR EXISTS { MATCH ()-[r {id: $id}]->() } AS found`,
    { id },
  );
  return row!.found as boolean;
}

describe("undo never loses later work", () => {
  it("A's undo of a source and city that B's partnership builds on is refused, naming B's write; nothing changes", async () => {
    const w1 = await writeByA();
    const w2 = await partnershipByB();
    const before = await dumpGraph(db);

    for (const dryRun of [true, false]) {
      const result = await api.query(REVERT, { id: w1, dryRun }, editorA);
      const problems = problemsOf(result);
      expect(problems).toEqual([
        {
          item: "relationship",
          id: RELATIONSHIP,
          field: null,
          code: "CHANGED_SINCE",
          message: expect.stringContaining(w2),
          writeIds: [w2],
        },
      ]);
      expect(problems[0]!.message).toMatch(
        /attached to test-a-city.*cites test-a-report|cites test-a-report.*test-a-city/,
      );
      expect(problems[0]!.message).toContain("test-editor-b");
      expect(result.errors![0]!.message).toContain(w2);
    }
    expect(await dumpGraph(db)).toBe(before);
  });

  it("once B's write is undone, A's undo goes through", async () => {
    const w1 = await writeByA();
    const w2 = await partnershipByB();
    expect(errorCodes(await api.query(REVERT, { id: w1 }, editorA))).toEqual(["BAD_USER_INPUT"]);

    await written(editorA, REVERT, { id: w2 }); // anyone may undo it: here A, after asking B
    const undone = await written(editorA, REVERT, { id: w1 });
    expect(undone.items).toEqual(
      expect.arrayContaining([
        { item: "entity", id: "test-a-city", change: "deleted", fields: [] },
        { item: "source", id: "test-a-report", change: "deleted", fields: [] },
      ]),
    );
    expect([await exists("test-a-city"), await exists("test-a-report"), await exists(RELATIONSHIP)]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it("records of the same write go with it: a source, a city and a partnership undone at once", async () => {
    const { writeId } = await written(editorA, UPSERT, {
      s: [{ id: "test-a-report", title: "A's report" }],
      e: [{ kind: "City", id: "test-a-city", name: "A City", sources: ["test-a-report"] }],
      r: [
        {
          type: "PARTNER_OF",
          from: "helsinki",
          to: "test-a-city",
          citations: [{ source: "test-a-report", excerpt: "test: partners" }],
        },
      ],
    });
    const undone = await written(editorA, REVERT, { id: writeId });
    expect(undone.items).toHaveLength(3);
    expect([await exists("test-a-city"), await exists("test-a-report")]).toEqual([false, false]);
  });

  it("every way a later write can build on an earlier one is named, with its writes newest first", async () => {
    const w1 = await writeByA();
    const w2 = await partnershipByB();
    const w3 = await written(editorB, UPSERT, {
      s: [{ id: "test-b-minutes", title: "Minutes", publisherId: "test-a-city" }],
      e: [{ kind: "Organization", id: "test-b-org", name: "B Org", sources: ["test-a-report"] }],
    }).then((report) => report.writeId);
    // B then corrects the partnership: both of B's writes on it stand, the newest first.
    const w4 = await written(editorB, UPSERT, {
      r: [
        {
          type: "PARTNER_OF",
          from: "helsinki",
          to: "test-a-city",
          kind: "bilateral",
          validFrom: "2020",
          citations: [{ source: "test-a-report", excerpt: "test: partners" }],
        },
      ],
    }).then((report) => report.writeId);
    const before = await dumpGraph(db);

    const result = await api.query(REVERT, { id: w1, dryRun: true }, editorA);
    const problems = problemsOf(result);
    expect(problems.map(({ item, id, code, writeIds }) => ({ item, id, code, writeIds }))).toEqual(
      expect.arrayContaining([
        { item: "relationship", id: RELATIONSHIP, code: "CHANGED_SINCE", writeIds: [w4, w2] },
        { item: "entity", id: "test-b-org", code: "CHANGED_SINCE", writeIds: [w3] },
        { item: "source", id: "test-b-minutes", code: "CHANGED_SINCE", writeIds: [w3] },
      ]),
    );
    expect(problems).toHaveLength(3);
    expect(problems.find((problem) => problem.id === "test-b-minutes")!.message).toContain("publisher");
    // The answer's message lists every later write to undo, newest first.
    const message = result.errors![0]!.message;
    expect(message.indexOf(w4)).toBeLessThan(message.indexOf(w3));
    expect(message.indexOf(w3)).toBeLessThan(message.indexOf(w2));
    expect(await dumpGraph(db)).toBe(before);

    // Undone newest first, A's write can be undone at last.
    for (const id of [w4, w3, w2]) await written(editorB, REVERT, { id });
    await written(editorA, REVERT, { id: w1 });
    expect(await exists("test-a-city")).toBe(false);
  });

  it("a partnership whose end a later write deleted is not put back: refused naming that write", async () => {
    await written(editorA, UPSERT, {
      e: [{ kind: "City", id: "test-a-city", name: "A City", sources: [PAGE_SOURCE] }],
      r: [
        {
          type: "PARTNER_OF",
          from: "helsinki",
          to: "test-a-city",
          citations: [{ source: PAGE_SOURCE, excerpt: "test: partners" }],
        },
      ],
    });
    const w1 = (await written(editorA, DELETE, { ids: [RELATIONSHIP] })).writeId;
    const w2 = (await written(editorB, DELETE, { ids: ["test-a-city"] })).writeId;
    const before = await dumpGraph(db);

    const problems = problemsOf(await api.query(REVERT, { id: w1 }, editorA));
    expect(problems).toEqual([
      {
        item: "relationship",
        id: RELATIONSHIP,
        field: "to",
        code: "CHANGED_SINCE",
        message: expect.stringContaining(w2),
        writeIds: [w2],
      },
    ]);
    expect(await dumpGraph(db)).toBe(before);

    // Re-creating the city is fine; then the partnership comes back too.
    await written(editorB, REVERT, { id: w2 });
    await written(editorA, REVERT, { id: w1 });
    expect(await exists(RELATIONSHIP)).toBe(true);
  });

  it("a citation made for a source's new form holds back the undo of that form", async () => {
    await written(editorA, UPSERT, {
      s: [{ id: "test-a-data", title: "A's table" }],
      e: [{ kind: "City", id: "test-a-city", name: "A City", sources: [PAGE_SOURCE] }],
    });
    const w1 = (await written(editorA, UPSERT, { s: [{ id: "test-a-data", title: "A's table", form: "dataset" }] }))
      .writeId;
    const w2 = (
      await written(editorB, UPSERT, {
        r: [
          {
            type: "PARTNER_OF",
            from: "helsinki",
            to: "test-a-city",
            citations: [{ source: "test-a-data", locator: "row 5" }],
          },
        ],
      })
    ).writeId;
    const problems = problemsOf(await api.query(REVERT, { id: w1 }, editorA));
    expect(problems).toEqual([
      {
        item: "relationship",
        id: RELATIONSHIP,
        field: null,
        code: "CHANGED_SINCE",
        message: expect.stringContaining("turn back into a document"),
        writeIds: [w2],
      },
    ]);
  });

  it("a merge undone waits for a later write on what it re-pointed; other work at the kept entity does not block it", async () => {
    await written(editorA, UPSERT, {
      e: [
        { kind: "City", id: "test-keep", name: "Kept City", sources: [PAGE_SOURCE] },
        { kind: "City", id: "test-dup", name: "Duplicate City", sources: [PAGE_SOURCE] },
      ],
      r: [
        {
          type: "PARTNER_OF",
          from: "helsinki",
          to: "test-dup",
          validFrom: "2010",
          citations: [{ source: PAGE_SOURCE, excerpt: "test: partners" }],
        },
      ],
    });
    const merged = await written(
      editorA,
      `mutation { mergeEntities(keepId: "test-keep", mergeId: "test-dup") ${REPORT} }`,
    );
    const ended = await written(
      editorB,
      `mutation { endRelationship(id: "helsinki--PARTNER_OF--test-keep", date: "2023",
         citation: { source: "${PAGE_SOURCE}", excerpt: "test: ended" }) ${REPORT} }`,
    );
    await written(editorB, UPSERT, {
      r: [
        {
          type: "PARTNER_OF",
          from: "test-keep",
          to: "tampere",
          citations: [{ source: PAGE_SOURCE, excerpt: "test: partners" }],
        },
      ],
    });
    const before = await dumpGraph(db);

    const problems = problemsOf(await api.query(REVERT, { id: merged.writeId }, editorA));
    expect(problems.map(({ id, code, writeIds }) => ({ id, code, writeIds }))).toEqual([
      { id: "helsinki--PARTNER_OF--test-keep", code: "CHANGED_SINCE", writeIds: [ended.writeId] },
    ]);
    expect(await dumpGraph(db)).toBe(before);

    await written(editorB, REVERT, { id: ended.writeId });
    await written(editorA, REVERT, { id: merged.writeId });
    expect([await exists("test-dup"), await exists("helsinki--PARTNER_OF--test-dup")]).toEqual([true, true]);
    expect(await exists("test-keep--PARTNER_OF--tampere")).toBe(true);
  });
});

describe("an undo's answer keeps personal contact details with staff", () => {
  const PERSON = { kind: "Person", id: "test-contact", name: "Test Contact", sources: [PAGE_SOURCE] };
  const CONTACT = { email: "contact@example.org", phone: "+358 40 123 4567" };

  function mentionsContact(result: GraphQLResult): boolean {
    return /email|phone|contact@example|123 4567/.test(JSON.stringify(result));
  }

  it("an editor without staff undoes the deletion of a person: the same answer as for a person without contact details", async () => {
    await written(staff, UPSERT, { e: [{ ...PERSON, ...CONTACT }] });
    await written(staff, UPSERT, { e: [{ ...PERSON, id: "test-plain", name: "Plain Person" }] });
    const deleted = (await written(editorA, DELETE, { ids: ["test-contact"] })).writeId;
    const deletedPlain = (await written(editorA, DELETE, { ids: ["test-plain"] })).writeId;

    const dry = await api.query(REVERT, { id: deleted, dryRun: true }, editorA);
    const dryPlain = await api.query(REVERT, { id: deletedPlain, dryRun: true }, editorA);
    expect(mentionsContact(dry)).toBe(false);
    expect(JSON.stringify(dry).replaceAll("test-contact", "test-plain")).toBe(JSON.stringify(dryPlain));

    const undone = await api.query(REVERT, { id: deleted }, editorA);
    expect(undone.errors).toBeUndefined();
    expect(mentionsContact(undone)).toBe(false);
    // Nothing is lost: the person comes back whole, as staff sees it.
    const person = await api.query(`{ people(where: { id: { eq: "test-contact" } }) { email phone } }`, {}, staff);
    expect(person.data).toEqual({ people: [CONTACT] });
  });

  it("a contact detail the history holds that today's checks refuse is named to staff only", async () => {
    await written(staff, UPSERT, { e: [{ ...PERSON, ...CONTACT }] });
    const deleted = (await written(editorA, DELETE, { ids: ["test-contact"] })).writeId;
    // As if the checks had grown stricter since it was written: the history's email holds a zero-width space.
    await runCypher(
      db,
      "MATCH (c:Change {writeId: $writeId, itemId: 'test-contact'}) SET c.before = replace(c.before, $email, $hidden)",
      { writeId: deleted, email: CONTACT.email, hidden: CONTACT.email.replace("@", "\u200b@") },
    );
    const before = await dumpGraph(db);
    const refused = await api.query(REVERT, { id: deleted, dryRun: true }, editorA);
    expect(problemsOf(refused).map(({ item, id, field }) => ({ item, id, field }))).toEqual([
      { item: "entity", id: "test-contact", field: null },
    ]);
    expect(mentionsContact(refused)).toBe(false);
    const asStaff = problemsOf(await api.query(REVERT, { id: deleted }, staff));
    expect(asStaff.map((problem) => problem.field)).toEqual(["email"]);
    expect(await dumpGraph(db)).toBe(before);
  });

  it("an editor without staff undoing staff's change of an email sees no field named", async () => {
    await written(staff, UPSERT, { e: [{ ...PERSON, ...CONTACT }] });
    const changed = (await written(staff, UPSERT, { e: [{ ...PERSON, ...CONTACT, email: "new@example.org" }] }))
      .writeId;
    const dry = await api.query(REVERT, { id: changed, dryRun: true }, editorA);
    expect(dry.errors).toBeUndefined();
    expect(dry.data!.revertChange).toMatchObject({
      items: [{ item: "entity", id: "test-contact", change: "changed", fields: [] }],
    });
    expect(/email|phone|example\.org/.test(JSON.stringify(dry))).toBe(false);
    // Staff sees which field it puts back.
    const asStaff = await api.query(REVERT, { id: changed, dryRun: true }, staff);
    expect(asStaff.data!.revertChange).toMatchObject({ items: [{ fields: ["email"] }] });
  });
});
