/**
 * The explorer's address: every view round-trips, and anything odd in a shared link is dropped, not trusted;
 * the graph model; the map's geometry (places, arcs, the fitted projection, labels that do not overlap).
 */
import { describe, expect, it } from "vitest";
import { arcPath, arcsOf, fitProjection, placeLabels, placesOf } from "../../src/web/explorer/map-geometry.js";
import { drawLimitChoices } from "../../src/web/explorer/draw-limit.js";
import { INITIAL_STATE, changedAddress, formatState, parseState } from "../../src/web/explorer/url-state.js";
import { formatPartialDate, formatValidity, mergeGraphs } from "../../src/web/explorer/graph-model.js";

describe("explorer address", () => {
  it("round-trips a full view", () => {
    const state = {
      view: "dashboard" as const,
      focus: "helsinki-centre-st-petersburg",
      expand: ["tampere", "echa"],
      depth: 2 as const,
      asOf: "2019-12-31",
      undated: "ATTESTED" as const,
      select: { type: "edge" as const, id: "5:abc:12" },
      from: "tampere",
      to: "brussels",
      compareFrom: "2021-06-01",
      compareTo: "2023-01-01",
      measure: "BETWEENNESS" as const,
      communities: true,
      scope: 2 as const,
      corroboration: true,
      peers: ["stockholm", "copenhagen"],
      types: ["PARTNER_OF", "MEMBER_OF"],
      sources: "official" as const,
      limit: 300,
      lang: "sv" as const,
    };
    expect(parseState(formatState(state))).toEqual(state);
  });

  it("keeps the map view in the address", () => {
    const state = { ...INITIAL_STATE, view: "map" as const, select: { type: "node" as const, id: "tallinn" } };
    expect(formatState(state)).toBe("?view=map&focus=helsinki&select=node%3Atallinn");
    expect(parseState(formatState(state))).toEqual(state);
  });

  it("opens on Helsinki with no parameters, and writes nothing for the defaults", () => {
    expect(parseState("")).toEqual(INITIAL_STATE);
    expect(formatState({ ...INITIAL_STATE, focus: null })).toBe("");
  });

  it("drops values that are not ids, days or known views (the focus falls back to Helsinki)", () => {
    const state = parseState(
      "?view=admin&focus=%3Cscript%3E&expand=ok,%22bad%22&depth=9&asOf=2019-13&select=table:x&from=a%20b&to=&compareFrom=2021&compareTo=x&measure=EVAL&communities=yes&undated=ALL&corroboration=yes&peers=ok,%3Cx%3E,ok&types=KNOWS,partner_of&sources=all&scope=9&limit=lots&lang=de",
    );
    expect(state).toEqual({
      view: "graph",
      focus: "helsinki",
      expand: ["ok"],
      depth: 1,
      asOf: null,
      undated: "INCLUDE",
      select: null,
      from: null,
      to: null,
      compareFrom: null,
      compareTo: null,
      measure: null,
      communities: false,
      scope: 0,
      corroboration: false,
      peers: ["ok"],
      types: null,
      sources: null,
      limit: 150,
      lang: null,
    });
  });

  it("keeps how many entities to draw in the address, held within 25–1000", () => {
    expect(formatState({ ...INITIAL_STATE, limit: 600 })).toBe("?focus=helsinki&limit=600");
    expect(formatState({ ...INITIAL_STATE, limit: 150 })).toBe("?focus=helsinki");
    expect(parseState("?limit=600").limit).toBe(600);
    // A link cannot make a reader's page draw more than the API gives, nor so few that nothing reads.
    expect(parseState("?limit=100000").limit).toBe(1000);
    expect(parseState("?limit=99999999999").limit).toBe(150);
    expect(parseState("?limit=3").limit).toBe(25);
    expect(parseState("?limit=-5").limit).toBe(150);
    expect(parseState("?limit=1e3").limit).toBe(150);
    expect(drawLimitChoices(150)).toEqual([50, 150, 300, 600, 1000]);
    expect(drawLimitChoices(400)).toEqual([50, 150, 300, 400, 600, 1000]);
  });

  it("keeps the entities compared with the focus, so a link reproduces the comparison", () => {
    const state = { ...INITIAL_STATE, asOf: "2020-01-01", peers: ["stockholm", "oslo"] };
    expect(formatState(state)).toBe("?focus=helsinki&asOf=2020-01-01&peers=stockholm%2Coslo");
    expect(parseState(formatState(state))).toEqual(state);
    // At most 7 beside the focus (the API compares 2 to 8), each once.
    const many = parseState(`?peers=${["a", "b", "a", "c", "d", "e", "f", "g", "h", "i"].join(",")}`);
    expect(many.peers).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
  });

  it("keeps a hub's narrowing in the address: relationship types and whose word", () => {
    const state = {
      ...INITIAL_STATE,
      focus: "st-petersburg",
      types: ["PARTNER_OF", "MEMBER_OF"],
      sources: "no-crowd" as const,
    };
    expect(formatState(state)).toBe("?focus=st-petersburg&types=PARTNER_OF%2CMEMBER_OF&sources=no-crowd");
    expect(parseState(formatState(state))).toEqual(state);
    // Known types only, each once, in the vocabulary's order; none left is no narrowing.
    expect(parseState("?types=MEMBER_OF,KNOWS,PARTNER_OF,MEMBER_OF").types).toEqual(["PARTNER_OF", "MEMBER_OF"]);
    expect(parseState("?types=KNOWS").types).toBeNull();
    expect(parseState("?types=").types).toBeNull();
    expect(parseState("?sources=crowd").sources).toBe("crowd");
  });

  it("keeps the corroboration view open in the address", () => {
    const state = { ...INITIAL_STATE, corroboration: true };
    expect(formatState(state)).toBe("?focus=helsinki&corroboration=1");
    expect(parseState(formatState(state))).toEqual(state);
  });
});

describe("explorer graph model", () => {
  const node = (id: string) => ({
    id,
    kind: "City",
    name: id,
    description: null,
    names: [],
    aliases: [],
    location: null,
  });
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

  // Seen as "from Invalid Date" in the compare list for the suspensions dated "2022-02-28/..".
  it("writes uncertain dates (intervals) in words, never as Invalid Date", () => {
    expect(formatPartialDate("2022-02-28/..")).toBe("28 February 2022 or later");
    expect(formatPartialDate("../2003-01-10")).toBe("10 January 2003 or earlier");
    expect(formatPartialDate("2014~")).toBe("about 2014");
    expect(formatPartialDate("1993-09-25/1995-12-08")).toBe("between 25 September 1993 and 8 December 1995");
    expect(formatPartialDate("2018/2019")).toBe("between 2018 and 2019");
    expect(formatPartialDate("2022-xx")).toBe("2022-xx");
    expect(formatValidity({ validFrom: "2022-02-28/..", validTo: null })).toBe("from 28 February 2022 or later");
  });
});

describe("the explorer's map", () => {
  const city = (id: string, lat: number, lon: number) => ({
    id,
    kind: "City",
    name: id,
    description: null,
    names: [],
    aliases: [],
    location: { lat, lon },
  });
  const office = {
    id: "office",
    kind: "Office",
    name: "Office",
    description: null,
    names: [],
    aliases: [],
    location: null,
  };
  const country = { ...office, id: "fi", kind: "Country", name: "Finland" };
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
  const graph = mergeGraphs(
    [
      {
        nodes: [city("helsinki", 60.17, 24.94), city("tallinn", 59.44, 24.75), office, country],
        edges: [
          edge("h-t", "helsinki", "tallinn"),
          edge("t-h", "tallinn", "helsinki"),
          edge("o-h", "office", "helsinki"),
          edge("h-fi", "helsinki", "fi"),
        ],
      },
    ],
    null,
  );

  it("places located entities, and offices at their city; arcs only between two places, in lanes", () => {
    const places = placesOf(
      graph,
      new Map([["office", { officeId: "office", cityId: "tallinn", cityName: "Tallinn", lat: 59.44, lon: 24.75 }]]),
    );
    expect([...places.keys()].sort()).toEqual(["helsinki", "office", "tallinn"]);
    expect(places.get("office")?.placedAt).toBe("Tallinn");
    expect(arcsOf(graph, places).map(({ edge, lane }) => [edge.id, lane])).toEqual([
      ["h-t", 0],
      ["o-h", 0],
      ["t-h", 1],
    ]);
    expect(arcsOf(graph, placesOf(graph, new Map())).map(({ edge }) => edge.id)).toEqual(["h-t", "t-h"]);
  });

  it("fits the places into the frame with a margin, north up and west left", () => {
    const projection = fitProjection(
      [
        { lat: 60.17, lon: 24.94 },
        { lat: 39.9, lon: 116.4 },
      ],
      800,
      500,
    );
    const [hx, hy] = projection([24.94, 60.17])!;
    const [bx, by] = projection([116.4, 39.9])!;
    for (const [x, y] of [
      [hx, hy],
      [bx, by],
    ] as const) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(800);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(500);
    }
    expect(hx).toBeLessThan(bx); // Helsinki is west of Beijing
    expect(hy).toBeLessThan(by); // and north of it
  });

  it("bends arcs between the same places to alternate sides", () => {
    expect(arcPath([0, 0], [100, 0], 0)).toBe("M0,0 Q50,12 100,0");
    expect(arcPath([0, 0], [100, 0], 1)).toBe("M0,0 Q50,-12 100,0");
    expect(arcPath([0, 0], [100, 0], 2)).toBe("M0,0 Q50,22 100,0");
  });

  it("shows a label only where it covers no other label or point: right, left, above or below, most important first", () => {
    const shown = placeLabels([
      { id: "helsinki", text: "Helsinki", x: 100, y: 100 },
      { id: "espoo", text: "Espoo", x: 95, y: 104 },
      { id: "vantaa", text: "Vantaa", x: 98, y: 98 },
      { id: "tallinn", text: "Tallinn", x: 100, y: 160 },
    ]);
    expect(Object.fromEntries(shown)).toEqual({ helsinki: "right", espoo: "left", vantaa: "above", tallinn: "right" });
    // A label is never put on another place's point (it would seem to name that one).
    const beside = placeLabels([
      { id: "helsinki", text: "Helsinki", x: 200, y: 100 },
      { id: "tallinn", text: "Tallinn", x: 200, y: 108 },
      { id: "stockholm", text: "S", x: 160, y: 108 },
    ]);
    expect(beside.get("tallinn")).toBe("below"); // not right (Helsinki's label), not left (Stockholm's point)
  });
});

describe("explorer address changes", () => {
  const location = { pathname: "/explorer", search: "" };

  it("writes the changed state's address", () => {
    const { next, url } = changedAddress(INITIAL_STATE, { view: "map" }, location);
    expect(next).toEqual({ ...INITIAL_STATE, view: "map" });
    expect(url).toBe("/explorer?view=map&focus=helsinki");
  });

  it("writes nothing when the address already says so (no history entry for a change that changes nothing)", () => {
    const current = { ...INITIAL_STATE, view: "map" as const };
    const here = { pathname: "/explorer", search: "?view=map&focus=helsinki" };
    expect(changedAddress(current, { view: "map" }, here).url).toBeNull();
    expect(changedAddress(current, { view: "graph" }, here).url).toBe("/explorer?focus=helsinki");
  });
});
