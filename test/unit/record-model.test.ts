/**
 * The record model without a database: each field type's checks and codes, id rules, the relationship
 * vocabulary, restricted fields, the property mapping and the CSV dialect (both lossless round trips).
 */
import { describe, expect, it } from "vitest";
import { readDoc, tableRows } from "../support/docs.js";
import {
  CSV_COLUMNS,
  type EntityRecord,
  ENTITY_KINDS,
  KIND_FIELDS,
  PROBLEM_CODES,
  type RelationshipRecord,
  SOURCE_FIELDS,
  type SourceRecord,
  checkRecord,
  entityFromProperties,
  entityToProperties,
  formatProblem,
  recordToRow,
  relationshipFromProperties,
  relationshipToProperties,
  restrictedFields,
  restrictedProblems,
  rowToRecord,
  sourceFromProperties,
  sourceToProperties,
  splitList,
} from "../../src/graph-data/index.js";

const city = { kind: "City", id: "test-city", name: "Test City", sources: ["test-source"] };
const relationship = {
  type: "PARTNER_OF",
  from: "helsinki",
  to: "test-city",
  kind: "bilateral",
  citations: [{ source: "test-source", excerpt: "partners since 2010" }],
};

function problemsOf(section: "sources" | "entities" | "relationships", value: Record<string, unknown>) {
  const result = checkRecord(section, value);
  return result.ok ? [] : result.problems.map(({ field, code }) => ({ field, code }));
}

describe("record checks", () => {
  it("accept a good record and fill in defaults (aliases, the relationship's id)", () => {
    const entity = checkRecord("entities", city);
    expect(entity).toEqual({ ok: true, record: { ...city, aliases: [], externalIds: [] } });
    const edge = checkRecord("relationships", relationship);
    expect(edge.ok && edge.record.id).toBe("helsinki--PARTNER_OF--test-city");
  });

  it("say what is wrong with each field, with a code", () => {
    expect(problemsOf("entities", { kind: "City", id: "Bad Id", name: " ", sources: [], colour: "red" })).toEqual([
      { field: "id", code: "INVALID_VALUE" },
      { field: "name", code: "REQUIRED" },
      { field: "sources", code: "REQUIRED" },
      { field: "colour", code: "UNKNOWN_FIELD" },
    ]);
    expect(problemsOf("entities", { ...city, kind: "Planet" })).toEqual([{ field: "kind", code: "INVALID_VALUE" }]);
    expect(problemsOf("entities", { id: "x", name: "X", sources: ["s"] })).toEqual([
      { field: "kind", code: "REQUIRED" },
    ]);
    expect(problemsOf("entities", { ...city, isoCode: "FI" })).toEqual([{ field: "isoCode", code: "UNKNOWN_FIELD" }]);
    expect(problemsOf("entities", { ...city, kind: "Organization", staffCount: 1.5, founded: "2020-13" })).toEqual([
      { field: "founded", code: "INVALID_VALUE" },
      { field: "staffCount", code: "INVALID_VALUE" },
    ]);
    expect(problemsOf("entities", { ...city, description: "x".repeat(2001) })).toEqual([
      { field: "description", code: "TOO_LONG" },
    ]);
    expect(problemsOf("sources", { id: "s", title: "T", url: "javascript:alert(1)", language: "fin" })).toEqual([
      { field: "url", code: "INVALID_VALUE" },
      { field: "language", code: "INVALID_VALUE" },
    ]);
  });

  it("check a relationship's vocabulary, dates and citations", () => {
    expect(problemsOf("relationships", { ...relationship, kind: "<enemy-of>" })).toEqual([
      { field: "kind", code: "INVALID_VALUE" },
    ]);
    expect(problemsOf("relationships", { ...relationship, type: "ENEMY_OF" })).toEqual([
      { field: "type", code: "INVALID_VALUE" },
    ]);
    expect(problemsOf("relationships", { ...relationship, status: "paused" })).toEqual([
      { field: "status", code: "INVALID_VALUE" },
    ]);
    expect(problemsOf("relationships", { ...relationship, validFrom: "2020", validTo: "2019-12" })).toEqual([
      { field: "validTo", code: "DATE_ORDER" },
    ]);
    expect(problemsOf("relationships", { ...relationship, citations: [] })).toEqual([
      { field: "citations", code: "REQUIRED" },
    ]);
    expect(
      problemsOf("relationships", {
        ...relationship,
        citations: [
          { source: "s", excerpt: "" },
          { source: "s", excerpt: "x".repeat(301) },
        ],
      }),
    ).toEqual([
      { field: "citations.0.excerpt", code: "REQUIRED" },
      { field: "citations.1.excerpt", code: "TOO_LONG" },
    ]);
    expect(
      problemsOf("relationships", {
        ...relationship,
        citations: [
          { source: "s", excerpt: "a" },
          { source: "s", excerpt: "b" },
        ],
      }),
    ).toEqual([{ field: "citations.1.source", code: "INVALID_VALUE" }]);
  });

  it("keep relationship ids apart from entity and source ids: they contain `--`", () => {
    expect(problemsOf("relationships", { ...relationship, id: "helsinki-test" })).toEqual([
      { field: "id", code: "INVALID_VALUE" },
    ]);
    expect(problemsOf("relationships", { ...relationship, id: "helsinki--PARTNER_OF--test-city--2022" })).toEqual([]);
    expect(problemsOf("entities", { ...city, id: "a--b" })).toEqual([{ field: "id", code: "INVALID_VALUE" }]);
  });

  it("refuse control characters, and line breaks and tabs in one-line text; keep emoji and accents", () => {
    for (const bad of ["a\u0000b", "\u001b[31m", "a\u0085b", "two\nlines", "Tab\there", "a\r\nb"]) {
      expect(problemsOf("sources", { id: "s", title: bad }), JSON.stringify(bad)).toEqual([
        { field: "title", code: "INVISIBLE_CHARACTERS" },
      ]);
    }
    for (const bad of ["\ud800 lone", "lone \udfff"]) {
      expect(problemsOf("sources", { id: "s", title: bad }), JSON.stringify(bad)).toEqual([
        { field: "title", code: "INVALID_VALUE" },
      ]);
    }
    for (const good of ["🙂 Helsinki", "Ålandsöarna", " Trimmed\n"])
      expect(problemsOf("sources", { id: "s", title: good })).toEqual([]);
  });

  it("keep line breaks and tabs in the multi-line fields: a source's note, an entity's description", () => {
    const lines = "First line.\n\tSecond, indented.\r\nThird.";
    expect(problemsOf("sources", { id: "s", title: "t", note: lines })).toEqual([]);
    expect(problemsOf("entities", { ...city, description: lines })).toEqual([]);
    expect(problemsOf("sources", { id: "s", title: "t", note: "a\u0000b" })).toEqual([
      { field: "note", code: "INVISIBLE_CHARACTERS" },
    ]);
  });

  it("check external ids (known scheme, value of its form, one per scheme) and locations (degrees in range)", () => {
    expect(
      problemsOf("entities", {
        ...city,
        externalIds: [
          { scheme: "wikidata", value: "Q1757" },
          { scheme: "geonames", value: "658225" },
        ],
      }),
    ).toEqual([]);
    expect(
      problemsOf("entities", {
        ...city,
        externalIds: [
          { scheme: "wikidata", value: "1757" },
          { scheme: "wikidata", value: "Q2" },
          { scheme: "facebook", value: "x" },
        ],
      }),
    ).toEqual([
      { field: "externalIds.0.value", code: "INVALID_VALUE" },
      { field: "externalIds.1.scheme", code: "INVALID_VALUE" },
      { field: "externalIds.2.scheme", code: "INVALID_VALUE" },
    ]);
    expect(problemsOf("entities", { ...city, location: { lat: 60.17, lon: 24.94 } })).toEqual([]);
    expect(problemsOf("entities", { ...city, location: { lat: 91, lon: "east" } })).toEqual([
      { field: "location.lat", code: "INVALID_VALUE" },
      { field: "location.lon", code: "INVALID_VALUE" },
    ]);
    expect(problemsOf("entities", { ...city, kind: "Theme", location: { lat: 1, lon: 1 } })).toEqual([
      { field: "location", code: "UNKNOWN_FIELD" },
    ]);
  });

  it("accept bare years as dates (YAML reads `validFrom: 2018` as a number)", () => {
    const result = checkRecord("relationships", { ...relationship, validFrom: 2018 });
    expect(result.ok && result.record.validFrom).toBe("2018");
  });

  it("every problem code is in docs/import-export.md's table of problems", () => {
    const documented = new Set(tableRows(readDoc("docs/import-export.md")).map((row) => row[0]));
    const missing = PROBLEM_CODES.filter((code) => !documented.has(`\`${code}\``));
    expect(missing).toEqual([]);
  });
});

describe("restricted fields", () => {
  it("are declared once, in the field tables", () => {
    expect(restrictedFields()).toEqual([
      { kind: "Person", field: "email", role: "staff" },
      { kind: "Person", field: "phone", role: "staff" },
    ]);
  });

  it("may be written by staff only, whatever their value", () => {
    const person = { kind: "Person", id: "p", name: "P", sources: ["s"], email: "a@example.org" };
    expect(restrictedProblems("entities", person, true)).toEqual([]);
    expect(restrictedProblems("entities", person, false)).toEqual([
      { field: "email", code: "RESTRICTED", message: "only the `staff` role may write this field" },
    ]);
    expect(restrictedProblems("entities", { ...person, email: "not an email" }, false)).toEqual(
      restrictedProblems("entities", person, false),
    );
  });
});

describe("the property mapping", () => {
  it("round-trips every kind of record", () => {
    const source: SourceRecord = { id: "s", title: "T", published: "2020-02", language: "fi" };
    expect(sourceFromProperties(sourceToProperties(source))).toEqual(source);
    const person: EntityRecord = {
      kind: "Person",
      id: "p",
      name: "P",
      aliases: ["Pekka"],
      sources: ["s"],
      email: "p@example.org",
    };
    expect(entityToProperties(person)).toEqual({
      id: "p",
      name: "P",
      aliases: ["Pekka"],
      sourceIds: ["s"],
      email: "p@example.org",
    });
    expect(entityFromProperties("Person", entityToProperties(person))).toEqual(person);
    const edge: RelationshipRecord = {
      type: "FUNDS",
      id: "a--FUNDS--b",
      from: "a",
      to: "b",
      validFrom: "2016",
      citations: [
        { source: "s", excerpt: "one" },
        { source: "t", excerpt: "two" },
      ],
    };
    const props = relationshipToProperties(edge);
    expect(props).toEqual({ id: "a--FUNDS--b", validFrom: "2016", sourceIds: ["s", "t"], excerpts: ["one", "two"] });
    expect(relationshipFromProperties("FUNDS", "a", "b", props)).toEqual(edge);
  });

  it("stores external ids as `scheme:value` strings and a location as a WGS 84 point", () => {
    const place: EntityRecord = {
      kind: "City",
      id: "helsinki",
      name: "Helsinki",
      aliases: [],
      externalIds: [{ scheme: "wikidata", value: "Q1757" }],
      location: { lat: 60.17, lon: 24.94 },
      sources: ["s"],
    };
    const props = entityToProperties(place);
    expect(props.externalIds).toEqual(["wikidata:Q1757"]);
    expect(props.location).toMatchObject({ srid: 4326, x: 24.94, y: 60.17 });
    const { aliases: _aliases, ...expected } = place;
    expect(entityFromProperties("City", props)).toEqual(expected);
  });

  it("leaves the who-and-when stamps and unknown properties out of records", () => {
    expect(sourceFromProperties({ id: "s", title: "T", createdBy: "x", createdAt: "2020", junk: 1 })).toEqual({
      id: "s",
      title: "T",
    });
  });
});

describe("the CSV dialect", () => {
  it("has a column for every field of every record kind", () => {
    for (const field of Object.keys(SOURCE_FIELDS)) expect(CSV_COLUMNS).toContain(field);
    for (const kind of ENTITY_KINDS) {
      for (const field of Object.keys(KIND_FIELDS[kind])) {
        for (const column of field === "location" ? ["lat", "lon"] : [field]) expect(CSV_COLUMNS).toContain(column);
      }
    }
    expect(CSV_COLUMNS).toEqual(expect.arrayContaining(["record", "type", "from", "to", "sources", "excerpts"]));
  });

  it("round-trips records, lists with `|` inside and formula-like cells included", () => {
    const records = {
      sources: { id: "s", title: "=SUM(A1)", note: "'@odd" } as SourceRecord,
      entities: {
        kind: "City",
        id: "c",
        name: "C",
        aliases: ["a|b", "-minus"],
        externalIds: [{ scheme: "url", value: "https://example.org/a|b" }],
        location: { lat: -33.5, lon: 151 },
        sources: ["s"],
      } as EntityRecord,
      relationships: {
        type: "PARTNER_OF",
        id: "c--PARTNER_OF--d",
        from: "c",
        to: "d",
        citations: [{ source: "s", excerpt: "+plus | pipe" }],
      } as RelationshipRecord,
    };
    for (const section of ["sources", "entities", "relationships"] as const) {
      const cells = recordToRow(section, records[section]);
      expect(cells.some((cell) => /^[=+\-@]/.test(cell))).toBe(false);
      const row = Object.fromEntries(CSV_COLUMNS.map((column, index) => [column, cells[index] ?? ""]));
      expect(rowToRecord(section, row)).toEqual({ ...records[section] });
    }
  });

  it("splits lists on `|` but not on `\\|`", () => {
    expect(splitList("a|b\\|c| d ")).toEqual(["a", "b|c", "d"]);
  });
});

describe("problems as text", () => {
  it("render file, line, column, record, field, message and code", () => {
    expect(
      formatProblem({
        file: "facts.yaml",
        line: 8,
        column: 5,
        item: "relationship",
        id: "a--FUNDS--b",
        field: "to",
        code: "UNKNOWN_REFERENCE",
        message: "unknown entity b",
      }),
    ).toBe("facts.yaml:8:5: relationship a--FUNDS--b, field to: unknown entity b (UNKNOWN_REFERENCE)");
    expect(
      formatProblem({
        index: 2,
        item: "entity",
        id: "x",
        field: null,
        code: "NOT_FOUND",
        message: "nothing has the id x",
      }),
    ).toBe("#3: entity x: nothing has the id x (NOT_FOUND)");
  });
});
