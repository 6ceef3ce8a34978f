/**
 * The graph drawing, with Cytoscape.js and the fCoSE force-directed layout. Cytoscape keeps its own model
 * of the elements; this component adds and removes elements as the drawn graph changes (so positions of
 * what stays are kept), re-runs the layout only when the elements changed, and mirrors the selection and
 * the highlighted path as classes. Relationships only the crowd states are drawn lighter and dash-dotted.
 * The drawing fills its pane; the layout starts from seeded positions, so one link draws one picture; labels
 * keep a legible size on screen and show where they have room; a found path is zoomed to, the rest dimmed
 * (graph-drawing.ts holds those decisions).
 */
import cytoscape, {
  type Collection,
  type Core,
  type EdgeSingular,
  type ElementDefinition,
  type NodeSingular,
} from "cytoscape";
import fcose from "cytoscape-fcose";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChangeMark } from "./compare-model.js";
import {
  type LabelPolicy,
  EDGE_LABEL_PX,
  MIN_LABEL_PX,
  NODE_LABEL_PX,
  type Point,
  edgeLabelFits,
  labelPolicy,
  layoutEffort,
  paneShape,
  paneStretch,
  pathFitIds,
  samePolicy,
  startPositions,
} from "./graph-drawing.js";
import type { DrawnGraph } from "./graph-model.js";
import type { GraphEdge } from "./api.js";
import { type Lang, format, messages, useLang, useT } from "./i18n.js";
import { KIND_STYLES, STATE_LINES, UNKNOWN_KIND, edgeState, typeLabel } from "./kinds.js";
import type { Selection } from "./url-state.js";
import { TIMING_MARKS, markTiming } from "./timing-marks.js";
import { isCrowdOnly } from "./whose-word.js";

const M = messages({
  wholeGraph: { en: "Show whole graph", fi: "Näytä koko verkko", sv: "Visa hela nätverket" },
  zoomToPath: { en: "Zoom to the path", fi: "Tarkenna polkuun", sv: "Zooma in på vägen" },
  crowdOnly: { en: "{type} (crowd only)", fi: "{type} (vain Wikidata)", sv: "{type} (endast Wikidata)" },
});

/** A relationship's label on the drawing, in the reader's language. */
function edgeLabel(edge: GraphEdge, lang: Lang): string {
  const type = typeLabel(edge.type, lang);
  return isCrowdOnly(edge) ? format(lang, M.crowdOnly, { type }) : type;
}

cytoscape.use(fcose);

interface GraphViewProps {
  readonly graph: DrawnGraph;
  readonly selection: Selection | null;
  readonly onSelect: (selection: Selection) => void;
  readonly description: string;
  /** Node diameters in pixels (centrality); nodes not listed keep the default size. */
  readonly nodeSizes?: ReadonlyMap<string, number>;
  /** Node colours (communities); nodes not listed keep their kind's colour. */
  readonly nodeColors?: ReadonlyMap<string, string>;
  /** Relationships that started or ended between the two days compared. */
  readonly edgeMarks?: ReadonlyMap<string, ChangeMark>;
  /** The date control's day (null: all dates): relationships are drawn by their state on it, else today. */
  readonly asOf?: string | null;
  /** The entity whose neighbourhood is drawn: in the middle at the start, labelled always, the layout's seed. */
  readonly focusId?: string | null;
}

const EDGE_PREFIX = "edge:";

/** Classes whose elements are labelled whatever the crowding: the focus, the selection, the path, the pointer's. */
const KEY_CLASSES = ["focus", "selected", "on-path", "hover"];
const isKey = (element: cytoscape.SingularElementArgument) => KEY_CLASSES.some((name) => element.hasClass(name));

/**
 * The style, with label sizes and visibility read from `policy` (graph-drawing.ts) through function values:
 * Cytoscape evaluates them again on `style().update()`, which the view calls when the zoom changes the policy.
 */
function graphStyle(policy: () => LabelPolicy): cytoscape.StylesheetJson {
  return [
    {
      selector: "node",
      style: {
        label: (node: NodeSingular) => (policy().allNodeLabels || isKey(node) ? (node.data("label") as string) : ""),
        "background-color": UNKNOWN_KIND.color,
        // Set on every node by the view as the zoom changes (see `measure`); this is the size before any zoom.
        "font-size": NODE_LABEL_PX,
        // Below this many CSS pixels on screen a label is not drawn at all (the policy keeps them above it).
        "min-zoomed-font-size": MIN_LABEL_PX,
        "text-valign": "bottom",
        "text-margin-y": 4,
        "text-wrap": "wrap",
        // In the drawing's units, not scaled with the font: a function here left Cytoscape's label texture
        // cut to an older width (the names clipped at both sides).
        "text-max-width": "160px",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.8,
        "text-background-padding": "1px",
        color: "#1a1a1a",
        width: 26,
        height: 26,
        "border-width": 1,
        "border-color": "#ffffff",
      },
    },
    ...Object.entries(KIND_STYLES).map(([kind, style]) => ({
      selector: `node[kind = "${kind}"]`,
      style: { "background-color": style.color, shape: style.shape },
    })),
    { selector: "node.focus", style: { width: 38, height: 38, "font-weight": "bold" } },
    {
      selector: "edge",
      style: {
        label: (edge: EdgeSingular) => {
          const label = edge.data("label") as string;
          if (isKey(edge)) return label;
          if (!policy().edgeLabels) return "";
          const [from, to] = [edge.source().position(), edge.target().position()];
          const length = Math.hypot(from.x - to.x, from.y - to.y) * policy().zoom;
          return edgeLabelFits(length, label, policy().zoom) ? label : "";
        },
        width: 1.5,
        "line-color": "#9aa5b1",
        "target-arrow-color": "#9aa5b1",
        "target-arrow-shape": "triangle",
        "curve-style": "bezier",
        "font-size": EDGE_LABEL_PX,
        "min-zoomed-font-size": MIN_LABEL_PX,
        color: "#3d4852",
        "text-rotation": "autorotate",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.85,
        "text-background-padding": "1px",
      },
    },
    // By state on the chosen day (else today), as the legend says (kinds.ts STATE_LINES): an agreement stored
    // `active` whose `validTo` has passed is ended, and drawn so.
    { selector: 'edge[line = "dashed"]', style: { "line-style": "dashed" } },
    { selector: 'edge[line = "dotted"]', style: { "line-style": "dotted" } },
    // Undated: hollow (a white line outlined), so it reads as neither a dated line in force nor an ended one.
    {
      selector: 'edge[line = "undated"]',
      style: { width: 2.5, "line-color": "#ffffff", "line-outline-width": 1.5, "line-outline-color": "#8d99a6" },
    },
    {
      selector: 'edge[line = "faint"]',
      style: { "line-style": "dashed", "line-dash-pattern": [3, 5], opacity: 0.55 },
    },
    // Only the crowd says so: lighter, thinner and dash-dotted (not colour alone), and said in the label.
    {
      selector: 'edge[crowd = "only"]',
      style: {
        "line-color": "#b3bcc6",
        "target-arrow-color": "#b3bcc6",
        width: 1,
        "line-style": "dashed",
        "line-dash-pattern": [6, 3, 1, 3],
        opacity: 0.75,
        color: "#5f6b76",
      },
    },
    {
      selector: "edge.started",
      style: { "line-color": "#1e8e3e", "target-arrow-color": "#1e8e3e", width: 4 },
    },
    {
      selector: "edge.ended-between",
      style: { "line-color": "#c5221f", "target-arrow-color": "#c5221f", width: 4, "line-style": "dashed" },
    },
    {
      selector: "edge.status-changed",
      style: { "line-color": "#b06000", "target-arrow-color": "#b06000", width: 4 },
    },
    // At the pointer: its relationships darker and on top. (A class only restyles an element, and so labels it
    // through the function values above, when some rule names the class.)
    {
      selector: "edge.hover",
      style: { width: 2.5, "line-color": "#52606d", "target-arrow-color": "#52606d", "z-index": 10 },
    },
    { selector: "node.hover", style: { "z-index": 10 } },
    {
      // The path's lines thick, its nodes ringed (a width here would squash the nodes to 4 px).
      selector: "edge.on-path",
      style: { "line-color": "#e6a700", "target-arrow-color": "#e6a700", width: 4 },
    },
    { selector: "node.on-path", style: { "border-color": "#e6a700", "border-width": 4 } },
    {
      selector: ".selected",
      style: { "border-color": "#111111", "border-width": 3, "line-color": "#111111", "target-arrow-color": "#111111" },
    },
    // A found path in view: the rest stays, faint, for context.
    { selector: ".dimmed", style: { opacity: 0.2 } },
  ];
}

function toElements(graph: DrawnGraph, asOf: string | null, lang: Lang): ElementDefinition[] {
  return [
    ...[...graph.nodes.values()].map((node) => ({
      group: "nodes" as const,
      data: { id: node.id, label: node.name, kind: node.kind },
    })),
    ...[...graph.edges.values()]
      .filter((edge) => graph.nodes.has(edge.fromId) && graph.nodes.has(edge.toId))
      .map((edge) => ({
        group: "edges" as const,
        data: {
          id: EDGE_PREFIX + edge.id,
          source: edge.fromId,
          target: edge.toId,
          type: edge.type,
          label: edgeLabel(edge, lang),
          status: edge.status ?? "",
          state: edgeState(edge, asOf),
          line: STATE_LINES[edgeState(edge, asOf)],
          crowd: isCrowdOnly(edge) ? "only" : "",
        },
      })),
  ];
}

/** Padding around a fitted drawing, in CSS pixels: room for the outer labels, less on a small pane. */
function fitPadding(core: Core): number {
  return Math.round(Math.min(40, Math.max(12, 0.05 * Math.min(core.width(), core.height()))));
}

/** The reader asked for less motion: fits jump instead of gliding. */
function reducedMotion(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

export function GraphView({
  graph,
  selection,
  onSelect,
  description,
  nodeSizes,
  nodeColors,
  edgeMarks,
  asOf = null,
  focusId = null,
}: GraphViewProps) {
  const t = useT();
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const asOfRef = useRef(asOf);
  asOfRef.current = asOf;
  const lang = useLang();
  const langRef = useRef(lang);
  langRef.current = lang;
  const focusRef = useRef(focusId);
  focusRef.current = focusId;
  // The drawn path's elements, and whether the view is fitted to it (else to the whole drawing).
  const pathKey = [...graph.onPath].sort().join(" ");
  const onPathRef = useRef(graph.onPath);
  onPathRef.current = graph.onPath;
  const [pathView, setPathView] = useState(false);
  const pathViewRef = useRef(false);
  // Set by the first effect: fits the view (to the path when in path view) and forgets the reader's own moves.
  const fitView = useRef<(animate: boolean) => void>(() => undefined);

  useEffect(() => {
    if (!container.current) return;
    let policy: LabelPolicy = labelPolicy({ zoom: 1, visibleArea: 1, visibleNodes: 1, visibleEdges: 1 });
    const core = cytoscape({
      container: container.current,
      style: graphStyle(() => policy),
      minZoom: 0.2,
      maxZoom: 3,
      boxSelectionEnabled: false,
    });
    core.on("tap", "node", (event) => select.current({ type: "node", id: (event.target as NodeSingular).id() }));
    core.on("tap", "edge", (event) =>
      select.current({ type: "edge", id: (event.target as EdgeSingular).id().slice(EDGE_PREFIX.length) }),
    );
    // The pointer's node is labelled with its neighbours and their relationships; a relationship with its ends.
    core.on("mouseover", "node", (event) => (event.target as NodeSingular).closedNeighborhood().addClass("hover"));
    core.on("mouseover", "edge", (event) => {
      const edge = event.target as EdgeSingular;
      edge.union(edge.connectedNodes()).addClass("hover");
    });
    core.on("mouseout", "node, edge", () => core.elements(".hover").removeClass("hover"));

    // Labels follow the zoom and the crowding of what is on screen, measured once per frame at most.
    let frame = 0;
    let force = false;
    const measure = () => {
      frame = 0;
      const zoom = core.zoom();
      const extent = core.extent();
      const inside = (at: Point) => at.x >= extent.x1 && at.x <= extent.x2 && at.y >= extent.y1 && at.y <= extent.y2;
      const nodes = core.nodes().filter((node) => inside(node.position()));
      const edges = core.edges().filter((edge) => {
        const [from, to] = [edge.source().position(), edge.target().position()];
        return inside({ x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 });
      });
      // The part of the pane the drawing covers, with a label's room around it (a row of nodes has room above).
      const box = core.nodes().boundingBox({ includeLabels: false });
      const margin = 60 / zoom;
      const width = Math.max(0, Math.min(box.x2 + margin, extent.x2) - Math.max(box.x1 - margin, extent.x1));
      const height = Math.max(0, Math.min(box.y2 + margin, extent.y2) - Math.max(box.y1 - margin, extent.y1));
      const next = labelPolicy({
        zoom,
        visibleArea: nodes.length > 0 ? width * height * zoom * zoom : 0,
        visibleNodes: nodes.length,
        visibleEdges: edges.length,
      });
      // After a layout the relationships' lengths changed too: restyle whatever the policy.
      if (samePolicy(policy, next) && !force) return;
      force = false;
      policy = next;
      // Font sizes as plain values on each element, not function values: Cytoscape then re-measures the labels
      // (a function value changed its size but left the label's texture cut to the old width).
      core.batch(() => {
        core.nodes().style("font-size", policy.nodeFont);
        core.edges().style("font-size", policy.edgeFont);
      });
      core.style().update();
    };
    const remeasure = () => {
      if (frame === 0) frame = requestAnimationFrame(measure);
    };
    core.on("viewport resize", remeasure);
    core.on("layoutstop add remove", () => {
      force = true;
      remeasure();
    });

    // The drawing is fitted to its box when laid out; when the box changes size afterwards (the page around it
    // settling, a panel opening, the window resized) it is fitted again, unless the reader has panned or
    // zoomed since: otherwise nodes near the edges end up outside the visible canvas.
    let readerMoved = false;
    core.on("dragpan scrollzoom pinchzoom", () => {
      readerMoved = true;
    });
    fitView.current = (animate) => {
      readerMoved = false;
      if (core.elements().length === 0) return;
      const ids = pathViewRef.current
        ? pathFitIds(
            onPathRef.current,
            core.nodes().map((node) => node.id()),
          )
        : [];
      let target: Collection = core.elements();
      if (ids.length > 0) {
        const wanted = new Set(ids);
        const nodes = core.nodes().filter((node) => wanted.has(node.id()));
        target = nodes.union(nodes.edgesWith(nodes));
      }
      const padding = fitPadding(core);
      core.stop(true, true);
      if (animate && !reducedMotion()) core.animate({ fit: { eles: target, padding } }, { duration: 300 });
      else core.fit(target, padding);
    };
    core.on("resize", () => {
      if (!readerMoved) fitView.current(false);
    });
    cy.current = core;
    // Tests and power users can reach the live graph from the console.
    (container.current as HTMLDivElement & { cy?: Core }).cy = core;
    return () => {
      if (frame !== 0) cancelAnimationFrame(frame);
      core.destroy();
      cy.current = null;
    };
  }, []);

  useEffect(() => {
    const core = cy.current;
    if (!core) return;
    const wanted = toElements(graph, asOfRef.current, langRef.current);
    const wantedIds = new Set(wanted.map((element) => element.data.id));
    const stale = core.elements().filter((element) => !wantedIds.has(element.id()));
    const added = wanted.filter((element) => core.getElementById(element.data.id!).empty());
    if (stale.length === 0 && added.length === 0) return;
    // Seeded start positions (graph-drawing.ts) instead of fCoSE's random ones: the same link, the same picture.
    const kept = new Map<string, Point>();
    core.nodes().forEach((node) => {
      if (wantedIds.has(node.id())) kept.set(node.id(), { ...node.position() });
    });
    const nodeIds = wanted.filter((element) => element.group === "nodes").map((element) => element.data.id!);
    const links = wanted
      .filter((element) => element.group === "edges")
      .map((element) => ({ source: element.data.source as string, target: element.data.target as string }));
    const start = startPositions(nodeIds, links, focusRef.current, kept);
    core.batch(() => {
      stale.remove();
      core.add(
        added.map((element) =>
          element.group === "nodes" ? { ...element, position: start.get(element.data.id!) } : element,
        ),
      );
      core.nodes().removeClass("focus");
      if (focusRef.current) core.getElementById(focusRef.current).addClass("focus");
    });
    markTiming(TIMING_MARKS.added);
    core
      .layout({
        name: "fcose",
        animate: false,
        randomize: false,
        quality: "default",
        ...layoutEffort(core.nodes().length),
        nodeRepulsion: () => 20000,
        idealEdgeLength: () => 140,
        nodeSeparation: 90,
        fit: false,
      } as cytoscape.LayoutOptions)
      .run();
    // Round as fCoSE draws it, stretched towards the pane's shape for this window (graph-drawing.ts paneStretch).
    const box = core.nodes().boundingBox({ includeLabels: false });
    const stretch = paneStretch(
      { width: box.w, height: box.h },
      paneShape({ width: window.innerWidth, height: window.innerHeight }),
    );
    if (stretch.x !== 1 || stretch.y !== 1) {
      const centre = { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
      core.nodes().positions((node) => {
        const at = node.position();
        return { x: centre.x + (at.x - centre.x) * stretch.x, y: centre.y + (at.y - centre.y) * stretch.y };
      });
    }
    fitView.current(false);
    markTiming(TIMING_MARKS.laidOut);
    // After the next frame is painted (a timer queued from the frame runs after its paint).
    requestAnimationFrame(() => setTimeout(() => markTiming(TIMING_MARKS.drawn), 0));
  }, [graph]);

  // A path newly found: fit the view to it and dim the rest; no path: back to the whole drawing.
  useEffect(() => {
    const inView = pathKey !== "";
    pathViewRef.current = inView;
    setPathView(inView);
    fitView.current(inView);
  }, [pathKey]);

  const showWhole = useCallback((whole: boolean) => {
    pathViewRef.current = !whole;
    setPathView(!whole);
    fitView.current(true);
  }, []);
  // A relationship's state follows the day, and every label the reader's language: restyle and relabel what is
  // already drawn when the date control or the language changes.
  useEffect(() => {
    const core = cy.current;
    if (!core) return;
    core.batch(() => {
      for (const node of graph.nodes.values()) {
        const element = core.getElementById(node.id);
        if (!element.empty() && element.data("label") !== node.name) element.data({ label: node.name });
      }
      for (const edge of graph.edges.values()) {
        const element = core.getElementById(EDGE_PREFIX + edge.id);
        if (element.empty()) continue;
        const state = edgeState(edge, asOf);
        element.data({ state, line: STATE_LINES[state], label: edgeLabel(edge, lang) });
      }
    });
  }, [graph, asOf, lang]);

  useEffect(() => {
    const core = cy.current;
    if (!core) return;
    core.batch(() => {
      core.elements().removeClass("selected on-path dimmed");
      const onPath = core.elements().filter((element) => graph.onPath.has(element.id().replace(EDGE_PREFIX, "")));
      onPath.addClass("on-path");
      if (pathView && onPath.nonempty()) core.elements().difference(onPath).addClass("dimmed");
      if (selection) {
        const id = selection.type === "edge" ? EDGE_PREFIX + selection.id : selection.id;
        core.getElementById(id).addClass("selected").removeClass("dimmed");
      }
    });
  }, [graph, selection, pathView]);

  useEffect(() => {
    const core = cy.current;
    if (!core) return;
    core.batch(() => {
      core.nodes().forEach((node) => {
        const size = nodeSizes?.get(node.id());
        const color = nodeColors?.get(node.id());
        node.removeStyle("width height background-color");
        if (size !== undefined) node.style({ width: size, height: size });
        if (color !== undefined) node.style("background-color", color);
      });
      core.edges().removeClass("started ended-between status-changed");
      for (const [id, mark] of edgeMarks ?? []) {
        const mark_ = mark === "started" ? "started" : mark === "ended" ? "ended-between" : "status-changed";
        core.getElementById(EDGE_PREFIX + id).addClass(mark_);
      }
    });
  }, [graph, nodeSizes, nodeColors, edgeMarks]);

  return (
    <div className="graph-frame">
      <div
        ref={container}
        className="graph-canvas"
        data-testid="graph-canvas"
        role="img"
        aria-label={description}
        tabIndex={-1}
      />
      {pathKey !== "" && (
        <div className="graph-overlay">
          <button type="button" data-testid="path-view" onClick={() => showWhole(pathView)}>
            {t(pathView ? M.wholeGraph : M.zoomToPath)}
          </button>
        </div>
      )}
    </div>
  );
}
