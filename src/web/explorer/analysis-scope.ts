/**
 * What the dashboard's comparison of the chosen cities counts (pure). What centrality and communities run
 * over is said by centrality-words.ts.
 */
import { relationshipLabel } from "./kinds.js";
import type { Undated } from "./url-state.js";

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
