/**
 * Corroboration's rules on a small fixture with known answers: Wikidata's twin-city claims for Helsinki
 * against what official sources, parties and the news say (the shapes of the curated graph's real cases).
 */
import { describe, expect, it } from "vitest";
import { classifyTie } from "../../src/resolvers/research/corroboration.query.js";
import { CorroborationClass as C } from "../../src/resolvers/research/corroboration-class.js";
import type { Citation, GraphEdge } from "../../src/resolvers/shared/graph-edge.type.js";

const TODAY = "2026-12-07";

function source(id: string, publisherKind: string | null, published: string | null, publisherId?: string): Citation {
  return {
    sourceId: id,
    title: id,
    publisher: null,
    publisherKind,
    publisherId: publisherId ?? null,
    party: false,
    url: null,
    published,
    excerpt: publisherKind === "crowd" ? null : "words",
    locator: publisherKind === "crowd" ? "Q1757 P190 Q1" : null,
  };
}
const WIKIDATA = source("wikidata-twinned-2016", "crowd", "2016-09-12");
const CITY_PAGE = source("hel-fi-2020", "city", "2020-02-05", "helsinki");
const NEWS = source("news", "media", "2022");

function claim(id: string, fields: Partial<GraphEdge>, ...sources: Citation[]): GraphEdge {
  return {
    id,
    type: "PARTNER_OF",
    kind: null,
    fromId: "helsinki",
    toId: "other",
    validFrom: null,
    validTo: null,
    status: null,
    sources: sources.map((citation) => ({
      ...citation,
      party: citation.publisherId === "helsinki" || citation.publisherId === "other",
    })),
    ...fields,
  };
}
const crowd = claim("p190", { kind: "twin-city" }, WIKIDATA);
const classes = (claims: GraphEdge[]) => Object.fromEntries(classifyTie(claims, TODAY));

describe("corroboration of a tie", () => {
  it("the crowd alone: CROWD_ONLY (Prague, Sofia, Nuuk … have no official word)", () => {
    expect(classes([crowd])).toEqual({ [C.CROWD_ONLY]: ["p190"] });
  });

  it("an official partnership beside a crowd twinning: BACKED_AS_OTHER_KIND (the 2020 page's partners)", () => {
    const official = claim("bilateral", { kind: "bilateral" }, CITY_PAGE);
    expect(classes([crowd, official])).toEqual({ [C.BACKED_AS_OTHER_KIND]: ["p190", "bilateral"] });
  });

  it("an official twinning: BACKED", () => {
    const official = claim("twin", { kind: "twin-city", validFrom: "2006" }, CITY_PAGE);
    expect(classes([crowd, official])).toEqual({ [C.BACKED]: ["p190", "twin"] });
  });

  it("a party that designates no twin towns: CONTRADICTED, beside what it does back (Stockholm)", () => {
    const stockholmPage = source("stockholm-page", "city", "2024", "other");
    const denial = claim("denied", { kind: "twin-city", status: "denied" }, stockholmPage);
    const partner = claim("bilateral", { kind: "bilateral" }, CITY_PAGE);
    expect(classes([crowd, denial, partner])).toEqual({
      [C.CONTRADICTED]: ["denied", "p190"],
      [C.BACKED_AS_OTHER_KIND]: ["p190", "bilateral"],
    });
  });

  it("a denial by a third party does not contradict", () => {
    const denial = claim("denied", { kind: "twin-city", status: "denied" }, NEWS);
    expect(classes([crowd, denial])).toEqual({ [C.CROWD_ONLY]: ["p190"] });
  });

  it("ended after the snapshot with nothing in force since: OUTDATED (St Petersburg, suspended 2022)", () => {
    const until2022 = claim("bilateral", { kind: "bilateral", validTo: "2022-03" }, CITY_PAGE);
    const suspended = claim("suspended", { kind: "bilateral", status: "suspended", validFrom: "2022-03" }, CITY_PAGE);
    expect(classes([crowd, until2022, suspended])).toEqual({
      [C.BACKED_AS_OTHER_KIND]: ["p190", "bilateral", "suspended"],
      [C.OUTDATED]: ["p190", "bilateral", "suspended"],
    });
  });

  it("ended before the snapshot, or still in force: not outdated", () => {
    const endedEarlier = claim("old", { kind: "bilateral", validTo: "2010" }, CITY_PAGE);
    expect(classes([crowd, endedEarlier])).toEqual({ [C.BACKED_AS_OTHER_KIND]: ["p190", "old"] });
    const renewed = claim("new", { kind: "cooperation-agreement", validFrom: "2022-04-08" }, CITY_PAGE);
    const ended = claim(
      "first",
      { kind: "cooperation-agreement", validFrom: "2018", validTo: "2022-04-08" },
      CITY_PAGE,
    );
    expect(classes([crowd, ended, renewed])).toEqual({ [C.BACKED_AS_OTHER_KIND]: ["p190", "first", "new"] });
  });

  it("without the crowd: OFFICIAL_ONLY, THIRD_PARTY_ONLY, or only a denial", () => {
    expect(classes([claim("a", { kind: "bilateral" }, CITY_PAGE)])).toEqual({ [C.OFFICIAL_ONLY]: ["a"] });
    expect(classes([claim("b", { kind: "bilateral" }, NEWS)])).toEqual({ [C.THIRD_PARTY_ONLY]: ["b"] });
    expect(classes([claim("c", { kind: "twin-city", status: "denied" }, CITY_PAGE)])).toEqual({ [C.DENIED]: ["c"] });
  });

  it("a source that names no publisher kind counts as official", () => {
    const unnamed = claim("x", { kind: "bilateral" }, source("old-page", null, "2019"));
    expect(classes([crowd, unnamed])).toEqual({ [C.BACKED_AS_OTHER_KIND]: ["p190", "x"] });
  });
});
