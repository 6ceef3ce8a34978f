/**
 * What changed between two days, in a reader's groups: relationships that started, those that ended, and those
 * whose status changed — a suspension (a record with status `suspended` starting) is not a new partnership, and
 * the end of a suspension, or a record in force again after one, is a resumption. The API's `compare` answers
 * records that started and ended; this sorts them.
 */
import type { GraphDiff, GraphEdge } from "./api.js";

export interface GroupedChanges {
  readonly started: readonly GraphEdge[];
  readonly ended: readonly GraphEdge[];
  /** Suspensions that began between the days. */
  readonly suspended: readonly GraphEdge[];
  /** Suspensions that ended, and records in force again after a suspension that ended between the days. */
  readonly resumed: readonly GraphEdge[];
}

/** The tie a record is a period of: its type and its two ends. */
function tieOf(edge: GraphEdge): string {
  return `${edge.type}|${edge.fromId}|${edge.toId}`;
}

export function groupChanges(diff: Pick<GraphDiff, "started" | "ended">): GroupedChanges {
  const suspended = diff.started.filter((edge) => edge.status === "suspended");
  const suspensionsEnded = diff.ended.filter((edge) => edge.status === "suspended");
  const resumedTies = new Set(suspensionsEnded.map(tieOf));
  const restarted = diff.started.filter((edge) => edge.status !== "suspended" && resumedTies.has(tieOf(edge)));
  return {
    started: diff.started.filter((edge) => edge.status !== "suspended" && !resumedTies.has(tieOf(edge))),
    ended: diff.ended.filter((edge) => edge.status !== "suspended"),
    suspended,
    resumed: [...suspensionsEnded, ...restarted],
  };
}

/** How the graph marks each compared relationship (graph-view.tsx): started, ended, or status changed. */
export type ChangeMark = "started" | "ended" | "changed";

export function changeMarks(diff: Pick<GraphDiff, "started" | "ended"> | null): Map<string, ChangeMark> {
  const marks = new Map<string, ChangeMark>();
  if (!diff) return marks;
  const groups = groupChanges(diff);
  for (const edge of groups.started) marks.set(edge.id, "started");
  for (const edge of groups.ended) marks.set(edge.id, "ended");
  for (const edge of [...groups.suspended, ...groups.resumed]) marks.set(edge.id, "changed");
  return marks;
}
