/**
 * The drawn graph is the union of the neighbourhoods opened so far and the path found, without repeats, and
 * at most a budget of entities (hub.ts): the neighbourhoods in the order opened, each entity in the API's order
 * (the start, then by distance, kind and name), so the nearest are drawn first.
 */
import type { GraphEdge, GraphNode } from "./api.js";
import { partialDateIn, validityIn } from "./date-words.js";
import type { CutShort } from "./hub.js";
import type { Lang } from "./i18n-core.js";

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
 * "2016-05" → "May 2016" ("toukokuu 2016", "maj 2016"); years as they are; an uncertain date (ISO 8601-2 /
 * EDTF, as the data model allows) in words: "2022-02-28/.." → "28 February 2022 or later". The words are
 * date-words.ts's, in `lang` (English unless given).
 */
export function formatPartialDate(value: string | null, lang: Lang = "en"): string | null {
  return partialDateIn(value, lang);
}

/** "from 2007", "2016 – 2019" (in `lang`), or null when the relationship has no dates. */
export function formatValidity(edge: Pick<GraphEdge, "validFrom" | "validTo">, lang: Lang = "en"): string | null {
  return validityIn(edge, lang);
}
