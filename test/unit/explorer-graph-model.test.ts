/** The explorer's graph model: neighbourhoods merged, partial dates and periods said in words. */
import { describe, expect, it } from "vitest";
import { formatPartialDate, formatValidity, mergeGraphs } from "../../src/web/explorer/graph-model.js";

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
