/**
 * What an empty view offers instead: a day on which something around the entity is in force, when the chosen
 * day has nothing ("nothing in force as of 1960; the first day with something is 1995-03-01").
 */
import { firstDayOf, isDateValue, isValidOn } from "../../graph-data/partial-date.js";
import type { GraphEdge } from "./api.js";
import type { Undated } from "./url-state.js";

/** The day a relationship starts holding, as `undated` counts it; null when it has no start. */
function startDay(edge: GraphEdge, undated: Undated): string | null {
  if (edge.validFrom && isDateValue(edge.validFrom)) return firstDayOf(edge.validFrom);
  if (undated !== "ATTESTED") return null;
  const days = edge.sources
    .map((source) => source.published)
    .filter((date): date is string => !!date && isDateValue(date))
    .map(firstDayOf)
    .sort();
  return days[0] ?? null;
}

/**
 * The day nearest `asOf` on which one of `edges` is in force (as `undated` counts undated ones): the first
 * such day after it, or else the last one before it; null when none ever is.
 */
export function dayWithSomething(asOf: string, edges: readonly GraphEdge[], undated: Undated): string | null {
  const inForce = (day: string) =>
    edges.some((edge) => {
      try {
        return isValidOn(
          day,
          edge.validFrom,
          edge.validTo,
          undated,
          edge.sources.map((source) => source.published),
        );
      } catch {
        return false; // a date the explorer cannot read is not offered
      }
    });
  const starts = [
    ...new Set(edges.map((edge) => startDay(edge, undated)).filter((day): day is string => day !== null)),
  ].sort();
  const later = starts.find((day) => day > asOf && inForce(day));
  if (later) return later;
  return starts.filter((day) => day < asOf && inForce(day)).at(-1) ?? null;
}
