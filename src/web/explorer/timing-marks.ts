/**
 * Performance marks along the explorer's way from a chosen search hit to a settled drawing, left on the page's
 * User Timing timeline (`performance.mark`) for the browser bench (bench/explorer-bench.ts) and for anyone
 * profiling in the browser's Performance panel. A mark costs next to nothing; each name keeps only its latest
 * mark, so a long session does not pile them up.
 */

/** The marks, in the order a load passes them. */
export const TIMING_MARKS = {
  /** The reader chose a hit in the main search box. */
  hitChosen: "kg:hit-chosen",
  /** The neighbourhood's request was sent. */
  requested: "kg:neighbourhood-requested",
  /** Its answer arrived (parsed). */
  fetched: "kg:neighbourhood-fetched",
  /** The drawing's elements were added to Cytoscape. */
  added: "kg:elements-added",
  /** The layout finished (positions final). */
  laidOut: "kg:layout-done",
  /** The first frame after the layout was painted: the drawing is settled on screen. */
  drawn: "kg:drawn",
} as const;

export type TimingMark = (typeof TIMING_MARKS)[keyof typeof TIMING_MARKS];

/** The steps the bench reports, each from one mark to the next (or to the last, for the whole way). */
export const TIMING_STEPS: readonly { readonly name: string; readonly from: TimingMark; readonly to: TimingMark }[] = [
  { name: "wait before request", from: TIMING_MARKS.hitChosen, to: TIMING_MARKS.requested },
  { name: "fetch", from: TIMING_MARKS.requested, to: TIMING_MARKS.fetched },
  { name: "render and add", from: TIMING_MARKS.fetched, to: TIMING_MARKS.added },
  { name: "layout", from: TIMING_MARKS.added, to: TIMING_MARKS.laidOut },
  { name: "paint", from: TIMING_MARKS.laidOut, to: TIMING_MARKS.drawn },
  { name: "hit to settled drawing", from: TIMING_MARKS.hitChosen, to: TIMING_MARKS.drawn },
];

/** Leaves the mark `name` (replacing an earlier one of that name); nothing where User Timing is missing. */
export function markTiming(name: TimingMark): void {
  if (typeof performance === "undefined" || typeof performance.mark !== "function") return;
  performance.clearMarks(name);
  performance.mark(name);
}

/**
 * The steps' durations in milliseconds from marks' start times (`performance.getEntriesByType("mark")` read
 * as name → startTime); a step whose marks are missing or out of order is left out.
 */
export function timingSteps(marks: Readonly<Record<string, number>>): Record<string, number> {
  const steps: Record<string, number> = {};
  for (const step of TIMING_STEPS) {
    const [from, to] = [marks[step.from], marks[step.to]];
    if (from !== undefined && to !== undefined && to >= from) steps[step.name] = to - from;
  }
  return steps;
}
