/**
 * What the explorer's graph view asks for and keeps (src/web/explorer/neighbourhood-model.ts): the focus at the
 * chosen depth and each expanded entity one hop out, narrowed as the address says; one key for what the loads
 * depend on and how long to pause before loading; the relationship types met around the focus; a day with
 * nothing in force.
 */
import { describe, expect, it } from "vitest";
import type { GraphEdge, Subgraph } from "../../src/web/explorer/api.js";
import {
  LOAD_DELAY_MS,
  NO_TYPES_SEEN,
  firstHopCounts,
  loadDelay,
  neighbourhoodKey,
  neighbourhoodRequests,
  nothingInForce,
  seenTypesAfter,
} from "../../src/web/explorer/neighbourhood-model.js";
import { INITIAL_STATE, parseState } from "../../src/web/explorer/url-state.js";

const edge = (id: string, type: string): GraphEdge => ({
  id,
  type,
  kind: null,
  fromId: "a",
  toId: "b",
  validFrom: null,
  validTo: null,
  status: null,
  sources: [],
});

const part = (types: Record<string, number>, edges: GraphEdge[] = []): Subgraph => ({
  truncated: false,
  total: 1,
  totalExact: true,
  firstHopTypes: Object.entries(types).map(([key, count]) => ({ key, count })),
  nodes: [],
  edges,
});

describe("the neighbourhoods the graph view loads", () => {
  it("asks for the focus at the chosen depth and each expanded entity one hop out, narrowed alike", () => {
    const state = parseState(
      "?focus=helsinki&expand=tampere,echa&depth=2&asOf=2019-12-31&undated=EXCLUDE&types=PARTNER_OF&sources=official&limit=300",
    );
    const requests = neighbourhoodRequests(state);
    expect(requests.map((request) => [request.id, request.options.depth])).toEqual([
      ["helsinki", 2],
      ["tampere", 1],
      ["echa", 1],
    ]);
    expect(requests[1]?.options).toEqual({
      depth: 1,
      asOf: "2019-12-31",
      undated: "EXCLUDE",
      relationshipTypes: ["PARTNER_OF"],
      publisherKinds: ["city", "organisation", "government"],
      limit: 300,
    });
  });

  it("asks for nothing without a focus or an expanded entity", () => {
    expect(neighbourhoodRequests({ ...INITIAL_STATE, focus: null })).toEqual([]);
  });

  it("keys the loads by what they read and by the writes, not by a new parse of the same address", () => {
    const address = "?focus=helsinki&expand=tampere&types=PARTNER_OF,MEMBER_OF";
    expect(neighbourhoodKey(parseState(address), 0)).toBe(neighbourhoodKey(parseState(address), 0));
    expect(neighbourhoodKey(parseState(address), 1)).not.toBe(neighbourhoodKey(parseState(address), 0));
    const base = neighbourhoodKey(parseState(address), 0);
    // What the drawing does not read (the selection, the view, the language) asks nothing again.
    expect(neighbourhoodKey(parseState(`${address}&select=node:tampere&view=map&lang=fi`), 0)).toBe(base);
    expect(neighbourhoodKey(parseState(`${address}&asOf=2020-01-01`), 0)).not.toBe(base);
  });
});

describe("the relationship types offered for narrowing", () => {
  it("gathers the types met around one focus, so a type narrowed away is still offered", () => {
    const first = seenTypesAfter(NO_TYPES_SEEN, "helsinki", [part({ PARTNER_OF: 3 }, [edge("e1", "MEMBER_OF")])]);
    expect([...first.types].sort()).toEqual(["MEMBER_OF", "PARTNER_OF"]);
    const narrowed = seenTypesAfter(first, "helsinki", [part({ PARTNER_OF: 3 })]);
    expect([...narrowed.types].sort()).toEqual(["MEMBER_OF", "PARTNER_OF"]);
  });

  it("starts afresh around a new focus", () => {
    const first = seenTypesAfter(NO_TYPES_SEEN, "helsinki", [part({ PARTNER_OF: 3 })]);
    expect([...seenTypesAfter(first, "tampere", [part({ FUNDS: 1 })]).types]).toEqual(["FUNDS"]);
  });

  it("counts each type's first hop from the focus's neighbourhood only", () => {
    expect(firstHopCounts([part({ PARTNER_OF: 3, MEMBER_OF: 1 }), part({ FUNDS: 9 })])).toEqual(
      new Map([
        ["PARTNER_OF", 3],
        ["MEMBER_OF", 1],
      ]),
    );
    expect(firstHopCounts([])).toEqual(new Map());
  });
});

describe("a day with nothing in force", () => {
  const dated = { asOf: "1960-01-01", focus: "helsinki" };
  const empty = { loading: false, error: null, parts: [part({})] };

  it("is told once the focus's neighbourhood has loaded with no relationship", () => {
    expect(nothingInForce(dated, empty)).toBe(true);
    expect(nothingInForce(dated, { ...empty, parts: [part({}, [edge("e1", "PARTNER_OF")])] })).toBe(false);
  });

  it("is not told while loading, after a failure, before anything loaded, or without a day", () => {
    expect(nothingInForce(dated, { ...empty, loading: true })).toBe(false);
    expect(nothingInForce(dated, { ...empty, error: "down" })).toBe(false);
    expect(nothingInForce(dated, { ...empty, parts: [] })).toBe(false);
    expect(nothingInForce({ ...dated, asOf: null }, empty)).toBe(false);
  });
});

describe("the pause before a load", () => {
  it("loads a new focus at once, and pauses for other changes so a run of them asks once", () => {
    expect(loadDelay(undefined, "helsinki")).toBe(0);
    expect(loadDelay("helsinki", "tallinn")).toBe(0);
    expect(loadDelay("helsinki", null)).toBe(0);
    expect(loadDelay("helsinki", "helsinki")).toBe(LOAD_DELAY_MS);
    expect(loadDelay(null, null)).toBe(LOAD_DELAY_MS);
  });
});
