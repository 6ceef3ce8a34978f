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
import {
  type EntityRecord,
  ProblemCode,
  type RelationshipRecord,
  type Section,
  type SectionRecord,
  type SourceRecord,
} from "../graph-data/index.js";
import { type Checked, recheckedRecords } from "./check-input.js";
import { applyWrites } from "./cypher-writer.js";
import { refuseUndoingErasure } from "./erase.js";
import { writeInBatches } from "./fast-path.js";
import { bumpGraphVersion } from "./graph-version.js";
import { writeChanges } from "./history-writer.js";
import {
  type PlanOptions,
  type PlannedItem,
  type StoredRelationship,
  planEntity,
  planRelationship,
  planSource,
  sideBySideId,
} from "./plan.js";
import { prepareInput } from "./prepare-input.js";
import { type StoredLookup, transactionLookup } from "./stored-state.js";
import { RejectedWrite, type WriteInput, type WriteMode, WriteInterrupted, isInterruption } from "./write-input.js";
import { ReportBuilder, type WriteReport } from "./write-report.js";

export { RejectedWrite, type WriteInput, type WriteMode, WriteInterrupted } from "./write-input.js";
export { type WriteCounts, type ItemReport, type WriteReport, type WriteWarning, WarningCode } from "./write-report.js";

export interface WriteOptions {
  /** Check and plan everything, report, and change nothing. */
  readonly dryRun: boolean;
  /** Who writes: a token's `sub`, `cli:<user>`, `seed`. Recorded on records and in the history. */
  readonly actor: string;
  /** From where: `file:<name>`, `graphql:<request id>`. */
  readonly origin: string;
  /** The writer has the `staff` role: may write personal contact details. */
  readonly staff: boolean;
  /** The seed: keep records someone else wrote since, and report them as conflicts. */
  readonly keepOthersEdits?: boolean;
  /**
   * How a record written again meets the stored one (write-input.ts): `replace` (the default: the record as
   * given is the whole record) or `patch` (fields left out are kept, null clears).
   */
  readonly mode?: WriteMode;
  /**
   * Put records exactly as given (undoing a write), without the merge and conflict rules, restricted fields
   * included whoever writes: the records come from the history, not from the writer, and the report still
   * names no restricted field to a writer without `staff`. Implies mode `replace`.
   */
  readonly replace?: boolean;
  /** At most this many records deleted, cascades included (an editor's limit; unlimited when absent). */
  readonly maxDeletes?: number;
  /** The write this one undoes (recorded on its history). */
  readonly reverts?: string;
  /** At most this many items are listed one by one in the report (all are counted). */
  readonly maxListed?: number;
  /** The transaction's timeout (default: the database's per-transaction timeout). */
  readonly timeoutMs?: number;
  /** Called once the input is checked, with the number of records it holds. */
  readonly onChecked?: (records: number) => void;
  /** Called as records are written, with how many are done. */
  readonly onProgress?: (done: number) => void;
  /** Inputs too large for one transaction: one transaction per batch (fast-path.ts says what changes). */
  readonly batched?: boolean;
}

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

export async function writeGraph(db: Database, input: WriteInput, options: WriteOptions): Promise<WriteReport> {
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
    return writeInBatches(db, input, options, planBatch);
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

/** Plans a batch of checked records against their stored state. */
export async function planBatch(
  lookup: StoredLookup,
  section: Section,
  batch: readonly SectionRecord[Section][],
  options: PlanOptions,
): Promise<PlannedItem[]> {
  if (section === "relationships") {
    const records = batch as RelationshipRecord[];
    const stored = new Map<string, StoredRelationship>();
    for (const type of new Set(records.map((record) => record.type))) {
      const ofType = records.filter((record) => record.type === type);
      const found = await lookup.relationshipsOfType(
        type,
        ofType.flatMap((record) => [record.id, sideBySideId(record)]),
      );
      for (const [id, relationship] of found) stored.set(id, relationship);
    }
    // Two records of one batch may land on the same side-by-side id: plan them one after the other.
    const planned: PlannedItem[] = [];
    const pending = new Map<string, StoredRelationship>();
    for (const record of records) {
      const item = planRelationship((id) => pending.get(id) ?? stored.get(id), record, options);
      if (item.write && item.write.op !== "delete" && item.write.item === "relationship") {
        pending.set(item.id, { type: record.type, from: record.from, to: record.to, props: item.write.props });
      }
      planned.push(item);
    }
    return planned;
  }
  const records = batch as (SourceRecord | EntityRecord)[];
  const stored = await lookup.nodes(records.map((record) => record.id));
  const at = (id: string) => stored.get(id);
  return section === "sources"
    ? (records as SourceRecord[]).map((record) => planSource(at(record.id), record, options))
    : (records as EntityRecord[]).map((record) => planEntity(at(record.id), record, options));
}
