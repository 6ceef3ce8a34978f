/**
 * PATCH and REPLACE through the API (issue 19: "an upsert that leaves fields out silently erases them —
 * location, external ids, names — with no warning"): a city with a place, external ids and names, written
 * again with only its name. PATCH (upsertRecords' default) keeps the rest; REPLACE removes it, and says so in
 * the dry run and the real write (`removed`, a FIELDS_REMOVED warning); the history records the removal, and
 * undoing the write puts every field back.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApi, testToken } from "../support/test-api.js";
import { dumpGraph, runCypher } from "../support/test-database.js";
import { useTestGraph } from "../support/test-graph.js";

let editor: string;

const { db, api } = useTestGraph({ removeTestDataAfterEach: true });
beforeAll(async () => {
  editor = await testToken(["editor"], "test-editor");
});

const REPORT = `{ writeId dryRun mode entities { new changed unchanged } relationships { new changed unchanged }
  items { item id change fields removed kept } warnings { code item id fields message } }`;
const UPSERT = `mutation($sources: [SourceInput!], $entities: [EntityInput!], $relationships: [RelationshipInput!], $dryRun: Boolean, $mode: WriteMode) {
  upsertRecords(sources: $sources, entities: $entities, relationships: $relationships, dryRun: $dryRun, mode: $mode) ${REPORT} }`;
const IMPORT = `mutation($content: String!, $dryRun: Boolean, $mode: WriteMode) {
  importGraph(content: $content, format: YAML, dryRun: $dryRun, mode: $mode, fileName: "test.yaml") ${REPORT} }`;
const REVERT = `mutation($id: ID!) { revertChange(id: $id) ${REPORT} }`;

const SOURCE = { id: "test-modes-report", title: "A test report", published: "2024" };
const CITY = {
  kind: "City",
  id: "test-modes-city",
  name: "Modes City",
  nameFi: "Moodikaupunki",
  nameSv: "Modestad",
  aliases: ["MC"],
  externalIds: [
    { scheme: "wikidata", value: "Q999999901" },
    { scheme: "geonames", value: "999999901" },
  ],
  location: { lat: 60.5, lon: 24.5 },
  sources: [SOURCE.id],
};
/** Everything the city holds besides its name and sources: what a REPLACE with only the name removes. */
const REST = ["aliases", "externalIds", "location", "nameFi", "nameSv"];

type Result = Awaited<ReturnType<TestApi["query"]>>;
async function write(query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result: Result = await api.query(query, variables, editor);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data as Record<string, Record<string, unknown>>)[0]!;
}

/** The city as Neo4j holds it: the fields at stake. */
async function storedCity() {
  const [row] = await runCypher(
    db,
    `MATCH (c:City {id: $id}) RETURN c.name AS name, c.nameFi AS nameFi, c.nameSv AS nameSv, c.aliases AS aliases,
       c.externalIds AS externalIds, c.location IS NOT NULL AS located`,
    { id: CITY.id },
  );
  return row;
}
const WHOLE = {
  name: "Modes City",
  nameFi: "Moodikaupunki",
  nameSv: "Modestad",
  aliases: ["MC"],
  externalIds: ["wikidata:Q999999901", "geonames:999999901"],
  located: true,
};

async function createCity(): Promise<void> {
  const created = await write(UPSERT, { sources: [SOURCE], entities: [CITY] });
  expect(created).toMatchObject({ mode: "PATCH", entities: { new: 1 }, warnings: [] });
  expect(await storedCity()).toEqual(WHOLE);
}

describe("a city upserted again with only its name", () => {
  it("PATCH (the default): location, external ids and names are kept, and listed as kept", async () => {
    await createCity();
    const patched = await write(UPSERT, { entities: [{ kind: "City", id: CITY.id, name: "Modes Town" }] });
    expect(patched).toMatchObject({
      mode: "PATCH",
      entities: { changed: 1 },
      items: [
        {
          item: "entity",
          id: CITY.id,
          change: "changed",
          fields: ["name"],
          removed: [],
          kept: [...REST, "sources"],
        },
      ],
      warnings: [],
    });
    expect(await storedCity()).toEqual({ ...WHOLE, name: "Modes Town" });
  });

  it("REPLACE: erased, but the dry run and the write both name every field removed, and warn", async () => {
    await createCity();
    const only = { entities: [{ kind: "City", id: CITY.id, name: "Modes City", sources: [SOURCE.id] }] };
    const expected = {
      mode: "REPLACE",
      entities: { changed: 1 },
      items: [{ item: "entity", id: CITY.id, change: "changed", fields: REST, removed: REST, kept: [] }],
      warnings: [
        {
          code: "FIELDS_REMOVED",
          item: "entity",
          id: CITY.id,
          fields: REST,
          message: expect.stringContaining("mode PATCH"),
        },
      ],
    };
    const before = await dumpGraph(db);
    const dry = await write(UPSERT, { ...only, mode: "REPLACE", dryRun: true });
    expect(dry).toMatchObject({ ...expected, dryRun: true, writeId: null });
    expect(await dumpGraph(db)).toBe(before);

    const replaced = await write(UPSERT, { ...only, mode: "REPLACE" });
    expect(replaced).toMatchObject({ ...expected, dryRun: false });
    expect(await storedCity()).toEqual({
      name: "Modes City",
      nameFi: null,
      nameSv: null,
      aliases: [],
      externalIds: null,
      located: false,
    });

    // The history records the removal as it records any change: the fields, and the record before and after.
    const [change] = await runCypher(
      db,
      "MATCH (c:Change {writeId: $writeId, itemId: $id}) RETURN c.operation AS operation, c.fields AS fields, c.before AS before, c.after AS after",
      { writeId: replaced.writeId, id: CITY.id },
    );
    expect(change).toMatchObject({ operation: "update", fields: REST });
    expect(JSON.parse(change!.before as string)).toEqual(CITY);
    expect(JSON.parse(change!.after as string)).toEqual({
      kind: "City",
      id: CITY.id,
      name: "Modes City",
      sources: [SOURCE.id],
    });

    // Undo puts every removed field back — and, meaning to remove nothing, is not warned about.
    const undone = await write(REVERT, { id: replaced.writeId });
    expect(undone).toMatchObject({
      mode: "REPLACE",
      items: [{ id: CITY.id, change: "changed", fields: REST, removed: [] }],
      warnings: [],
    });
    expect(await storedCity()).toEqual(WHOLE);
  });

  it("PATCH with null clears exactly the fields named, listed as removed and undone like any change", async () => {
    await createCity();
    const cleared = await write(UPSERT, { entities: [{ kind: "City", id: CITY.id, nameSv: null, location: null }] });
    expect(cleared).toMatchObject({
      items: [{ id: CITY.id, fields: ["location", "nameSv"], removed: ["location", "nameSv"] }],
      warnings: [],
    });
    expect(await storedCity()).toEqual({ ...WHOLE, nameSv: null, located: false });
    await write(REVERT, { id: cleared.writeId });
    expect(await storedCity()).toEqual(WHOLE);
  });

  it("importGraph: REPLACE by default, as `kg import` — warned; PATCH when asked — kept", async () => {
    await createCity();
    const content = `entities:\n  - { kind: City, id: ${CITY.id}, name: Modes City, sources: [${SOURCE.id}] }\n`;
    const dry = await write(IMPORT, { content, dryRun: true });
    expect(dry).toMatchObject({ mode: "REPLACE", items: [{ removed: REST }], warnings: [{ code: "FIELDS_REMOVED" }] });
    const patched = await write(IMPORT, { content, mode: "PATCH" });
    expect(patched).toMatchObject({ mode: "PATCH", entities: { unchanged: 1 }, items: [], warnings: [] });
    expect(await storedCity()).toEqual(WHOLE);
  });
});

describe("a relationship patched through the API", () => {
  it("citations left out are kept; given, they are the whole list", async () => {
    await createCity();
    const ends = { type: "PARTNER_OF", from: "helsinki", to: CITY.id };
    const citations = [{ source: SOURCE.id, excerpt: "partners since 2010" }];
    await write(UPSERT, { relationships: [{ ...ends, status: "active", validFrom: "2010", citations }] });
    const ended = await write(UPSERT, { relationships: [{ ...ends, status: "ended", validTo: "2022" }] });
    expect(ended).toMatchObject({
      items: [
        { id: `helsinki--PARTNER_OF--${CITY.id}`, fields: ["status", "validTo"], kept: ["citations", "validFrom"] },
      ],
    });
    const [row] = await runCypher(
      db,
      "MATCH ()-[r:PARTNER_OF {id: $id}]->() RETURN r.sourceIds AS sources, r.excerpts AS excerpts, r.status AS status",
      { id: `helsinki--PARTNER_OF--${CITY.id}` },
    );
    expect(row).toEqual({ sources: [SOURCE.id], excerpts: ["partners since 2010"], status: "ended" });

    const requoted = [{ source: SOURCE.id, excerpt: "twinned in 2010" }];
    const cited = await write(UPSERT, { relationships: [{ ...ends, citations: requoted }] });
    expect(cited).toMatchObject({ items: [{ fields: ["citations"], removed: [] }] });
    const [again] = await runCypher(db, "MATCH ()-[r:PARTNER_OF {id: $id}]->() RETURN r.excerpts AS excerpts", {
      id: `helsinki--PARTNER_OF--${CITY.id}`,
    });
    expect(again).toEqual({ excerpts: ["twinned in 2010"] });
  });
});
