/**
 * The input dialects (src/graph-data/readers.ts, csv-dialect.ts) without a database: what a YAML, JSON or CSV
 * file's text becomes as raw records, where each record and field is placed, what a file that cannot be
 * read (or only partly) reports, and the CSV dialect's cells — lists, quoting, formula defusing, numbers,
 * empty cells — read the way the YAML form would say the same thing.
 */
import { describe, expect, it } from "vitest";
import {
  CSV_COLUMNS,
  type InputFormat,
  type Problem,
  type RawRecord,
  type RecordReader,
  checkRecord,
  concatReaders,
  formatOf,
  joinList,
  recordToRow,
  recordsReader,
  rowToRecord,
  spreadsheetSafe,
  textReader,
} from "../../src/graph-data/index.js";

interface Read {
  records: RawRecord[];
  problems: (Problem & { fatal: boolean })[];
}

async function read(reader: RecordReader): Promise<Read> {
  const result: Read = { records: [], problems: [] };
  for await (const record of reader.records((problem, fatal) => result.problems.push({ ...problem, fatal })))
    result.records.push(record);
  return result;
}

const readText = (text: string, fileName: string, format: InputFormat) => read(textReader(text, fileName, format));
const values = (result: Read) => result.records.map(({ section, index, value }) => ({ section, index, value }));
const where = ({ file, line, column, code, fatal }: Problem & { fatal: boolean }) => ({
  file,
  line,
  column,
  code,
  fatal,
});

describe("which dialect a file is", () => {
  it.each([
    ["facts.yaml", undefined, "yaml"],
    ["facts.YML", undefined, "yaml"],
    ["facts.json", undefined, "json"],
    ["facts.CSV", undefined, "csv"],
    ["facts.txt", undefined, undefined],
    ["facts", undefined, undefined],
    ["facts.txt", "CSV", "csv"],
    ["facts.yaml", "json", "json"],
  ])("%s (format %s): %s", (fileName, explicit, expected) => {
    expect(formatOf(fileName, explicit)).toBe(expected);
  });
});

describe("YAML and JSON", () => {
  it("reads YAML 1.2: unquoted dates stay text, and `no`, `NO`, `yes` and `on` are words, not booleans", async () => {
    const result = await readText(
      `sources:
  - { id: norsk, title: yes, language: no, published: 2020-02 }
entities:
  - { kind: Country, id: norway, name: Norway, isoCode: NO, aliases: [on, off], sources: [norsk] }
relationships:
  - { type: IN_COUNTRY, from: oslo, to: norway, validFrom: 1814-05-17, validTo: 2019, citations: [{ source: norsk, excerpt: x }] }
`,
      "norway.yaml",
      "yaml",
    );
    const checked = result.records.map((record) => checkRecord(record.section, record.value));
    expect(checked.map((check) => check.ok && check.record)).toEqual([
      { id: "norsk", title: "yes", language: "no", published: "2020-02" },
      {
        kind: "Country",
        id: "norway",
        name: "Norway",
        isoCode: "NO",
        aliases: ["on", "off"],
        externalIds: [],
        sources: ["norsk"],
      },
      {
        type: "IN_COUNTRY",
        id: "oslo--IN_COUNTRY--norway",
        from: "oslo",
        to: "norway",
        validFrom: "1814-05-17",
        validTo: "2019",
        citations: [{ source: "norsk", excerpt: "x" }],
      },
    ]);
  });

  it("yields sources, then entities, then relationships, each counted from 0, whatever order the file has", async () => {
    const result = await readText(
      `relationships:\n  - { type: FUNDS }\nentities:\n  - { id: a }\n  - { id: b }\nsources:\n  - { id: s }\n`,
      "order.yaml",
      "yaml",
    );
    expect(values(result)).toEqual([
      { section: "sources", index: 0, value: { id: "s" } },
      { section: "entities", index: 0, value: { id: "a" } },
      { section: "entities", index: 1, value: { id: "b" } },
      { section: "relationships", index: 0, value: { type: "FUNDS" } },
    ]);
    expect(result.problems).toEqual([]);
  });

  it("an export's header (`format`, `asOf`) is allowed; an empty file has nothing and is fine", async () => {
    expect(await readText("format: kg-graph\nasOf: 2024-01-01\nsources: []\n", "export.yaml", "yaml")).toEqual({
      records: [],
      problems: [],
    });
    expect(await readText("", "empty.yaml", "yaml")).toEqual({ records: [], problems: [] });
  });

  it("an unknown section, a section that is not a list, an item that is not a mapping: reported where they are, the rest still read", async () => {
    const result = await readText(
      "sources:\n  - just a title\n  - { id: s, title: T }\nentitys:\n  - { id: a }\nrelationships: { type: FUNDS }\n",
      "typos.yaml",
      "yaml",
    );
    expect(result.problems.map(where)).toEqual([
      { file: "typos.yaml", line: 4, column: 1, code: "INVALID_FILE", fatal: false },
      { file: "typos.yaml", line: 2, column: 5, code: "INVALID_FILE", fatal: false },
      { file: "typos.yaml", line: 6, column: 16, code: "INVALID_FILE", fatal: false },
    ]);
    expect(result.problems[0]?.message).toContain("entitys");
    expect(values(result)).toEqual([{ section: "sources", index: 1, value: { id: "s", title: "T" } }]);
  });

  it("a key twice in one record is a file that cannot be trusted: fatal, at the second key", async () => {
    const result = await readText("entities:\n  - { kind: City, id: a, id: b }\n", "twice.yaml", "yaml");
    expect(result.records).toEqual([]);
    expect(result.problems.map(where)).toEqual([
      { file: "twice.yaml", line: 2, column: 26, code: "INVALID_FILE", fatal: true },
    ]);
  });

  it("JSON with a syntax error: fatal, with its line and column, named as JSON", async () => {
    const result = await readText('{\n  "entities": [\n    { "kind": "City",, }\n  ]\n}', "broken.json", "json");
    expect(result.records).toEqual([]);
    expect(result.problems.map(where)).toEqual([
      { file: "broken.json", line: 3, column: 22, code: "INVALID_FILE", fatal: true },
    ]);
    expect(result.problems[0]?.message).toContain("JSON");
  });

  it("a JSON list at the top instead of the three lists: fatal", async () => {
    const result = await readText('[{ "kind": "City" }]', "list.json", "json");
    expect(result.problems.map(where)).toEqual([
      { file: "list.json", line: 1, column: undefined, code: "INVALID_FILE", fatal: true },
    ]);
  });

  it("places a field at its value, a missing one at the nearest part that is there, a record at its start", async () => {
    const json = JSON.stringify(
      { relationships: [{ type: "FUNDS", from: "a", to: "b", citations: [{ source: "s", excerpt: "x" }] }] },
      null,
      2,
    );
    const [record] = (await readText(json, "facts.json", "json")).records;
    expect(record?.locate("from")).toEqual({ file: "facts.json", line: 5, column: 15 });
    expect(record?.locate("citations.0.excerpt")).toEqual({ file: "facts.json", line: 10, column: 22 });
    // No third citation: the citations list; no `validTo`: the record.
    expect(record?.locate("citations.2.source")).toEqual({ file: "facts.json", line: 7, column: 20 });
    expect(record?.locate("validTo")).toEqual({ file: "facts.json", line: 3, column: 5 });
    expect(record?.locate(null)).toEqual({ file: "facts.json", line: 3, column: 5 });
  });
});

describe("CSV files", () => {
  const HEADER = "record,id,kind,type,from,to,name,title,sources,excerpts";

  it("a byte-order mark, `record` in any case with spaces, and blank lines: read, each record at its line", async () => {
    const result = await readText(
      `\uFEFF${HEADER}\n Entity ,a,City,,,,A,,s,\n\n\nSOURCE,s,,,,,,S,,\n`,
      "excel.csv",
      "csv",
    );
    expect(values(result)).toEqual([
      { section: "entities", index: 0, value: { id: "a", kind: "City", name: "A", sources: ["s"] } },
      { section: "sources", index: 0, value: { id: "s", title: "S" } },
    ]);
    expect(result.records.map((record) => record.locate("name"))).toEqual([
      { file: "excel.csv", line: 2, column: 7 },
      { file: "excel.csv", line: 5, column: 7 },
    ]);
    expect(result.problems).toEqual([]);
  });

  it("quoted cells keep their commas, quotes and line breaks, and the records after them keep their lines", async () => {
    const result = await readText(
      `${HEADER}\nentity,a,City,,,,"Helsinki, ""Stadi""",,s,\nsource,s,,,,,,"Two\nlines",,\nentity,b,City,,,,B,,s,\n`,
      "quoted.csv",
      "csv",
    );
    expect(result.records.map((record) => record.value.name ?? record.value.title)).toEqual([
      'Helsinki, "Stadi"',
      "Two\nlines",
      "B",
    ]);
    expect(result.records[2]?.locate(null)).toEqual({ file: "quoted.csv", line: 5 });
  });

  it("a field's column: citations are the sources and excerpts columns, a location lat and lon; no column, no column number", async () => {
    const result = await readText(
      "record,type,from,to,excerpts,sources\nrelationship,FUNDS,a,b,x|y,s|t\n",
      "cols.csv",
      "csv",
    );
    const [record] = result.records;
    expect(record?.locate("citations.1.excerpt")).toEqual({ file: "cols.csv", line: 2, column: 5 });
    expect(record?.locate("citations.1.source")).toEqual({ file: "cols.csv", line: 2, column: 6 });
    expect(record?.locate("validFrom")).toEqual({ file: "cols.csv", line: 2 });
  });

  it("an unknown column and a row of no known record: reported with their place, the other rows still read", async () => {
    const result = await readText(
      "record,id,colour,name,kind,sources\nplanet,mars,red,Mars,,\nentity,a,,A,City,s\n",
      "odd.csv",
      "csv",
    );
    expect(result.problems.map(where)).toEqual([
      { file: "odd.csv", line: 1, column: 3, code: "INVALID_FILE", fatal: false },
      { file: "odd.csv", line: 2, column: 1, code: "INVALID_FILE", fatal: false },
    ]);
    expect(result.problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining("colour"),
      expect.stringContaining("planet"),
    ]);
    // The unknown column reaches the record, for the checker to name the field.
    expect(values(result)).toEqual([
      { section: "entities", index: 0, value: { id: "a", name: "A", kind: "City", sources: ["s"] } },
    ]);
  });

  it.each([
    ["a quote never closed", `${HEADER}\nentity,a,City,,,,"Helsinki,,s,\n`, 2],
    ["a row with more cells than the header", `${HEADER}\nentity,a,City,,,,A,,s,,extra\n`, 2],
    ["a row with fewer cells than the header", `${HEADER}\nentity,a,City\n`, 2],
  ])("%s: fatal, at its line", async (_name, text, line) => {
    const result = await readText(text, "bad.csv", "csv");
    expect(result.problems.map(where)).toEqual([
      { file: "bad.csv", line, column: undefined, code: "INVALID_FILE", fatal: true },
    ]);
    expect(result.problems[0]?.message).toContain("not valid CSV");
  });

  it("an empty file, or a header alone, has no records and no problems", async () => {
    expect(await readText("", "empty.csv", "csv")).toEqual({ records: [], problems: [] });
    expect(await readText(`${HEADER}\n`, "header.csv", "csv")).toEqual({ records: [], problems: [] });
  });
});

describe("CSV cells as record fields", () => {
  const row = (cells: Record<string, string>) =>
    Object.fromEntries(CSV_COLUMNS.map((column) => [column, cells[column] ?? ""]));

  it("empty cells are absent fields; `|` separates list items, `\\|` is a `|`, items are trimmed", () => {
    expect(
      rowToRecord("entities", row({ record: "entity", kind: "City", id: "a", aliases: " A | B\\|C ", sources: "s" })),
    ).toEqual({ kind: "City", id: "a", aliases: ["A", "B|C"], sources: ["s"] });
  });

  it("external ids are `scheme:value`, split at the first colon; a part without a scheme is kept for the checker", () => {
    const value = rowToRecord(
      "entities",
      row({ record: "entity", externalIds: "wikidata:Q1757|url:https://example.org/a:b|Q42" }),
    );
    expect(value.externalIds).toEqual([
      { scheme: "wikidata", value: "Q1757" },
      { scheme: "url", value: "https://example.org/a:b" },
      { scheme: "Q42", value: "" },
    ]);
  });

  it.each([
    ["a whole count", { staffCount: "12" }, { staffCount: 12 }],
    ["a count with decimals, left as text for the checker", { staffCount: "12.5" }, { staffCount: "12.5" }],
    ["degrees, negative and decimal", { lat: "-33.5", lon: "151" }, { location: { lat: -33.5, lon: 151 } }],
    ["degrees with a decimal comma, left as text", { lat: "60,17" }, { location: { lat: "60,17" } }],
    ["a latitude alone", { lat: "60.17" }, { location: { lat: 60.17 } }],
    ["a defused formula", { name: '\'=HYPERLINK("x")' }, { name: '=HYPERLINK("x")' }],
    ["a defused telephone number", { phone: "'+358 9 310 1641" }, { phone: "+358 9 310 1641" }],
    ["a defused negative latitude, then read as a number", { lat: "'-33.5" }, { location: { lat: -33.5 } }],
    ["a leading `'` before no formula character, kept", { name: "'Stadi'" }, { name: "'Stadi'" }],
    ["a value that itself starts `'=`, written `''=`", { note: "''=x" }, { note: "'=x" }],
  ])("%s", (_name, cells, expected) => {
    expect(rowToRecord("entities", row({ record: "entity", ...cells }))).toEqual(expected);
  });

  it("citations are the sources and excerpts columns in order; a part without its partner is missing, as in YAML", () => {
    const value = rowToRecord("relationships", row({ record: "relationship", sources: "a|b", excerpts: "one" }));
    expect(value.citations).toEqual([{ source: "a", excerpt: "one" }, { source: "b" }]);
    const checked = (citations: unknown) =>
      checkRecord("relationships", { type: "FUNDS", from: "x", to: "y", citations });
    const problems = (result: ReturnType<typeof checked>) =>
      result.ok ? [] : result.problems.map(({ field, code }) => ({ field, code }));
    // Regression: the missing part was an empty text, so a missing source was INVALID_VALUE in CSV, REQUIRED in YAML.
    const excerptOnly = rowToRecord(
      "relationships",
      row({ record: "relationship", sources: "a", excerpts: "one|two" }),
    );
    expect(problems(checked(excerptOnly.citations))).toEqual([{ field: "citations.1.source", code: "REQUIRED" }]);
    expect(problems(checked([{ source: "a", excerpt: "one" }, { excerpt: "two" }]))).toEqual([
      { field: "citations.1.source", code: "REQUIRED" },
    ]);
    expect(problems(checked(value.citations))).toEqual([{ field: "citations.1.excerpt", code: "REQUIRED" }]);
  });

  it.each([
    ["=1+1", "'=1+1"],
    ["+358", "'+358"],
    ["-33.5", "'-33.5"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tTab", "'\tTab"],
    ["\rReturn", "'\rReturn"],
    ["'=x", "''=x"],
    ["'plain", "'plain"],
    ["Helsinki", "Helsinki"],
    ["a=b", "a=b"],
  ])("a cell %j is written %j", (value, written) => {
    expect(spreadsheetSafe(value)).toBe(written);
  });

  it("writes every column of a record, absent fields empty, lists joined with `|` escaped", () => {
    const cells = recordToRow("entities", {
      kind: "Organization",
      id: "o",
      name: "O",
      aliases: ["A|B", "C"],
      sources: ["s", "t"],
      staffCount: 0,
    });
    const written = Object.fromEntries(
      CSV_COLUMNS.map((column, index) => [column, cells[index]]).filter(([, cell]) => cell !== ""),
    );
    expect(written).toEqual({
      record: "entity",
      kind: "Organization",
      id: "o",
      name: "O",
      aliases: "A\\|B|C",
      sources: "s|t",
      staffCount: "0",
    });
    expect(cells).toHaveLength(CSV_COLUMNS.length);
    expect(joinList([])).toBe("");
  });
});

describe("readers of records in memory", () => {
  it("place a record by its index in its list, and read the sections in order", async () => {
    const result = await read(
      recordsReader({ relationships: [{ type: "FUNDS" }], sources: [{ id: "s" }, { id: "t" }] }),
    );
    expect(values(result)).toEqual([
      { section: "sources", index: 0, value: { id: "s" } },
      { section: "sources", index: 1, value: { id: "t" } },
      { section: "relationships", index: 0, value: { type: "FUNDS" } },
    ]);
    expect(result.records[1]?.locate("title")).toEqual({ index: 1 });
  });

  it("read several readers as one, in order, each naming its own file in its problems", async () => {
    const reader = concatReaders(
      [
        textReader("entities:\n  - { id: a }\n", "one.yaml", "yaml"),
        textReader("record,id,colour\nsource,s,red\n", "two.csv", "csv"),
      ],
      "seed",
    );
    const result = await read(reader);
    expect(reader.fileName).toBe("seed");
    expect(result.records.map((record) => record.locate(null))).toEqual([
      { file: "one.yaml", line: 2, column: 5 },
      { file: "two.csv", line: 2 },
    ]);
    expect(result.problems.map(where)).toEqual([
      { file: "two.csv", line: 1, column: 3, code: "INVALID_FILE", fatal: false },
    ]);
  });
});
