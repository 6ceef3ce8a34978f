/**
 * Centrality and communities in the drawing (pure): what part of the graph they run over, as the address says,
 * and how their answers show: a node's size by its score, its colour by its community.
 */
import type { AnalysisScope, Community, NodeScore } from "./api.js";
import { publisherKindsOf } from "./hub.js";
import { communityColor } from "./kinds.js";
import type { ExplorerState } from "./url-state.js";

/** The smallest and largest node size (px) when nodes are sized by a score. */
const SMALLEST = 16;
const LARGEST = 60;

/**
 * The part of the graph the measures run over: the whole graph, or the focus and the compared peers with what
 * lies within `scope` steps of them; narrowed as the drawing is (relationship types, whose word).
 */
export function analysisScopeOf(
  state: Pick<ExplorerState, "scope" | "focus" | "peers" | "types" | "sources">,
): AnalysisScope {
  return {
    around: state.scope > 0 && state.focus ? [state.focus, ...state.peers] : null,
    hops: Math.max(state.scope, 1),
    relationshipTypes: state.types,
    publisherKinds: publisherKindsOf(state.sources),
  };
}

/** Each scored node's size, in proportion to the top score; undefined when nothing is scored. */
export function nodeSizesOf(scores: readonly NodeScore[] | null): Map<string, number> | undefined {
  if (!scores || scores.length === 0) return undefined;
  const top = Math.max(...scores.map((row) => row.score), Number.MIN_VALUE);
  return new Map(scores.map((row) => [row.node.id, SMALLEST + (LARGEST - SMALLEST) * (row.score / top)]));
}

/** Each community member's colour; undefined when communities are not asked for. */
export function nodeColorsOf(communities: readonly Community[] | null): Map<string, string> | undefined {
  return communities
    ? new Map(communities.flatMap((community) => community.members.map((m) => [m.id, communityColor(community.id)])))
    : undefined;
}
