/**
 * The place matcher: pure (no database, no files), so its rules are unit-tested on small fixtures. Given the
 * graph's countries and cities as they stand, and two reference datasets, it proposes the values they lack —
 * a country's ISO 3166-1 alpha-2 code and its Finnish, Swedish and English names; a city's coordinates and
 * GeoNames id — as import records citing the dataset each value came from, and reports every entity it could
 * not complete and why.
 *
 * Rules (docs/data-model.md → "Identity and place"):
 * - Only gaps are filled: a value the entity already has is never replaced, and a dataset that disagrees with
 *   it is ignored (the graph's sources win).
 * - A country is matched by its code when it has one, else by any of its names (in any language, any alias,
 *   accents and case ignored) against every name the dataset gives in English, Finnish and Swedish.
 * - A city is matched by name AND country: one of its names must be a dataset city's name in the country
 *   that its IN_COUNTRY relationship names (by that country's code, stored or filled in this same run). A
 *   city with a GeoNames id is matched by that id alone: that is how a person settles an ambiguous match.
 * - Several candidates (two same-named towns in one country) are never guessed between: the city is left as it
 *   is and reported `AMBIGUOUS` with the candidates, so someone can choose by adding the GeoNames id.
 */
import {
  type EntityRecord,
  type ExternalId,
  type Location,
  type SourceRecord,
  entityNames,
  nameKey,
} from "../graph-data/index.js";

/** A country as the matcher sees it. */
export interface CountryPlace {
  readonly id: string;
  readonly name: string;
  readonly nameFi?: string | undefined;
  readonly nameSv?: string | undefined;
  readonly nameEn?: string | undefined;
  readonly aliases?: readonly string[] | undefined;
  readonly isoCode?: string | undefined;
}

/** A city as the matcher sees it: with the ids of the countries its IN_COUNTRY relationships name. */
export interface CityPlace {
  readonly id: string;
  readonly name: string;
  readonly nameFi?: string | undefined;
  readonly nameSv?: string | undefined;
  readonly nameEn?: string | undefined;
  readonly aliases?: readonly string[] | undefined;
  readonly externalIds?: readonly ExternalId[] | undefined;
  readonly location?: Location | undefined;
  readonly countryIds: readonly string[];
}

export interface Places {
  readonly countries: readonly CountryPlace[];
  readonly cities: readonly CityPlace[];
}

/** A country of the reference dataset. */
export interface DatasetCountry {
  readonly code: string;
  /** The name to fill in each language (the dataset's official short name). */
  readonly names: { readonly en: string; readonly fi: string; readonly sv: string };
}

/** A city of the reference dataset. */
export interface DatasetCity {
  readonly geonamesId: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly population: number;
  readonly featureCode: string;
  readonly location: Location;
}

export interface CountryDataset {
  readonly source: SourceRecord;
  byCode(code: string): DatasetCountry | undefined;
  /** Countries one of whose names (any language, any variant) has this key (`nameKey`). */
  byName(key: string): readonly DatasetCountry[];
}

export interface CityDataset {
  readonly source: SourceRecord;
  byGeonamesId(id: string): DatasetCity | undefined;
  /** Cities of this country named so (by `nameKey`). */
  byName(country: string, key: string): readonly DatasetCity[];
  /** Cities of any country named so (by `nameKey`): how the crowd layer's places are matched. */
  byNameAnywhere(key: string): readonly DatasetCity[];
}

export interface Datasets {
  readonly countries: CountryDataset;
  readonly cities: CityDataset;
}

/** What became of one entity. */
/** TAKEN: the one match's id (a country's code, a city's GeoNames id) is already another entity's. */
export type Outcome = "FILLED" | "AMBIGUOUS" | "NOT_FOUND" | "NO_COUNTRY" | "TAKEN";

export interface MatchReport {
  readonly kind: "Country" | "City";
  readonly id: string;
  readonly name: string;
  readonly outcome: Outcome;
  /** Fields filled (FILLED). */
  readonly fields: readonly string[];
  /** The dataset's candidates (AMBIGUOUS), or the one it matched (FILLED). */
  readonly candidates: readonly string[];
  readonly message: string;
}

export interface Enrichment {
  /** Import records: the datasets' Source records (when cited) and, per entity, the values it lacked. */
  readonly sources: readonly SourceRecord[];
  readonly entities: readonly EntityRecord[];
  /** Every entity not already complete, by kind then id. */
  readonly report: readonly MatchReport[];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A dataset city as reports list it: id, name, country, feature code, population, coordinates. */
export function describeCity(city: DatasetCity): string {
  const [lat, lon] = [city.location.lat, city.location.lon];
  return `geonames:${city.geonamesId} ${city.name} (${city.country}, ${city.featureCode}, population ${city.population}, ${lat}, ${lon})`;
}

function describeCountry(country: DatasetCountry): string {
  return `${country.code} ${country.names.en}`;
}

/** Proposes what the datasets can fill; see the rules above. */
export function matchPlaces(places: Places, datasets: Datasets): Enrichment {
  const entities: EntityRecord[] = [];
  const report: MatchReport[] = [];
  const cited = new Set<string>();
  /** Each country's code: stored, or filled in this run (so its cities can be matched at once). */
  const countryCodes = new Map<string, string>();
  /**
   * Who holds each code and GeoNames id (stored, or given in this run): an id two entities carry makes
   * `lookup` ambiguous, so a match whose id another entity holds is reported TAKEN, not filled.
   */
  const codeHolders = new Map(
    places.countries.flatMap((country) => (country.isoCode ? [[country.isoCode, country.id] as const] : [])),
  );
  const geonamesHolders = new Map(
    places.cities.flatMap((city) =>
      (city.externalIds ?? []).filter((id) => id.scheme === "geonames").map((id) => [id.value, city.id] as const),
    ),
  );

  for (const country of [...places.countries].sort(byId)) {
    const missingNames = (["nameFi", "nameSv", "nameEn"] as const).filter((field) => !country[field]);
    if (country.isoCode) countryCodes.set(country.id, country.isoCode);
    if (country.isoCode && missingNames.length === 0) continue;
    const base = { kind: "Country" as const, id: country.id, name: country.name };
    let match: DatasetCountry | undefined;
    if (country.isoCode) {
      match = datasets.countries.byCode(country.isoCode);
      if (!match) {
        report.push({
          ...base,
          outcome: "NOT_FOUND",
          fields: [],
          candidates: [],
          message: `the dataset has no country ${country.isoCode}`,
        });
        continue;
      }
    } else {
      const found = new Map<string, DatasetCountry>();
      for (const name of entityNames(country)) {
        for (const candidate of datasets.countries.byName(nameKey(name))) found.set(candidate.code, candidate);
      }
      const candidates = [...found.values()].sort((a, b) => a.code.localeCompare(b.code));
      if (candidates.length !== 1) {
        report.push({
          ...base,
          outcome: candidates.length === 0 ? "NOT_FOUND" : "AMBIGUOUS",
          fields: [],
          candidates: candidates.map(describeCountry),
          message:
            candidates.length === 0
              ? "no country of the dataset has any of its names"
              : `its names fit ${candidates.length} countries; set isoCode to choose`,
        });
        continue;
      }
      match = candidates[0]!;
      const holder = codeHolders.get(match.code);
      if (holder !== undefined && holder !== country.id) {
        report.push({
          ...base,
          outcome: "TAKEN",
          fields: [],
          candidates: [describeCountry(match)],
          message: `${match.code} is already ${holder}'s isoCode: the same country twice? merge them`,
        });
        continue;
      }
      codeHolders.set(match.code, country.id);
      countryCodes.set(country.id, match.code);
    }
    const filled: Record<string, string> = {};
    if (!country.isoCode) filled.isoCode = match.code;
    const names = { nameFi: match.names.fi, nameSv: match.names.sv, nameEn: match.names.en };
    for (const field of missingNames) filled[field] = names[field];
    cited.add(datasets.countries.source.id);
    entities.push({
      kind: "Country",
      id: country.id,
      name: country.name,
      aliases: [],
      ...filled,
      sources: [datasets.countries.source.id],
    });
    report.push({
      ...base,
      outcome: "FILLED",
      fields: Object.keys(filled),
      candidates: [describeCountry(match)],
      message: `from ${datasets.countries.source.id}`,
    });
  }

  for (const city of [...places.cities].sort(byId)) {
    const geonames = city.externalIds?.find((id) => id.scheme === "geonames")?.value;
    if (city.location && geonames) continue;
    const base = { kind: "City" as const, id: city.id, name: city.name };
    let candidates: DatasetCity[];
    if (geonames) {
      const chosen = datasets.cities.byGeonamesId(geonames);
      candidates = chosen ? [chosen] : [];
      if (!chosen) {
        report.push({
          ...base,
          outcome: "NOT_FOUND",
          fields: [],
          candidates: [],
          message: `the dataset has no city geonames:${geonames}`,
        });
        continue;
      }
    } else {
      const codes = [...new Set(city.countryIds.flatMap((id) => countryCodes.get(id) ?? []))].sort();
      if (codes.length === 0) {
        report.push({
          ...base,
          outcome: "NO_COUNTRY",
          fields: [],
          candidates: [],
          message:
            city.countryIds.length === 0
              ? "no IN_COUNTRY relationship: a city is matched by name and country"
              : `its country (${city.countryIds.join(", ")}) has no ISO code`,
        });
        continue;
      }
      const found = new Map<string, DatasetCity>();
      for (const code of codes) {
        for (const name of entityNames(city)) {
          for (const candidate of datasets.cities.byName(code, nameKey(name)))
            found.set(candidate.geonamesId, candidate);
        }
      }
      candidates = [...found.values()].sort(
        (a, b) => b.population - a.population || a.geonamesId.localeCompare(b.geonamesId),
      );
      if (candidates.length !== 1) {
        report.push({
          ...base,
          outcome: candidates.length === 0 ? "NOT_FOUND" : "AMBIGUOUS",
          fields: [],
          candidates: candidates.map(describeCity),
          message:
            candidates.length === 0
              ? `no city of the dataset in ${codes.join(", ")} has any of its names`
              : `${candidates.length} cities of the dataset in ${codes.join(", ")} have its names; add the right geonames id to choose`,
        });
        continue;
      }
    }
    const match = candidates[0]!;
    const holder = geonamesHolders.get(match.geonamesId);
    if (!geonames && holder !== undefined && holder !== city.id) {
      report.push({
        ...base,
        outcome: "TAKEN",
        fields: [],
        candidates: [describeCity(match)],
        message: `geonames:${match.geonamesId} is already ${holder}'s: the same city twice? merge them`,
      });
      continue;
    }
    if (!geonames) geonamesHolders.set(match.geonamesId, city.id);
    const filled: Record<string, unknown> = {};
    if (!geonames) filled.externalIds = [{ scheme: "geonames", value: match.geonamesId }];
    if (!city.location) filled.location = match.location;
    cited.add(datasets.cities.source.id);
    entities.push({
      kind: "City",
      id: city.id,
      name: city.name,
      aliases: [],
      ...filled,
      sources: [datasets.cities.source.id],
    });
    report.push({
      ...base,
      outcome: "FILLED",
      fields: Object.keys(filled),
      candidates: [describeCity(match)],
      message: `from ${datasets.cities.source.id}`,
    });
  }

  const sources = [datasets.countries.source, datasets.cities.source].filter((source) => cited.has(source.id));
  return { sources, entities, report };
}
