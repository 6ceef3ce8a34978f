/**
 * Centrality and communities that explain themselves (issue 20): ranks and a share of the top score instead of
 * raw scores ("Helsinki 1506.216"), a sentence per measure, what was computed over and as of when, and the
 * communities with their members; and the graph's legend following the colouring.
 */
import { describe, expect, it } from "vitest";
import {
  analysisScopeWords,
  communityRows,
  measureSentence,
  rankedRows,
  shareWords,
} from "../../src/web/explorer/centrality-words.js";
import { LANGS } from "../../src/web/explorer/i18n-core.js";
import { communityColor, KIND_STYLES } from "../../src/web/explorer/kinds.js";
import { SHAPE_ONLY, legendGroups } from "../../src/web/explorer/legend-model.js";
import { MEASURES } from "../../src/web/explorer/url-state.js";

const score = (id: string, value: number, rank: number) => ({
  node: { id, name: id[0]!.toUpperCase() + id.slice(1) },
  score: value,
  rank,
});
const member = (id: string) => ({ id, name: id[0]!.toUpperCase() + id.slice(1), kind: "City" });

describe("the ranking", () => {
  it("gives ranks and each score as a share of the top one", () => {
    const rows = rankedRows(
      [score("helsinki", 1506.216, 1), score("turku", 301.2, 2), score("oslo", 301.2, 2), score("kyiv", 0, 4)],
      3,
    );
    expect(rows.map((row) => [row.rank, row.name, row.share])).toEqual([
      [1, "Helsinki", 100],
      [2, "Turku", 20],
      [2, "Oslo", 20],
    ]);
    expect(shareWords("en", rows)).toBe("Score: a share of the top score (Helsinki = 100).");
  });

  it("gives zero shares when every score is zero, and no words without rows", () => {
    expect(rankedRows([score("a", 0, 1)], 5)[0]?.share).toBe(0);
    expect(shareWords("en", [])).toBeNull();
  });
});

describe("the measures and their scope", () => {
  it("say each measure in one sentence, in every language", () => {
    expect(measureSentence("en", "BETWEENNESS")).toBe(
      "Betweenness: how often an entity lies on the shortest paths between two others — the brokers.",
    );
    for (const lang of LANGS) {
      const sentences = MEASURES.map((measure) => measureSentence(lang, measure));
      expect(new Set(sentences).size).toBe(MEASURES.length);
    }
  });

  it("say what was computed over and as of when, All dates as such", () => {
    expect(analysisScopeWords("en", 0, ["Helsinki"], null, "2019-12-31", "INCLUDE")).toBe(
      "Over the whole graph, in force on 2019-12-31 (undated claims counted as in force).",
    );
    expect(analysisScopeWords("en", 2, ["Helsinki", "Stockholm"], "partner of", null, "INCLUDE")).toBe(
      "Over two steps around Helsinki, Stockholm, across all dates (All dates: ended ones too); only partner of.",
    );
    expect(analysisScopeWords("sv", 1, ["Helsinki"], null, "2019-12-31", "EXCLUDE")).toBe(
      "Inom ett steg från Helsinki, gällande 2019-12-31 (odaterade uppgifter utelämnas).",
    );
  });
});

describe("the communities", () => {
  const communities = [
    { id: 2, size: 3, members: [member("oslo"), member("bergen"), member("helsinki")] },
    { id: 1, size: 12, members: ["tampere", "turku", "espoo", "vantaa", "lahti"].map(member) },
  ];

  it("lists them largest first, with colours, the first members, the rest counted, and the focus's marked", () => {
    const rows = communityRows("en", communities, "helsinki", 2);
    expect(
      rows.map((row) => [row.label, row.size, row.shown.map((m) => m.name), row.more, row.holdsFocus, row.expandable]),
    ).toEqual([
      ["Community 1", 12, ["Tampere", "Turku"], 10, false, true],
      ["Community 2", 3, ["Helsinki", "Oslo"], 1, true, true],
    ]);
    expect(rows[0]?.colour).toBe(communityColor(1));
    const open = communityRows("en", communities, null, 2, new Set([1]));
    expect(open[0]?.shown).toHaveLength(5);
    expect([open[0]?.more, open[0]?.expandable]).toEqual([7, false]);
  });
});

describe("the graph's legend", () => {
  it("shows the kinds by colour while nodes are coloured by kind", () => {
    const groups = legendGroups("en", null, "helsinki");
    expect(groups.map((group) => group.heading)).toEqual(["Colour: kind of entity"]);
    expect(groups[0]?.swatches.map((swatch) => swatch.colour)).toEqual(
      Object.values(KIND_STYLES).map((style) => style.color),
    );
  });

  it("shows the communities with their members once coloured by community, the kinds only by shape", () => {
    const groups = legendGroups(
      "en",
      [{ id: 1, size: 5, members: ["helsinki", "tampere", "turku", "espoo"].map(member) }],
      "turku",
    );
    expect(groups.map((group) => group.heading)).toEqual([
      "Colour: community (past 20, the colours come closer together)",
      "Shape: kind of entity",
    ]);
    expect(groups[0]?.swatches).toEqual([
      {
        key: "community-1",
        colour: communityColor(1),
        shape: "ellipse",
        label: "Community 1: Turku, Helsinki, Tampere and 2 more",
      },
    ]);
    expect(new Set(groups[1]?.swatches.map((swatch) => swatch.colour))).toEqual(new Set([SHAPE_ONLY]));
  });
});
