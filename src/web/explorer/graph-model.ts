/** The drawn graph is the union of the neighbourhoods opened so far and the path found, without repeats. */
import type { GraphEdge, GraphNode } from "./api.js";

export interface DrawnGraph {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly edges: ReadonlyMap<string, GraphEdge>;
  /** Ids of the nodes and edges on the highlighted path. */
  readonly onPath: ReadonlySet<string>;
  readonly truncated: boolean;
}

export const EMPTY_GRAPH: DrawnGraph = { nodes: new Map(), edges: new Map(), onPath: new Set(), truncated: false };

export function mergeGraphs(
  parts: readonly { nodes: readonly GraphNode[]; edges: readonly GraphEdge[]; truncated?: boolean }[],
  path: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[] } | null,
): DrawnGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  for (const part of [...parts, ...(path ? [path] : [])]) {
    for (const node of part.nodes) nodes.set(node.id, node);
    for (const edge of part.edges) edges.set(edge.id, edge);
  }
  const onPath = new Set<string>(path ? [...path.nodes.map((n) => n.id), ...path.edges.map((e) => e.id)] : []);
  return { nodes, edges, onPath, truncated: parts.some((part) => part.truncated === true) };
}

/**
 * "2016-05" → "May 2016"; full dates as the browser's locale writes them; years as they are. An uncertain
 * date (ISO 8601-2 / EDTF intervals, as the data model allows) in words: "2022-02-28/.." → "28 February 2022
 * or later", "../2003-01-10" → "10 January 2003 or earlier", "1993-09-25/1995-12-08" → "between … and …".
 */
export function formatPartialDate(value: string | null): string | null {
  if (!value) return null;
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
