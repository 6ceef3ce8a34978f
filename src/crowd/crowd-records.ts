/**
 * The crowd dataset as import records (pure, so unit-tested): the dataset's Source record; a `Place` for
 * each item no other entity already carries under its Wikidata id; one `PARTNER_OF` per unordered pair,
 * `kind: twin-city`, its ends named by Wikidata id (`wikidata:Q1757`) for the write path to resolve to our
 * ids, so a pair reaches a curated city (Helsinki is Q1757) wherever one holds the item.
 *
 * Ids are stable so a second load changes nothing and later curation keeps them: a Place is `wd-q<number>`,
 * a relationship `p190--Q<a>--Q<b>` with a < b by QID number (an explicit id: the default
 * `<from>--PARTNER_OF--<to>` would name a curated relationship's id, and a matched Place would change it).
 * Merging a Place into the curated city it is (src/write/merge.ts) re-points its relationships under the id
 * with `~<city id>` appended; the graph's id is then used, so a load after a merge is unchanged too.
 * Each relationship cites the dataset once, its locator naming the statements it comes from, the one from
 * the smaller QID first ("Q1085 P190 Q1757; Q1757 P190 Q1085").
 *
 * Given where the places are (crowd-places.ts), a placed Place also has the GeoNames city's `location` and
 * `geonames` id and cites the GeoNames dataset among its sources, and lies `IN_COUNTRY` (id
 * `<place>--IN_COUNTRY--<country>`) in the Country of the city's code, citing GeoNames with the city's id as
 * its locator (`geonames:3067696`); Countries no entity has the code of come with it (`iso3166-cz`).
 */
import type { DatasetCity } from "../enrich/index.js";
import {
  type EntityRecord,
  type RelationshipRecord,
  type SourceRecord,
  defaultRelationshipId,
} from "../graph-data/index.js";
import { pairIdOf, placeIdOf } from "./crowd-ids.js";
import type { CrowdGeography } from "./crowd-places.js";
import { crowdSource } from "./crowd-source.js";
import type { TwinnedDataset } from "./twinned-dataset.js";

export interface CrowdRecords {
  readonly sources: readonly SourceRecord[];
  readonly entities: readonly EntityRecord[];
  readonly relationships: readonly RelationshipRecord[];
}

/**
 * The records; `holders` gives, per `wikidata:Q…`, the ids of the entities that already carry it (the
 * graph's, from `entitiesByExternalId`). An item held by any entity but its own Place gets no Place.
 */
export function crowdRecords(
  dataset: TwinnedDataset,
  holders: ReadonlyMap<string, readonly string[]>,
  /** Stored ids of re-pointed pairs (`p190--Q1757--Q1899~kyiv`) by their own id. */
  storedIds: ReadonlyMap<string, string> = new Map(),
  /** Where the Places are (crowd-places.ts, over the items of `placeItems`); none is placed when absent. */
  geography?: CrowdGeography,
): CrowdRecords {
  const source = crowdSource();
  const placements: ReadonlyMap<string, DatasetCity> = geography?.placing.placements ?? new Map();
  const countryIds = geography?.countries.ids ?? new Map<string, string>();
  const items = placeItems(dataset, holders);
  const entities: EntityRecord[] = items.map((qid) => {
    const city = placements.get(qid);
    return {
      kind: "Place",
      id: placeIdOf(qid),
      name: dataset.labels.get(qid) ?? qid,
      aliases: [],
      externalIds: [
        { scheme: "wikidata", value: qid },
        ...(city ? [{ scheme: "geonames", value: city.geonamesId }] : []),
      ],
      ...(city ? { location: city.location } : {}),
      sources: city && geography ? [source.id, geography.citySource] : [source.id],
    };
  });
  const inCountry: RelationshipRecord[] = items.flatMap((qid) => {
    const city = placements.get(qid);
    const country = city && countryIds.get(city.country);
    if (!city || !country || !geography) return [];
    return [
      {
        type: "IN_COUNTRY",
        id: defaultRelationshipId(placeIdOf(qid), "IN_COUNTRY", country),
        from: placeIdOf(qid),
        to: country,
        citations: [{ source: geography.citySource, locator: `geonames:${city.geonamesId}` }],
      },
    ];
  });
  const pairs: RelationshipRecord[] = dataset.pairs.map((pair) => ({
    type: "PARTNER_OF",
    id: storedIds.get(pairIdOf(pair.a, pair.b)) ?? pairIdOf(pair.a, pair.b),
    from: `wikidata:${pair.a}`,
    to: `wikidata:${pair.b}`,
    kind: "twin-city",
    citations: [{ source: source.id, locator: pair.statements.join("; ") }],
  }));
  return {
    sources: [source, ...(geography?.sources ?? [])],
    entities: [...entities, ...(geography?.countries.records ?? [])],
    relationships: [...pairs, ...inCountry],
  };
}

/** The items that become Places: every item of a pair that no entity but its own Place holds. */
export function placeItems(dataset: TwinnedDataset, holders: ReadonlyMap<string, readonly string[]>): string[] {
  const items = [...new Set(dataset.pairs.flatMap((pair) => [pair.a, pair.b]))];
  return items.filter((qid) => (holders.get(`wikidata:${qid}`) ?? []).every((id) => id === placeIdOf(qid)));
}
