/**
 * What the explorer's research panels say (pure): what centrality and communities run over, the focus's
 * community, and what the dashboard's comparison of the chosen cities counts.
 */
import type { Community } from "./api.js";
import { relationshipLabel } from "./kinds.js";
import type { Scope, Undated } from "./url-state.js";

/** The community holding the focus, if the answer lists it. */
export function focusCommunity(communities: readonly Community[] | null, focus: string | null): Community | null {
  if (!communities || !focus) return null;
  return communities.find((community) => community.members.some((member) => member.id === focus)) ?? null;
}

/** What the measures run over, in words. */
export function scopeWords(scope: Scope, around: readonly string[], narrowing: string | null): string {
  const part =
    scope === 0 || around.length === 0
      ? "the whole graph"
      : `${around.join(", ")} and what lies within ${scope === 1 ? "one step" : `${scope === 2 ? "two" : "three"} steps`}`;
  return `Computed over ${part}${narrowing ? ` (${narrowing})` : ""}.`;
}

const UNDATED_WORDS: Record<Undated, string> = {
  INCLUDE: "undated claims counted every year",
  EXCLUDE: "undated claims left out",
  ATTESTED: "undated claims counted from when a source first states them",
};

/** The chart's title: what is counted, for whom (pure; exported for tests). */
export function peersActivityTitle(
  names: readonly string[],
  types: readonly string[] | null,
  undated: Undated,
): string {
  const what = types ? types.map(relationshipLabel).join(", ") : "all relationships";
  return `In force on 1 July, per year: ${names.join(", ")} (${what}; ${UNDATED_WORDS[undated]})`;
}
