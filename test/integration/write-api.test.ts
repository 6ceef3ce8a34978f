/**
 * The side-door suite. The API's only writes are the typed mutations on the one write path; for every one
 * of them, with an editor's token: a write that breaks a rule is refused with structured problems and
 * changes nothing, and an accepted write leaves a history entry for every record it touched (cascades
 * included) and a graph whose export imports again. The doors the generated API used to open are gone.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { exportGraph } from "../../src/export/index.js";
import { textReader } from "../../src/graph-data/index.js";
import { writeGraph } from "../../src/write/index.js";
import { errorCodes, testToken } from "../support/test-api.js";
import { dumpGraph, runCypher } from "../support/test-database.js";
import { PAGE_SOURCE } from "../support/curated.js";
import { useTestGraph } from "../support/test-graph.js";

let editor: string;
let staff: string;

const { db, api } = useTestGraph({ removeTestDataAfterEach: true });
beforeAll(async () => {
  editor = await testToken(["editor"], "test-editor");
  staff = await testToken(["editor", "staff"], "test-staff-editor");
});

const REPORT = `{ writeId dryRun sources { new changed unchanged corroborated conflicts deleted }
  entities { new changed unchanged corroborated conflicts deleted }
  relationships { new changed unchanged corroborated conflicts deleted } items { item id change fields conflict } truncated }`;
const UPSERT = `mutation($sources: [SourceInput!], $entities: [EntityInput!], $relationships: [RelationshipInput!], $dryRun: Boolean) {
  upsertRecords(sources: $sources, entities: $entities, relationships: $relationships, dryRun: $dryRun) ${REPORT} }`;
const END = `mutation($id: ID!, $date: String!, $status: String, $citation: CitationInput!) {
  endRelationship(id: $id, date: $date, status: $status, citation: $citation) ${REPORT} }`;
const DELETE = `mutation($ids: [ID!]!, $dryRun: Boolean) { deleteRecords(ids: $ids, dryRun: $dryRun) ${REPORT} }`;
const IMPORT = `mutation($content: String!, $dryRun: Boolean) {
  importGraph(content: $content, format: YAML, dryRun: $dryRun, fileName: "test.yaml") ${REPORT} }`;

const testSource = (id = "test-report") => ({ id, title: "A test report", publisher: "Test", published: "2024" });
const testCity = (id: string, extra: Record<string, unknown> = {}) => ({
  kind: "City",
  id,
  name: `City ${id}`,
  sources: ["test-report"],
  ...extra,
});
const partnership = (from: string, to: string, extra: Record<string, unknown> = {}) => ({
  type: "PARTNER_OF",
  from,
  to,
  kind: "bilateral",
  status: "active",
  validFrom: "2010",
  citations: [{ source: "test-report", excerpt: "partners since 2010" }],
  ...extra,
});

/** Two test cities that are partners, and their source. */
async function seedTestPair(): Promise<void> {
  const result = await api.query(
    UPSERT,
    {
      sources: [testSource()],
      entities: [testCity("test-a"), testCity("test-b")],
      relationships: [partnership("test-a", "test-b")],
    },
    editor,
  );
  expect(result.errors).toBeUndefined();
}

function problemsOf(result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) {
  const problems = (result.errors?.[0]?.extensions?.problems ?? []) as {
    item: string;
    id: string;
    field: string;
    code: string;
  }[];
  return problems.map(({ item, id, field, code }) => ({ item, id, field, code }));
}

const CHANGES = `query($id: ID!) { changes(entityId: $id, limit: 100) { writeId actor origin operation itemType itemId fields before after } }`;
async function changesOf(id: string) {
  const result = await api.query(CHANGES, { id });
  expect(result.errors).toBeUndefined();
  return result.data.changes as {
    writeId: string;
    actor: string;
    operation: string;
    itemType: string;
    itemId: string;
    fields: string[];
    before: string | null;
    after: string | null;
  }[];
}

describe("the generated API has no mutations", () => {
  it("offers only the typed writes of the one write path", async () => {
    const result = await api.query(`{ __schema { mutationType { fields { name } } } }`);
    expect(result.data.__schema.mutationType.fields.map((field: { name: string }) => field.name).sort()).toEqual([
      "deleteRecords",
      "endRelationship",
      "erasePersonalData",
      "importGraph",
      "mergeEntities",
      "revertChange",
      "upsertRecords",
    ]);
  });

  it.each([
    [
      "a nested update through an interface relationship",
      `mutation { updateOffices(where: { id: { eq: "helsinki-centre-st-petersburg" } }, update: { funders: [{ update: { node: { name: { set: "" } } } }] }) { offices { id } } }`,
    ],
    ["a delete of everything", `mutation { deleteThemes(where: { AND: [] }) { nodesDeleted } }`],
    [
      "a create",
      `mutation { createCities(input: [{ id: "test-x", name: "X", aliases: [], sourceIds: [] }]) { cities { id } } }`,
    ],
  ])("%s is not a field of the schema", async (_label, mutation) => {
    const before = await dumpGraph(db);
    expect(errorCodes(await api.query(mutation, {}, editor))).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(await dumpGraph(db)).toBe(before);
  });
});

describe("a write that breaks a rule is refused with its problems, and changes nothing", () => {
  const CASES: [
    string,
    () => Promise<[string, Record<string, unknown>]>,
    { item: string; id: string; field: string | null; code: string }[],
  ][] = [
    [
      "an entity without a source",
      async () => [UPSERT, { entities: [{ kind: "City", id: "test-c", name: "C", sources: [] }] }],
      [{ item: "entity", id: "test-c", field: "sources", code: "REQUIRED" }],
    ],
    [
      "an entity taking a source's id",
      async () => [UPSERT, { entities: [{ kind: "City", id: PAGE_SOURCE, name: "C", sources: [PAGE_SOURCE] }] }],
      [{ item: "entity", id: PAGE_SOURCE, field: "id", code: "ID_TAKEN" }],
    ],
    [
      "a city turned into an office",
      async () => [UPSERT, { entities: [{ kind: "Office", id: "kotka", name: "Kotka", sources: [PAGE_SOURCE] }] }],
      [{ item: "entity", id: "kotka", field: "kind", code: "ID_TAKEN" }],
    ],
    [
      "a blank name",
      async () => [UPSERT, { entities: [{ kind: "City", id: "kotka", name: " ", sources: [PAGE_SOURCE] }] }],
      [{ item: "entity", id: "kotka", field: "name", code: "REQUIRED" }],
    ],
    [
      "a relationship kind outside the vocabulary",
      async () => [
        UPSERT,
        {
          relationships: [
            {
              ...partnership("helsinki", "tampere"),
              kind: "<enemy-of>",
              citations: [{ source: PAGE_SOURCE, excerpt: "x" }],
            },
          ],
        },
      ],
      [{ item: "relationship", id: "helsinki--PARTNER_OF--tampere", field: "kind", code: "INVALID_VALUE" }],
    ],
    [
      "a relationship to nowhere, citing nothing that exists",
      async () => [
        UPSERT,
        {
          relationships: [
            { ...partnership("helsinki", "test-nowhere"), citations: [{ source: "test-nope", excerpt: "x" }] },
          ],
        },
      ],
      [
        { item: "relationship", id: "helsinki--PARTNER_OF--test-nowhere", field: "to", code: "UNKNOWN_REFERENCE" },
        {
          item: "relationship",
          id: "helsinki--PARTNER_OF--test-nowhere",
          field: "citations.0.source",
          code: "UNKNOWN_REFERENCE",
        },
      ],
    ],
    [
      "a relationship between kinds its type does not join",
      async () => [
        UPSERT,
        {
          relationships: [
            { type: "FUNDS", from: "helsinki", to: "finland", citations: [{ source: PAGE_SOURCE, excerpt: "x" }] },
          ],
        },
      ],
      [{ item: "relationship", id: "helsinki--FUNDS--finland", field: "to", code: "NOT_ALLOWED" }],
    ],
    [
      "an editor without staff writing an email",
      async () => [
        UPSERT,
        { entities: [{ kind: "Person", id: "test-p", name: "P", sources: [PAGE_SOURCE], email: "p@example.org" }] },
      ],
      [{ item: "entity", id: "test-p", field: "email", code: "RESTRICTED" }],
    ],
    [
      "ending a relationship that does not exist",
      async () => [
        END,
        { id: "test-a--PARTNER_OF--test-z", date: "2022", citation: { source: PAGE_SOURCE, excerpt: "x" } },
      ],
      [{ item: "relationship", id: "test-a--PARTNER_OF--test-z", field: "id", code: "NOT_FOUND" }],
    ],
    [
      "ending a relationship before it began",
      async () => {
        await seedTestPair();
        return [
          END,
          { id: "test-a--PARTNER_OF--test-b", date: "2001", citation: { source: PAGE_SOURCE, excerpt: "x" } },
        ];
      },
      [{ item: "relationship", id: "test-a--PARTNER_OF--test-b", field: "date", code: "DATE_ORDER" }],
    ],
    [
      "ending a relationship citing an unknown source",
      async () => {
        await seedTestPair();
        return [
          END,
          {
            id: "test-a--PARTNER_OF--test-b",
            date: "2022-03",
            status: "suspended",
            citation: { source: "test-nope", excerpt: "x" },
          },
        ];
      },
      [
        {
          item: "relationship",
          id: "test-a--PARTNER_OF--test-b",
          field: "citations.1.source",
          code: "UNKNOWN_REFERENCE",
        },
        {
          item: "relationship",
          id: "test-a--PARTNER_OF--test-b--2022-03",
          field: "citations.0.source",
          code: "UNKNOWN_REFERENCE",
        },
      ],
    ],
    [
      "deleting a source that is still cited",
      async () => [DELETE, { ids: [PAGE_SOURCE] }],
      [{ item: "source", id: PAGE_SOURCE, field: null, code: "STILL_CITED" }],
    ],
    [
      "deleting what is not there",
      async () => [DELETE, { ids: ["test-ghost"] }],
      [{ item: "entity", id: "test-ghost", field: null, code: "NOT_FOUND" }],
    ],
    [
      "importing a file with a bad date",
      async () => [
        IMPORT,
        {
          content: `entities:\n  - { kind: City, id: test-c, name: C, sources: [${PAGE_SOURCE}] }\nrelationships:\n  - { type: PARTNER_OF, from: helsinki, to: test-c, validFrom: "2020-13", citations: [{ source: ${PAGE_SOURCE}, excerpt: x }] }\n`,
        },
      ],
      [{ item: "relationship", id: "helsinki--PARTNER_OF--test-c", field: "validFrom", code: "INVALID_VALUE" }],
    ],
  ];

  it.each(CASES)("%s", async (_label, make, expected) => {
    const [mutation, variables] = await make();
    const before = await dumpGraph(db);
    const result = await api.query(mutation, variables, editor);
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(problemsOf(result)).toEqual(expected);
    expect(await dumpGraph(db)).toBe(before);
  });

  it("more records than a write takes: BAD_USER_INPUT naming the argument", async () => {
    const entities = Array.from({ length: 1001 }, (_, i) => testCity(`test-many-${i}`));
    const result = await api.query(UPSERT, { entities }, editor);
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.extensions?.argumentName).toBe("entities");
  });

  it("two writes in one operation: refused before either runs", async () => {
    const before = await dumpGraph(db);
    const result = await api.query(
      `mutation { a: deleteRecords(ids: ["test-x"]) { dryRun } b: upsertRecords(sources: [{ id: "test-y", title: "Y" }]) { dryRun } }`,
      {},
      editor,
    );
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(await dumpGraph(db)).toBe(before);
  });
});

describe("an accepted write leaves history for every record it touched", () => {
  it("upsertRecords: creates and updates, stamped and recorded under one writeId", async () => {
    const created = await api.query(
      UPSERT,
      {
        sources: [testSource()],
        entities: [testCity("test-a"), testCity("test-b")],
        relationships: [partnership("test-a", "test-b")],
      },
      editor,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.upsertRecords).toMatchObject({
      dryRun: false,
      sources: { new: 1 },
      entities: { new: 2 },
      relationships: { new: 1 },
    });
    const { writeId } = created.data.upsertRecords;
    const history = await changesOf("test-a");
    expect(
      history.map(({ writeId: w, actor, operation, itemType, itemId }) => ({ w, actor, operation, itemType, itemId })),
    ).toEqual(
      expect.arrayContaining([
        { w: writeId, actor: "test-editor", operation: "create", itemType: "entity", itemId: "test-a" },
        {
          w: writeId,
          actor: "test-editor",
          operation: "create",
          itemType: "relationship",
          itemId: "test-a--PARTNER_OF--test-b",
        },
      ]),
    );
    const [stamps] = await runCypher(
      db,
      "MATCH (n:City {id: 'test-a'}) RETURN n.createdBy AS by, n.createdAt IS NOT NULL AS at",
    );
    expect(stamps).toEqual({ by: "test-editor", at: true });

    const renamed = await api.query(
      UPSERT,
      { entities: [testCity("test-a", { name: "Renamed", nameFi: "Uusi nimi" })] },
      editor,
    );
    expect(renamed.data.upsertRecords.items).toEqual([
      { item: "entity", id: "test-a", change: "changed", fields: ["name", "nameFi"], conflict: null },
    ]);
    const [latest] = await changesOf("test-a");
    expect(latest).toMatchObject({ operation: "update", itemId: "test-a", fields: ["name", "nameFi"] });
    expect(JSON.parse(latest!.before!)).toMatchObject({ kind: "City", id: "test-a", name: "City test-a" });
    expect(JSON.parse(latest!.after!)).toMatchObject({
      kind: "City",
      id: "test-a",
      name: "Renamed",
      nameFi: "Uusi nimi",
    });
  });

  it("upsertRecords with dryRun reports the same and changes nothing", async () => {
    const before = await dumpGraph(db);
    const result = await api.query(
      UPSERT,
      { sources: [testSource()], entities: [testCity("test-a")], dryRun: true },
      editor,
    );
    expect(result.data.upsertRecords).toMatchObject({
      writeId: null,
      dryRun: true,
      sources: { new: 1 },
      entities: { new: 1 },
    });
    expect(await dumpGraph(db)).toBe(before);
  });

  it("endRelationship: the period ends and a suspended one begins, both recorded", async () => {
    await seedTestPair();
    const result = await api.query(
      END,
      {
        id: "test-a--PARTNER_OF--test-b",
        date: "2022-03",
        status: "suspended",
        citation: { source: PAGE_SOURCE, excerpt: "test: suspended" },
      },
      editor,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.endRelationship.items).toEqual([
      {
        item: "relationship",
        id: "test-a--PARTNER_OF--test-b",
        change: "changed",
        fields: ["citations", "validTo"],
        conflict: null,
      },
      { item: "relationship", id: "test-a--PARTNER_OF--test-b--2022-03", change: "new", fields: [], conflict: null },
    ]);
    const periods = await api.query(
      `{ neighbourhood(id: "test-a", depth: 1) { edges { id status validFrom validTo sources { sourceId } } } }`,
    );
    expect(periods.data.neighbourhood.edges).toEqual(
      expect.arrayContaining([
        {
          id: "test-a--PARTNER_OF--test-b",
          status: "active",
          validFrom: "2010",
          validTo: "2022-03",
          sources: [{ sourceId: "test-report" }, { sourceId: PAGE_SOURCE }],
        },
        {
          id: "test-a--PARTNER_OF--test-b--2022-03",
          status: "suspended",
          validFrom: "2022-03",
          validTo: null,
          sources: [{ sourceId: PAGE_SOURCE }],
        },
      ]),
    );
    const history = await changesOf("test-a");
    expect(
      history
        .filter((change) => change.writeId === result.data.endRelationship.writeId)
        .map((c) => `${c.operation} ${c.itemId}`)
        .sort(),
    ).toEqual(["create test-a--PARTNER_OF--test-b--2022-03", "update test-a--PARTNER_OF--test-b"]);
  });

  it("deleteRecords: an entity goes with its relationships, each recorded, and the history says it is gone", async () => {
    await seedTestPair();
    const result = await api.query(DELETE, { ids: ["test-b"] }, editor);
    expect(result.errors).toBeUndefined();
    expect(result.data.deleteRecords.items).toEqual([
      { item: "relationship", id: "test-a--PARTNER_OF--test-b", change: "deleted", fields: [], conflict: null },
      { item: "entity", id: "test-b", change: "deleted", fields: [], conflict: null },
    ]);
    const history = await changesOf("test-b");
    expect(
      history
        .filter((c) => c.operation === "delete")
        .map((c) => c.itemId)
        .sort(),
    ).toEqual(["test-a--PARTNER_OF--test-b", "test-b"]);
    const today = new Date().toISOString().slice(0, 10);
    const asOf = await api.query(`query($d: String!) { recordAsOf(id: "test-b", date: $d) { existed fromHistory } }`, {
      d: today,
    });
    expect(asOf.data.recordAsOf).toEqual({ existed: false, fromHistory: true });
  });

  it("revertChange puts a record back exactly, whatever the merge rules would do: a corroboration undone", async () => {
    await seedTestPair();
    const corroborated = await api.query(
      UPSERT,
      {
        relationships: [
          partnership("test-a", "test-b", { citations: [{ source: PAGE_SOURCE, excerpt: "also partners" }] }),
        ],
      },
      editor,
    );
    expect(corroborated.data.upsertRecords.items).toMatchObject([{ change: "corroborated" }]);
    const undone = await api.query(
      `mutation($id: ID!) { revertChange(id: $id) ${REPORT} }`,
      { id: corroborated.data.upsertRecords.writeId },
      editor,
    );
    expect(undone.data.revertChange.items).toEqual([
      {
        item: "relationship",
        id: "test-a--PARTNER_OF--test-b",
        change: "changed",
        fields: ["citations"],
        conflict: null,
      },
    ]);
    const [row] = await runCypher(
      db,
      "MATCH ()-[r:PARTNER_OF {id: 'test-a--PARTNER_OF--test-b'}]->() RETURN r.sourceIds AS sources",
    );
    expect(row).toEqual({ sources: ["test-report"] });
  });

  it("importGraph: recorded with the editor as actor and the file as origin", async () => {
    const content = `sources:\n  - { id: test-report, title: A test report }\nentities:\n  - { kind: City, id: test-a, name: A, sources: [test-report] }\n`;
    const result = await api.query(IMPORT, { content }, editor);
    expect(result.errors).toBeUndefined();
    const [change] = await changesOf("test-a");
    expect(change).toMatchObject({ actor: "test-editor", operation: "create", itemId: "test-a" });
  });

  it("what the writes leave behind exports to a file that imports again, unchanged", async () => {
    await seedTestPair();
    await api.query(
      END,
      { id: "test-a--PARTNER_OF--test-b", date: "2023", citation: { source: PAGE_SOURCE, excerpt: "ended" } },
      editor,
    );
    const out = new PassThrough();
    let json = "";
    out.on("data", (chunk: Buffer) => (json += chunk.toString()));
    await exportGraph(db, out, { format: "json", asOf: null, personal: true });
    const report = await writeGraph(
      db,
      { reader: textReader(json, "export.json", "json") },
      { dryRun: true, actor: "test", origin: "test", staff: true },
    );
    for (const counts of Object.values(report.counts)) {
      expect(counts).toMatchObject({ new: 0, changed: 0, corroborated: 0, conflicts: 0, deleted: 0 });
    }
  });
});

describe("personal contact details through the write path", () => {
  const person = { kind: "Person", id: "test-person", name: "Test Person", sources: [PAGE_SOURCE] };

  it("an editor without staff learns nothing by guessing: a right and a wrong guess get the same answer", async () => {
    expect(
      (await api.query(UPSERT, { entities: [{ ...person, email: "right@example.org" }] }, staff)).errors,
    ).toBeUndefined();
    const right = await api.query(
      UPSERT,
      { entities: [{ ...person, email: "right@example.org" }], dryRun: true },
      editor,
    );
    const wrong = await api.query(
      UPSERT,
      { entities: [{ ...person, email: "wrong@example.org" }], dryRun: true },
      editor,
    );
    expect(problemsOf(right)).toEqual([{ item: "entity", id: "test-person", field: "email", code: "RESTRICTED" }]);
    expect(problemsOf(wrong)).toEqual(problemsOf(right));
    expect(right.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
  });

  it("an editor without staff may edit the rest of the record; the stored email stays", async () => {
    await api.query(UPSERT, { entities: [{ ...person, email: "kept@example.org" }] }, staff);
    const result = await api.query(UPSERT, { entities: [{ ...person, name: "Renamed Person" }] }, editor);
    expect(result.data.upsertRecords.items).toEqual([
      { item: "entity", id: "test-person", change: "changed", fields: ["name"], conflict: null },
    ]);
    const [row] = await runCypher(db, "MATCH (p:Person {id: 'test-person'}) RETURN p.email AS email, p.name AS name");
    expect(row).toEqual({ email: "kept@example.org", name: "Renamed Person" });
    const history = await api.query(CHANGES, { id: "test-person" }, editor);
    expect(JSON.stringify(history.data)).not.toContain("kept@example.org");
  });
});
