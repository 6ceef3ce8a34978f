/**
 * The drawn graph is the union of the neighbourhoods opened so far and the path found, without repeats, and
 * at most a budget of entities (hub.ts): the neighbourhoods in the order opened, each entity in the API's order
 * (the start, then by distance, kind and name), so the nearest are drawn first.
 */
import type { GraphEdge, GraphNode } from "./api.js";
import type { CutShort } from "./hub.js";

export interface DrawnGraph {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly edges: ReadonlyMap<string, GraphEdge>;
  /** Ids of the nodes and edges on the highlighted path. */
  readonly onPath: ReadonlySet<string>;
  /** True when some neighbourhood is drawn only in part (`cut` says which and how much). */
  readonly truncated: boolean;
  /** The neighbourhoods drawn only in part: cut by the API's limit or by the budget. */
  readonly cut: readonly CutShort[];
}

export const EMPTY_GRAPH: DrawnGraph = {
  nodes: new Map(),
  edges: new Map(),
  onPath: new Set(),
  truncated: false,
  cut: [],
};

/** A neighbourhood as the API answers it (`total` and `totalExact` when asked), or extra edges to draw. */
export interface GraphPart {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly truncated?: boolean;
  readonly total?: number;
  readonly totalExact?: boolean;
}

/**
 * Merges `parts` (the first a neighbourhood's start first) within `budget` entities, then the path's
 * (always drawn); a relationship is drawn when both its ends are.
 */
export function mergeGraphs(
  parts: readonly GraphPart[],
  path: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[] } | null,
  budget = Number.POSITIVE_INFINITY,
): DrawnGraph {
  const nodes = new Map<string, GraphNode>();
  for (const part of parts) {
    for (const node of part.nodes) if (nodes.has(node.id) || nodes.size < budget) nodes.set(node.id, node);
  }
  for (const node of path?.nodes ?? []) nodes.set(node.id, node);
  const edges = new Map<string, GraphEdge>();
  for (const part of [...parts, ...(path ? [path] : [])]) {
    for (const edge of part.edges) if (nodes.has(edge.fromId) && nodes.has(edge.toId)) edges.set(edge.id, edge);
  }
  const onPath = new Set<string>(path ? [...path.nodes.map((n) => n.id), ...path.edges.map((e) => e.id)] : []);
  const cut: CutShort[] = [];
  for (const part of parts) {
    const start = part.nodes[0];
    if (!start) continue;
    const shown = part.nodes.filter((node) => nodes.has(node.id)).length;
    const total = Math.max(part.total ?? part.nodes.length, part.nodes.length);
    const exact = part.totalExact ?? part.truncated !== true;
    if (shown < total || !exact) cut.push({ id: start.id, name: start.name, shown, total, exact });
  }
  return { nodes, edges, onPath, truncated: cut.length > 0, cut };
}

/**
 * "2016-05" → "May 2016"; full dates as the browser's locale writes them; years as they are. An uncertain
 * date (ISO 8601-2 / EDTF intervals, as the data model allows) in words: "2022-02-28/.." → "28 February 2022
 * or later", "../2003-01-10" → "10 January 2003 or earlier", "1993-09-25/1995-12-08" → "between … and …", "2014~" → "about 2014".
 */
export function formatPartialDate(value: string | null): string | null {
  if (!value) return null;
  if (value.endsWith("~")) return `about ${formatPartialDate(value.slice(0, -1))}`;
  if (value.includes("/")) {
    const [start = "..", end = ".."] = value.split("/");
    const from = start === ".." || start === "" ? null : formatPartialDate(start);
    const to = end === ".." || end === "" ? null : formatPartialDate(end);
    if (from && to) return `between ${from} and ${to}`;
    if (from) return `${from} or later`;
    if (to) return `${to} or earlier`;
    return value;
  }
  const [year, month, day] = value.split("-").map(Number);
  if (!year || Number.isNaN(month ?? 1) || Number.isNaN(day ?? 1)) return value;
  if (!month) return String(year);
  const date = new Date(Date.UTC(year, month - 1, day ?? 1));
  return date.toLocaleDateString("en-GB", {
    year: "numeric",
    month: "long",
    ...(day ? { day: "numeric" } : {}),
    timeZone: "UTC",
  });
}

/** "from 2007", "2016 – 2019", or null when the relationship has no dates. */
export function formatValidity(edge: Pick<GraphEdge, "validFrom" | "validTo">): string | null {
  const from = formatPartialDate(edge.validFrom);
  const to = formatPartialDate(edge.validTo);
  if (from && to) return `${from} – ${to}`;
  if (from) return `from ${from}`;
  if (to) return `until ${to}`;
  return null;
}
