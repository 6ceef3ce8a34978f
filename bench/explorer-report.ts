/**
 * The explorer bench's results (bench/explorer-bench.ts): the marks read from the page turned into step
 * durations, the runs summarised as p50 and max per neighbourhood size, and the table written between markers
 * in docs/benchmarks.md. Pure, so its parsing and its table are unit-tested without a browser.
 */
import { TIMING_STEPS, timingSteps } from "../src/web/explorer/timing-marks.js";

/** One run on one neighbourhood: milliseconds per step (timing-marks.ts), the search's and the views'. */
export interface ExplorerRun {
  readonly size: number;
  /** Nodes and relationships drawn (what the page's Cytoscape holds when settled). */
  readonly drawnNodes: number;
  readonly drawnEdges: number;
  /** Typing the name to the hit listed (includes the search box's pause). */
  readonly searchMs: number;
  readonly steps: Readonly<Record<string, number>>;
  /** Only on the largest neighbourhood: switching to the map and to the dashboard until each has drawn. */
  readonly mapMs?: number;
  readonly dashboardMs?: number;
}

export interface Spread {
  readonly p50: number;
  readonly max: number;
}

export interface ExplorerBenchResult {
  /** "before" or "after" a change, or any other name for a run (the file is explorer-<label>.json). */
  readonly label: string;
  readonly date: string;
  /** What `uptime` said when the runs started (the machine's load). */
  readonly uptime: string;
  readonly chromium: string;
  readonly runsPerSize: number;
  readonly runs: readonly ExplorerRun[];
  /** With `--profile`: the functions with the most self time from the hit chosen to the settled drawing, once. */
  readonly profile?: {
    readonly size: number;
    readonly top: readonly { readonly where: string; readonly ms: number }[];
  };
}

/** Marks read from the page (`performance.getEntriesByType("mark")`) as name → start time. */
export function marksByName(
  entries: readonly { readonly name: string; readonly startTime: number }[],
): Record<string, number> {
  const marks: Record<string, number> = {};
  for (const entry of entries) marks[entry.name] = entry.startTime;
  return marks;
}

/** The step durations of one run, rounded to 0.1 ms. */
export function runSteps(
  entries: readonly { readonly name: string; readonly startTime: number }[],
): Record<string, number> {
  const steps = timingSteps(marksByName(entries));
  for (const name of Object.keys(steps)) steps[name] = Math.round(steps[name]! * 10) / 10;
  return steps;
}

/** The median (the lower middle of an even count, so it is one of the measured values) and the maximum. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { p50: Number.NaN, max: Number.NaN };
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: sorted[Math.floor((sorted.length - 1) / 2)]!, max: sorted.at(-1)! };
}

/** What the table's rows are: the search, each step, then the views. */
export const REPORTED = [
  "search typed to hit listed",
  ...TIMING_STEPS.map((step) => step.name),
  "map view drawn",
  "dashboard drawn",
] as const;

function valuesOf(runs: readonly ExplorerRun[], row: string): number[] {
  const values = runs.map((run) =>
    row === "search typed to hit listed"
      ? run.searchMs
      : row === "map view drawn"
        ? run.mapMs
        : row === "dashboard drawn"
          ? run.dashboardMs
          : run.steps[row],
  );
  return values.filter((value): value is number => value !== undefined);
}

const ms = (value: number): string => (Number.isNaN(value) ? "–" : String(Math.round(value)));

/** A markdown table: a row per step, a column (p50 / max in ms) per neighbourhood size. */
export function explorerTable(result: ExplorerBenchResult): string {
  const sizes = [...new Set(result.runs.map((run) => run.size))].sort((a, b) => a - b);
  const bySize = new Map(sizes.map((size) => [size, result.runs.filter((run) => run.size === size)]));
  const drawn = (size: number) => {
    const first = bySize.get(size)![0]!;
    return `${first.drawnNodes} nodes, ${first.drawnEdges} rel.`;
  };
  const lines = [
    `| ms, p50 / max of ${result.runsPerSize} runs | ${sizes.map(drawn).join(" | ")} |`,
    `|---|${sizes.map(() => "---").join("|")}|`,
  ];
  for (const row of REPORTED) {
    const cells = sizes.map((size) => {
      const values = valuesOf(bySize.get(size)!, row);
      if (values.length === 0) return "";
      const { p50, max } = spread(values);
      return `${ms(p50)} / ${ms(max)}`;
    });
    if (cells.every((cell) => cell === "")) continue;
    const name = row === "hit to settled drawing" ? `**${row}**` : row;
    lines.push(`| ${name} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

/** Every labelled result, each under a heading with its date and the machine's load. */
export function explorerSection(results: readonly ExplorerBenchResult[]): string {
  return results
    .map(
      (result) =>
        `#### ${result.label} (${result.date.slice(0, 10)})\n\n` +
        `${result.chromium}; \`uptime\`: ${result.uptime.trim()}\n\n${explorerTable(result)}` +
        (result.profile
          ? `\n\nSelf time, ${result.profile.size} nodes, one run (CDP Profiler): ` +
            result.profile.top.map((entry) => `\`${entry.where}\` ${Math.round(entry.ms)} ms`).join(", ")
          : ""),
    )
    .join("\n\n");
}

export const EXPLORER_START = "<!-- explorer:start (written by npm run bench:explorer) -->";
export const EXPLORER_END = "<!-- explorer:end -->";

/** `doc` with the text between the explorer markers replaced by `section` (the markers appended when absent). */
export function replaceExplorerSection(doc: string, section: string): string {
  const block = `${EXPLORER_START}\n\n${section}\n\n${EXPLORER_END}`;
  const start = doc.indexOf(EXPLORER_START);
  const end = doc.indexOf(EXPLORER_END);
  if (start >= 0 && end > start) return doc.slice(0, start) + block + doc.slice(end + EXPLORER_END.length);
  return `${doc.trimEnd()}\n\n${block}\n`;
}

/** The parts of a CPU profile (CDP `Profiler.stop`) that self time is read from. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  }[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/**
 * The functions with the most self time in `profile`, in milliseconds, as `name (file:line)`; the file is the
 * script's last path segment (the explorer's bundle is one file, so the function names carry the meaning).
 */
export function topSelfTime(profile: CpuProfile, count: number): { readonly where: string; readonly ms: number }[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let index = 0; index < samples.length; index++) {
    // A sample's time is the gap to the next sample.
    const micros = deltas[index + 1] ?? 0;
    const frame = byNode.get(samples[index]!);
    if (!frame) continue;
    const file = frame.url.split("/").at(-1) || "(native)";
    const where = `${frame.functionName || "(anonymous)"} (${file}:${frame.lineNumber + 1})`;
    self.set(where, (self.get(where) ?? 0) + micros / 1000);
  }
  return [...self]
    .map(([where, ms]) => ({ where, ms: Math.round(ms * 10) / 10 }))
    .sort((a, b) => b.ms - a.ms || (a.where < b.where ? -1 : 1))
    .slice(0, count);
}
