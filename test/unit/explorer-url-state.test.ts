/** The explorer's address: every view round-trips, and anything odd in a shared link is dropped, not trusted. */
import { describe, expect, it } from "vitest";
import { INITIAL_STATE, formatState, parseState } from "../../src/web/explorer/url-state.js";
import { formatPartialDate, formatValidity, mergeGraphs } from "../../src/web/explorer/graph-model.js";

describe("explorer address", () => {
  it("round-trips a full view", () => {
    const state = {
      view: "dashboard" as const,
      focus: "helsinki-centre-st-petersburg",
      expand: ["tampere", "echa"],
      depth: 2 as const,
      asOf: "2019-12-31",
      select: { type: "edge" as const, id: "5:abc:12" },
      from: "tampere",
      to: "brussels",
      compareFrom: "2021-06-01",
      compareTo: "2023-01-01",
      measure: "BETWEENNESS" as const,
      communities: true,
    };
    expect(parseState(formatState(state))).toEqual(state);
  });

  it("opens on Helsinki with no parameters, and writes nothing for the defaults", () => {
    expect(parseState("")).toEqual(INITIAL_STATE);
    expect(formatState({ ...INITIAL_STATE, focus: null })).toBe("");
  });

  it("drops values that are not ids, days or known views (the focus falls back to Helsinki)", () => {
    const state = parseState(
      "?view=admin&focus=%3Cscript%3E&expand=ok,%22bad%22&depth=9&asOf=2019-13&select=table:x&from=a%20b&to=&compareFrom=2021&compareTo=x&measure=EVAL&communities=yes",
    );
    expect(state).toEqual({
      view: "graph",
      focus: "helsinki",
      expand: ["ok"],
      depth: 1,
      asOf: null,
      select: null,
      from: null,
      to: null,
      compareFrom: null,
      compareTo: null,
      measure: null,
      communities: false,
    });
  });
});

describe("explorer graph model", () => {
  const node = (id: string) => ({ id, kind: "City", name: id, description: null, names: [], aliases: [] });
  const edge = (id: string, fromId: string, toId: string) => ({
    id,
    type: "PARTNER_OF",
    kind: null,
    fromId,
    toId,
    validFrom: null,
    validTo: null,
    status: null,
    sources: [],
  });

  it("merges neighbourhoods and a path without repeats, and marks the path", () => {
    const merged = mergeGraphs(
      [
        { nodes: [node("a"), node("b")], edges: [edge("ab", "a", "b")] },
        { nodes: [node("b"), node("c")], edges: [edge("bc", "b", "c")], truncated: true },
      ],
      { nodes: [node("a"), node("b"), node("d")], edges: [edge("ab", "a", "b"), edge("bd", "b", "d")] },
    );
    expect([...merged.nodes.keys()].sort()).toEqual(["a", "b", "c", "d"]);
    expect([...merged.edges.keys()].sort()).toEqual(["ab", "bc", "bd"]);
    expect([...merged.onPath].sort()).toEqual(["a", "ab", "b", "bd", "d"]);
    expect(merged.truncated).toBe(true);
  });

  it("writes partial dates and validity as a reader expects", () => {
    expect(formatPartialDate("2007")).toBe("2007");
    expect(formatPartialDate("2016-05")).toBe("May 2016");
    expect(formatPartialDate("2020-02-05")).toBe("5 February 2020");
    expect(formatValidity({ validFrom: "2007", validTo: null })).toBe("from 2007");
    expect(formatValidity({ validFrom: "2016", validTo: "2019" })).toBe("2016 – 2019");
    expect(formatValidity({ validFrom: null, validTo: null })).toBeNull();
  });
});
