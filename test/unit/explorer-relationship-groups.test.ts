/**
 * The entity panel's lists (issue 20, item 4): an entity's relationships grouped by type and direction and
 * headed from its side, one line per entity at the other end with the tie's records as periods, and the
 * "In view" list one line per tie. Pure logic over records shaped like the API's (relationship-groups.ts), and
 * the words (relationship-words.ts) checked against kinds.ts's, the other copy of the same truth.
 */
import { describe, expect, it } from "vitest";
import { RELATIONSHIP_STATES, RELATIONSHIP_STATE_WORDS } from "../../src/graph-data/relationship-state.js";
import { RELATIONSHIP_TYPES } from "../../src/graph-data/vocabulary.js";
import type { GraphEdge } from "../../src/web/explorer/api.js";
import { type Lang, format } from "../../src/web/explorer/i18n-core.js";
import { INVERSE_LABELS, relationshipLabel } from "../../src/web/explorer/kinds.js";
import {
  GROUP_ROWS,
  comparePeriods,
  drawnTies,
  groupRelationships,
  periodDates,
  visibleLines,
} from "../../src/web/explorer/relationship-groups.js";
import {
  RELATIONSHIP_HEADINGS,
  STATE_WORDS,
  datesMessage,
  relationshipHeading,
} from "../../src/web/explorer/relationship-words.js";

function edge(id: string, type: string, fromId: string, toId: string, extra: Partial<GraphEdge> = {}): GraphEdge {
  return { id, type, kind: null, fromId, toId, validFrom: null, validTo: null, status: null, sources: [], ...extra };
}

const names: Record<string, string> = {
  "helsinki-centre": "Helsinki Centre",
  helsinki: "Helsinki",
  tampere: "Tampere",
  lahti: "Lahti",
  kotka: "Kotka",
  uusimaa: "Helsinki-Uusimaa Regional Council",
  "st-petersburg": "St Petersburg",
  moscow: "Moscow",
  echa: "European Chemicals Agency",
  eurocities: "Eurocities",
  stockholm: "Stockholm",
};

/** Entries as the `timeline` query gives them, read from `entityId`. */
function entries(entityId: string, edges: readonly GraphEdge[]) {
  return edges.map((e) => {
    const id = e.fromId === entityId ? e.toId : e.fromId;
    return { edge: e, other: { id, name: names[id] ?? id, kind: "City" } };
  });
}

describe("an entity's relationships, grouped for its panel", () => {
  it("answers who funds Helsinki Centre: one group, headed from its side, funders by name", () => {
    const groups = groupRelationships(
      entries("helsinki-centre", [
        edge("f1", "FUNDS", "tampere", "helsinki-centre"),
        edge("f2", "FUNDS", "helsinki", "helsinki-centre"),
        edge("f3", "FUNDS", "lahti", "helsinki-centre"),
        edge("f4", "FUNDS", "kotka", "helsinki-centre"),
        edge("f5", "FUNDS", "uusimaa", "helsinki-centre"),
        edge("l1", "LOCATED_IN", "helsinki-centre", "st-petersburg"),
        edge("r1", "REPRESENTS", "helsinki-centre", "helsinki", { validTo: "2022-03" }),
      ]),
      "helsinki-centre",
      null,
    );
    // Its own relationships first (in the vocabulary's order), then those that end at it.
    expect(groups.map((g) => `${g.type}:${g.direction}`)).toEqual(["LOCATED_IN:out", "REPRESENTS:out", "FUNDS:in"]);
    const funders = groups[2]!;
    expect(format("en", relationshipHeading(funders.type, funders.direction))).toBe("Funded by");
    expect(funders.lines.map((line) => line.other.name)).toEqual([
      "Helsinki",
      "Helsinki-Uusimaa Regional Council",
      "Kotka",
      "Lahti",
      "Tampere",
    ]);
    expect(funders.lines.every((line) => line.periods[0]?.state === "UNDATED")).toBe(true);
  });

  it("puts a tie's several records on one line, as periods in time order, each with its own state", () => {
    const [partners] = groupRelationships(
      entries("helsinki", [
        edge("helsinki--PARTNER_OF--moscow--2022~themayor-eu", "PARTNER_OF", "helsinki", "moscow", {
          status: "suspended",
          validFrom: "2022-02-28/..",
        }),
        edge("helsinki--PARTNER_OF--moscow--2022", "PARTNER_OF", "helsinki", "moscow", {
          status: "suspended",
          validFrom: "2022-03",
        }),
        edge("helsinki--PARTNER_OF--moscow", "PARTNER_OF", "helsinki", "moscow", {
          status: "active",
          validTo: "2022-03",
        }),
      ]),
      "helsinki",
      null,
    );
    expect(partners!.lines).toHaveLength(1);
    expect(partners!.records).toBe(3);
    expect(partners!.lines[0]!.periods.map((p) => [p.edge.id, p.state])).toEqual([
      ["helsinki--PARTNER_OF--moscow", "PAST"],
      ["helsinki--PARTNER_OF--moscow--2022~themayor-eu", "SUSPENDED"],
      ["helsinki--PARTNER_OF--moscow--2022", "SUSPENDED"],
    ]);
  });

  it("takes the states on the chosen day, else today", () => {
    const entry = entries("helsinki", [
      edge("m", "PARTNER_OF", "helsinki", "moscow", { status: "active", validFrom: "1992", validTo: "2022-03" }),
    ]);
    expect(groupRelationships(entry, "helsinki", "2020-01-01")[0]!.lines[0]!.periods[0]!.state).toBe("CURRENT");
    expect(groupRelationships(entry, "helsinki", "1990-01-01")[0]!.lines[0]!.periods[0]!.state).toBe("FUTURE");
    expect(groupRelationships(entry, "helsinki", null)[0]!.lines[0]!.periods[0]!.state).toBe("PAST");
  });

  it("heads a symmetric type once, a partner recorded each way one line; other types split by direction", () => {
    const groups = groupRelationships(
      entries("helsinki", [
        edge("p1", "PARTNER_OF", "helsinki", "stockholm"),
        edge("p2", "PARTNER_OF", "stockholm", "helsinki", { validFrom: "2018" }),
        edge("p3", "PARTNER_OF", "moscow", "helsinki"),
        edge("h1", "HOSTED_IN", "echa", "helsinki"),
        edge("m1", "MEMBER_OF", "helsinki", "eurocities"),
        edge("f1", "FUNDS", "helsinki", "helsinki-centre"),
      ]),
      "helsinki",
      null,
    );
    expect(groups.map((g) => [format("en", relationshipHeading(g.type, g.direction)), g.lines.length])).toEqual([
      ["Partner of", 2],
      ["Funds", 1],
      ["Member of", 1],
      ["Hosts", 1],
    ]);
    expect(groups[0]!.lines.map((line) => [line.other.name, line.periods.length])).toEqual([
      ["Moscow", 1],
      ["Stockholm", 2],
    ]);
  });

  it("keeps a hub usable: the first rows of a group, all once asked", () => {
    const many = Array.from({ length: 45 }, (_, i) => edge(`p${i}`, "PARTNER_OF", "helsinki", `city-${i}`));
    const [group] = groupRelationships(entries("helsinki", many), "helsinki", null);
    expect(group!.lines).toHaveLength(45);
    expect(visibleLines(group!, false)).toHaveLength(GROUP_ROWS);
    expect(visibleLines(group!, true)).toHaveLength(45);
  });
});

describe("periods", () => {
  it("order by start (no start first), then end (open last), then id", () => {
    const records = [
      edge("c", "X", "a", "b", { validFrom: "2022-03" }),
      edge("b", "X", "a", "b", { validFrom: "2018-05-29", validTo: "2022-04-08" }),
      edge("a", "X", "a", "b", { validTo: "2022-03" }),
      edge("d", "X", "a", "b", { validFrom: "2018-05-29" }),
    ];
    expect([...records].sort(comparePeriods).map((r) => r.id)).toEqual(["a", "b", "d", "c"]);
  });

  it.each<[Partial<GraphEdge>, Lang, string]>([
    [{ validFrom: "1992", validTo: "2022-03" }, "en", "1992–2022-03"],
    [{ validFrom: "2022-03" }, "en", "from 2022-03"],
    [{ validFrom: "2022-03" }, "fi", "2022-03 alkaen"],
    [{ validFrom: "2022-03" }, "sv", "från 2022-03"],
    [{ validTo: "2022-03" }, "en", "until 2022-03"],
    [{ validFrom: "2022-02-28/.." }, "en", "from 2022-02-28/.."],
    [{}, "en", "undated"],
    [{}, "fi", "ei päivämääriä"],
  ])("words %o in %s as %s, the dates as the API gives them", (dates, lang, words) => {
    const { message, vars } = datesMessage(periodDates({ validFrom: null, validTo: null, ...dates }));
    expect(format(lang, message, vars)).toBe(words);
  });
});

describe("the In view list, one line per tie", () => {
  it("gathers the records of one type from one entity to another, first drawn first", () => {
    const ties = drawnTies(
      [
        edge("s2018", "PARTNER_OF", "helsinki", "stockholm", { validFrom: "2018", validTo: "2019" }),
        edge("t", "FUNDS", "tampere", "helsinki-centre"),
        edge("s", "PARTNER_OF", "helsinki", "stockholm"),
        edge("back", "PARTNER_OF", "stockholm", "helsinki"),
      ],
      "2020-01-01",
    );
    expect(ties.map((tie) => [tie.key, tie.periods.map((p) => `${p.edge.id}:${p.state}`)])).toEqual([
      ["helsinki|PARTNER_OF|stockholm", ["s:UNDATED", "s2018:PAST"]],
      ["tampere|FUNDS|helsinki-centre", ["t:UNDATED"]],
      ["stockholm|PARTNER_OF|helsinki", ["back:UNDATED"]],
    ]);
  });
});

describe("the panel's words agree with the explorer's", () => {
  it("has a heading for each side of every type of the vocabulary, and nothing else", () => {
    expect(Object.keys(RELATIONSHIP_HEADINGS)).toEqual([...RELATIONSHIP_TYPES]);
  });

  it("says in English what kinds.ts says, with a capital", () => {
    for (const type of RELATIONSHIP_TYPES) {
      const headings = RELATIONSHIP_HEADINGS[type]!;
      expect(headings.out.en.toLowerCase()).toBe(relationshipLabel(type));
      expect(headings.in.en.toLowerCase()).toBe(INVERSE_LABELS[type]?.toLowerCase());
    }
  });

  it("words every state, in English as graph-data's RELATIONSHIP_STATE_WORDS", () => {
    for (const state of RELATIONSHIP_STATES) expect(STATE_WORDS[state].en).toBe(RELATIONSHIP_STATE_WORDS[state]);
  });

  it("heads an unknown type in kinds.ts's words, never backwards", () => {
    expect(format("fi", relationshipHeading("ADVISES", "in"))).toBe("Advises (from)");
    expect(format("en", relationshipHeading("ADVISES", "out"))).toBe("Advises");
  });
});
