/**
 * The map's geometry, pure (no React, no DOM) so it is unit-tested: which drawn entities have a place, the
 * projection fitted to them, arcs between two places, and which labels fit without overlapping.
 */
import { type GeoProjection, geoNaturalEarth1 } from "d3-geo";
import type { MultiPoint } from "geojson";
import type { GraphEdge, GraphNode } from "./api.js";
import type { DrawnGraph } from "./graph-model.js";
import type { OfficePlace } from "./map-api.js";

export interface Place {
  readonly node: GraphNode;
  readonly lat: number;
  readonly lon: number;
  /** Set when the entity has no location of its own and is drawn at the city it is located in. */
  readonly placedAt?: string;
}

/** Entities with a location of their own, and offices at the city they are located in. */
export function placesOf(graph: DrawnGraph, officePlaces: ReadonlyMap<string, OfficePlace>): Map<string, Place> {
  const places = new Map<string, Place>();
  for (const node of graph.nodes.values()) {
    if (node.location) places.set(node.id, { node, lat: node.location.lat, lon: node.location.lon });
    else {
      const office = officePlaces.get(node.id);
      if (office) places.set(node.id, { node, lat: office.lat, lon: office.lon, placedAt: office.cityName });
    }
  }
  return places;
}

/** Relationships whose two ends have places, each with its place among the arcs joining the same two places. */
export function arcsOf(
  graph: DrawnGraph,
  places: ReadonlyMap<string, Place>,
): { edge: GraphEdge; from: Place; to: Place; lane: number }[] {
  const lanes = new Map<string, number>();
  const arcs: { edge: GraphEdge; from: Place; to: Place; lane: number }[] = [];
  const edges = [...graph.edges.values()].sort((a, b) => a.id.localeCompare(b.id));
  for (const edge of edges) {
    const from = places.get(edge.fromId);
    const to = places.get(edge.toId);
    if (!from || !to) continue;
    const pair = [edge.fromId, edge.toId].sort().join(" ");
    const lane = lanes.get(pair) ?? 0;
    lanes.set(pair, lane + 1);
    arcs.push({ edge, from, to, lane });
  }
  return arcs;
}

/**
 * A Natural Earth projection showing every place with a margin; at least `minSpan` degrees across, so one city
 * or a cluster of neighbours is not blown up to fill the screen. With no place, Europe.
 */
export function fitProjection(
  places: Iterable<Pick<Place, "lat" | "lon">>,
  width: number,
  height: number,
  minSpan = 12,
): GeoProjection {
  const list = [...places];
  const lons = list.length > 0 ? list.map((place) => place.lon) : [-10, 40];
  const lats = list.length > 0 ? list.map((place) => place.lat) : [35, 70];
  const [west, east] = [Math.min(...lons), Math.max(...lons)];
  const [south, north] = [Math.min(...lats), Math.max(...lats)];
  const [midLon, midLat] = [(west + east) / 2, (south + north) / 2];
  const halfLon = Math.max((east - west) / 2, minSpan / 2);
  const halfLat = Math.max((north - south) / 2, minSpan / 4);
  const [x1, x2] = [Math.max(-180, midLon - halfLon), Math.min(180, midLon + halfLon)];
  const [y1, y2] = [Math.max(-85, midLat - halfLat), Math.min(85, midLat + halfLat)];
  // The places themselves and the four corners of their (widened) box: the projection curves meridians and
  // parallels, so two opposite corners alone do not bound what is drawn.
  const corners: MultiPoint = {
    type: "MultiPoint",
    coordinates: [
      ...list.map((place): [number, number] => [place.lon, place.lat]),
      [x1, y1],
      [x1, y2],
      [x2, y1],
      [x2, y2],
    ],
  };
  const margin = Math.min(60, Math.min(width, height) / 8);
  return geoNaturalEarth1().fitExtent(
    [
      [margin, margin],
      [width - margin, height - margin],
    ],
    corners,
  );
}

/**
 * An SVG path from a to b bending to one side: lane 0 gently, further lanes (more relationships between the
 * same two places) more and alternately to the other side, so none hides another.
 */
export function arcPath(a: readonly [number, number], b: readonly [number, number], lane: number): string {
  const [x1, y1] = a;
  const [x2, y2] = b;
  const [dx, dy] = [x2 - x1, y2 - y1];
  const bend = (0.12 + 0.1 * Math.floor(lane / 2)) * (lane % 2 === 0 ? 1 : -1);
  const [cx, cy] = [(x1 + x2) / 2 - dy * bend, (y1 + y2) / 2 + dx * bend];
  const round = (value: number) => Math.round(value * 10) / 10;
  return `M${round(x1)},${round(y1)} Q${round(cx)},${round(cy)} ${round(x2)},${round(y2)}`;
}

export const LABEL_SIDES = ["right", "left", "above", "below"] as const;
export type LabelSide = (typeof LABEL_SIDES)[number];

export interface LabelCandidate {
  readonly id: string;
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

/**
 * Labels placed greedily in the given order (most important first): to the right of the point, else to its
 * left, above or below it, never over another label or another point, else not at all (its name stays in the point's tooltip and the side panel). Sizes are estimated from
 * the text (about 7 px a character).
 */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  charWidth = 7,
  lineHeight = 14,
): Map<string, LabelSide> {
  const placed: { x1: number; y1: number; x2: number; y2: number }[] = [];
  // Every point is an obstacle too: a label beside one point must not sit on another (it would name it).
  const dots = candidates.map((label) => ({
    id: label.id,
    x1: label.x - 7,
    y1: label.y - 7,
    x2: label.x + 7,
    y2: label.y + 7,
  }));
  const sides = new Map<string, LabelSide>();
  for (const label of candidates) {
    const width = label.text.length * charWidth;
    const [y1, y2] = [label.y - lineHeight / 2, label.y + lineHeight / 2];
    const boxes = {
      right: { x1: label.x + 6, y1, x2: label.x + 8 + width, y2 },
      left: { x1: label.x - 8 - width, y1, x2: label.x - 6, y2 },
      above: { x1: label.x - width / 2, y1: y1 - lineHeight, x2: label.x + width / 2, y2: y2 - lineHeight },
      below: { x1: label.x - width / 2, y1: y1 + lineHeight, x2: label.x + width / 2, y2: y2 + lineHeight },
    };
    for (const side of LABEL_SIDES) {
      const box = boxes[side];
      const overlaps = (other: { x1: number; y1: number; x2: number; y2: number }) =>
        box.x1 < other.x2 && other.x1 < box.x2 && box.y1 < other.y2 && other.y1 < box.y2;
      if (placed.some(overlaps) || dots.some((dot) => dot.id !== label.id && overlaps(dot))) continue;
      placed.push(box);
      sides.set(label.id, side);
      break;
    }
  }
  return sides;
}
