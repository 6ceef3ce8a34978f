/** Loading graph data: validation first, one transaction, idempotent MERGE by id. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import { GraphDataError } from "../../src/errors/index.js";
import { loadCuratedGraph, loadGraph, parseGraphText } from "../../src/seed/index.js";
import { connectTestDatabase, countGraph, dumpGraph, removeTestData, runCypher } from "../support/test-database.js";

let db: Database;
beforeAll(() => {
  db = connectTestDatabase();
});
afterEach(async () => {
  await removeTestData(db);
});
afterAll(async () => {
  await db.close();
});

const VALID = `
sources:
  - { id: test-source, title: Test source, published: "2021-03" }
entities:
  - { kind: City, id: test-city-a, name: Test City A, sources: [test-source] }
  - { kind: Office, id: test-office, name: Test Office, sources: [test-source] }
relationships:
  - { type: FUNDS, from: test-city-a, to: test-office, validFrom: 2019, citations: [{ source: test-source, excerpt: "A funds the office" }] }
`;

describe("loading the curated graph", () => {
  it("twice changes nothing", async () => {
    const before = await dumpGraph(db);
    await loadCuratedGraph(db);
    await loadCuratedGraph(db);
    expect(JSON.parse(await dumpGraph(db))).toEqual(JSON.parse(before));
  });
});

describe("loading a graph file", () => {
  it("writes entities, sources and relationships with their properties", async () => {
    await loadGraph(db, parseGraphText(VALID, "test.yaml"));
    const rows = await runCypher(
      db,
      "MATCH (a:City:Entity {id: 'test-city-a'})-[r:FUNDS]->(o:Office:Entity) RETURN r.id AS id, r.validFrom AS validFrom, r.sourceIds AS sourceIds, r.excerpts AS excerpts, o.id AS office",
    );
    expect(rows).toEqual([
      {
        id: "test-city-a--FUNDS--test-office",
        validFrom: "2019",
        sourceIds: ["test-source"],
        excerpts: ["A funds the office"],
        office: "test-office",
      },
    ]);
  });

  it("is idempotent: the second load of the same file changes nothing", async () => {
    const data = parseGraphText(VALID, "test.yaml");
    await loadGraph(db, data);
    const once = await dumpGraph(db);
    await loadGraph(db, data);
    expect(await dumpGraph(db)).toBe(once);
  });

  it("is all or nothing: a relationship whose end is missing from the database rolls the whole load back", async () => {
    const before = await countGraph(db);
    const data = parseGraphText(VALID, "test.yaml");
    const broken = {
      ...data,
      // Bypasses the file check on purpose, as a partial file loaded against an older graph would.
      relationships: [...data.relationships, { ...data.relationships[0]!, id: "test-dangling", to: "test-not-in-db" }],
    };
    await expect(loadGraph(db, broken)).rejects.toBeInstanceOf(GraphDataError);
    expect(await countGraph(db)).toEqual(before);
  });
});

describe("checking a graph file before anything is written", () => {
  function problems(yaml: string): string[] {
    try {
      parseGraphText(yaml, "facts.yaml");
    } catch (error) {
      if (error instanceof GraphDataError) return [...error.problems];
      throw error;
    }
    return [];
  }

  it("names the file, line, record and field of a bad date", () => {
    expect(problems(VALID.replace("validFrom: 2019", "validFrom: 2019-13"))).toEqual([
      "facts.yaml:8: relationship test-city-a -FUNDS-> test-office, field validFrom: must be an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD",
    ]);
  });

  it("names a broken reference", () => {
    expect(problems(VALID.replace("to: test-office", "to: test-offic"))).toEqual([
      "facts.yaml:8: relationship test-city-a--FUNDS--test-offic, field to: unknown entity test-offic",
    ]);
  });

  it("refuses a relationship between the wrong kinds", () => {
    expect(problems(VALID.replace("type: FUNDS", "type: IN_COUNTRY"))).toEqual([
      "facts.yaml:8: relationship test-city-a--IN_COUNTRY--test-office, field to: IN_COUNTRY cannot end at a Office (allowed: Country)",
    ]);
  });

  it("refuses a relationship without a citation, and a citation of an unknown source", () => {
    expect(
      problems(VALID.replace(`citations: [{ source: test-source, excerpt: "A funds the office" }]`, "citations: []")),
    ).toEqual([
      "facts.yaml:8: relationship test-city-a -FUNDS-> test-office, field citations: every relationship must cite a source",
    ]);
    expect(problems(VALID.replace("citations: [{ source: test-source", "citations: [{ source: test-other"))).toEqual([
      "facts.yaml:8: relationship test-city-a--FUNDS--test-office, field citations.0.source: unknown source test-other",
    ]);
  });

  it("refuses duplicate ids, unknown fields, end dates before start dates, and unknown kinds — all at once", () => {
    const yaml = `
sources:
  - { id: test-source, title: Test source }
entities:
  - { kind: City, id: test-a, name: A, sources: [test-source] }
  - { kind: City, id: test-a, name: A again, sources: [test-source] }
  - { kind: Office, id: test-o, name: O, sources: [test-source] }
relationships:
  - { type: FUNDS, from: test-a, to: test-o, validFrom: "2020-05", validTo: "2020-01", citations: [{ source: test-source, excerpt: x }] }
  - { type: PARTNER_OF, from: test-a, to: test-a, kind: twin, citations: [{ source: test-source, excerpt: x }] }
`;
    expect(problems(yaml)).toEqual([
      "facts.yaml:6: City test-a, field id: id is used twice",
      "facts.yaml:9: relationship test-a--FUNDS--test-o, field validTo: must be after validFrom",
      "facts.yaml:10: relationship test-a--PARTNER_OF--test-a, field kind: PARTNER_OF kind must be one of bilateral, special-historical, twin-city, cooperation-agreement, focus-city",
    ]);
    expect(problems(VALID.replace("name: Test Office,", "name: Test Office, colour: red,"))).toEqual([
      'facts.yaml:6: entity test-office: Unrecognized key: "colour"',
    ]);
  });

  it("reports YAML syntax errors with their line", () => {
    expect(problems("sources:\n  - { id: x\n")[0]).toMatch(/^facts\.yaml:\d+: not valid YAML/);
  });
});
