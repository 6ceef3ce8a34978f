/**
 * The explorer bench's parsing and report (bench/explorer-report.ts) and the explorer's timing marks
 * (timing-marks.ts): marks become steps, runs become p50 / max per size, the table lands between its markers.
 * Not the timings themselves.
 */
import { describe, expect, it } from "vitest";
import {
  EXPLORER_END,
  EXPLORER_START,
  type ExplorerBenchResult,
  type ExplorerRun,
  explorerSection,
  explorerTable,
  replaceExplorerSection,
  runSteps,
  spread,
  topSelfTime,
} from "../../bench/explorer-report.js";
import { TIMING_MARKS, timingSteps } from "../../src/web/explorer/timing-marks.js";

const MARKS = [
  { name: "navigationStart-ish", startTime: 1 },
  { name: TIMING_MARKS.hitChosen, startTime: 1000 },
  { name: TIMING_MARKS.requested, startTime: 1120 },
  { name: TIMING_MARKS.fetched, startTime: 1180.04 },
  { name: TIMING_MARKS.added, startTime: 1200 },
  { name: TIMING_MARKS.laidOut, startTime: 1500 },
  { name: TIMING_MARKS.drawn, startTime: 1520 },
];

const run = (size: number, total: number, extra: Partial<ExplorerRun> = {}): ExplorerRun => ({
  size,
  drawnNodes: size,
  drawnEdges: size * 2,
  searchMs: 200,
  steps: { "hit to settled drawing": total, layout: total / 2 },
  ...extra,
});

const RESULT: ExplorerBenchResult = {
  label: "before",
  date: "2026-12-08T04:20:00.000Z",
  uptime: " 04:20:00 up 9:00,  load average: 9.41, 12.18, 14.08\n",
  chromium: "Chromium 1 (test)",
  runsPerSize: 3,
  runs: [
    run(50, 100),
    run(50, 300),
    run(50, 200),
    run(1000, 2000, { mapMs: 400, dashboardMs: 90 }),
    run(1000, 1000, { mapMs: 500, dashboardMs: 80 }),
    run(1000, 3000, { mapMs: 300, dashboardMs: 70 }),
  ],
};

describe("the explorer's timing marks", () => {
  it("turns marks into steps, from the chosen hit to the settled drawing", () => {
    expect(runSteps(MARKS)).toEqual({
      "wait before request": 120,
      fetch: 60,
      "render and add": 20,
      layout: 300,
      paint: 20,
      "hit to settled drawing": 520,
    });
  });

  it("leaves out a step whose marks are missing or out of order", () => {
    const steps = timingSteps({ [TIMING_MARKS.hitChosen]: 50, [TIMING_MARKS.requested]: 40 });
    expect(steps).toEqual({});
  });
});

describe("the explorer bench's report", () => {
  it("takes the lower middle as p50 (a measured value) and the maximum", () => {
    expect(spread([3, 1, 2])).toEqual({ p50: 2, max: 3 });
    expect(spread([4, 1, 3, 2])).toEqual({ p50: 2, max: 4 });
    expect(spread([])).toEqual({ p50: Number.NaN, max: Number.NaN });
  });

  it("tabulates p50 / max per size, the views only where measured", () => {
    expect(explorerTable(RESULT).split("\n")).toEqual([
      "| ms, p50 / max of 3 runs | 50 nodes, 100 rel. | 1000 nodes, 2000 rel. |",
      "|---|---|---|",
      "| search typed to hit listed | 200 / 200 | 200 / 200 |",
      "| layout | 100 / 150 | 1000 / 1500 |",
      "| **hit to settled drawing** | 200 / 300 | 2000 / 3000 |",
      "| map view drawn |  | 400 / 500 |",
      "| dashboard drawn |  | 80 / 90 |",
    ]);
  });

  it("heads each result with its label, date and the machine's load", () => {
    expect(explorerSection([RESULT])).toMatch(
      /^#### before \(2026-12-08\)\n\nChromium 1 \(test\); `uptime`: 04:20:00 up 9:00, {2}load average: 9\.41, 12\.18, 14\.08\n\n\| ms/,
    );
  });

  it("replaces what is between its markers, and appends them when absent", () => {
    const doc = `# B\n\n${EXPLORER_START}\n\nold\n\n${EXPLORER_END}\n\n## After\n`;
    expect(replaceExplorerSection(doc, "new")).toBe(`# B\n\n${EXPLORER_START}\n\nnew\n\n${EXPLORER_END}\n\n## After\n`);
    expect(replaceExplorerSection("# B\n", "new")).toBe(`# B\n\n${EXPLORER_START}\n\nnew\n\n${EXPLORER_END}\n`);
  });
});

describe("the explorer bench's profile summary", () => {
  it("adds up self time per function, most first", () => {
    const frame = (functionName: string, url = "http://x/assets/explorer-abc.js", lineNumber = 9) => ({
      functionName,
      url,
      lineNumber,
    });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", "") },
        { id: 2, callFrame: frame("tick") },
        { id: 3, callFrame: frame("", "http://x/assets/explorer-abc.js", 0) },
      ],
      samples: [2, 3, 2, 1],
      timeDeltas: [0, 1000, 2500, 500],
    };
    expect(topSelfTime(profile, 2)).toEqual(
      [
        { where: "tick (explorer-abc.js:10)", ms: 1.5 },
        { where: "(anonymous) (explorer-abc.js:1)", ms: 2.5 },
      ].sort((a, b) => b.ms - a.ms),
    );
  });
});
