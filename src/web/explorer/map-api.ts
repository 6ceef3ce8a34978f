/**
 * What the map asks the API besides the drawn graph: where the drawn offices are. An office without a
 * location of its own is placed at the city it is LOCATED_IN (the curated offices: Helsinki EU Office in
 * Brussels, Helsinki Centre in St Petersburg), and the map says so.
 */
import { request } from "./api-request.js";
import type { ExplorerOfficePlacesQuery, ExplorerOfficePlacesQueryVariables } from "./generated/operations.js";

export interface OfficePlace {
  readonly officeId: string;
  readonly cityId: string;
  readonly cityName: string;
  readonly lat: number;
  readonly lon: number;
}

/** The map's operations, with the largest variables it sends (test/schema/query-limits.test.ts lets them through). */
export const MAP_QUERIES = {
  officePlaces: {
    query: `query ExplorerOfficePlaces($ids: [ID!]!) {
      offices(where: { id: { in: $ids } }, limit: 200) {
        id
        locatedIn(limit: 5) { id name location { latitude longitude } }
      }
    }`,
    variables: { ids: ["helsinki-eu-office", "helsinki-centre-st-petersburg"] },
  },
} as const;

/** For each office id, the first located city it is located in (offices with none are left out). */
export async function fetchOfficePlaces(
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, OfficePlace>> {
  if (ids.length === 0) return new Map();
  const data = await request<ExplorerOfficePlacesQuery, ExplorerOfficePlacesQueryVariables>(
    MAP_QUERIES.officePlaces.query,
    { ids: ids.slice(0, 200) },
    signal,
  );
  const places = new Map<string, OfficePlace>();
  for (const office of data.offices) {
    const city = [...office.locatedIn].sort((a, b) => a.id.localeCompare(b.id)).find((c) => c.location !== null);
    if (city?.location) {
      places.set(office.id, {
        officeId: office.id,
        cityId: city.id,
        cityName: city.name,
        lat: city.location.latitude,
        lon: city.location.longitude,
      });
    }
  }
  return places;
}
