/**
 * The write rules without a database (src/write/plan.ts): what each incoming record does to the stored one
 * (new, changed, unchanged, corroborated, conflict), the seed's respect for later edits, restricted fields
 * kept from writers who may not touch them, ending or suspending a relationship as a new period; external
 * ids from a new source, `replace` (undo) writing exactly what it is given, a claim kept side by side being
 * restated again, the seed meeting a relationship someone else edited, citations gained without duplicates,
 * which fields count as changed, and deletions recorded with the record as it stood.
 */
import neo4j from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { toPlain } from "../../src/database/index.js";
import { type RelationshipRecord } from "../../src/graph-data/index.js";
import { type ChangeRecord } from "../../src/history/index.js";
import { periodRecords, undoPlan } from "../../src/write/index.js";
import { standing } from "../../src/write/undo-checks.js";
import {
  type PlanOptions,
  type StoredRelationship,
  planEntity,
  planRelationship,
  planSource,
  type StoredNode,
  changedFields,
  planNodeDeletion,
  planRelationshipDeletion,
} from "../../src/write/plan.js";
import { checkedEntity, checkedRelationship } from "../support/checked-records.js";

const EDITOR: PlanOptions = { actor: "alice", staff: false, keepOthersEdits: false };
const SEED: PlanOptions = { actor: "seed", staff: true, keepOthersEdits: true };

const entity = checkedEntity;
const relationship = checkedRelationship;

const stored = (props: Record<string, unknown>): StoredRelationship => ({
  type: "PARTNER_OF",
  from: "h",
  to: "t",
  props,
});
const at = (map: Record<string, StoredRelationship>) => (id: string) => map[id];

describe("sources", () => {
  it("new, unchanged, changed", () => {
    const record = { id: "s", title: "T" };
    expect(planSource(undefined, record, EDITOR)).toMatchObject({ change: "new", write: { op: "create" } });
    const same = { kind: "Source" as const, props: { id: "s", title: "T", createdBy: "bob" } };
    expect(planSource(same, record, EDITOR)).toMatchObject({ change: "unchanged", fields: [] });
    expect(planSource(same, { ...record, title: "U" }, EDITOR)).toMatchObject({
      change: "changed",
      fields: ["title"],
      before: { id: "s", title: "T" },
      after: { id: "s", title: "U" },
      write: { op: "update", props: { id: "s", title: "U" } },
    });
  });
});

describe("entities", () => {
  const storedCity = { kind: "City" as const, props: { id: "c", name: "C", aliases: [], sourceIds: ["a"] } };

  it("restated by the same sources: replaced", () => {
    expect(planEntity(storedCity, entity({ name: "See" }), EDITOR)).toMatchObject({
      change: "changed",
      fields: ["name"],
    });
    expect(planEntity(storedCity, entity({}), EDITOR)).toMatchObject({ change: "unchanged" });
  });

  it("described by a new source: gaps filled, sources and aliases added, contradictions kept and reported", () => {
    const gaps = planEntity(storedCity, entity({ sources: ["b"], nameFi: "Cee" }), EDITOR);
    expect(gaps).toMatchObject({ change: "changed", fields: ["nameFi", "sources"] });
    expect(gaps.write).toMatchObject({ props: { name: "C", nameFi: "Cee", sourceIds: ["a", "b"] } });
    const alias = planEntity(storedCity, entity({ sources: ["b"], aliases: ["Old C"] }), EDITOR);
    expect(alias).toMatchObject({ change: "corroborated", fields: ["aliases", "sources"] });
    const contradiction = planEntity(storedCity, entity({ sources: ["b"], name: "Other" }), EDITOR);
    expect(contradiction).toMatchObject({
      change: "conflict",
      fields: ["sources"],
      conflict: expect.stringContaining("name"),
    });
    expect(contradiction.write).toMatchObject({ props: { name: "C", sourceIds: ["a", "b"] } });
  });

  it("written by someone else since: the seed keeps it and says so", () => {
    const edited = { kind: "City" as const, props: { ...storedCity.props, name: "Edited", updatedBy: "alice" } };
    expect(planEntity(edited, entity({}), SEED)).toMatchObject({
      change: "conflict",
      conflict: "kept as alice last wrote it",
    });
    expect(planEntity(edited, entity({}), SEED).write).toBeUndefined();
    const seeded = { kind: "City" as const, props: { ...storedCity.props, name: "Old", createdBy: "seed" } };
    expect(planEntity(seeded, entity({}), SEED)).toMatchObject({ change: "changed", fields: ["name"] });
  });

  it("a stored place, as read from Neo4j, stays a point when the entity is written again", () => {
    // What the driver returns for `properties(n)`: a Point whose srid is an Integer; the reader makes it plain.
    const read = toPlain({ ...storedCity.props, location: new neo4j.types.Point(neo4j.int(4326), 24.94, 60.17) });
    const placed = { kind: "City" as const, props: read as Record<string, unknown> };
    expect(neo4j.isPoint(placed.props.location)).toBe(true);
    expect(planEntity(placed, entity({ location: { lat: 60.17, lon: 24.94 } }), EDITOR)).toMatchObject({
      change: "unchanged",
    });
    const described = planEntity(placed, entity({ sources: ["b"], nameFi: "Cee" }), EDITOR);
    expect(described).toMatchObject({ change: "changed", fields: ["nameFi", "sources"] });
    const written = (described.write as { props: Record<string, unknown> }).props.location;
    expect(neo4j.isPoint(written)).toBe(true);
    expect(written).toMatchObject({ srid: 4326, x: 24.94, y: 60.17 });
  });

  it("keeps personal contact details a writer without staff may not touch, and never lists them", () => {
    const person = {
      kind: "Person" as const,
      props: { id: "c", name: "C", aliases: [], sourceIds: ["a"], email: "x@example.org" },
    };
    const restated = planEntity(person, { ...entity({}), kind: "Person", name: "Renamed" }, EDITOR);
    expect(restated).toMatchObject({ change: "changed", fields: ["name"] });
    expect(restated.write).toMatchObject({ props: { email: "x@example.org", name: "Renamed" } });
    const staff = planEntity(person, { ...entity({}), kind: "Person" }, { ...EDITOR, staff: true });
    expect(staff).toMatchObject({ change: "changed", fields: ["email"] });
  });

  it("an undo (replace) puts contact details back as the history holds them, and still lists them to staff only", () => {
    const person = {
      kind: "Person" as const,
      props: { id: "c", name: "C", aliases: [], sourceIds: ["a"], email: "new@example.org" },
    };
    const before = { ...entity({}), kind: "Person" as const, email: "old@example.org" };
    const undone = planEntity(person, before, { ...EDITOR, replace: true });
    expect(undone).toMatchObject({ change: "changed", fields: [] });
    expect(undone.write).toMatchObject({ props: { email: "old@example.org" } });
    expect(planEntity(person, before, { ...EDITOR, staff: true, replace: true })).toMatchObject({
      fields: ["email"],
    });
  });
});

describe("relationships", () => {
  const partners = stored({ id: "h--PARTNER_OF--t", sourceIds: ["a"], excerpts: ["partners"], status: "active" });

  it("new, unchanged, and restated by the same sources", () => {
    expect(planRelationship(at({}), relationship({}), EDITOR)).toMatchObject({ change: "new", id: "h--PARTNER_OF--t" });
    expect(
      planRelationship(at({ "h--PARTNER_OF--t": partners }), relationship({ status: "active" }), EDITOR),
    ).toMatchObject({
      change: "unchanged",
    });
    expect(
      planRelationship(at({ "h--PARTNER_OF--t": partners }), relationship({ status: "suspended" }), EDITOR),
    ).toMatchObject({ change: "changed", fields: ["status"] });
  });

  it("the same claim from another source: corroborated, citations added", () => {
    const plan = planRelationship(
      at({ "h--PARTNER_OF--t": partners }),
      relationship({ status: "active", citations: [{ source: "b", excerpt: "also partners" }] }),
      EDITOR,
    );
    expect(plan).toMatchObject({ change: "corroborated", fields: ["citations"] });
    expect(plan.write).toMatchObject({ props: { sourceIds: ["a", "b"], excerpts: ["partners", "also partners"] } });
  });

  it("a different claim from another source: kept side by side under its own id", () => {
    const plan = planRelationship(
      at({ "h--PARTNER_OF--t": partners }),
      relationship({ status: "active", validFrom: "2006", citations: [{ source: "b", excerpt: "since 2006" }] }),
      EDITOR,
    );
    expect(plan).toMatchObject({
      change: "conflict",
      id: "h--PARTNER_OF--t~b",
      write: { op: "create", id: "h--PARTNER_OF--t~b" },
    });
  });
});

describe("ending and suspending a relationship", () => {
  const active = relationship({ kind: "bilateral", status: "active", validFrom: "1953" });
  const citation = { source: "news-2022", excerpt: "cooperation suspended" };

  it("suspended: the period ends, citing the new source too, and a suspended period starts", () => {
    expect(periodRecords(active, { id: active.id, date: "2022-03", status: "suspended", citation })).toEqual({
      records: [
        { ...active, validTo: "2022-03", citations: [...active.citations, citation] },
        {
          type: "PARTNER_OF",
          id: "h--PARTNER_OF--t--2022-03",
          from: "h",
          to: "t",
          kind: "bilateral",
          status: "suspended",
          validFrom: "2022-03",
          citations: [citation],
        },
      ],
    });
  });

  it("ended: the period ends with status ended", () => {
    expect(periodRecords(active, { id: active.id, date: "2022", status: "ended", citation })).toEqual({
      records: [{ ...active, validTo: "2022", status: "ended", citations: [...active.citations, citation] }],
    });
  });

  it("refuses a date that is not one, before the start, or an end that already happened", () => {
    const problem = (record: RelationshipRecord, date: string, status = "ended") => {
      const result = periodRecords(record, { id: record.id, date, status: status as "ended", citation });
      return "problem" in result ? { field: result.problem.field, code: result.problem.code } : null;
    };
    expect(problem(active, "March 2022")).toEqual({ field: "date", code: "INVALID_VALUE" });
    expect(problem(active, "1950")).toEqual({ field: "date", code: "DATE_ORDER" });
    expect(problem({ ...active, validTo: "2020" }, "2022")).toEqual({ field: "date", code: "DATE_ORDER" });
    expect(problem(active, "2022", "paused")).toEqual({ field: "status", code: "INVALID_VALUE" });
  });
});

describe("undoing a write", () => {
  const change = (over: Partial<ChangeRecord>): ChangeRecord => ({
    id: "c",
    writeId: "w1",
    reverts: null,
    at: "2026-01-01T00:00:00Z",
    actor: "alice",
    origin: "graphql:r",
    operation: "update",
    itemType: "entity",
    itemId: "x",
    itemKind: "City",
    fromId: null,
    toId: null,
    fields: [],
    before: null,
    after: null,
    ...over,
  });
  const city = (name: string) => ({ kind: "City", id: "c1", name, sources: ["s"] });
  const edge = {
    type: "PARTNER_OF",
    id: "c1--PARTNER_OF--c2",
    from: "c1",
    to: "c2",
    citations: [{ source: "s", excerpt: "x" }],
  };

  it("puts deleted records back, removes created ones, restores changed ones — and expects what the write left", () => {
    const plan = undoPlan([
      change({ operation: "delete", itemType: "relationship", itemId: edge.id, before: edge, after: null }),
      change({ operation: "delete", itemId: "c1", before: city("C"), after: null }),
      change({
        operation: "create",
        itemType: "source",
        itemId: "new-source",
        before: null,
        after: { id: "new-source", title: "N" },
      }),
      change({
        operation: "update",
        itemId: "c3",
        before: { ...city("Old"), id: "c3" },
        after: { ...city("New"), id: "c3" },
      }),
    ]);
    expect(plan.writeId).toBe("w1");
    expect(plan.records).toEqual({
      sources: [],
      entities: [city("C"), { ...city("Old"), id: "c3" }],
      relationships: [edge],
    });
    expect(plan.deletions).toEqual(["new-source"]);
    expect(plan.expected.map(({ item, id, record }) => ({ item, id, record }))).toEqual([
      { item: "relationship", id: edge.id, record: null },
      { item: "entity", id: "c1", record: null },
      { item: "source", id: "new-source", record: { id: "new-source", title: "N" } },
      { item: "entity", id: "c3", record: { ...city("New"), id: "c3" } },
    ]);
  });

  it("a record touched twice in one write goes back to before the first change, expecting after the last", () => {
    const plan = undoPlan([
      change({ itemId: "c1", before: city("A"), after: city("B") }),
      change({ itemId: "c1", before: city("B"), after: city("C") }),
    ]);
    expect(plan.records.entities).toEqual([city("A")]);
    expect(plan.expected.map((entry) => entry.record)).toEqual([city("C")]);
  });

  describe("the later writes in an undo's way", () => {
    const later = (writeId: string, at: string, operation: "create" | "update" | "delete", reverts?: string) => ({
      itemId: "r",
      writeId,
      reverts: reverts ?? null,
      operation,
      actor: "bob",
      at: `2026-01-0${at}T00:00:00Z`,
    });
    const ids = (changes: { writeId: string }[]) => changes.map((change) => change.writeId);

    it("every write that still stands, newest first", () => {
      expect(ids(standing([later("w3", "3", "update"), later("w2", "2", "create")], false))).toEqual(["w3", "w2"]);
    });

    it("a write and its undo cancel out; an undo of an undo stands again", () => {
      const undone = [later("w3", "3", "update", "w2"), later("w2", "2", "update"), later("w1", "1", "create")];
      expect(ids(standing(undone, false))).toEqual(["w1"]);
      const redone = [
        later("w4", "4", "update", "w3"),
        later("w3", "3", "update", "w2"),
        later("w2", "2", "update"),
        later("w1", "1", "create"),
      ];
      expect(ids(standing(redone, false))).toEqual(["w2", "w1"]);
    });

    it("for a record the undone write did not touch: only since it was last created", () => {
      const recreated = [later("w3", "3", "create", "w2"), later("w2", "2", "delete"), later("w1", "1", "create")];
      expect(ids(standing(recreated, true))).toEqual(["w3"]);
    });
  });
});

const UNDO: PlanOptions = { ...EDITOR, replace: true };

const storedEdge = (props: Record<string, unknown>): StoredRelationship => ({
  type: "PARTNER_OF",
  from: "h",
  to: "t",
  props: { id: "h--PARTNER_OF--t", sourceIds: ["a"], excerpts: ["partners"], ...props },
});
const lookup = (map: Record<string, StoredRelationship>) => (id: string) => map[id];

describe("entities described by a new source", () => {
  const stored: StoredNode = {
    kind: "City",
    props: { id: "c", name: "C", aliases: [], sourceIds: ["a"], externalIds: ["wikidata:Q1757"] },
  };

  it("an external id of a scheme the entity lacks is added: changed", () => {
    const plan = planEntity(
      stored,
      entity({ sources: ["b"], externalIds: [{ scheme: "geonames", value: "658225" }] }),
      EDITOR,
    );
    expect(plan).toMatchObject({ change: "changed", fields: ["externalIds", "sources"] });
    expect(plan.write).toMatchObject({
      op: "update",
      props: { externalIds: ["wikidata:Q1757", "geonames:658225"], sourceIds: ["a", "b"] },
    });
  });

  it("another value for a scheme it has is a contradiction: kept as stored and reported", () => {
    const plan = planEntity(
      stored,
      entity({ sources: ["b"], externalIds: [{ scheme: "wikidata", value: "Q42" }] }),
      EDITOR,
    );
    expect(plan).toMatchObject({
      change: "conflict",
      fields: ["sources"],
      conflict: "kept as stored (the input's sources disagree): externalIds",
    });
    expect(plan.write).toMatchObject({ props: { externalIds: ["wikidata:Q1757"] } });
  });

  it("the same values from a new source only add the source: corroborated", () => {
    const plan = planEntity(
      stored,
      entity({ sources: ["b"], externalIds: [{ scheme: "wikidata", value: "Q1757" }] }),
      EDITOR,
    );
    expect(plan).toMatchObject({ change: "corroborated", fields: ["sources"] });
  });

  it("under `replace` (an undo), the record is put exactly as given, whatever sources the stored one cites", () => {
    const plan = planEntity(stored, entity({ sources: ["b"], name: "Other" }), UNDO);
    expect(plan).toMatchObject({ change: "changed", fields: ["externalIds", "name", "sources"] });
    expect(plan.write).toEqual({
      op: "update",
      item: "entity",
      kind: "City",
      id: "c",
      props: { id: "c", name: "Other", aliases: [], sourceIds: ["b"] },
    });
  });
});

describe("new records", () => {
  it("list their fields by the record's names, and are created with their properties", () => {
    expect(planEntity(undefined, entity({ nameFi: "See" }), EDITOR)).toMatchObject({
      change: "new",
      fields: ["aliases", "id", "name", "nameFi", "sources"],
      before: null,
      after: { kind: "City", id: "c", name: "C", nameFi: "See", sources: ["a"] },
      write: { op: "create", props: { id: "c", name: "C", nameFi: "See", aliases: [], sourceIds: ["a"] } },
    });
    expect(planRelationship(lookup({}), relationship({ validFrom: "2010" }), EDITOR)).toMatchObject({
      change: "new",
      fields: ["citations", "id", "validFrom"],
      itemKind: "PARTNER_OF",
      fromId: "h",
      toId: "t",
    });
  });
});

describe("relationships", () => {
  it("restated by more sources than the stored one cites: changed, citations rewritten", () => {
    const plan = planRelationship(
      lookup({ "h--PARTNER_OF--t": storedEdge({}) }),
      relationship({
        citations: [
          { source: "a", excerpt: "partners" },
          { source: "b", excerpt: "also" },
        ],
      }),
      EDITOR,
    );
    expect(plan).toMatchObject({ change: "changed", fields: ["citations"] });
  });

  it("a different claim under `replace` (an undo): changed in place, not kept side by side", () => {
    const plan = planRelationship(
      lookup({ "h--PARTNER_OF--t": storedEdge({}) }),
      relationship({ validFrom: "2006", citations: [{ source: "b", excerpt: "since 2006" }] }),
      UNDO,
    );
    expect(plan).toMatchObject({ change: "changed", id: "h--PARTNER_OF--t", write: { op: "update" } });
  });

  it("the same claim again from a source it already cites with others: no citation twice, excerpts aligned", () => {
    const stored = storedEdge({ sourceIds: ["a", "b"], excerpts: ["partners", "also"], status: "active" });
    const plan = planRelationship(
      lookup({ "h--PARTNER_OF--t": stored }),
      relationship({
        status: "active",
        citations: [
          { source: "b", excerpt: "restated" },
          { source: "c", excerpt: "third" },
        ],
      }),
      EDITOR,
    );
    expect(plan).toMatchObject({ change: "corroborated", fields: ["citations"] });
    expect(plan.write).toMatchObject({
      props: { sourceIds: ["a", "b", "c"], excerpts: ["partners", "also", "third"] },
    });
  });

  it("a claim kept side by side, sent again: still reported as a conflict, nothing written", () => {
    const sideBySide: StoredRelationship = {
      ...storedEdge({}),
      props: { id: "h--PARTNER_OF--t~b", sourceIds: ["b"], excerpts: ["since 2006"], validFrom: "2006" },
    };
    const plan = planRelationship(
      lookup({ "h--PARTNER_OF--t": storedEdge({}), "h--PARTNER_OF--t~b": sideBySide }),
      relationship({ validFrom: "2006", citations: [{ source: "b", excerpt: "since 2006" }] }),
      EDITOR,
    );
    expect(plan).toMatchObject({ change: "conflict", id: "h--PARTNER_OF--t~b", fields: [] });
    expect(plan.write).toBeUndefined();
  });

  it("a claim kept side by side, corrected by its own source: that claim is updated, still a conflict", () => {
    const sideBySide: StoredRelationship = {
      ...storedEdge({}),
      props: { id: "h--PARTNER_OF--t~b", sourceIds: ["b"], excerpts: ["since 2006"], validFrom: "2006" },
    };
    const plan = planRelationship(
      lookup({ "h--PARTNER_OF--t": storedEdge({}), "h--PARTNER_OF--t~b": sideBySide }),
      relationship({ validFrom: "2007", citations: [{ source: "b", excerpt: "since 2007" }] }),
      EDITOR,
    );
    expect(plan).toMatchObject({
      change: "conflict",
      id: "h--PARTNER_OF--t~b",
      fields: ["citations", "validFrom"],
      write: { op: "update", id: "h--PARTNER_OF--t~b" },
    });
  });

  it("edited by someone else since: the seed keeps it as they left it, writing nothing", () => {
    const edited = storedEdge({ status: "suspended", updatedBy: "alice" });
    const plan = planRelationship(lookup({ "h--PARTNER_OF--t": edited }), relationship({ status: "active" }), SEED);
    expect(plan).toMatchObject({ change: "conflict", conflict: "kept as alice last wrote it", fields: [] });
    expect(plan.write).toBeUndefined();
    expect(plan.after).toEqual(plan.before);
  });
});

describe("sources", () => {
  it("edited by someone else since: the seed keeps it; its own earlier version it replaces", () => {
    const edited: StoredNode = { kind: "Source", props: { id: "s", title: "Edited", updatedBy: "alice" } };
    expect(planSource(edited, { id: "s", title: "T" }, SEED)).toMatchObject({
      change: "conflict",
      conflict: "kept as alice last wrote it",
      after: { id: "s", title: "Edited" },
    });
    const seeded: StoredNode = { kind: "Source", props: { id: "s", title: "Old", createdBy: "seed" } };
    expect(planSource(seeded, { id: "s", title: "T" }, SEED)).toMatchObject({ change: "changed", fields: ["title"] });
  });
});

describe("which fields changed", () => {
  it("stamps never count; absent and null are the same; list order counts; the names come sorted", () => {
    expect(
      changedFields(
        { id: "s", title: "T", note: null, aliases: ["a", "b"], createdAt: "2020", updatedBy: "x" },
        { id: "s", title: "U", aliases: ["b", "a"], updatedBy: "y", updatedAt: "2021" },
      ),
    ).toEqual(["aliases", "title"]);
    expect(changedFields(undefined, { title: "T", id: "s" })).toEqual(["id", "title"]);
  });
});

describe("deletions", () => {
  it("of an entity: recorded with the record as it stood, stamps left out", () => {
    const plan = planNodeDeletion("c", {
      kind: "Office",
      props: { id: "c", name: "C", sourceIds: ["a"], createdBy: "seed", updatedAt: "2024" },
    });
    expect(plan).toEqual({
      item: "entity",
      id: "c",
      change: "deleted",
      fields: [],
      before: { kind: "Office", id: "c", name: "C", sources: ["a"] },
      after: null,
      // A deleted record is reported deleted, not as fields removed.
      removed: [],
      itemKind: "Office",
      fromId: null,
      toId: null,
      write: { op: "delete", item: "entity", id: "c" },
    });
  });

  it("of a relationship: with its type and ends, and its citations rebuilt", () => {
    const plan = planRelationshipDeletion("h--PARTNER_OF--t", storedEdge({ createdBy: "seed", kind: "bilateral" }));
    expect(plan).toEqual({
      item: "relationship",
      id: "h--PARTNER_OF--t",
      change: "deleted",
      fields: [],
      before: {
        type: "PARTNER_OF",
        id: "h--PARTNER_OF--t",
        from: "h",
        to: "t",
        kind: "bilateral",
        citations: [{ source: "a", excerpt: "partners" }],
      },
      after: null,
      removed: [],
      itemKind: "PARTNER_OF",
      fromId: "h",
      toId: "t",
      write: { op: "delete", item: "relationship", type: "PARTNER_OF", id: "h--PARTNER_OF--t" },
    });
  });
});
