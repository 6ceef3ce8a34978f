/**
 * Hubs in the explorer (src/web/explorer/hub.ts, graph-model.ts): the drawing is cut to a budget, neighbourhood
 * by neighbourhood in the order opened; what is cut is told as "N of M" (or "of more than M"); the types offered
 * for narrowing and ticking them; whose word each choice follows.
 */
import { describe, expect, it } from "vitest";
import type { GraphEdge, GraphNode } from "../../src/web/explorer/api.js";
import { mergeGraphs } from "../../src/web/explorer/graph-model.js";
import {
  DRAW_LIMIT,
  hubNotice,
  narrowingWords,
  onlyType,
  publisherKindsOf,
  toggleType,
  typesToOffer,
} from "../../src/web/explorer/hub.js";

const node = (id: string): GraphNode => ({
  id,
  kind: "City",
  name: id.toUpperCase(),
  description: null,
  names: [],
  aliases: [],
  location: null,
});
const edge = (fromId: string, toId: string, type = "PARTNER_OF"): GraphEdge => ({
  id: `${fromId}--${type}--${toId}`,
  type,
  kind: null,
  fromId,
  toId,
  validFrom: null,
  validTo: null,
  status: null,
  sources: [],
});
/** A hub and its `count` partners, as the API answers with a limit of `limit`. */
function hub(id: string, count: number, limit: number, totalExact = true) {
  const partners = Array.from({ length: count }, (_, index) => `${id}-p${String(index).padStart(3, "0")}`);
  const drawn = partners.slice(0, limit - 1);
  return {
    nodes: [node(id), ...drawn.map(node)],
    edges: drawn.map((partner) => edge(id, partner)),
    truncated: count + 1 > limit,
    total: count + 1,
    totalExact,
  };
}

describe("a hub's drawing", () => {
  it("draws 150 entities at most", () => {
    expect(DRAW_LIMIT).toBe(150);
  });

  it("draws a neighbourhood the API cut, and says how many of how many", () => {
    const graph = mergeGraphs([hub("a", 165, 150)], null, 150);
    expect(graph.nodes.size).toBe(150);
    expect(graph.edges.size).toBe(149);
    expect(graph.cut).toEqual([{ id: "a", name: "A", shown: 150, total: 166, exact: true }]);
    expect(graph.truncated).toBe(true);
  });

  it("cuts later neighbourhoods to what the budget leaves, keeps what is drawn already, and draws no edge to an undrawn end", () => {
    const graph = mergeGraphs([hub("a", 99, 150), hub("b", 80, 150)], null, 150);
    expect(graph.nodes.size).toBe(150);
    // All of a's 100; b's start and 49 of its partners.
    expect(graph.cut).toEqual([{ id: "b", name: "B", shown: 50, total: 81, exact: true }]);
    expect([...graph.edges.values()].every((e) => graph.nodes.has(e.fromId) && graph.nodes.has(e.toId))).toBe(true);
    expect(graph.edges.size).toBe(99 + 49);
  });

  it("always draws the path, and reports nothing when everything fits", () => {
    const graph = mergeGraphs([hub("a", 3, 150)], { nodes: [node("a"), node("x")], edges: [edge("a", "x")] }, 4);
    expect([...graph.nodes.keys()]).toEqual(["a", "a-p000", "a-p001", "a-p002", "x"]);
    expect(graph.cut).toEqual([]);
    expect(graph.truncated).toBe(false);
  });

  it("tells a count that stopped at its bound as 'more than'", () => {
    const graph = mergeGraphs([{ ...hub("a", 1200, 150), total: 1000, totalExact: false }], null, 150);
    expect(graph.cut).toEqual([{ id: "a", name: "A", shown: 150, total: 1000, exact: false }]);
  });
});

describe("the notice", () => {
  it("says how many are shown of how many exist, around which entity", () => {
    expect(hubNotice([{ id: "a", name: "Test Hub", shown: 150, total: 166, exact: true }])).toBe(
      "Showing 150 of 166 entities around Test Hub.",
    );
    expect(hubNotice([{ id: "a", name: "Saint Petersburg", shown: 150, total: 1000, exact: false }])).toBe(
      "Showing 150 of more than 1,000 entities around Saint Petersburg.",
    );
  });

  it("names each neighbourhood drawn in part, and is silent when none is", () => {
    expect(
      hubNotice([
        { id: "a", name: "Oslo", shown: 120, total: 130, exact: true },
        { id: "b", name: "Kyiv", shown: 20, total: 40, exact: true },
        { id: "c", name: "Riga", shown: 10, total: 1000, exact: false },
      ]),
    ).toBe("Showing 120 of 130 entities around Oslo, 20 of 40 around Kyiv and 10 of more than 1,000 around Riga.");
    expect(hubNotice([])).toBeNull();
  });

  it("speaks Finnish and Swedish, numbers written as each language writes them", () => {
    const cut = [
      { id: "a", name: "Oslo", shown: 120, total: 130, exact: true },
      { id: "c", name: "Riga", shown: 10, total: 1000, exact: false },
    ];
    expect(hubNotice(cut, "fi")).toBe(
      "Näytetään 120/130 kohdetta kohteen Oslo ympäriltä ja 10/yli 1\u00a0000 kohteen Riga ympäriltä.",
    );
    expect(hubNotice(cut, "sv")).toBe("Visar 120 av 130 entiteter runt Oslo och 10 av mer än 1\u00a0000 runt Riga.");
  });
});

describe("narrowing", () => {
  it("offers the types seen and chosen, in the vocabulary's order", () => {
    expect(typesToOffer(new Set(["IN_COUNTRY", "PARTNER_OF"]), ["MEMBER_OF"])).toEqual([
      "PARTNER_OF",
      "MEMBER_OF",
      "IN_COUNTRY",
    ]);
    expect(typesToOffer([], null)).toEqual([]);
  });

  it("ticks and unticks types: all ticked is no narrowing, and the last one stays", () => {
    const offered = ["PARTNER_OF", "MEMBER_OF", "IN_COUNTRY"];
    expect(toggleType(offered, null, "PARTNER_OF")).toEqual(["MEMBER_OF", "IN_COUNTRY"]);
    expect(toggleType(offered, ["MEMBER_OF"], "PARTNER_OF")).toEqual(["PARTNER_OF", "MEMBER_OF"]);
    expect(toggleType(offered, ["MEMBER_OF", "IN_COUNTRY"], "PARTNER_OF")).toBeNull();
    expect(toggleType(offered, ["MEMBER_OF"], "MEMBER_OF")).toEqual(["MEMBER_OF"]);
  });

  it("narrows to one type in a click, and to the only type offered is no narrowing", () => {
    expect(onlyType(["PARTNER_OF", "MEMBER_OF"], "PARTNER_OF")).toEqual(["PARTNER_OF"]);
    expect(onlyType(["PARTNER_OF"], "PARTNER_OF")).toBeNull();
  });

  it("passes whose word to the API as publisher kinds: official, all but the crowd, or the crowd", () => {
    expect(publisherKindsOf(null)).toBeNull();
    expect(publisherKindsOf("official")).toEqual(["city", "organisation", "government"]);
    expect(publisherKindsOf("no-crowd")).toEqual(["city", "organisation", "government", "media"]);
    expect(publisherKindsOf("crowd")).toEqual(["crowd"]);
  });

  it("says what the narrowing in force is", () => {
    expect(narrowingWords(["PARTNER_OF", "MEMBER_OF"], "official")).toBe(
      "partner of, member of; official sources only",
    );
    expect(narrowingWords(null, null)).toBeNull();
    expect(narrowingWords(["PARTNER_OF"], "official", "fi")).toBe("kumppani; vain viralliset lähteet");
  });
});
