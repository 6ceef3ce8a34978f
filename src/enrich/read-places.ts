/**
 * The graph's places as the matcher sees them, from Neo4j or from graph data in memory (the curated files).
 * Every country is read (a city's country code may have to come from one), and only the cities that lack
 * coordinates or a GeoNames id, so a graph already enriched costs one light query. Read-only, parameterised.
 */
import type { Database } from "../database/index.js";
import { toPlain } from "../database/index.js";
import {
  type EntityRecord,
  type ExternalId,
  type GraphData,
  type Location,
  parseExternalId,
} from "../graph-data/index.js";
import type { CityPlace, CountryPlace, Places } from "./place-matcher.js";

const optional = (value: unknown): string | undefined => (typeof value === "string" && value ? value : undefined);

export async function readPlaces(db: Database): Promise<Places> {
  return db.read(async (tx) => {
    const countries = await tx.run(
      `MATCH (c:Country) RETURN c { .id, .name, .nameFi, .nameSv, .nameEn, .aliases, .isoCode } AS country ORDER BY c.id`,
    );
    const cities = await tx.run(
      `MATCH (c:City)
       WHERE c.location IS NULL OR none(id IN coalesce(c.externalIds, []) WHERE id STARTS WITH 'geonames:')
       OPTIONAL MATCH (c)-[:IN_COUNTRY]->(country:Country)
       WITH c, collect(DISTINCT country.id) AS countryIds
       RETURN c { .id, .name, .nameFi, .nameSv, .nameEn, .aliases, .externalIds,
                  lat: c.location.y, lon: c.location.x } AS city, countryIds
       ORDER BY c.id`,
    );
    return {
      countries: countries.records.map((record) => {
        const row = toPlain(record.get("country")) as Record<string, unknown>;
        return {
          id: String(row.id),
          name: String(row.name),
          nameFi: optional(row.nameFi),
          nameSv: optional(row.nameSv),
          nameEn: optional(row.nameEn),
          aliases: (row.aliases as string[] | null) ?? [],
          isoCode: optional(row.isoCode),
        } satisfies CountryPlace;
      }),
      cities: cities.records.map((record) => {
        const row = toPlain(record.get("city")) as Record<string, unknown>;
        const externalIds = ((row.externalIds as string[] | null) ?? []).flatMap((text) => parseExternalId(text) ?? []);
        return {
          id: String(row.id),
          name: String(row.name),
          nameFi: optional(row.nameFi),
          nameSv: optional(row.nameSv),
          nameEn: optional(row.nameEn),
          aliases: (row.aliases as string[] | null) ?? [],
          externalIds,
          location:
            typeof row.lat === "number" && typeof row.lon === "number" ? { lat: row.lat, lon: row.lon } : undefined,
          countryIds: toPlain(record.get("countryIds")) as string[],
        } satisfies CityPlace;
      }),
    };
  });
}

/** The places of graph data held in memory (the curated files, checked). */
export function placesOf(data: GraphData): Places {
  const names = (entity: EntityRecord) => ({
    id: entity.id,
    name: entity.name,
    nameFi: entity.nameFi,
    nameSv: entity.nameSv,
    nameEn: entity.nameEn,
    aliases: entity.aliases,
  });
  const countryIds = new Map<string, string[]>();
  for (const relationship of data.relationships) {
    if (relationship.type !== "IN_COUNTRY") continue;
    countryIds.set(relationship.from, [...(countryIds.get(relationship.from) ?? []), relationship.to]);
  }
  return {
    countries: data.entities
      .filter((entity) => entity.kind === "Country")
      .map((entity) => ({ ...names(entity), isoCode: entity.isoCode as string | undefined })),
    cities: data.entities
      .filter((entity) => entity.kind === "City")
      .map((entity) => ({
        ...names(entity),
        externalIds: (entity.externalIds ?? []) as ExternalId[],
        location: entity.location as Location | undefined,
        countryIds: [...new Set(countryIds.get(entity.id) ?? [])],
      })),
  };
}
