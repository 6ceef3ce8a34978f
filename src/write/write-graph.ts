/**
 * The one write path. Every write — an import file, the seed, an API mutation — is a stream of records
 * (plus, from the API, ids to delete) handed to `writeGraph`, which in ONE explicit transaction:
 * 1. runs the write's own checks, if it has any (an undo's: undo-checks.ts); checks every record's own fields
 *    and the ids within the input (graph-data/check.ts), collecting every problem rather than stopping at the
 *    first;
 * 2. looks up what the graph holds under the ids the input defines or refers to, and checks references, id
 *    clashes and restricted fields against the input and the graph together;
 * 3. checks deletions: a source nothing cites any more, an entity whose relationships go with it;
 * 4. if anything is wrong, rolls back and throws `RejectedWrite` with every problem (data, not prose);
 * 5. otherwise plans each record against its stored state (plan.ts), writes it (cypher-writer.ts) with the
 *    who-and-when stamps, and records a `Change` for every record touched, cascades included
 *    (history-writer.ts); a dry run does all of this and rolls back, so its report is exactly what would
 *    happen.
 * Checks and writes share the transaction, so nothing can change between them. Large inputs are read in
 * passes (never held whole), written in batches of BATCH records, and are all-or-nothing like small ones:
 * Neo4j's transaction memory is the limit (TOO_LARGE says so).
 */
import { randomUUID } from "node:crypto";
import { Neo4jError, type Transaction } from "neo4j-driver";
import type { Database } from "../database/index.js";
import { ProblemCode, type SectionRecord } from "../graph-data/index.js";
import { type Checked, recheckedRecords } from "./check-input.js";
import { applyWrites } from "./cypher-writer.js";
import { refuseUndoingErasure } from "./erase.js";
import { writeInBatches } from "./batched-write.js";
import { bumpGraphVersion } from "./graph-version.js";
import { announcedWrite } from "./version-announce.js";
import { writeChanges } from "./history-writer.js";
import type { PlanOptions, PlannedItem } from "./plan.js";
import { planBatch } from "./plan-batch.js";
import { prepareInput } from "./prepare-input.js";
import { type StoredLookup, transactionLookup } from "./stored-state.js";
import {
  RejectedWrite,
  type WriteInput,
  type WriteMode,
  type WriteOptions,
  WriteInterrupted,
  isInterruption,
} from "./write-input.js";
import { ReportBuilder, type WriteReport } from "./write-report.js";

export { RejectedWrite, type WriteInput, type WriteMode, type WriteOptions, WriteInterrupted } from "./write-input.js";
export { type WriteCounts, type ItemReport, type WriteReport, type WriteWarning, WarningCode } from "./write-report.js";

const BATCH = 1_000;

class DryRunRollback extends Error {
  constructor(readonly report: WriteReport) {
    super("dry run");
  }
}

/** The mode a write runs in: an exact put (an undo) replaces; otherwise as asked, REPLACE by default. */
export function modeOf(options: WriteOptions): WriteMode {
  return options.replace ? "replace" : (options.mode ?? "replace");
}

/**
 * Writes `input` through the one write path. Returns once the write committed AND no API server in push
 * mode can answer with an older version of the graph (version-announce.ts).
 */
export async function writeGraph(db: Database, input: WriteInput, options: WriteOptions): Promise<WriteReport> {
  return announcedWrite(
    () => writeGraphOnce(db, input, options),
    (report) => report.graphVersion !== null,
  );
}

async function writeGraphOnce(db: Database, input: WriteInput, options: WriteOptions): Promise<WriteReport> {
  options = { ...options, mode: modeOf(options) };
  if (options.batched) {
    if (options.mode === "patch") {
      throw new RejectedWrite([
        {
          item: "file",
          id: null,
          field: null,
          code: ProblemCode.NotAllowed,
          message:
            "a patch cannot be written in batches: each record is completed from its stored state inside the one transaction that writes it. Import in one transaction, or write whole records (mode REPLACE).",
        },
      ]);
    }
    return writeInBatches(db, input, options);
  }
  // Set once the work is done and the transaction is being committed: a failure after it leaves the outcome unknown.
  let committing = false;
  try {
    return await db.writeOnce(
      async (tx) => {
        if (options.reverts) await refuseUndoingErasure(tx, options.reverts);
        const lookup = transactionLookup(tx);
        // The write's own checks first (an undo's: nothing later stands on what it would change).
        await input.guard?.(tx, lookup);
        // Relationship ends named by external id (`wikidata:Q1757`) become our ids before anything is checked.
        const prepared = await prepareInput(tx, lookup, input, options);
        const { checked } = prepared;
        options.onChecked?.(checked.records.sources + checked.records.entities + checked.records.relationships);
        const report = await applyInput(tx, lookup, prepared.input, checked, prepared.kept, options);
        if (options.dryRun) throw new DryRunRollback(report);
        committing = true;
        return report;
      },
      options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs },
    );
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    if (error instanceof Neo4jError && error.code.startsWith("Neo.TransientError.General.Memory")) {
      throw new RejectedWrite([
        {
          ...(input.reader.fileName ? { file: input.reader.fileName } : {}),
          item: "file",
          id: null,
          field: null,
          code: ProblemCode.TooLarge,
          message:
            "too large for one transaction with this Neo4j's memory (its transaction memory limit was reached); nothing was changed. Split the input, or give Neo4j more heap (NEO4J_LOCAL_HEAP for the local one; about 6 KB per record).",
        },
      ]);
    }
    if (isInterruption(error))
      throw new WriteInterrupted(error, committing ? "unknown" : "nothing", input.reader.fileName);
    throw error;
  }
}

// ── Writing.

async function applyInput(
  tx: Transaction,
  lookup: StoredLookup,
  input: WriteInput,
  checked: Checked,
  kept: ReadonlyMap<string, readonly string[]>,
  options: WriteOptions,
): Promise<WriteReport> {
  const meta = {
    writeId: randomUUID(),
    actor: options.actor,
    origin: options.origin,
    ...(options.reverts ? { reverts: options.reverts } : {}),
  };
  const plan: PlanOptions = {
    actor: options.actor,
    staff: options.staff,
    keepOthersEdits: options.keepOthersEdits ?? false,
    replace: options.replace ?? false,
  };
  const mode = modeOf(options);
  const report = new ReportBuilder({
    mode,
    warn: mode === "replace" && options.reverts === undefined,
    maxListed: options.maxListed ?? 1_000,
    kept,
  });
  let done = 0;
  let written = 0;
  const commit = async (items: PlannedItem[]) => {
    for (const item of items) report.note(item);
    written += items.filter((item) => item.write).length;
    await applyWrites(
      tx,
      items.flatMap((item) => (item.write ? [item.write] : [])),
      options.actor,
    );
    await writeChanges(tx, items, meta);
  };

  // Sources, then entities, then relationships, whatever order the input has them in.
  for (const section of ["sources", "entities", "relationships"] as const) {
    let batch: SectionRecord[typeof section][] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await commit(await planBatch(lookup, section, batch, plan));
      done += batch.length;
      options.onProgress?.(done);
      batch = [];
    };
    for await (const record of recheckedRecords(input.reader, section)) {
      batch.push(record);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  }
  if (checked.deletions.length > 0) await commit(checked.deletions);
  const graphVersion = written > 0 ? await bumpGraphVersion(tx, meta.writeId) : null;

  return {
    writeId: options.dryRun ? null : meta.writeId,
    graphVersion: options.dryRun ? null : graphVersion,
    dryRun: options.dryRun,
    mode,
    input: input.reader.fileName,
    records: checked.records,
    counts: report.counts,
    items: report.items,
    warnings: report.warnings,
    truncated: report.truncated,
  };
}
