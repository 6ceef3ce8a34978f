/**
 * GeoJSON (RFC 7946) for QGIS, geojson.io and web maps: one FeatureCollection in WGS 84 whose features are
 * - a Point for every located entity (cities, offices with a `location`), with its kind, names, external ids
 *   and sources (ids and titles); an office without a location of its own is placed at the city it is
 *   LOCATED_IN, as the explorer's map draws it, and says so (`placedAt`: that city's id and name);
 * - a LineString for every relationship whose two ends are located, from its start to its end, with its type,
 *   kind, ends, dates, status as stored, `state` (what status and dates mean on `stateOn`: the export's `asOf`,
 *   else the day it is written; `relationshipState`) and sources (id, title and excerpt each). A line takes the short way round:
 *   when that way crosses the antimeridian it is cut there into a MultiLineString of two parts (§3.1.9), so
 *   Tokyo–San Francisco crosses the Pacific instead of the whole of Eurasia.
 * Coordinates are [longitude, latitude] as the RFC says (§3.1.1), never the reverse. Entities without a
 * location are left out, and so are relationships with an end that has none. `asOf` filters relationships,
 * as in every export format. Streamed like the other writers; what is held in memory is the coordinates and
 * name of each located entity (for the lines) and the title of each source.
 */
import type { Writable } from "node:stream";
import {
  type EntityRecord,
  type Location,
  type RelationshipRecord,
  formatExternalId,
  relationshipState,
} from "../graph-data/index.js";
import {
  type GraphReader,
  type SourceIndex,
  type WriteOptions,
  citationParty,
  put,
  sourceIndex,
  stateDay,
} from "./writers.js";

export const GEOJSON_CONTENT_TYPE = "application/geo+json; charset=utf-8";

/** A position as RFC 7946 writes it: longitude first. */
function position(location: Location): [number, number] {
  return [location.lon, location.lat];
}

/**
 * The line from `a` to `b`, straight in longitude and latitude, the short way round: when that way crosses
 * the antimeridian (the longitudes are more than 180° apart), two lines that meet at ±180°, the latitude
 * there interpolated along the line (RFC 7946 §3.1.9). An end on ±180° itself is taken on the other end's side.
 * By hand: the one npm package for it (geojson-antimeridian-cut 0.1.0) brings core-js for these few lines.
 */
export function lineGeometry(
  a: [number, number],
  b: [number, number],
):
  | { type: "LineString"; coordinates: [number, number][] }
  | { type: "MultiLineString"; coordinates: [number, number][][] } {
  const onSide = (end: [number, number], other: [number, number]): [number, number] =>
    Math.abs(end[0]) === 180 && other[0] !== 0 ? [Math.sign(other[0]) * 180, end[1]] : end;
  const from = onSide(a, b);
  const to = onSide(b, from);
  if (Math.abs(to[0] - from[0]) <= 180) return { type: "LineString", coordinates: [from, to] };
  // `from` east of `to` by more than half the world: the short way goes east, across +180°; else west.
  const edge = from[0] > to[0] ? 180 : -180;
  const unwrapped = to[0] + 2 * edge;
  const lat = from[1] + ((edge - from[0]) / (unwrapped - from[0])) * (to[1] - from[1]);
  return {
    type: "MultiLineString",
    coordinates: [
      [from, [edge, lat]],
      [[-edge, lat], to],
    ],
  };
}

function locationOf(entity: EntityRecord): Location | undefined {
  const location = entity.location as Location | undefined;
  return location && Number.isFinite(location.lat) && Number.isFinite(location.lon) ? location : undefined;
}

/** A Point feature's properties. */
export function entityProperties(entity: EntityRecord, titles: SourceIndex): Record<string, unknown> {
  return {
    feature: "entity",
    id: entity.id,
    kind: entity.kind,
    name: entity.name,
    nameFi: entity.nameFi ?? null,
    nameSv: entity.nameSv ?? null,
    nameEn: entity.nameEn ?? null,
    aliases: entity.aliases ?? [],
    description: entity.description ?? null,
    externalIds: (entity.externalIds ?? []).map(formatExternalId),
    sources: entity.sources.map((id) => ({ id, title: titles.get(id)?.title ?? null })),
  };
}

/** A LineString feature's properties. */
export function relationshipProperties(
  relationship: RelationshipRecord,
  names: { from: string; to: string },
  titles: SourceIndex,
  day: string,
): Record<string, unknown> {
  return {
    feature: "relationship",
    id: relationship.id,
    type: relationship.type,
    kind: relationship.kind ?? null,
    from: relationship.from,
    to: relationship.to,
    fromName: names.from,
    toName: names.to,
    status: relationship.status ?? null,
    state: relationshipState(relationship, day),
    stateOn: day,
    validFrom: relationship.validFrom ?? null,
    validTo: relationship.validTo ?? null,
    sources: relationship.citations.map((citation) => {
      const source = titles.get(citation.source);
      return {
        id: citation.source,
        title: source?.title ?? null,
        excerpt: citation.excerpt,
        ...(citation.locator ? { locator: citation.locator } : {}),
        publisherKind: source?.publisherKind ?? null,
        party: citationParty(relationship, source?.publisherId) || null,
      };
    }),
  };
}

export async function writeGeojson(graph: GraphReader, out: Writable, options: WriteOptions): Promise<void> {
  const titles = await sourceIndex(graph);
  const located = new Map<string, { position: [number, number]; name: string }>();
  let first = true;
  const feature = async (geometry: object, id: string, properties: Record<string, unknown>) => {
    const text = JSON.stringify({ type: "Feature", id, geometry, properties });
    await put(out, `${first ? "" : ","}\n    ${text}`);
    first = false;
  };
  await put(
    out,
    `{\n  "type": "FeatureCollection",\n  "name": "helsinki-international-relations",\n${options.asOf ? `  "asOf": ${JSON.stringify(options.asOf)},\n` : ""}  "features": [`,
  );
  const placements = (await graph.officePlacements?.()) ?? new Map<string, string>();
  // Offices placed at their city wait until every city's position is known (entities come by id).
  const atTheirCity: EntityRecord[] = [];
  for await (const entity of graph.entities()) {
    const location = locationOf(entity);
    if (location) {
      located.set(entity.id, { position: position(location), name: entity.name });
      await feature({ type: "Point", coordinates: position(location) }, entity.id, entityProperties(entity, titles));
    } else if (placements.has(entity.id)) {
      atTheirCity.push(entity);
    }
    options.onItem?.();
  }
  for (const office of atTheirCity) {
    const cityId = placements.get(office.id)!;
    const city = located.get(cityId);
    if (!city) continue;
    located.set(office.id, { position: city.position, name: office.name });
    await feature({ type: "Point", coordinates: city.position }, office.id, {
      ...entityProperties(office, titles),
      placedAt: { id: cityId, name: city.name },
    });
  }
  for await (const relationship of graph.relationships()) {
    const from = located.get(relationship.from);
    const to = located.get(relationship.to);
    if (from && to) {
      await feature(
        lineGeometry(from.position, to.position),
        relationship.id,
        relationshipProperties(relationship, { from: from.name, to: to.name }, titles, stateDay(options)),
      );
    }
    options.onItem?.();
  }
  await put(out, `${first ? "" : "\n  "}]\n}\n`);
}
