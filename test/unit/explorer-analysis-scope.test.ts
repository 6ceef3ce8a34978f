/** The explorer's centrality scope in words, and the focus's community (src/web/explorer/analysis-scope.ts). */
import { describe, expect, it } from "vitest";
import { focusCommunity, peersActivityTitle, scopeWords } from "../../src/web/explorer/analysis-scope.js";

describe("scopeWords", () => {
  it("the whole graph, with or without a narrowing", () => {
    expect(scopeWords(0, ["Helsinki"], null)).toBe("Computed over the whole graph.");
    expect(scopeWords(0, ["Helsinki"], "partner of; official sources only")).toBe(
      "Computed over the whole graph (partner of; official sources only).",
    );
  });
  it("steps around the focus and the compared entities", () => {
    expect(scopeWords(2, ["Helsinki", "Stockholm"], "partner of")).toBe(
      "Computed over Helsinki, Stockholm and what lies within two steps (partner of).",
    );
    expect(scopeWords(1, ["Helsinki"], null)).toBe("Computed over Helsinki and what lies within one step.");
  });
});

describe("focusCommunity", () => {
  const communities = [
    { id: 1, size: 3, members: [{ id: "a" }, { id: "b" }, { id: "c" }] },
    { id: 2, size: 2, members: [{ id: "helsinki" }, { id: "d" }] },
  ];
  it("finds the community listing the focus, or none", () => {
    expect(focusCommunity(communities, "helsinki")?.id).toBe(2);
    expect(focusCommunity(communities, "x")).toBeNull();
    expect(focusCommunity(null, "helsinki")).toBeNull();
  });
});

describe("peersActivityTitle", () => {
  it("says whose, what and how undated claims count", () => {
    expect(peersActivityTitle(["Helsinki", "Stockholm"], null, "INCLUDE")).toBe(
      "In force on 1 July, per year: Helsinki, Stockholm (all relationships; undated claims counted every year)",
    );
    expect(peersActivityTitle(["Helsinki", "Oslo"], ["MEMBER_OF"], "EXCLUDE")).toBe(
      "In force on 1 July, per year: Helsinki, Oslo (member of; undated claims left out)",
    );
  });
});
