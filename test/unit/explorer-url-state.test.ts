/**
 * The explorer's address: every view round-trips, and anything odd in a shared link is dropped, not trusted.
 */
import { describe, expect, it } from "vitest";
import { drawLimitChoices } from "../../src/web/explorer/draw-limit.js";
import { INITIAL_STATE, changedAddress, formatState, parseState } from "../../src/web/explorer/url-state.js";

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
