/** What the explorer's centrality and communities run over, and what they say about the focus (pure). */
import type { Community } from "./api.js";
import type { Scope } from "./url-state.js";

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
