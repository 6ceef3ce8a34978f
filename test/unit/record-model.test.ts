/**
 * The record model without a database: each field type's checks and codes, id rules, the relationship
 * vocabulary, restricted fields, the property mapping and the CSV dialect (both lossless round trips); then
 * every field of every record kind against each kind of bad value it can get: the exact problem code and
 * field path the one checker answers with (src/graph-data/check.ts), the limits at their boundary, and the
 * same bad records getting the same structured problems through every door — API input (as the GraphQL
 * input types hand it over, nulls included), YAML, JSON and CSV — checked against a graph held in memory.
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
  type EntityKind,
  LIMITS,
  type Problem,
  type RecordReader,
  RELATIONSHIP_RULES,
  RELATIONSHIP_TYPES,
  STATUSES,
  type Section,
  recordsReader,
  textReader,
} from "../../src/graph-data/index.js";
import "reflect-metadata";
import { stringify } from "yaml";
import { toRawRecord } from "../../src/resolvers/write/record-input.type.js";
import { checkInput } from "../../src/write/check-input.js";
import { RejectedWrite, nextPeriodId } from "../../src/write/index.js";
import { type StoredNode, sideBySideId } from "../../src/write/plan.js";
import { memoryLookup } from "../../src/write/stored-state.js";

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

describe("every field against each bad value, through every door", () => {
  const SOURCE = { id: "test-source", title: "A report" };
  const CITY = { kind: "City", id: "test-city", name: "Test City", sources: ["test-source"] };
  const EDGE = {
    type: "PARTNER_OF",
    from: "helsinki",
    to: "test-city",
    citations: [{ source: "test-source", excerpt: "partners since 2010" }],
  };

  function problemsOf(section: Section, value: unknown): { field: string | null; code: string }[] {
    const result = checkRecord(section, value as Record<string, unknown>);
    return result.ok ? [] : result.problems.map(({ field, code }) => ({ field, code }));
  }

  const long = (length: number) => "x".repeat(length);
  const slugs = (count: number) => Array.from({ length: count }, (_, index) => `s${index}`);

  type Row = [string, Record<string, unknown>, { field: string | null; code: string }[]];

  describe("a source's fields", () => {
    it.each<Row>([
      ["id missing", { id: undefined }, [{ field: "id", code: "REQUIRED" }]],
      ["id a number", { id: 42 }, [{ field: "id", code: "INVALID_VALUE" }]],
      ["id over 100 characters", { id: "a".repeat(101) }, [{ field: "id", code: "TOO_LONG" }]],
      ["title missing", { title: undefined }, [{ field: "title", code: "REQUIRED" }]],
      ["title only spaces", { title: "   " }, [{ field: "title", code: "REQUIRED" }]],
      ["title over 300 characters", { title: long(301) }, [{ field: "title", code: "TOO_LONG" }]],
      ["titleEn a list", { titleEn: ["A report"] }, [{ field: "titleEn", code: "INVALID_VALUE" }]],
      ["publisher over 300 characters", { publisher: long(301) }, [{ field: "publisher", code: "TOO_LONG" }]],
      [
        "published a day that does not exist",
        { published: "2021-02-29" },
        [{ field: "published", code: "INVALID_VALUE" }],
      ],
      ["published a fractional number", { published: 2020.5 }, [{ field: "published", code: "INVALID_VALUE" }]],
      ["url not http(s)", { url: "ftp://example.org/report.pdf" }, [{ field: "url", code: "INVALID_VALUE" }]],
      ["url without a scheme", { url: "www.example.org" }, [{ field: "url", code: "INVALID_VALUE" }]],
      ["url over 2000 characters", { url: `https://example.org/${long(2000)}` }, [{ field: "url", code: "TOO_LONG" }]],
      ["language in capitals", { language: "FI" }, [{ field: "language", code: "INVALID_VALUE" }]],
      ["note over 2000 characters", { note: long(2001) }, [{ field: "note", code: "TOO_LONG" }]],
      ["an entity's field", { sources: ["test-source"] }, [{ field: "sources", code: "UNKNOWN_FIELD" }]],
    ])("%s", (_name, patch, expected) => {
      expect(problemsOf("sources", { ...SOURCE, ...patch })).toEqual(expected);
    });

    it("accepts every field at its limit, and a bare year as `published`", () => {
      const result = checkRecord("sources", {
        id: "a".repeat(LIMITS.idLength),
        title: long(LIMITS.textLength),
        titleEn: long(LIMITS.textLength),
        publisher: long(LIMITS.textLength),
        published: 2021,
        url: `https://example.org/${long(LIMITS.urlLength - 20)}`,
        language: "sv",
        note: long(LIMITS.longTextLength),
      });
      expect(result.ok).toBe(true);
      expect(result.ok && result.record.published).toBe("2021");
    });
  });

  describe("an entity's common fields", () => {
    it.each<Row>([
      ["kind in lower case", { kind: "city" }, [{ field: "kind", code: "INVALID_VALUE" }]],
      ["name missing", { name: undefined }, [{ field: "name", code: "REQUIRED" }]],
      ["name over 300 characters", { name: long(301) }, [{ field: "name", code: "TOO_LONG" }]],
      ["nameFi empty", { nameFi: "" }, [{ field: "nameFi", code: "REQUIRED" }]],
      ["nameSv a number", { nameSv: 42 }, [{ field: "nameSv", code: "INVALID_VALUE" }]],
      ["aliases one text, not a list", { aliases: "TC" }, [{ field: "aliases", code: "INVALID_VALUE" }]],
      ["aliases with an empty one", { aliases: ["TC", ""] }, [{ field: "aliases.1", code: "REQUIRED" }]],
      ["aliases with one too long", { aliases: [long(301)] }, [{ field: "aliases.0", code: "TOO_LONG" }]],
      ["aliases over 100", { aliases: slugs(101) }, [{ field: "aliases", code: "TOO_LONG" }]],
      ["sources missing", { sources: undefined }, [{ field: "sources", code: "REQUIRED" }]],
      ["sources one id, not a list", { sources: "test-source" }, [{ field: "sources", code: "INVALID_VALUE" }]],
      [
        "sources with a bad id",
        { sources: ["test-source", "Not A Slug"] },
        [{ field: "sources.1", code: "INVALID_VALUE" }],
      ],
      ["sources naming one twice", { sources: ["a", "b", "a"] }, [{ field: "sources", code: "INVALID_VALUE" }]],
      ["sources over 100", { sources: slugs(101) }, [{ field: "sources", code: "TOO_LONG" }]],
      [
        "id over 100 characters and not a slug: both said",
        { id: "A".repeat(101) },
        [
          { field: "id", code: "TOO_LONG" },
          { field: "id", code: "INVALID_VALUE" },
        ],
      ],
      [
        "externalIds: a field an id does not have",
        { externalIds: [{ scheme: "wikidata", value: "Q1757", label: "Helsinki" }] },
        [{ field: "externalIds.0.label", code: "UNKNOWN_FIELD" }],
      ],
      [
        "externalIds: a value missing",
        { externalIds: [{ scheme: "wikidata" }] },
        [{ field: "externalIds.0.value", code: "REQUIRED" }],
      ],
      [
        "externalIds: iso3166 is a country's isoCode, not an external id to list",
        { externalIds: [{ scheme: "iso3166", value: "FI" }] },
        [{ field: "externalIds.0.scheme", code: "INVALID_VALUE" }],
      ],
      [
        "externalIds: a GeoNames id with a leading zero",
        { externalIds: [{ scheme: "geonames", value: "0658225" }] },
        [{ field: "externalIds.0.value", code: "INVALID_VALUE" }],
      ],
      [
        "externalIds: a url with a space",
        { externalIds: [{ scheme: "url", value: "https://example.org/a b" }] },
        [{ field: "externalIds.0.value", code: "INVALID_VALUE" }],
      ],
      [
        "externalIds: more ids than schemes",
        {
          externalIds: [
            { scheme: "wikidata", value: "Q1757" },
            { scheme: "geonames", value: "658225" },
            { scheme: "url", value: "https://www.hel.fi/" },
            { scheme: "wikidata", value: "Q1" },
          ],
        },
        [{ field: "externalIds", code: "TOO_LONG" }],
      ],
      [
        "externalIds one text, not a list",
        { externalIds: "wikidata:Q1757" },
        [{ field: "externalIds", code: "INVALID_VALUE" }],
      ],
    ])("%s", (_name, patch, expected) => {
      expect(problemsOf("entities", { ...CITY, ...patch })).toEqual(expected);
    });

    it("trims names, so a stray space in a file is not a change", () => {
      const result = checkRecord("entities", { ...CITY, name: "  Test City ", aliases: [" TC"] });
      expect(result.ok && { name: result.record.name, aliases: result.record.aliases }).toEqual({
        name: "Test City",
        aliases: ["TC"],
      });
    });

    it("accepts 100 aliases and 100 sources, and an id of 100 characters", () => {
      expect(
        problemsOf("entities", { ...CITY, id: "a".repeat(100), aliases: slugs(100), sources: slugs(100) }),
      ).toEqual([]);
    });
  });

  describe("the fields of each kind of entity", () => {
    const FULL: Record<EntityKind, Record<string, unknown>> = {
      City: { location: { lat: 60.17, lon: 24.94 } },
      Country: { isoCode: "FI" },
      Organization: { category: "EU agency", founded: "1995-03", staffCount: 0 },
      Office: { location: { lat: -90, lon: 180 } },
      Theme: {},
      Network: {},
      Person: { email: "someone@example.org", phone: "+358 9 310 1641" },
      Event: { category: "conference", startDate: "2019-06-03", endDate: "2019-06-03" },
      Place: { location: { lat: 59.33, lon: 18.07 } },
    };

    it.each(ENTITY_KINDS)("a %s with every field it may have is accepted", (kind) => {
      const value = {
        kind,
        id: "test-thing",
        name: "Thing",
        nameFi: "Asia",
        nameSv: "Sak",
        nameEn: "Thing",
        aliases: ["T"],
        description: "A thing.",
        externalIds: [{ scheme: "wikidata", value: "Q1757" }],
        sources: ["test-source"],
        ...FULL[kind],
      };
      expect(checkRecord("entities", value)).toEqual({ ok: true, record: value });
    });

    it.each(ENTITY_KINDS)("a %s given the fields of other kinds: UNKNOWN_FIELD for each", (kind) => {
      const others = Object.fromEntries(
        ENTITY_KINDS.filter((other) => other !== kind).flatMap((other) =>
          Object.keys(KIND_FIELDS[other])
            .filter((field) => !(field in KIND_FIELDS[kind]))
            .map((field) => [field, FULL[other][field]]),
        ),
      );
      expect(problemsOf("entities", { ...CITY, kind, ...others })).toEqual(
        Object.keys(others).map((field) => ({ field, code: "UNKNOWN_FIELD" })),
      );
    });

    it.each<[EntityKind, Record<string, unknown>, { field: string | null; code: string }[]]>([
      ["City", { location: "60.17,24.94" }, [{ field: "location", code: "INVALID_VALUE" }]],
      ["City", { location: { lat: 60.17 } }, [{ field: "location.lon", code: "REQUIRED" }]],
      ["City", { location: { lat: 60, lon: 24, alt: 10 } }, [{ field: "location.alt", code: "UNKNOWN_FIELD" }]],
      [
        "Office",
        { location: { lat: -90.5, lon: 180.5 } },
        [
          { field: "location.lat", code: "INVALID_VALUE" },
          { field: "location.lon", code: "INVALID_VALUE" },
        ],
      ],
      ["Country", { isoCode: "fi" }, [{ field: "isoCode", code: "INVALID_VALUE" }]],
      ["Country", { isoCode: "FIN" }, [{ field: "isoCode", code: "INVALID_VALUE" }]],
      ["Organization", { category: long(301) }, [{ field: "category", code: "TOO_LONG" }]],
      ["Organization", { founded: "1995-00" }, [{ field: "founded", code: "INVALID_VALUE" }]],
      ["Organization", { staffCount: -1 }, [{ field: "staffCount", code: "INVALID_VALUE" }]],
      ["Organization", { staffCount: "12" }, [{ field: "staffCount", code: "INVALID_VALUE" }]],
      ["Person", { email: "nobody" }, [{ field: "email", code: "INVALID_VALUE" }]],
      ["Person", { phone: long(301) }, [{ field: "phone", code: "TOO_LONG" }]],
      ["Event", { startDate: "2019-6-3" }, [{ field: "startDate", code: "INVALID_VALUE" }]],
      ["Event", { startDate: "2019-06-03", endDate: "2019-06-02" }, [{ field: "endDate", code: "DATE_ORDER" }]],
      ["Event", { startDate: "2019-06", endDate: "2019-05" }, [{ field: "endDate", code: "DATE_ORDER" }]],
      ["Event", { startDate: "2019-06-03", endDate: "2018" }, [{ field: "endDate", code: "DATE_ORDER" }]],
    ])("a %s with %j", (kind, patch, expected) => {
      expect(problemsOf("entities", { ...CITY, kind, ...patch })).toEqual(expected);
    });

    it("an event ending in the month or year it started is in order, whatever the precision of each date", () => {
      // Regression: the end was compared by its first day, so "from 15 June 2019, ended June 2019" was refused.
      for (const [startDate, endDate] of [
        ["2019-06-15", "2019-06"],
        ["2019-06-15", "2019"],
        ["2019-06", "2019-06-01"],
        ["2019", "2019-01-01"],
      ]) {
        expect(
          problemsOf("entities", { ...CITY, kind: "Event", startDate, endDate }),
          `${startDate}–${endDate}`,
        ).toEqual([]);
      }
    });
  });

  describe("a relationship's fields", () => {
    it.each<Row>([
      ["type missing", { type: undefined }, [{ field: "type", code: "REQUIRED" }]],
      ["type in lower case", { type: "partner_of" }, [{ field: "type", code: "INVALID_VALUE" }]],
      ["from missing", { from: undefined }, [{ field: "from", code: "REQUIRED" }]],
      ["from a name, not an id", { from: "Helsinki" }, [{ field: "from", code: "INVALID_VALUE" }]],
      ["from an unknown scheme", { from: "facebook:helsinki" }, [{ field: "from", code: "INVALID_VALUE" }]],
      ["from a slug over 100 characters", { from: "a".repeat(101) }, [{ field: "from", code: "INVALID_VALUE" }]],
      ["to a number", { to: 42 }, [{ field: "to", code: "INVALID_VALUE" }]],
      ["id with a space", { id: "helsinki--PARTNER_OF--test city" }, [{ field: "id", code: "INVALID_VALUE" }]],
      ["id over 250 characters", { id: `${long(240)}--${long(20)}` }, [{ field: "id", code: "TOO_LONG" }]],
      ["kind outside PARTNER_OF's vocabulary", { kind: "sister-city" }, [{ field: "kind", code: "INVALID_VALUE" }]],
      ["status in capitals", { status: "Active" }, [{ field: "status", code: "INVALID_VALUE" }]],
      ["validFrom without a leading zero", { validFrom: "2020-1" }, [{ field: "validFrom", code: "INVALID_VALUE" }]],
      ["validTo a day that does not exist", { validTo: "2019-02-29" }, [{ field: "validTo", code: "INVALID_VALUE" }]],
      [
        "validTo the day it began",
        { validFrom: "2020-06-01", validTo: "2020-06" },
        [{ field: "validTo", code: "DATE_ORDER" }],
      ],
      [
        "validTo (exclusive) in the month that began mid-month",
        { validFrom: "2020-06-15", validTo: "2020-06" },
        [{ field: "validTo", code: "DATE_ORDER" }],
      ],
      ["premises over 300 characters", { premises: long(301) }, [{ field: "premises", code: "TOO_LONG" }]],
      ["citations missing", { citations: undefined }, [{ field: "citations", code: "REQUIRED" }]],
      [
        "citations one source id, not a list",
        { citations: "test-source" },
        [{ field: "citations", code: "INVALID_VALUE" }],
      ],
      [
        "a citation without excerpt",
        { citations: [{ source: "test-source" }] },
        [{ field: "citations.0.excerpt", code: "REQUIRED" }],
      ],
      [
        "a citation of a bad source id",
        { citations: [{ source: "Test Source", excerpt: "x" }] },
        [{ field: "citations.0.source", code: "INVALID_VALUE" }],
      ],
      [
        "a citation with a page number",
        { citations: [{ source: "test-source", excerpt: "x", page: 3 }] },
        [{ field: "citations.0.page", code: "UNKNOWN_FIELD" }],
      ],
      [
        "over 100 citations",
        { citations: slugs(101).map((source) => ({ source, excerpt: "x" })) },
        [{ field: "citations", code: "TOO_LONG" }],
      ],
      [
        "an entity's `sources` instead of citations",
        { sources: ["test-source"] },
        [{ field: "sources", code: "UNKNOWN_FIELD" }],
      ],
    ])("%s", (_name, patch, expected) => {
      expect(problemsOf("relationships", { ...EDGE, ...patch })).toEqual(expected);
    });

    it("accepts every status, and ends named by an external id (a country by its ISO code too)", () => {
      for (const status of STATUSES) expect(problemsOf("relationships", { ...EDGE, status })).toEqual([]);
      expect(problemsOf("relationships", { ...EDGE, from: "wikidata:Q1757", to: "iso3166:FI" })).toEqual([]);
    });

    it("takes any kind for a type without a closed vocabulary, and only its own for one with", () => {
      const open = RELATIONSHIP_TYPES.filter((type) => !("kinds" in RELATIONSHIP_RULES[type]));
      for (const type of open) {
        expect(problemsOf("relationships", { ...EDGE, type, kind: "head of unit" }), type).toEqual([]);
      }
      expect(problemsOf("relationships", { ...EDGE, type: "PRIORITISES", kind: "goal" })).toEqual([]);
      expect(problemsOf("relationships", { ...EDGE, type: "PRIORITISES", kind: "bilateral" })).toEqual([
        { field: "kind", code: "INVALID_VALUE" },
      ]);
    });

    it("accepts the ids the write path makes itself: a claim kept side by side, the next period", () => {
      const checked = checkRecord("relationships", EDGE);
      if (!checked.ok) throw new Error("the base relationship must pass");
      for (const id of [sideBySideId(checked.record), nextPeriodId(checked.record.id, "2022-03")]) {
        expect(problemsOf("relationships", { ...EDGE, id }), id).toEqual([]);
      }
    });

    it("a record that is not a mapping: one problem for the whole record", () => {
      for (const value of [42, "helsinki", ["a"]]) {
        expect(problemsOf("relationships", value)).toEqual([{ field: null, code: "INVALID_VALUE" }]);
      }
    });
  });

  describe("the same bad records, the same problems, through every door", () => {
    /** The stored graph: Helsinki and Finland, a source, and an Office whose id an input reuses for a source. */
    const NODES = new Map<string, StoredNode>([
      ["helsinki", { kind: "City", props: { id: "helsinki", name: "Helsinki", sourceIds: ["page"] } }],
      ["finland", { kind: "Country", props: { id: "finland", name: "Finland", sourceIds: ["page"] } }],
      ["brussels-office", { kind: "Office", props: { id: "brussels-office", name: "Office", sourceIds: ["page"] } }],
      ["page", { kind: "Source", props: { id: "page", title: "The page" } }],
    ]);

    /** As a GraphQL client sends them: optional fields it does not set are null. */
    const API = {
      sources: [
        { id: "test-report", title: "Report", published: "2021-02-29", url: null, language: "FI" },
        { id: "brussels-office", title: "Takes an office's id", published: null },
        { id: "test-untitled", title: "", url: "ftp://example.org", note: null },
      ],
      entities: [
        { kind: "Country", id: "test-land", name: "Land", isoCode: "fi", sources: ["test-report"], location: null },
        { kind: "Organization", id: "test-org", name: "Org", staffCount: -1, sources: ["page", "nowhere"] },
        {
          kind: "City",
          id: "test-town",
          name: "Town",
          aliases: ["T", ""],
          location: { lat: 91, lon: 24 },
          sources: ["page"],
        },
        { kind: "City", id: "page", name: "Takes a source's id", sources: ["page"] },
      ],
      relationships: [
        {
          type: "PARTNER_OF",
          id: null,
          from: "helsinki",
          to: "test-town",
          kind: "sister-city",
          validFrom: "2020",
          validTo: "2019-12",
          citations: [{ source: "page", excerpt: "partners" }],
        },
        {
          type: "IN_COUNTRY",
          from: "finland",
          to: "finland",
          citations: [
            { source: "page", excerpt: "in Finland" },
            { source: "elsewhere", excerpt: "also" },
          ],
        },
        {
          type: "MEMBER_OF",
          from: "helsinki",
          to: "finland",
          status: "member",
          citations: [{ source: "page", excerpt: "" }],
        },
      ],
    };

    const EXPECTED = [
      { item: "source", id: "test-report", field: "published", code: "INVALID_VALUE" },
      { item: "source", id: "test-report", field: "language", code: "INVALID_VALUE" },
      { item: "source", id: "test-untitled", field: "url", code: "INVALID_VALUE" },
      { item: "source", id: "test-untitled", field: "title", code: "REQUIRED" },
      { item: "entity", id: "test-land", field: "isoCode", code: "INVALID_VALUE" },
      { item: "entity", id: "test-org", field: "staffCount", code: "INVALID_VALUE" },
      { item: "entity", id: "test-org", field: "sources", code: "UNKNOWN_REFERENCE" },
      { item: "entity", id: "test-town", field: "aliases.1", code: "REQUIRED" },
      { item: "entity", id: "test-town", field: "location.lat", code: "INVALID_VALUE" },
      { item: "relationship", id: "helsinki--PARTNER_OF--test-town", field: "kind", code: "INVALID_VALUE" },
      { item: "relationship", id: "helsinki--PARTNER_OF--test-town", field: "validTo", code: "DATE_ORDER" },
      { item: "relationship", id: "helsinki--MEMBER_OF--finland", field: "status", code: "INVALID_VALUE" },
      { item: "relationship", id: "helsinki--MEMBER_OF--finland", field: "citations.0.excerpt", code: "REQUIRED" },
      // Against the graph and the rest of the input:
      { item: "source", id: "brussels-office", field: "id", code: "ID_TAKEN" },
      { item: "entity", id: "page", field: "id", code: "ID_TAKEN" },
      { item: "relationship", id: "finland--IN_COUNTRY--finland", field: "from", code: "NOT_ALLOWED" },
      // … and no relationship joins an entity to itself.
      { item: "relationship", id: "finland--IN_COUNTRY--finland", field: "to", code: "NOT_ALLOWED" },
      {
        item: "relationship",
        id: "finland--IN_COUNTRY--finland",
        field: "citations.1.source",
        code: "UNKNOWN_REFERENCE",
      },
      { item: "relationship", id: "helsinki--MEMBER_OF--finland", field: "to", code: "NOT_ALLOWED" },
    ];

    const YAML_TEXT = `sources:
  - { id: test-report, title: Report, published: 2021-02-29, url: ~, language: FI }
  - { id: brussels-office, title: Takes an office's id, published: }
  - { id: test-untitled, title: "", url: "ftp://example.org", note: null }
entities:
  - { kind: Country, id: test-land, name: Land, isoCode: fi, sources: [test-report], location: null }
  - { kind: Organization, id: test-org, name: Org, staffCount: -1, sources: [page, nowhere] }
  - kind: City
    id: test-town
    name: Town
    aliases: [T, ""]
    location: { lat: 91, lon: 24 }
    sources: [page]
  - { kind: City, id: page, name: Takes a source's id, sources: [page] }
relationships:
  - type: PARTNER_OF
    id:
    from: helsinki
    to: test-town
    kind: sister-city
    validFrom: 2020
    validTo: 2019-12
    citations: [{ source: page, excerpt: partners }]
  - type: IN_COUNTRY
    from: finland
    to: finland
    citations:
      - { source: page, excerpt: in Finland }
      - { source: elsewhere, excerpt: also }
  - { type: MEMBER_OF, from: helsinki, to: finland, status: member, citations: [{ source: page, excerpt: "" }] }
`;

    const CSV_TEXT = [
      "record,id,kind,type,from,to,name,title,published,url,language,isoCode,staffCount,aliases,lat,lon,validFrom,validTo,status,sources,excerpts",
      "source,test-report,,,,,,Report,2021-02-29,,FI,,,,,,,,,,",
      "source,brussels-office,,,,,,Takes an office's id,,,,,,,,,,,,,",
      "source,test-untitled,,,,,,,,ftp://example.org,,,,,,,,,,,",
      "entity,test-land,Country,,,,Land,,,,,fi,,,,,,,,test-report,",
      "entity,test-org,Organization,,,,Org,,,,,,-1,,,,,,,page|nowhere,",
      "entity,test-town,City,,,,Town,,,,,,,T|,91,24,,,,page,",
      "entity,page,City,,,,Takes a source's id,,,,,,,,,,,,,page,",
      "relationship,,sister-city,PARTNER_OF,helsinki,test-town,,,,,,,,,,,2020,2019-12,,page,partners",
      "relationship,,,IN_COUNTRY,finland,finland,,,,,,,,,,,,,,page|elsewhere,in Finland|also",
      "relationship,,,MEMBER_OF,helsinki,finland,,,,,,,,,,,,,member,page,",
    ].join("\n");

    async function problems(reader: RecordReader): Promise<Problem[]> {
      try {
        await checkInput(memoryLookup(NODES), { reader }, true);
      } catch (error) {
        if (error instanceof RejectedWrite) return [...error.problems];
        throw error;
      }
      throw new Error("the input was accepted");
    }
    const brief = (list: Problem[]) => list.map(({ item, id, field, code }) => ({ item, id, field, code }));
    const sorted = <T>(list: T[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

    type ApiInput = Record<Section, Record<string, unknown>[]>;
    /** The same records through each door: the API (with and without its nulls), YAML, JSON, CSV. */
    const doors = (api: ApiInput, yamlText: string, csvText: string): [string, () => RecordReader][] => [
      [
        "API input as the resolver hands it over (fields left unset out, nulls kept: absent in REPLACE mode)",
        () =>
          recordsReader({
            sources: api.sources.map((record) => toRawRecord({ ...record, unset: undefined })),
            entities: api.entities.map(toRawRecord),
            relationships: api.relationships.map(toRawRecord),
          }),
      ],
      ["API input with its nulls kept", () => recordsReader(api)],
      ["YAML", () => textReader(yamlText, "facts.yaml", "yaml")],
      ["JSON", () => textReader(JSON.stringify(api, null, 2), "facts.json", "json")],
      ["YAML as an export writes it", () => textReader(stringify(api), "facts.yaml", "yaml")],
      ["CSV", () => textReader(csvText, "facts.csv", "csv")],
    ];
    const DOORS = doors(API, YAML_TEXT, CSV_TEXT);

    it.each(DOORS)("%s", async (_door, reader) => {
      expect(sorted(brief(await problems(reader())))).toEqual(sorted(EXPECTED));
    });

    it("each door places the problem where it is: a list index, a line and column, a row and column", async () => {
      const at = (list: Problem[], field: string) => {
        const { file, line, column, index } = list.find((problem) => problem.field === field)!;
        return { file, line, column, index };
      };
      const api = await problems(DOORS[0]![1]());
      expect(at(api, "citations.1.source")).toEqual({ file: undefined, line: undefined, column: undefined, index: 1 });
      const yaml = await problems(DOORS[2]![1]());
      expect(at(yaml, "citations.1.source")).toEqual({ file: "facts.yaml", line: 29, column: 19, index: undefined });
      expect(at(yaml, "location.lat")).toEqual({ file: "facts.yaml", line: 12, column: 22, index: undefined });
      const csv = await problems(DOORS[5]![1]());
      expect(at(csv, "citations.1.source")).toEqual({ file: "facts.csv", line: 10, column: 20, index: undefined });
      expect(at(csv, "location.lat")).toEqual({ file: "facts.csv", line: 7, column: 15, index: undefined });
      expect(at(csv, "citations.0.excerpt")).toEqual({ file: "facts.csv", line: 11, column: 21, index: undefined });
    });

    describe("text a reader cannot see, implausible dates, a password in an address, a self-loop (issue 19)", () => {
      const HIDDEN: ApiInput = {
        sources: [
          {
            id: "test-hidden",
            title: "Report\u200B",
            published: "3000",
            url: "https://user:secret@example.org/report",
            note: "Kept in\ntwo lines",
          },
        ],
        entities: [
          {
            kind: "City",
            id: "test-rtl",
            name: "\u202Eikisleh",
            nameFi: "Kaksi\nriviä",
            aliases: ["\uFEFFTrimmed", "x\u2066y"],
            sources: ["page"],
          },
          { kind: "Organization", id: "test-old", name: "Old", founded: "0000", sources: ["page"] },
        ],
        relationships: [
          {
            type: "PARTNER_OF",
            from: "helsinki",
            to: "helsinki",
            citations: [{ source: "page", excerpt: "partners" }],
          },
          {
            type: "IN_COUNTRY",
            from: "helsinki",
            to: "finland",
            validTo: "9999",
            citations: [{ source: "page", excerpt: "\u200B" }],
          },
        ],
      };
      const HIDDEN_EXPECTED = [
        { item: "source", id: "test-hidden", field: "title", code: "INVISIBLE_CHARACTERS" },
        { item: "source", id: "test-hidden", field: "published", code: "INVALID_VALUE" },
        { item: "source", id: "test-hidden", field: "url", code: "INVALID_VALUE" },
        { item: "entity", id: "test-rtl", field: "name", code: "INVISIBLE_CHARACTERS" },
        { item: "entity", id: "test-rtl", field: "nameFi", code: "INVISIBLE_CHARACTERS" },
        { item: "entity", id: "test-rtl", field: "aliases.1", code: "INVISIBLE_CHARACTERS" },
        { item: "entity", id: "test-old", field: "founded", code: "INVALID_VALUE" },
        { item: "relationship", id: "helsinki--PARTNER_OF--helsinki", field: "to", code: "NOT_ALLOWED" },
        { item: "relationship", id: "helsinki--IN_COUNTRY--finland", field: "validTo", code: "INVALID_VALUE" },
        {
          item: "relationship",
          id: "helsinki--IN_COUNTRY--finland",
          field: "citations.0.excerpt",
          code: "INVISIBLE_CHARACTERS",
        },
      ];
      // YAML's own escapes (`\u200B` in double quotes); bare 3000 is a number, read as a year.
      const HIDDEN_YAML = `sources:
  - id: test-hidden
    title: "Report\\u200B"
    published: 3000
    url: https://user:secret@example.org/report
    note: |-
      Kept in
      two lines
entities:
  - { kind: City, id: test-rtl, name: "\\u202Eikisleh", nameFi: "Kaksi\\nriviä", aliases: ["\\uFEFFTrimmed", "x\\u2066y"], sources: [page] }
  - { kind: Organization, id: test-old, name: Old, founded: "0000", sources: [page] }
relationships:
  - { type: PARTNER_OF, from: helsinki, to: helsinki, citations: [{ source: page, excerpt: partners }] }
  - { type: IN_COUNTRY, from: helsinki, to: finland, validTo: "9999", citations: [{ source: page, excerpt: "\\u200B" }] }
`;
      // The characters themselves; a line break inside a quoted cell.
      const HIDDEN_CSV = [
        "record,id,kind,type,from,to,name,nameFi,aliases,title,published,url,note,founded,validTo,sources,excerpts",
        'source,test-hidden,,,,,,,,Report\u200B,3000,https://user:secret@example.org/report,"Kept in\ntwo lines",,,,',
        'entity,test-rtl,City,,,,\u202Eikisleh,"Kaksi\nriviä",\uFEFFTrimmed|x\u2066y,,,,,,,page,',
        "entity,test-old,Organization,,,,Old,,,,,,,0000,,page,",
        "relationship,,,PARTNER_OF,helsinki,helsinki,,,,,,,,,,page,partners",
        "relationship,,,IN_COUNTRY,helsinki,finland,,,,,,,,,9999,page,\u200B",
      ].join("\n");
      const HIDDEN_DOORS = doors(HIDDEN, HIDDEN_YAML, HIDDEN_CSV);

      it.each(HIDDEN_DOORS)("%s", async (_door, reader) => {
        expect(sorted(brief(await problems(reader())))).toEqual(sorted(HIDDEN_EXPECTED));
      });

      it("each door gives the same message, naming the character and where it is", async () => {
        const messages = async (reader: RecordReader) =>
          sorted((await problems(reader)).map(({ id, field, message }) => ({ id, field, message })));
        const api = await messages(HIDDEN_DOORS[0]![1]());
        expect(api).toContainEqual({
          id: "helsinki--IN_COUNTRY--finland",
          field: "citations.0.excerpt",
          message: "holds a zero-width space (U+200B) at the start, which does not print: remove it",
        });
        expect(api).toContainEqual({
          id: "test-rtl",
          field: "nameFi",
          message: 'holds a line break (U+000A) after "Kaksi": this field is one line of text',
        });
        for (const [door, reader] of HIDDEN_DOORS.slice(1)) expect(await messages(reader()), door).toEqual(api);
      });
    });
  });
});
