/**
 * `npm run kg` without a database: every argument the command refuses before it connects (exit 2, the
 * reason, then the usage), what it says with no command or an unknown one, and the progress lines it writes
 * to a log. The command module runs in this process, once per case (a query string makes each import a fresh
 * evaluation of kg.ts while its imports stay loaded: spawning a Node per case took minutes on a busy machine),
 * with `process.argv` set and `process.exit` recorded instead of exiting. NEO4J_URI points at a closed port,
 * so a case that wrongly got as far as the database would fail at once instead of starting a local Neo4j.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createProgress } from "../../src/cli/progress.js";

interface Run {
  readonly code: number | undefined;
  /** What went to stderr through console.error, one entry per call. */
  readonly errors: readonly unknown[];
  readonly stdout: string;
}

let evaluation = 0;

/** Runs `kg ARGS` in this process and resolves with the exit code it asked for and what it said. */
async function kg(args: readonly string[]): Promise<Run> {
  const errors: unknown[] = [];
  let stdout = "";
  const argv = process.argv;
  process.argv = [process.execPath, "kg.ts", ...args];
  vi.stubEnv("NEO4J_URI", "bolt://127.0.0.1:1");
  vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => {
    errors.push(parts.length === 1 ? parts[0] : parts);
  });
  vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => {
    stdout += `${parts.join(" ")}\n`;
  });
  const exited = new Promise<number | undefined>((resolve) => {
    vi.spyOn(process, "exit").mockImplementation((code?: string | number | null) => {
      resolve(code === undefined || code === null ? undefined : Number(code));
      return undefined as never;
    });
  });
  try {
    evaluation += 1;
    // Without a command the module goes on past the (recorded) exit and fails: only the exit matters.
    const module = `../../src/cli/kg.js?case=${evaluation}`;
    await import(/* @vite-ignore */ module).catch(() => undefined);
    const code = await exited;
    return { code, errors, stdout };
  } finally {
    process.argv = argv;
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  }
}

const USAGE_START = "Usage:\n  npm run kg -- import FILE";

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "kg-cli-test-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("kg: commands", () => {
  it("with no command prints the usage and succeeds (asking for help is not an error)", async () => {
    const run = await kg([]);
    expect(run.code).toBe(0);
    expect(run.errors).toHaveLength(1);
    expect(String(run.errors[0]).startsWith(USAGE_START)).toBe(true);
    expect(run.stdout).toBe("");
  });

  it("refuses an unknown command with the usage and exit code 2", async () => {
    const run = await kg(["exprot", "--format", "json"]);
    expect(run.code).toBe(2);
    expect(run.errors).toHaveLength(1);
    expect(String(run.errors[0]).startsWith(USAGE_START)).toBe(true);
  });
});

/** Each row: the arguments, and the first line of what the command says (then the usage). */
const REFUSED: [string, string[], string][] = [
  ["import without a file", ["import"], "import takes exactly one FILE"],
  ["import with two files", ["import", "a.yaml", "b.yaml"], "import takes exactly one FILE"],
  [
    "import both --patch and --replace",
    ["import", "a.yaml", "--patch", "--replace"],
    "--patch and --replace exclude each other: choose one",
  ],
  [
    "import --patch --batched",
    ["import", "a.yaml", "--patch", "--batched"],
    "--patch cannot be --batched: a patch completes each record from the graph in the one transaction that writes it",
  ],
  [
    "import of a file whose format cannot be told",
    ["import", "graph.txt"],
    "cannot tell the format of graph.txt: use a .yaml, .json or .csv file, or --format",
  ],
  [
    "import with an unknown --format",
    ["import", "graph.yaml", "--format", "xml"],
    "cannot tell the format of graph.yaml: use a .yaml, .json or .csv file, or --format",
  ],
  ["export without --format", ["export"], "--format must be one of json, csv, gephi, graphml, gexf, geojson"],
  [
    "export with an unknown format",
    ["export", "--format", "xlsx"],
    "--format must be one of json, csv, gephi, graphml, gexf, geojson",
  ],
  ["export with a positional argument", ["export", "--format", "json", "out.json"], "unexpected out.json"],
  ["export --as-of a month", ["export", "--format", "json", "--as-of", "2019-06"], "--as-of must be a day, YYYY-MM-DD"],
  [
    "export --as-of a day that does not exist",
    ["export", "--format", "json", "--as-of", "2019-02-30"],
    "--as-of must be a day, YYYY-MM-DD",
  ],
  [
    "export --as-of in another notation",
    ["export", "--format", "json", "--as-of", "30.6.2019"],
    "--as-of must be a day, YYYY-MM-DD",
  ],
  [
    "export --table for a format without tables",
    ["export", "--format", "json", "--table", "nodes"],
    "--table is nodes or edges, and only for --format gephi",
  ],
  [
    "export --table that is neither nodes nor edges",
    ["export", "--format", "gephi", "--table", "both"],
    "--table is nodes or edges, and only for --format gephi",
  ],
  [
    "export of both Gephi tables to stdout",
    ["export", "--format", "gephi"],
    "--format gephi writes two files: give --out FOLDER, or --table nodes|edges for stdout",
  ],
  ["changes --limit 0", ["changes", "--limit", "0"], "--limit must be 1–10000"],
  ["changes --limit above the cap", ["changes", "--limit", "10001"], "--limit must be 1–10000"],
  ["changes --limit that is not a whole number", ["changes", "--limit", "2.5"], "--limit must be 1–10000"],
  ["changes --limit that is not a number", ["changes", "--limit", "all"], "--limit must be 1–10000"],
  ["backup without --out", ["backup"], "backup takes --out FILE"],
  ["backup with a positional file", ["backup", "--out", "a.jsonl", "b.jsonl"], "backup takes --out FILE"],
  ["restore without a file", ["restore"], "restore takes exactly one FILE"],
  ["restore with two files", ["restore", "a.jsonl", "b.jsonl"], "restore takes exactly one FILE"],
  ["erase without a reason", ["erase", "ann"], "erase takes ID --reason TEXT, or --replay FILE"],
  [
    "erase with two ids",
    ["erase", "ann", "bob", "--reason", "request 7"],
    "erase takes ID --reason TEXT, or --replay FILE",
  ],
  [
    "erase --replay with an id",
    ["erase", "ann", "--replay", "e.jsonl"],
    "erase takes ID --reason TEXT, or --replay FILE",
  ],
  ["erasures with an argument", ["erasures", "ann"], "erasures takes no argument"],
  ["enrich with a file", ["enrich", "places.yaml"], "enrich takes no file"],
  ["enrich --out without --curated", ["enrich", "--out", "x.yaml"], "--out goes with --curated"],
  ["crowd with a file", ["crowd", "relations.tsv"], "crowd takes no file (--dir names the dataset's folder)"],
  ["crowd --out without --match-curated", ["crowd", "--out", "x.yaml"], "--out goes with --match-curated"],
  [
    "crowd --match-curated as a dry run",
    ["crowd", "--match-curated", "--dry-run"],
    "--match-curated writes a file, not the graph: no --dry-run",
  ],
  ["merge without ids", ["merge"], "merge takes KEEP_ID and MERGE_ID"],
  ["merge with one id", ["merge", "helsinki"], "merge takes KEEP_ID and MERGE_ID"],
  ["merge with three ids", ["merge", "a", "b", "c"], "merge takes KEEP_ID and MERGE_ID"],
  [
    "enrich --curated --dry-run",
    ["enrich", "--curated", "--dry-run"],
    "--curated writes a file, not the graph: no --dry-run",
  ],
  // Regression: node:util's own refusals printed a stack trace and exited 1, without the usage.
  ["a misspelt option", ["export", "--fromat", "json"], "Unknown option '--fromat'"],
  ["an option without its value", ["export", "--format"], "Option '--format <value>' argument missing"],
  ["a value given to a flag", ["import", "a.yaml", "--dry-run=yes"], "Option '--dry-run' does not take an argument"],
];

describe("kg: arguments refused before anything is read or connected", () => {
  it.each(REFUSED)("%s", async (_case, args, reason) => {
    const run = await kg(args);
    expect(run.code).toBe(2);
    // One message: the reason on its first line, a blank line, then the usage (no stack trace, no error object).
    expect(run.errors).toHaveLength(1);
    expect(typeof run.errors[0]).toBe("string");
    const [first, blank, ...usage] = String(run.errors[0]).split("\n");
    expect(first).toContain(reason);
    expect(blank).toBe("");
    expect(usage.join("\n").startsWith(USAGE_START)).toBe(true);
    expect(run.stdout).toBe("");
  });

  it.each([
    ["a backup to a folder that does not exist", ["backup", "--out", "missing/backup.jsonl"], "missing"],
    ["a restore of a file that does not exist", ["restore", "absent.jsonl"], "absent.jsonl"],
  ])(
    "%s fails on opening the file (exit 1), before connecting, in one line",
    async (_case, [command, ...args], named) => {
      const run = await kg([command!, ...args.map((arg) => (arg.includes(".") ? path.join(scratch, arg) : arg))]);
      expect(run.code).toBe(1);
      expect(run.errors).toEqual([
        expect.stringMatching(new RegExp(`^ENOENT: no such file or directory, \\w+ '.*${named}'$`)),
      ]);
    },
  );
});

describe("progress on a log (not a terminal)", () => {
  let written: string[];
  let restoreTty: () => void;

  function capture(): void {
    written = [];
    const tty = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");
    Object.defineProperty(process.stderr, "isTTY", { value: false, configurable: true });
    restoreTty = () => {
      if (tty) Object.defineProperty(process.stderr, "isTTY", tty);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    };
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
  }

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    restoreTty?.();
  });

  it("writes a line at once, then at most one every five seconds, and always the last", () => {
    capture();
    const progress = createProgress("Exporting", 100);
    vi.setSystemTime(new Date("2026-01-01T00:00:10Z"));
    progress.advance(10); // the first line: 10 in 10 s, 90 to go
    vi.setSystemTime(new Date("2026-01-01T00:00:12Z"));
    progress.advance(10); // 2 s later: quiet
    vi.setSystemTime(new Date("2026-01-01T00:00:16Z"));
    progress.advance(20); // 6 s after the last line: 40 in 16 s
    progress.advance(59); // at once: quiet
    progress.advance(1); // the end: said at once
    progress.stop();
    expect(written).toEqual([
      "Exporting: 10/100 (10%), 1/s, ETA 90 s\n",
      "Exporting: 40/100 (40%), 3/s, ETA 24 s\n",
      "Exporting: 100/100 (100%), 6/s, ETA 0 s\n",
    ]);
  });

  it("writes nothing when silent", () => {
    capture();
    const progress = createProgress("Importing", 3, "silent");
    progress.advance(3);
    progress.stop();
    expect(written).toEqual([]);
  });
});
