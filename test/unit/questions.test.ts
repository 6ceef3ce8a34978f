/**
 * Saved questions without a server (src/questions): parameters checked into values with defaults and refused
 * with a code naming the parameter; answers flattened into rows with the declared columns; CSV per RFC 4180
 * (header, CRLF, quoting, BOM on request, formula cells guarded); sources joined into one cell and listed
 * one per row in the second table; the persisted documents found by name and by hash.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { BadUserInputError } from "../../src/errors/index.js";
import { splitList } from "../../src/graph-data/index.js";
import {
  SAVED_QUESTIONS,
  SOURCE_COLUMNS,
  type SavedQuestion,
  documentHash,
  outputOptions,
  questionTable,
  questionValues,
  savedDocuments,
  savedQuestion,
  tableCsv,
  tableJson,
} from "../../src/questions/index.js";
import {
  DASHBOARD_QUESTIONS,
  changesQuestion,
  questionUrl,
  timelineQuestion,
} from "../../src/web/explorer/question-links.js";

const question = (name: string): SavedQuestion => {
  const found = savedQuestion(name);
  if (!found) throw new Error(`no question ${name}`);
  return found;
};

function refusal(run: () => unknown): { code: unknown; argumentName: unknown; message: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    const { extensions, message } = error as BadUserInputError;
    return { code: extensions.code, argumentName: extensions.argumentName, message };
  }
  throw new Error("not refused");
}

const edge = (id: string, sources: { sourceId: string; title: string; excerpt?: string }[]) => ({
  id,
  type: "PARTNER_OF",
  kind: "bilateral",
  fromId: "helsinki",
  toId: id.split("--")[2] ?? "x",
  validFrom: "2020",
  validTo: null,
  status: "active",
  sources: sources.map((source) => ({ party: true, publisher: "City", ...source })),
});

describe("the catalogue", () => {
  it("has unique names and operation names, and columns without repeats", () => {
    const names = SAVED_QUESTIONS.map((q) => q.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(SAVED_QUESTIONS.map((q) => q.operationName)).size).toBe(names.length);
    for (const q of SAVED_QUESTIONS) {
      expect(new Set(q.columns).size, q.name).toBe(q.columns.length);
      expect(q.name).toMatch(/^[a-z0-9-]+$/);
      if (q.relationships) expect(q.columns.slice(-2), q.name).toEqual(["sources", "sourceTitles"]);
      for (const parameter of q.parameters) expect(["bom", "table"]).not.toContain(parameter.name);
    }
  });

  it("holds the dashboard's questions, the research questions, comparisons and corroboration", () => {
    for (const name of [
      "entities-by-kind",
      "relationships-by-type",
      "funders-per-office",
      "activity-by-type",
      "memberships-per-year",
      "timeline",
      "changes",
      "shared-connections",
      "peers",
      "corroboration",
    ]) {
      expect(savedQuestion(name), name).toBeDefined();
    }
  });
});

describe("parameters", () => {
  it("take their defaults when left out or empty", () => {
    const values = questionValues(question("memberships-per-year"), new URLSearchParams("entity=&fromYear=2000"));
    expect(values).toEqual({
      entity: "helsinki",
      fromYear: 2000,
      toYear: new Date().getUTCFullYear(),
      undated: "INCLUDE",
    });
    expect(question("memberships-per-year").variables(values)).toEqual({
      entityId: "helsinki",
      fromYear: 2000,
      toYear: new Date().getUTCFullYear(),
      undated: "INCLUDE",
    });
  });

  it("are converted: numbers, lists, dates", () => {
    expect(
      questionValues(question("activity-per-year"), new URLSearchParams("entity=tampere&types=MEMBER_OF,PARTNER_OF")),
    ).toMatchObject({ entity: "tampere", types: ["MEMBER_OF", "PARTNER_OF"] });
    expect(questionValues(question("funders-per-office"), new URLSearchParams("asOf=2021-06-01&limit=5"))).toEqual({
      asOf: "2021-06-01",
      undated: "INCLUDE",
      limit: 5,
      offset: 0,
    });
    expect(questionValues(question("peers"), new URLSearchParams("entities=helsinki,tampere")).entities).toEqual([
      "helsinki",
      "tampere",
    ]);
  });

  it.each([
    ["funders-per-office", "asOf=2020-02-30", "asOf"],
    ["funders-per-office", "asOf=yesterday", "asOf"],
    ["funders-per-office", "limit=0", "limit"],
    ["funders-per-office", "limit=1001", "limit"],
    ["funders-per-office", "limit=ten", "limit"],
    ["funders-per-office", "undated=MAYBE", "undated"],
    ["memberships-per-year", "entity=Helsinki%20City", "entity"],
    ["memberships-per-year", "fromYear=99999", "fromYear"],
    ["memberships-per-year", "entitiy=tampere", "entitiy"],
    ["memberships-per-year", "entity=tampere&entity=helsinki", "entity"],
    ["activity-per-year", "types=FRIEND_OF", "types"],
    ["peers", "entities=helsinki", "entities"],
    ["brokers", "algorithm=ZIGZAG", "algorithm"],
  ])("%s?%s is refused with BAD_USER_INPUT naming %s", (name, query, argument) => {
    const refused = refusal(() => questionValues(question(name), new URLSearchParams(query)));
    expect(refused).toMatchObject({ code: "BAD_USER_INPUT", argumentName: argument });
  });

  it("bom and table are the route's; a count has no sources table", () => {
    expect(outputOptions(question("timeline"), new URLSearchParams("bom=1&table=sources"))).toEqual({
      bom: true,
      table: "sources",
    });
    expect(outputOptions(question("timeline"), new URLSearchParams(""))).toEqual({ bom: false, table: "rows" });
    expect(
      refusal(() => outputOptions(question("entities-by-kind"), new URLSearchParams("table=sources"))),
    ).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "table" });
    expect(refusal(() => outputOptions(question("timeline"), new URLSearchParams("bom=yes")))).toMatchObject({
      argumentName: "bom",
    });
    expect(questionValues(question("timeline"), new URLSearchParams("bom=1&table=sources&entity=oslo")).entity).toBe(
      "oslo",
    );
  });
});

describe("rows", () => {
  const timelineData = {
    timeline: [
      {
        edge: edge("helsinki--PARTNER_OF--tallinn", [
          { sourceId: "hel-2020", title: "International relations, 2020", excerpt: 'a "twin", since 1993' },
          { sourceId: "report|2", title: "Report, with | bar" },
        ]),
        other: { id: "tallinn", name: "Tallinn", kind: "City" },
      },
      {
        edge: edge("helsinki--PARTNER_OF--moscow", [{ sourceId: "hel-2020", title: "International relations, 2020" }]),
        other: { id: "moscow", name: '=HYPERLINK("x")', kind: "City" },
      },
    ],
  };

  it("one row per record, with the declared columns in order", () => {
    const q = question("timeline");
    const table = questionTable(q, q.rows(timelineData, {}), "rows");
    expect(table.columns).toEqual(q.columns);
    expect(table.rows).toHaveLength(2);
    expect(Object.keys(table.rows[0]!)).toEqual(q.columns);
    expect(table.rows[0]).toMatchObject({
      relationshipId: "helsinki--PARTNER_OF--tallinn",
      otherName: "Tallinn",
      validTo: null,
      sources: "hel-2020|report\\|2",
      sourceTitles: "International relations, 2020|Report, with \\| bar",
    });
    expect(splitList(table.rows[0]!.sources as string)).toEqual(["hel-2020", "report|2"]);
  });

  it("the sources table: one row per relationship and source, every citation field", () => {
    const q = question("timeline");
    const table = questionTable(q, q.rows(timelineData, {}), "sources");
    expect(table.columns).toEqual(SOURCE_COLUMNS);
    expect(table.rows.map((row) => [row.relationshipId, row.sourceId])).toEqual([
      ["helsinki--PARTNER_OF--tallinn", "hel-2020"],
      ["helsinki--PARTNER_OF--tallinn", "report|2"],
      ["helsinki--PARTNER_OF--moscow", "hel-2020"],
    ]);
    expect(table.rows[0]).toMatchObject({ excerpt: 'a "twin", since 1993', party: true, url: null });
  });

  it("the dashboard's activity chart: a row per year and type, years in order", () => {
    const q = question("activity-by-type");
    const year = (y: number, active: number) => ({ year: y, active, started: 0, ended: 0, undatedExcluded: 0 });
    const rows = q.rows({ t0: [year(2020, 1), year(2021, 2)], t1: [year(2020, 3), year(2021, 4)] }, {});
    const table = questionTable(q, rows, "rows");
    expect(table.rows.map((row) => [row.year, row.active])).toEqual([
      [2020, 1],
      [2020, 3],
      [2021, 2],
      [2021, 4],
    ]);
  });

  it("corroboration: one row per claim, with the classes that claim puts its tie in", () => {
    const q = question("corroboration");
    const claim = edge("helsinki--PARTNER_OF--stockholm", [{ sourceId: "wd", title: "Wikidata" }]);
    const rows = q.rows(
      {
        corroboration: {
          ties: [
            {
              fromId: "helsinki",
              fromName: "Helsinki",
              toId: "stockholm",
              toName: "Stockholm",
              verdict: "CONTRADICTED",
              classes: [
                { class: "CONTRADICTED", relationshipIds: [claim.id, "x"] },
                { class: "CROWD_ONLY", relationshipIds: [claim.id] },
                { class: "DENIED", relationshipIds: ["x"] },
              ],
              claims: [claim],
            },
          ],
        },
      },
      {},
    );
    expect(questionTable(q, rows, "rows").rows[0]).toMatchObject({
      verdict: "CONTRADICTED",
      claimClasses: "CONTRADICTED|CROWD_ONLY",
      sources: "wd",
    });
  });
});

describe("CSV and JSON", () => {
  const table = {
    columns: ["name", "count", "note", "flag"],
    rows: [
      { name: "Helsinki, city", count: 3, note: 'says "hi"\nthere', flag: true },
      { name: "=SUM(A1)", count: 0, note: null, flag: false },
      { name: "Åbo – Turku", count: -1, note: "", flag: null },
    ],
  };

  it("is RFC 4180: a header row, CRLF after every record, quotes where needed, doubled inside", () => {
    const csv = tableCsv(table, false);
    expect(csv).toBe(
      'name,count,note,flag\r\n"Helsinki, city",3,"says ""hi""\nthere",true\r\n\'=SUM(A1),0,,false\r\nÅbo – Turku,-1,,\r\n',
    );
    expect(parseCsv(csv, { columns: true })).toEqual([
      { name: "Helsinki, city", count: "3", note: 'says "hi"\nthere', flag: "true" },
      { name: "'=SUM(A1)", count: "0", note: "", flag: "false" },
      { name: "Åbo – Turku", count: "-1", note: "", flag: "" },
    ]);
  });

  it("starts with a UTF-8 BOM only when asked (Excel reads UTF-8 then)", () => {
    expect(tableCsv(table, true).startsWith("\uFEFFname,")).toBe(true);
    expect(tableCsv(table, false).startsWith("name,")).toBe(true);
  });

  it("an empty answer is still a header row", () => {
    expect(tableCsv({ columns: ["a", "b"], rows: [] }, false)).toBe("a,b\r\n");
  });

  it("JSON: the metadata and the rows as flat objects, values as they are", () => {
    const json = JSON.parse(
      tableJson(table, {
        question: "q",
        title: "Q",
        description: "",
        table: "rows",
        parameters: {},
        graphVersion: "3:abc",
        graphModified: null,
        asked: "2026-01-01T00:00:00.000Z",
        columns: table.columns,
        rowCount: 3,
      }),
    ) as { meta: { graphVersion: string }; rows: unknown[] };
    expect(json.meta.graphVersion).toBe("3:abc");
    expect(json.rows[1]).toEqual({ name: "=SUM(A1)", count: 0, note: null, flag: false });
  });
});

describe("persisted documents", () => {
  const documents = savedDocuments();

  it("are found by name, by sha256 and by sha256:<hex>", () => {
    const q = question("memberships-per-year");
    const hash = documentHash(q.document);
    expect(documents.byId("memberships-per-year")?.query).toBe(q.document);
    expect(documents.byId(hash)?.operationName).toBe(q.operationName);
    expect(documents.byId(`sha256:${hash}`)?.id).toBe(q.name);
    expect(documents.byId("sha256:0000")).toBeUndefined();
    expect(documents.hasText(q.document)).toBe(true);
    expect(documents.hasText(`${q.document} `)).toBe(false);
    expect(documents.hasHash(hash.toUpperCase())).toBe(true);
    expect(documents.all).toHaveLength(SAVED_QUESTIONS.length);
  });
});

describe("the explorer dashboard's download links", () => {
  it("name saved questions, with parameters the questions accept", () => {
    const links = [
      DASHBOARD_QUESTIONS.kinds(),
      DASHBOARD_QUESTIONS.types(),
      DASHBOARD_QUESTIONS.funders("2020-01-01", "EXCLUDE"),
      DASHBOARD_QUESTIONS.funders(null, "INCLUDE"),
      DASHBOARD_QUESTIONS.partners("helsinki", "2019-06-01", "EXCLUDE"),
      DASHBOARD_QUESTIONS.activity("tampere", "ATTESTED", 1990, 2026),
      timelineQuestion("moscow"),
      changesQuestion("helsinki", "2019-01-01", "2023-01-01", "EXCLUDE"),
      changesQuestion(null, "2019-01-01", "2023-01-01", "INCLUDE"),
    ];
    for (const link of links) {
      for (const format of ["csv", "json"] as const) {
        const url = new URL(questionUrl(link, format), "http://localhost");
        const [, name, extension] = /^\/questions\/([a-z0-9-]+)\.(csv|json)$/.exec(url.pathname) ?? [];
        expect(extension).toBe(format);
        const q = question(name!);
        expect(() => questionValues(q, url.searchParams)).not.toThrow();
        if (q.relationships) {
          const sources = new URL(questionUrl(link, format, true), "http://localhost");
          expect(outputOptions(q, sources.searchParams).table).toBe("sources");
        }
      }
    }
    expect(questionUrl(DASHBOARD_QUESTIONS.funders(null, "INCLUDE"), "csv")).toBe(
      "/questions/funders-per-office.csv?undated=INCLUDE",
    );
    expect(questionUrl(DASHBOARD_QUESTIONS.activity("tampere", "INCLUDE", 1990, 2026), "json")).toBe(
      "/questions/activity-by-type.json?entity=tampere&fromYear=1990&toYear=2026&undated=INCLUDE",
    );
  });
});
