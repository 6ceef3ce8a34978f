/**
 * PATCH and REPLACE without a database (issue 19: "an upsert that leaves fields out silently erases them"):
 * a record written again, completed from its stored state or taken as the whole record, through the checks
 * and the plan as the write path runs them, against a graph held in memory — fields kept, cleared by null,
 * lists kept or replaced, what each mode removes and reports, and the warnings a REPLACE answers with.
 */
import { describe, expect, it } from "vitest";
import {
  type EntityRecord,
  type Problem,
  type RecordReader,
  type RelationshipRecord,
  SECTIONS,
  type Section,
  checkRecord,
  entityToProperties,
  recordsReader,
  relationshipToProperties,
  sourceToProperties,
  textReader,
} from "../../src/graph-data/index.js";
import "reflect-metadata";
import { toRawRecord } from "../../src/resolvers/write/record-input.type.js";
import { type WriteMode, RejectedWrite, formatWriteReport } from "../../src/write/index.js";
import { checkInput, recheckedRecords } from "../../src/write/check-input.js";
import { patchRecord, patchedInput } from "../../src/write/patch-input.js";
import type { PlannedItem, StoredNode, StoredRelationship } from "../../src/write/plan.js";
import { memoryLookup } from "../../src/write/stored-state.js";
import { planBatch } from "../../src/write/plan-batch.js";
import { ReportBuilder } from "../../src/write/write-report.js";

function checked<S extends Section>(section: S, value: Record<string, unknown>) {
  const result = checkRecord(section, value);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.record;
}

/** A city with everything: names, aliases, external ids, a place. */
const TAMPERE = checked("entities", {
  kind: "City",
  id: "tampere",
  name: "Tampere",
  nameFi: "Tampere",
  nameSv: "Tammerfors",
  aliases: ["Manse"],
  externalIds: [
    { scheme: "wikidata", value: "Q40840" },
    { scheme: "geonames", value: "634963" },
  ],
  location: { lat: 61.49911, lon: 23.78712 },
  sources: ["page"],
});
const FESTIVAL = checked("entities", {
  kind: "Event",
  id: "festival",
  name: "Festival",
  startDate: "2020-06",
  sources: ["page"],
});
const PERSON = checked("entities", {
  kind: "Person",
  id: "someone",
  name: "Someone",
  email: "someone@example.org",
  sources: ["page"],
});
const PAGE = checked("sources", {
  id: "page",
  title: "The page",
  url: "https://example.org/page",
  published: "2020",
});
const PARTNERS = checked("relationships", {
  type: "PARTNER_OF",
  from: "helsinki",
  to: "tampere",
  kind: "bilateral",
  status: "active",
  validFrom: "2010",
  citations: [{ source: "page", excerpt: "partners since 2010" }],
});

const NODES = new Map<string, StoredNode>([
  ["helsinki", { kind: "City", props: { id: "helsinki", name: "Helsinki", sourceIds: ["page"] } }],
  ["tampere", { kind: "City", props: { ...entityToProperties(TAMPERE), createdBy: "bob" } }],
  ["festival", { kind: "Event", props: entityToProperties(FESTIVAL) }],
  ["someone", { kind: "Person", props: entityToProperties(PERSON) }],
  ["page", { kind: "Source", props: sourceToProperties(PAGE) }],
  ["report", { kind: "Source", props: { id: "report", title: "A report" } }],
]);
const RELATIONSHIPS = new Map<string, StoredRelationship>([
  [PARTNERS.id, { type: "PARTNER_OF", from: "helsinki", to: "tampere", props: relationshipToProperties(PARTNERS) }],
]);

type Input = Partial<Record<Section, Record<string, unknown>[]>>;

/** The write path without its transaction: (patch,) check, plan — what `writeGraph` reports, as data. */
async function write(
  input: Input | RecordReader,
  mode: WriteMode,
  staff = true,
): Promise<{ items: PlannedItem[]; kept: ReadonlyMap<string, readonly string[]> }> {
  const lookup = memoryLookup(NODES, RELATIONSHIPS);
  const reader = "records" in input && typeof input.records === "function" ? input : recordsReader(input as Input);
  const patched = mode === "patch" ? patchedInput(reader, lookup, staff) : undefined;
  const prepared = patched?.reader ?? reader;
  await checkInput(lookup, { reader: prepared }, staff);
  const items: PlannedItem[] = [];
  for (const section of SECTIONS) {
    const batch = [];
    for await (const record of recheckedRecords(prepared, section)) batch.push(record);
    items.push(...(await planBatch(lookup, section, batch, { actor: "alice", staff, keepOthersEdits: false })));
  }
  return { items, kept: patched?.kept ?? new Map() };
}

async function problems(input: Input, mode: WriteMode, staff = true) {
  try {
    await write(input, mode, staff);
  } catch (error) {
    if (error instanceof RejectedWrite)
      return error.problems.map(({ item, id, field, code }: Problem) => ({ item, id, field, code }));
    throw error;
  }
  throw new Error("the write was accepted");
}

const only = async (input: Input, mode: WriteMode, staff = true) => {
  const { items, kept } = await write(input, mode, staff);
  expect(items).toHaveLength(1);
  return { ...items[0]!, kept: kept.get(`${items[0]!.item}:${items[0]!.id}`) ?? [] };
};
const propsOf = (item: PlannedItem) => (item.write as { props: Record<string, unknown> }).props;

describe("an entity written again with only its name", () => {
  const renamed = { kind: "City", id: "tampere", name: "Tampere City" };

  it("PATCH: every other field is kept, and the report says which ones a REPLACE would have removed", async () => {
    const item = await only({ entities: [renamed] }, "patch");
    expect(item).toMatchObject({ change: "changed", fields: ["name"], removed: [] });
    expect(item.kept).toEqual(["aliases", "externalIds", "location", "nameFi", "nameSv", "sources"]);
    expect(item.after).toEqual({ ...TAMPERE, name: "Tampere City" });
    expect(propsOf(item)).toMatchObject({
      name: "Tampere City",
      nameFi: "Tampere",
      externalIds: ["wikidata:Q40840", "geonames:634963"],
      sourceIds: ["page"],
    });
  });

  it("REPLACE: the record as given is the whole record — the fields left out are removed, and named", async () => {
    const item = await only({ entities: [{ ...renamed, sources: ["page"] }] }, "replace");
    expect(item).toMatchObject({
      change: "changed",
      fields: ["aliases", "externalIds", "location", "name", "nameFi", "nameSv"],
      removed: ["aliases", "externalIds", "location", "nameFi", "nameSv"],
      kept: [],
    });
    expect(item.before).toEqual(TAMPERE);
    expect(item.after).toEqual({ kind: "City", id: "tampere", name: "Tampere City", sources: ["page"] });
  });

  it("REPLACE asks for every required field; PATCH only of a record the graph does not hold", async () => {
    expect(await problems({ entities: [renamed] }, "replace")).toEqual([
      { item: "entity", id: "tampere", field: "sources", code: "REQUIRED" },
    ]);
    expect(
      await problems({ entities: [{ kind: "City", id: "test-new", name: "New", nameFi: null }] }, "patch"),
    ).toEqual([{ item: "entity", id: "test-new", field: "sources", code: "REQUIRED" }]);
  });

  it("sent unchanged in PATCH: unchanged, nothing written", async () => {
    const item = await only({ entities: [{ kind: "City", id: "tampere", name: "Tampere" }] }, "patch");
    expect(item).toMatchObject({ change: "unchanged", removed: [] });
    expect(item.write).toBeUndefined();
  });
});

describe("PATCH: null clears a field, a list given is the whole list, a list left out is kept", () => {
  it("null clears: the field is removed, and reported as removed", async () => {
    const item = await only({ entities: [{ kind: "City", id: "tampere", nameSv: null, location: null }] }, "patch");
    expect(item).toMatchObject({ change: "changed", fields: ["location", "nameSv"], removed: ["location", "nameSv"] });
    expect(propsOf(item)).not.toHaveProperty("location");
    expect(propsOf(item)).not.toHaveProperty("nameSv");
    expect(propsOf(item)).toMatchObject({ nameFi: "Tampere", externalIds: ["wikidata:Q40840", "geonames:634963"] });
  });

  it("a list given replaces the stored list; an empty one or null empties it", async () => {
    const ids = await only(
      { entities: [{ kind: "City", id: "tampere", externalIds: [{ scheme: "wikidata", value: "Q40840" }] }] },
      "patch",
    );
    expect(ids).toMatchObject({ fields: ["externalIds"], removed: [] });
    expect(propsOf(ids).externalIds).toEqual(["wikidata:Q40840"]);
    const aliases = await only(
      { entities: [{ kind: "City", id: "tampere", aliases: ["Tampereen kaupunki"] }] },
      "patch",
    );
    expect(propsOf(aliases).aliases).toEqual(["Tampereen kaupunki"]);
    for (const cleared of [[], null]) {
      const none = await only({ entities: [{ kind: "City", id: "tampere", aliases: cleared }] }, "patch");
      expect(none).toMatchObject({ fields: ["aliases"], removed: ["aliases"] });
    }
  });

  it("a required field cannot be cleared: REQUIRED, nothing written", async () => {
    expect(await problems({ entities: [{ kind: "City", id: "tampere", name: null, sources: null }] }, "patch")).toEqual(
      [
        { item: "entity", id: "tampere", field: "name", code: "REQUIRED" },
        { item: "entity", id: "tampere", field: "sources", code: "REQUIRED" },
      ],
    );
  });

  it("the record is checked whole: an end date before the stored start is refused", async () => {
    expect(await problems({ entities: [{ kind: "Event", id: "festival", endDate: "2019" }] }, "patch")).toEqual([
      { item: "entity", id: "festival", field: "endDate", code: "DATE_ORDER" },
    ]);
  });

  it("another kind under a stored id is not patched onto it: ID_TAKEN as always", async () => {
    const office = { kind: "Office", id: "tampere", name: "An office", sources: ["page"] };
    expect(await problems({ entities: [office] }, "patch")).toEqual([
      { item: "entity", id: "tampere", field: "kind", code: "ID_TAKEN" },
    ]);
  });

  it("a source: a field left out kept, one set to null cleared", async () => {
    const item = await only({ sources: [{ id: "page", title: "The page, again", url: null }] }, "patch");
    expect(item).toMatchObject({ change: "changed", fields: ["title", "url"], removed: ["url"], kept: ["published"] });
  });
});

describe("PATCH of a relationship: citations left out are kept, citations given are the whole list", () => {
  const ends = { type: "PARTNER_OF", from: "helsinki", to: "tampere" };

  it("a new status and end, citations left out: the stored citations stay", async () => {
    const item = await only({ relationships: [{ ...ends, status: "ended", validTo: "2022-03" }] }, "patch");
    expect(item).toMatchObject({ change: "changed", fields: ["status", "validTo"], removed: [] });
    expect(item.kept).toEqual(["citations", "kind", "validFrom"]);
    expect((item.after as RelationshipRecord).citations).toEqual(PARTNERS.citations);
  });

  it("citations given replace the list (the citation rules apply as to any record)", async () => {
    const item = await only(
      { relationships: [{ ...ends, citations: [{ source: "page", excerpt: "twinned in 2010" }] }] },
      "patch",
    );
    expect(item).toMatchObject({ change: "changed", fields: ["citations"] });
    expect((item.after as RelationshipRecord).citations).toEqual([{ source: "page", excerpt: "twinned in 2010" }]);
    // Citing another source only: the stored claim gains it (corroborated), as in REPLACE mode.
    const other = await only(
      { relationships: [{ ...ends, citations: [{ source: "report", excerpt: "partners" }] }] },
      "patch",
    );
    expect(other).toMatchObject({ change: "corroborated", fields: ["citations"] });
  });

  it("a field cleared: removed; citations cleared: REQUIRED", async () => {
    const item = await only({ relationships: [{ ...ends, kind: null }] }, "patch");
    expect(item).toMatchObject({ fields: ["kind"], removed: ["kind"] });
    expect(await problems({ relationships: [{ ...ends, citations: null }] }, "patch")).toEqual([
      { item: "relationship", id: "helsinki--PARTNER_OF--tampere", field: "citations", code: "REQUIRED" },
    ]);
  });

  it("REPLACE: the dates and kind left out are removed", async () => {
    const item = await only({ relationships: [{ ...ends, citations: PARTNERS.citations }] }, "replace");
    expect(item).toMatchObject({ removed: ["kind", "status", "validFrom"] });
  });
});

describe("personal contact details in PATCH", () => {
  it("kept for a writer without staff, who never learns of them, and may not clear them", async () => {
    const item = await only({ entities: [{ kind: "Person", id: "someone", name: "Someone Else" }] }, "patch", false);
    expect(item).toMatchObject({ change: "changed", fields: ["name"], removed: [], kept: ["sources"] });
    expect(propsOf(item).email).toBe("someone@example.org");
    // Refused whether or not the person has one: the answer tells nothing.
    for (const id of ["someone", "test-nobody"]) {
      expect(await problems({ entities: [{ kind: "Person", id, name: "X", email: null }] }, "patch", false)).toEqual(
        expect.arrayContaining([{ item: "entity", id, field: "email", code: "RESTRICTED" }]),
      );
    }
  });

  it("cleared by staff, and reported removed", async () => {
    const item = await only({ entities: [{ kind: "Person", id: "someone", email: null }] }, "patch");
    expect(item).toMatchObject({ fields: ["email"], removed: ["email"] });
  });
});

describe("PATCH through every door", () => {
  it("API, YAML and JSON: null (or an empty value) clears, a field left out is kept", async () => {
    const patch = { kind: "City", id: "tampere", nameSv: null, name: "Tampere City" };
    // As the GraphQL input types hand it over: a field the client did not send is undefined.
    const api = recordsReader({ entities: [toRawRecord({ ...patch, location: undefined })] });
    const yaml = `entities:\n  - kind: City\n    id: tampere\n    nameSv:\n    name: Tampere City\n`;
    const json = JSON.stringify({ entities: [patch] });
    for (const reader of [api, textReader(yaml, "p.yaml", "yaml"), textReader(json, "p.json", "json")]) {
      const { items } = await write(reader, "patch");
      expect(items[0]).toMatchObject({ fields: ["name", "nameSv"], removed: ["nameSv"] });
    }
  });

  it("CSV has no null: an empty cell is a field left out, kept", async () => {
    const csv = "record,kind,id,name,nameFi,sources\nentity,City,tampere,Tampere City,,\n";
    const { items, kept } = await write(textReader(csv, "p.csv", "csv"), "patch");
    expect(items[0]).toMatchObject({ fields: ["name"], removed: [] });
    expect(kept.get("entity:tampere")).toContain("nameFi");
  });
});

describe("patchRecord", () => {
  it("completes a record from the stored one: given fields over it, nulls cleared, identity never kept", () => {
    const stored = { kind: "City", id: "c", name: "C", nameFi: "Cee", sources: ["a"] } as unknown as EntityRecord;
    expect(patchRecord("entities", { kind: "City", id: "c", nameFi: null, description: "D" }, stored, true)).toEqual({
      value: { kind: "City", id: "c", name: "C", sources: ["a"], description: "D" },
      kept: ["name", "sources"],
      restricted: [],
    });
    expect(patchRecord("entities", { kind: "City", id: "c" }, undefined, true).value).toEqual({
      kind: "City",
      id: "c",
    });
  });
});

describe("the report of each mode", () => {
  const report = async (input: Input, mode: WriteMode, reverts = false) => {
    const { items, kept } = await write(input, mode);
    const builder = new ReportBuilder({ mode, warn: mode === "replace" && !reverts, maxListed: 10, kept });
    for (const item of items) builder.note(item);
    return builder;
  };
  const replaced = { entities: [{ kind: "City", id: "tampere", name: "Tampere", sources: ["page"] }] };

  it("REPLACE: each record stripped of data it left out is listed with `removed`, and warned about", async () => {
    const built = await report(replaced, "replace");
    expect(built.items).toEqual([
      {
        item: "entity",
        id: "tampere",
        change: "changed",
        fields: ["aliases", "externalIds", "location", "nameFi", "nameSv"],
        removed: ["aliases", "externalIds", "location", "nameFi", "nameSv"],
      },
    ]);
    expect(built.warnings).toEqual([
      {
        code: "FIELDS_REMOVED",
        item: "entity",
        id: "tampere",
        fields: ["aliases", "externalIds", "location", "nameFi", "nameSv"],
        message: expect.stringContaining("mode PATCH"),
      },
    ]);
  });

  it("PATCH: what a null cleared is listed, not warned about; what was left out is listed as kept", async () => {
    const built = await report({ entities: [{ kind: "City", id: "tampere", nameSv: null }] }, "patch");
    expect(built.items).toEqual([
      {
        item: "entity",
        id: "tampere",
        change: "changed",
        fields: ["nameSv"],
        removed: ["nameSv"],
        kept: ["aliases", "externalIds", "location", "name", "nameFi", "sources"],
      },
    ]);
    expect(built.warnings).toEqual([]);
  });

  it("an undo (which means to remove) is not warned about", async () => {
    expect((await report(replaced, "replace", true)).warnings).toEqual([]);
  });

  it("on the command line: each record's removed and kept fields, then the warnings", async () => {
    const lines = async (input: Input, mode: WriteMode) => {
      const built = await report(input, mode);
      return formatWriteReport({
        writeId: null,
        graphVersion: null,
        dryRun: true,
        mode,
        input: "facts.yaml",
        records: { sources: 0, entities: 1, relationships: 0 },
        counts: built.counts,
        items: built.items,
        warnings: built.warnings,
        truncated: built.truncated,
      }).split("\n");
    };
    const replacedText = await lines(replaced, "replace");
    expect(replacedText[0]).toBe(
      "Dry run of facts.yaml: 0 sources, 1 entities, 0 relationships read. Mode REPLACE: a record as given is the whole record.",
    );
    expect(replacedText).toContain(
      "  ~ entity tampere (aliases, externalIds, location, nameFi, nameSv) — removes aliases, externalIds, location, nameFi, nameSv",
    );
    expect(replacedText.some((line) => line.startsWith("Warning (FIELDS_REMOVED): entity tampere:"))).toBe(true);
    const patchedText = await lines({ entities: [{ kind: "City", id: "tampere", nameSv: null }] }, "patch");
    expect(patchedText).toContain(
      "  ~ entity tampere (nameSv) — removes nameSv — keeps aliases, externalIds, location, name, nameFi, sources (left out)",
    );
    expect(patchedText.some((line) => line.startsWith("Warning"))).toBe(false);
  });
});
