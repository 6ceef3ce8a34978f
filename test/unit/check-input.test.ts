/**
 * The write path's checks without a database (a graph held in memory stands in for the stored one):
 * readers' positions, ids within an input and against the graph, references, restricted fields,
 * deletions — and the same bad record getting the same problems whichever door it comes through.
 */
import { describe, expect, it } from "vitest";
import { type Problem, type RecordReader, fileReader, recordsReader, textReader } from "../../src/graph-data/index.js";
import { checkInput } from "../../src/write/check-input.js";
import { RejectedWrite } from "../../src/write/index.js";
import type { StoredNode, StoredRelationship } from "../../src/write/plan.js";
import { memoryLookup } from "../../src/write/stored-state.js";

/** The stored graph the checks see: Helsinki, Tampere, a source, a partnership. */
const NODES = new Map<string, StoredNode>([
  ["helsinki", { kind: "City", props: { id: "helsinki", name: "Helsinki", sourceIds: ["page"] } }],
  ["tampere", { kind: "City", props: { id: "tampere", name: "Tampere", sourceIds: ["page"] } }],
  ["finland", { kind: "Country", props: { id: "finland", name: "Finland", sourceIds: ["page"] } }],
  ["page", { kind: "Source", props: { id: "page", title: "The page" } }],
  ["unused", { kind: "Source", props: { id: "unused", title: "Nobody cites it" } }],
  ["crowd", { kind: "Source", props: { id: "crowd", title: "Twin-city statements", form: "dataset" } }],
]);
const RELATIONSHIPS = new Map<string, StoredRelationship>([
  [
    "helsinki--PARTNER_OF--tampere",
    {
      type: "PARTNER_OF",
      from: "helsinki",
      to: "tampere",
      props: { id: "helsinki--PARTNER_OF--tampere", sourceIds: ["page"], excerpts: ["x"] },
    },
  ],
]);
const lookup = () => memoryLookup(NODES, RELATIONSHIPS);

async function problems(reader: RecordReader, deletions: string[] = [], staff = true): Promise<Problem[]> {
  try {
    await checkInput(lookup(), { reader, deletions }, staff);
    return [];
  } catch (error) {
    if (error instanceof RejectedWrite) return [...error.problems];
    throw error;
  }
}

const brief = (list: Problem[]): { item: string; id: string | null; field: string | null; code: string }[] =>
  list.map(({ item, id, field, code }) => ({ item, id, field, code }));

describe("the same bad records get the same problems through every door", () => {
  const BAD = {
    sources: [{ id: "helsinki", title: "Takes an entity's id" }],
    entities: [
      { kind: "City", id: "test-city", name: "Test", sources: ["nowhere"] },
      { kind: "Office", id: "tampere", name: "Tampere as an office", sources: ["page"] },
    ],
    relationships: [
      { type: "FUNDS", from: "test-city", to: "finland", citations: [{ source: "page", excerpt: "funds" }] },
      {
        type: "PARTNER_OF",
        id: "helsinki--PARTNER_OF--tampere",
        from: "tampere",
        to: "helsinki",
        kind: "bilateral",
        citations: [{ source: "page", excerpt: "x" }],
      },
    ],
  };
  const EXPECTED = [
    { item: "entity", id: "test-city", field: "sources", code: "UNKNOWN_REFERENCE" },
    { item: "relationship", id: "test-city--FUNDS--finland", field: "to", code: "NOT_ALLOWED" },
    { item: "source", id: "helsinki", field: "id", code: "ID_TAKEN" },
    { item: "entity", id: "tampere", field: "kind", code: "ID_TAKEN" },
    { item: "relationship", id: "helsinki--PARTNER_OF--tampere", field: "id", code: "ID_TAKEN" },
    // The input makes tampere an Office: a partnership cannot start at one.
    { item: "relationship", id: "helsinki--PARTNER_OF--tampere", field: "from", code: "NOT_ALLOWED" },
  ];
  const sorted = (list: ReturnType<typeof brief>) =>
    [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  it("API input (records)", async () => {
    expect(sorted(brief(await problems(recordsReader(BAD))))).toEqual(sorted(EXPECTED));
  });

  it("a YAML file, with lines and columns", async () => {
    const yaml = `sources:\n  - id: helsinki\n    title: Takes an entity's id\nentities:\n  - { kind: City, id: test-city, name: Test, sources: [nowhere] }\n  - { kind: Office, id: tampere, name: Tampere as an office, sources: [page] }\nrelationships:\n  - { type: FUNDS, from: test-city, to: finland, citations: [{ source: page, excerpt: funds }] }\n  - { type: PARTNER_OF, id: helsinki--PARTNER_OF--tampere, from: tampere, to: helsinki, kind: bilateral, citations: [{ source: page, excerpt: x }] }\n`;
    const found = await problems(textReader(yaml, "bad.yaml", "yaml"));
    expect(sorted(brief(found))).toEqual(sorted(EXPECTED));
    expect(found.find((p) => p.code === "UNKNOWN_REFERENCE")).toMatchObject({ file: "bad.yaml", line: 5, column: 55 });
    expect(found.find((p) => p.code === "NOT_ALLOWED")).toMatchObject({ file: "bad.yaml", line: 8, column: 41 });
  });

  it("a JSON file", async () => {
    const json = JSON.stringify(BAD, null, 2);
    expect(sorted(brief(await problems(textReader(json, "bad.json", "json"))))).toEqual(sorted(EXPECTED));
  });

  it("a CSV file, with rows and columns", async () => {
    const csv = [
      "record,kind,type,id,from,to,name,title,sources,excerpts",
      "source,,,helsinki,,,,Takes an entity's id,,",
      "entity,City,,test-city,,,Test,,nowhere,",
      "entity,Office,,tampere,,,Tampere as an office,,page,",
      "relationship,,FUNDS,,test-city,finland,,,page,funds",
      "relationship,bilateral,PARTNER_OF,helsinki--PARTNER_OF--tampere,tampere,helsinki,,,page,x",
    ].join("\n");
    const found = await problems(textReader(csv, "bad.csv", "csv"));
    expect(sorted(brief(found))).toEqual(sorted(EXPECTED));
    expect(found.find((p) => p.code === "NOT_ALLOWED")).toMatchObject({ file: "bad.csv", line: 5, column: 6 });
  });
});

describe("checks within one input", () => {
  it("finds ids used twice, entities and sources sharing an id, and references to a broken record only once", async () => {
    const found = await problems(
      recordsReader({
        sources: [{ id: "test-s", title: "S" }],
        entities: [
          { kind: "City", id: "test-s", name: "Clash", sources: ["test-s"] },
          { kind: "City", id: "test-c", name: "C", sources: ["test-s"] },
          { kind: "City", id: "test-c", name: "C again", sources: ["test-s"] },
          { kind: "City", id: "test-broken", name: "", sources: ["test-s"] },
        ],
        relationships: [
          { type: "PARTNER_OF", from: "test-c", to: "test-broken", citations: [{ source: "test-s", excerpt: "x" }] },
          { type: "PARTNER_OF", from: "test-c", to: "test-broken", citations: [{ source: "test-s", excerpt: "y" }] },
        ],
      }),
    );
    expect(brief(found)).toEqual([
      { item: "entity", id: "test-s", field: "id", code: "DUPLICATE_ID" },
      { item: "entity", id: "test-c", field: "id", code: "DUPLICATE_ID" },
      { item: "entity", id: "test-broken", field: "name", code: "REQUIRED" },
      { item: "relationship", id: "test-c--PARTNER_OF--test-broken", field: "id", code: "DUPLICATE_ID" },
    ]);
  });

  it("refuses personal contact details from a writer without staff, revealing nothing about them", async () => {
    const person = { kind: "Person", id: "test-p", name: "P", sources: ["page"], email: "guess@example.org" };
    expect(brief(await problems(recordsReader({ entities: [person] }), [], false))).toEqual([
      { item: "entity", id: "test-p", field: "email", code: "RESTRICTED" },
    ]);
    expect(await problems(recordsReader({ entities: [person] }), [], true)).toEqual([]);
  });

  it("stops at an input that cannot be read, with its position", async () => {
    expect((await problems(textReader("entities: [ { kind: City", "broken.yaml", "yaml")))[0]).toMatchObject({
      file: "broken.yaml",
      line: 1,
      item: "file",
      code: "INVALID_FILE",
    });
    expect(await problems(textReader("- just\n- a list\n", "list.yaml", "yaml"))).toMatchObject([
      { file: "list.yaml", line: 1, code: "INVALID_FILE" },
    ]);
    expect(await problems(fileReader("/nonexistent/facts.csv", "csv", "facts.csv"))).toMatchObject([
      { file: "facts.csv", code: "INVALID_FILE" },
    ]);
    expect(brief(await problems(textReader("record,colour\nplanet,red\n", "odd.csv", "csv")))).toEqual([
      { item: "file", id: null, field: null, code: "INVALID_FILE" },
      { item: "file", id: null, field: null, code: "INVALID_FILE" },
    ]);
  });
});

describe("citations: a document by an excerpt, a dataset by a locator", () => {
  const cite = (citations: Record<string, string>[]) => ({
    type: "PARTNER_OF",
    from: "helsinki",
    to: "tampere",
    id: "helsinki--PARTNER_OF--tampere--test",
    citations,
  });
  it("accepts each form where it belongs, stored or in the same input", async () => {
    const found = await problems(
      recordsReader({
        sources: [{ id: "test-dataset", title: "A dataset", form: "dataset", publisherKind: "crowd" }],
        relationships: [
          cite([
            { source: "page", excerpt: "the words" },
            { source: "crowd", locator: "Q1757 P190 Q1085" },
            { source: "test-dataset", locator: "row 12", excerpt: "Helsinki" },
          ]),
        ],
      }),
    );
    expect(brief(found)).toEqual([]);
  });
  it("refuses a document cited without an excerpt, a dataset without a locator, and a citation of neither", async () => {
    const found = await problems(
      recordsReader({
        relationships: [
          cite([
            { source: "page", locator: "paragraph 3" },
            { source: "crowd", excerpt: "Helsinki" },
          ]),
          { ...cite([{ source: "page" }]), id: "helsinki--PARTNER_OF--tampere--bare" },
        ],
      }),
    );
    expect(brief(found)).toEqual([
      {
        item: "relationship",
        id: "helsinki--PARTNER_OF--tampere--bare",
        field: "citations.0.excerpt",
        code: "REQUIRED",
      },
      {
        item: "relationship",
        id: "helsinki--PARTNER_OF--tampere--test",
        field: "citations.0.excerpt",
        code: "REQUIRED",
      },
      {
        item: "relationship",
        id: "helsinki--PARTNER_OF--tampere--test",
        field: "citations.1.locator",
        code: "REQUIRED",
      },
    ]);
  });
  it("a source's publisher must be an entity of the input or the graph; its kind and form come from the vocabulary", async () => {
    const found = await problems(
      recordsReader({
        sources: [
          { id: "test-a", title: "A", publisherId: "helsinki", publisherKind: "city" },
          { id: "test-b", title: "B", publisherId: "atlantis", publisherKind: "oracle", form: "scroll" },
        ],
      }),
    );
    expect(brief(found)).toEqual([
      { item: "source", id: "test-b", field: "publisherKind", code: "INVALID_VALUE" },
      { item: "source", id: "test-b", field: "form", code: "INVALID_VALUE" },
      { item: "source", id: "test-b", field: "publisherId", code: "UNKNOWN_REFERENCE" },
    ]);
    const unknown = await problems(recordsReader({ sources: [{ id: "test-c", title: "C", publisherId: "atlantis" }] }));
    expect(brief(unknown)).toEqual([{ item: "source", id: "test-c", field: "publisherId", code: "UNKNOWN_REFERENCE" }]);
  });
  it("a denial is a claim of its own: status denied", async () => {
    const found = await problems(
      recordsReader({
        relationships: [
          { ...cite([{ source: "page", excerpt: "no twin towns" }]), kind: "twin-city", status: "denied" },
        ],
      }),
    );
    expect(brief(found)).toEqual([]);
  });
});

describe("deletions", () => {
  it("of something that is not there: NOT_FOUND", async () => {
    expect(brief(await problems(recordsReader({}), ["nothing-here", "a--X--b"]))).toEqual([
      { item: "entity", id: "nothing-here", field: null, code: "NOT_FOUND" },
      { item: "relationship", id: "a--X--b", field: null, code: "NOT_FOUND" },
    ]);
  });

  it("of a source something still cites: STILL_CITED; of one nothing cites: planned", async () => {
    expect(brief(await problems(recordsReader({}), ["page"]))).toEqual([
      { item: "source", id: "page", field: null, code: "STILL_CITED" },
    ]);
    const checked = await checkInput(lookup(), { reader: recordsReader({}), deletions: ["unused"] }, true);
    expect(checked.deletions.map(({ item, id, change }) => ({ item, id, change }))).toEqual([
      { item: "source", id: "unused", change: "deleted" },
    ]);
  });

  it("of an entity takes its relationships with it, each planned", async () => {
    const checked = await checkInput(lookup(), { reader: recordsReader({}), deletions: ["tampere"] }, true);
    expect(checked.deletions.map(({ item, id }) => `${item} ${id}`)).toEqual([
      "relationship helsinki--PARTNER_OF--tampere",
      "entity tampere",
    ]);
  });

  it("of an entity the same write refers to, or writes: refused", async () => {
    const reader = recordsReader({
      entities: [{ kind: "City", id: "helsinki", name: "Helsinki", sources: ["page"] }],
      relationships: [
        { type: "PARTNER_OF", from: "tampere", to: "helsinki", citations: [{ source: "page", excerpt: "x" }] },
      ],
    });
    expect(brief(await problems(reader, ["tampere", "helsinki"]))).toEqual([
      { item: "entity", id: "tampere", field: null, code: "STILL_CITED" },
      { item: "entity", id: "helsinki", field: null, code: "DUPLICATE_ID" },
    ]);
  });
});
