/** The drawn graph is the union of the neighbourhoods opened so far and the path found, without repeats. */
import { parseDateValue } from "../../graph-data/partial-date.js";
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

/** A partial date as a reader writes it: "2016-05" → "May 2016"; full dates in British English; years as they are. */
function formatPlainDate(value: string): string {
  const [year, month, day] = value.split("-").map(Number);
  if (!year) return value;
  if (!month) return String(year);
  const date = new Date(Date.UTC(year, month - 1, day ?? 1));
  return date.toLocaleDateString("en-GB", {
    year: "numeric",
    month: "long",
    ...(day ? { day: "numeric" } : {}),
    timeZone: "UTC",
  });
}

/**
 * A record date as a reader expects it: "2016-05" → "May 2016", and the uncertain forms in words —
 * "2014~" → "about 2014", "../2019-05-29" → "by 29 May 2019", "2022-02-28/.." → "28 February 2022 or later",
 * "1993-09-25/1995-12-08" → "between 25 September 1993 and 8 December 1995". Anything else as it is.
 */
export function formatPartialDate(value: string | null): string | null {
  if (!value) return null;
  const parsed = parseDateValue(value);
  if (!parsed) return value;
  const { earliest, latest, approximate } = parsed;
  if (earliest && latest && earliest === latest) return `${approximate ? "about " : ""}${formatPlainDate(earliest)}`;
  if (earliest && latest) return `between ${formatPlainDate(earliest)} and ${formatPlainDate(latest)}`;
  if (latest) return `by ${formatPlainDate(latest)}`;
  return `${formatPlainDate(earliest!)} or later`;
}

/** "from 2007", "2016 – 2019", "by 29 May 2019" (a start known only as a bound), or null when undated. */
export function formatValidity(edge: Pick<GraphEdge, "validFrom" | "validTo">): string | null {
  const from = formatPartialDate(edge.validFrom);
  const to = formatPartialDate(edge.validTo);
  if (from && to) return `${from} – ${to}`;
  // "from by 29 May 2019" would say nothing more than "by 29 May 2019".
  if (from) return edge.validFrom?.startsWith("../") ? from : `from ${from}`;
  if (to) return `until ${to}`;
  return null;
}
