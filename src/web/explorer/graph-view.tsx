/**
 * The graph drawing, with Cytoscape.js and the fCoSE force-directed layout. Cytoscape keeps its own model
 * of the elements; this component adds and removes elements as the drawn graph changes (so positions of
 * what stays are kept), re-runs the layout only when the elements changed, and mirrors the selection and
 * the highlighted path as classes. Relationships only the crowd states are drawn lighter and dash-dotted.
 */
import cytoscape, { type Core, type EdgeSingular, type ElementDefinition, type NodeSingular } from "cytoscape";
import fcose from "cytoscape-fcose";
import { useEffect, useRef } from "react";
import type { ChangeMark } from "./compare-model.js";
import type { DrawnGraph } from "./graph-model.js";
import { KIND_STYLES, STATE_LINES, UNKNOWN_KIND, edgeState, relationshipLabel } from "./kinds.js";
import type { Selection } from "./url-state.js";
import { isCrowdOnly } from "./whose-word.js";

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
}

const EDGE_PREFIX = "edge:";

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      "background-color": UNKNOWN_KIND.color,
      "font-size": 10,
      "text-valign": "bottom",
      "text-margin-y": 4,
      "text-wrap": "wrap",
      "text-max-width": "140px",
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
      label: "data(label)",
      width: 1.5,
      "line-color": "#9aa5b1",
      "target-arrow-color": "#9aa5b1",
      "target-arrow-shape": "triangle",
      "curve-style": "bezier",
      "font-size": 9,
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
  {
    selector: ".on-path",
    style: {
      "line-color": "#e6a700",
      "target-arrow-color": "#e6a700",
      width: 4,
      "border-color": "#e6a700",
      "border-width": 4,
    },
  },
  {
    selector: ".selected",
    style: { "border-color": "#111111", "border-width": 3, "line-color": "#111111", "target-arrow-color": "#111111" },
  },
];

function toElements(graph: DrawnGraph, asOf: string | null): ElementDefinition[] {
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
          label: isCrowdOnly(edge) ? `${relationshipLabel(edge.type)} (crowd only)` : relationshipLabel(edge.type),
          status: edge.status ?? "",
          state: edgeState(edge, asOf),
          line: STATE_LINES[edgeState(edge, asOf)],
          crowd: isCrowdOnly(edge) ? "only" : "",
        },
      })),
  ];
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
}: GraphViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const asOfRef = useRef(asOf);
  asOfRef.current = asOf;

  useEffect(() => {
    if (!container.current) return;
    const core = cytoscape({
      container: container.current,
      style: STYLE,
      minZoom: 0.2,
      maxZoom: 3,
      boxSelectionEnabled: false,
    });
    core.on("tap", "node", (event) => select.current({ type: "node", id: (event.target as NodeSingular).id() }));
    core.on("tap", "edge", (event) =>
      select.current({ type: "edge", id: (event.target as EdgeSingular).id().slice(EDGE_PREFIX.length) }),
    );
    // The drawing is fitted to its box when laid out; when the box changes size afterwards (the page around it
    // settling, a panel opening, the window resized) it is fitted again, unless the reader has panned or
    // zoomed since: otherwise nodes near the edges end up outside the visible canvas.
    let readerMoved = false;
    core.on("dragpan scrollzoom pinchzoom", () => {
      readerMoved = true;
    });
    core.on("layoutstart", () => {
      readerMoved = false;
    });
    core.on("resize", () => {
      if (!readerMoved && core.elements().length > 0) core.fit(undefined, 30);
    });
    cy.current = core;
    // Tests and power users can reach the live graph from the console.
    (container.current as HTMLDivElement & { cy?: Core }).cy = core;
    return () => {
      core.destroy();
      cy.current = null;
    };
  }, []);

  useEffect(() => {
    const core = cy.current;
    if (!core) return;
    const wanted = toElements(graph, asOfRef.current);
    const wantedIds = new Set(wanted.map((element) => element.data.id));
    const stale = core.elements().filter((element) => !wantedIds.has(element.id()));
    const added = wanted.filter((element) => core.getElementById(element.data.id!).empty());
    if (stale.length === 0 && added.length === 0) return;
    core.batch(() => {
      stale.remove();
      core.add(added);
    });
    const firstDrawing = core.nodes().length === added.filter((e) => e.group === "nodes").length;
    core
      .layout({
        name: "fcose",
        animate: false,
        randomize: firstDrawing,
        quality: "default",
        nodeRepulsion: () => 20000,
        idealEdgeLength: () => 140,
        nodeSeparation: 90,
        padding: 30,
        fit: true,
      } as cytoscape.LayoutOptions)
      .run();
  }, [graph]);

  // A relationship's state follows the day: restyle the edges already drawn when the date control moves.
  useEffect(() => {
    const core = cy.current;
    if (!core) return;
    core.batch(() => {
      for (const edge of graph.edges.values()) {
        const element = core.getElementById(EDGE_PREFIX + edge.id);
        if (element.empty()) continue;
        const state = edgeState(edge, asOf);
        element.data({ state, line: STATE_LINES[state] });
      }
    });
  }, [graph, asOf]);

  useEffect(() => {
    const core = cy.current;
    if (!core) return;
    core.batch(() => {
      core.elements().removeClass("selected on-path");
      core
        .elements()
        .filter((element) => graph.onPath.has(element.id().replace(EDGE_PREFIX, "")))
        .addClass("on-path");
      if (selection) {
        const id = selection.type === "edge" ? EDGE_PREFIX + selection.id : selection.id;
        core.getElementById(id).addClass("selected");
      }
    });
  }, [graph, selection]);

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
    <div
      ref={container}
      className="graph-canvas"
      data-testid="graph-canvas"
      role="img"
      aria-label={description}
      tabIndex={-1}
    />
  );
}
