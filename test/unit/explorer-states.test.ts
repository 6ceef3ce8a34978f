import { describe, expect, it } from "vitest";
import type { GraphEdge, GraphNode } from "../../src/web/explorer/api.js";
import { closeNames, editDistance, suggestionQuery } from "../../src/web/explorer/did-you-mean.js";
import type { ChangeEntry } from "../../src/web/explorer/edit-api.js";
import { dayWithSomething } from "../../src/web/explorer/empty-states.js";
import {
  changeSubject,
  changedFields,
  operationWords,
  originWords,
  undoable,
} from "../../src/web/explorer/history-words.js";

function node(id: string, name: string, aliases: string[] = []): GraphNode {
  return { id, kind: "City", name, description: null, names: [], aliases, location: null };
}

function edge(validFrom: string | null, validTo: string | null, published: string | null = null): GraphEdge {
  return {
    id: `e-${validFrom}-${validTo}`,
    type: "PARTNER_OF",
    kind: null,
    fromId: "a",
    toId: "b",
    validFrom,
    validTo,
    status: "active",
    sources: [{ published } as GraphEdge["sources"][number]],
  };
}

describe("did you mean", () => {
  it("asks the search for the heads of the words typed", () => {
    expect(suggestionQuery("Helsinky")).toBe("helsi");
    expect(suggestionQuery("Tampre Uni")).toBe("tamp");
    expect(suggestionQuery("ab")).toBeNull();
  });

  it("counts slips", () => {
    expect(editDistance("helsinky", "helsinki")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("offers names within a few slips, the closest first, and nothing far off", () => {
    const candidates = [
      node("helsinki-centre", "Helsinki Centre"),
      node("helsinki", "Helsinki"),
      node("helsingborg", "Helsingborg"),
    ];
    expect(closeNames("Helsinky", candidates).map((n) => n.id)).toEqual(["helsinki", "helsinki-centre"]);
    expect(closeNames("Atlantis", [node("atlanta", "Atlanta"), node("helsinki", "Helsinki")]).map((n) => n.id)).toEqual(
      ["atlanta"],
    );
    expect(closeNames("Atlantis", [node("helsinki", "Helsinki")])).toEqual([]);
    expect(closeNames("Tallin", [node("tallinn", "Tallinn")]).map((n) => n.id)).toEqual(["tallinn"]);
    expect(closeNames("Helsingi", [node("helsinki", "Stadi", ["Helsinki"])]).map((n) => n.id)).toEqual(["helsinki"]);
  });
});

describe("a day with something in force", () => {
  const edges = [edge("1995-03", null), edge("2018", "2019-06-30")];

  it("offers the first day after the chosen one on which something is in force", () => {
    expect(dayWithSomething("1960-12-31", edges, "INCLUDE")).toBe("1995-03-01");
  });

  it("or else the last such day before it", () => {
    expect(dayWithSomething("2030-12-31", [edge("2018", "2019-06-30")], "INCLUDE")).toBe("2018-01-01");
  });

  it("counts undated relationships from their sources under ATTESTED, and never without a start", () => {
    const undated = [edge(null, null, "2001-05-02")];
    expect(dayWithSomething("1960-12-31", undated, "ATTESTED")).toBe("2001-05-02");
    expect(dayWithSomething("1960-12-31", undated, "EXCLUDE")).toBeNull();
  });
});

describe("the history in words", () => {
  const change = (over: Partial<ChangeEntry>): ChangeEntry => ({
    id: "c1",
    writeId: "w1",
    reverts: null,
    at: "2026-01-01T00:00:00Z",
    actor: "seed",
    origin: "file:seed/helsinki.yaml",
    operation: "create",
    itemType: "relationship",
    itemId: "helsinki--FUNDS--helsinki-centre-st-petersburg",
    itemKind: "FUNDS",
    fromId: "helsinki",
    toId: "helsinki-centre-st-petersburg",
    fields: [],
    before: null,
    after: JSON.stringify({ type: "FUNDS", from: "helsinki", to: "helsinki-centre-st-petersburg" }),
    ...over,
  });
  const names = new Map([
    ["helsinki", "Helsinki"],
    ["helsinki-centre-st-petersburg", "Helsinki Centre"],
  ]);

  it("names relationships by their ends, not by their ids", () => {
    expect(changeSubject(change({}), (id) => names.get(id))).toBe("Helsinki funds Helsinki Centre");
    expect(operationWords("create")).toBe("Added");
  });

  it("offers no undo for an erasure of personal data (the API refuses it), and says what it was", () => {
    expect(operationWords("erase")).toBe("Erased personal data of");
    expect(undoable([{ operation: "erase" }])).toBe(false);
    expect(undoable([{ operation: "create" }, { operation: "update" }])).toBe(true);
  });

  it("names entities by name, a deleted one by the name it had", () => {
    const deleted = change({
      operation: "delete",
      itemType: "entity",
      itemId: "gone",
      itemKind: "NetworkOrganization",
      fromId: null,
      toId: null,
      before: JSON.stringify({ name: "Gone Network" }),
      after: null,
    });
    expect(changeSubject(deleted, () => undefined)).toBe("network organization Gone Network");
  });

  it("says where a write came from", () => {
    expect(originWords("file:seed/helsinki.yaml")).toBe("the curated seed file seed/helsinki.yaml");
    expect(originWords("file:partners.csv")).toBe("the imported file partners.csv");
    expect(originWords("graphql:abc")).toBe("an edit through the API or the explorer");
    expect(originWords("revert:w1")).toBe("undoing an earlier change");
    expect(originWords("graphql:abc:merge:a>b")).toBe("an edit through the API or the explorer, merging a into b");
  });

  it("opens a change to each field before and after", () => {
    const update = change({
      operation: "update",
      fields: ["validTo"],
      before: JSON.stringify({ validTo: null }),
      after: JSON.stringify({ validTo: "2022-03" }),
    });
    expect(changedFields(update)).toEqual([{ field: "validTo", before: "—", after: "2022-03" }]);
    expect(changedFields(change({})).map((row) => row.field)).toEqual(["type", "from", "to"]);
  });
});
