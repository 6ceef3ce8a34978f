/**
 * The write plan's rules (src/write/plan.ts) beyond the basic cases of write-plan.test.ts: external ids from a
 * new source, `replace` (undo) writing exactly what it is given, a claim kept side by side being restated
 * again, the seed meeting a relationship someone else edited, citations gained without duplicates, which
 * fields count as changed, and deletions recorded with the record as it stood.
 */
import { describe, expect, it } from "vitest";
import {
  type PlanOptions,
  type StoredNode,
  type StoredRelationship,
  changedFields,
  planEntity,
  planNodeDeletion,
  planRelationship,
  planRelationshipDeletion,
  planSource,
} from "../../src/write/plan.js";
import { checkedEntity, checkedRelationship } from "../support/checked-records.js";

const EDITOR: PlanOptions = { actor: "alice", staff: false, keepOthersEdits: false };
const UNDO: PlanOptions = { ...EDITOR, replace: true };
const SEED: PlanOptions = { actor: "seed", staff: true, keepOthersEdits: true };

const entity = checkedEntity;
const relationship = checkedRelationship;

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
