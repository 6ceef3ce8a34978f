/**
 * The write path for inputs too large for one transaction (a million-record import): the same checks,
 * planners, writers and history as `writeGraph`, with one transaction per batch instead of one for the whole
 * input. Asked for with `WriteOptions.batched` (`npm run kg -- import --batched`, the benchmark's import).
 *
 * 1. The whole input is prepared first by the same step `writeGraph` takes (prepare-input.ts: relationship
 *    ends named by external id resolved to our ids, then every record's fields, ids within the input,
 *    references, id clashes, restricted fields checked against the input and the graph together); any
 *    problem and nothing is written (`RejectedWrite`, every problem as data).
 * 2. Then sources, then entities, then relationships are read again and written BATCH records at a time.
 *    Each batch is one transaction that looks up the stored state of its own records, plans them with the
 *    same rules (new records are created; records already stored — an import run again — are unchanged,
 *    changed, corroborated or in conflict as always), writes them, records a `Change` for each, and raises
 *    the graph's version. Two batches are in flight at a time, so Neo4j writes one while the next is
 *    planned and sent; a batch that meets a deadlock with the other is run again.
 *
 * Into an EMPTY graph (a first load), every record is new by construction — the check found none of its
 * ids stored, and the graph had none — so batches skip the stored-state lookups, and the indexes a first
 * load need not maintain entry by entry (the full-text index over names, the history's and the
 * relationships' id indexes: `DEFERRABLE_INDEXES`) are dropped for the load and built once at its end, as
 * Neo4j's bulk-loading advice goes; search answers only once they are back. Writing an entity into the
 * full-text index cost more than writing the entity (docs/benchmarks.md).
 *
 * What differs from one transaction, as documented in docs/import-export.md: a batch that fails (Neo4j stopped, an
 * end of a relationship deleted by someone else since the check) stops the import with the batches before
 * it committed — when Neo4j went away, `WriteInterrupted` names them, and a batch whose commit was sent is
 * never run again (it may have taken) —; running the same import again finishes it, since what was written
 * plans as unchanged. All
 * batches share one `writeId`, so the history shows one write. A dry run checks everything and plans each
 * batch in a transaction that is rolled back.
 */
import { randomUUID } from "node:crypto";
import { Neo4jError, type Transaction } from "neo4j-driver";
import { type Database, dropDeferrableIndexes, ensureSchemaIndexes } from "../database/index.js";
import { ENTITY_LABEL, SOURCE_LABEL } from "../graph-data/index.js";
import type { Section, SectionRecord } from "../graph-data/index.js";
import { recheckedRecords } from "./check-input.js";
import { applyWrites } from "./cypher-writer.js";
import { bumpGraphVersion } from "./graph-version.js";
import { writeChanges } from "./history-writer.js";
import type { PlanOptions, PlannedItem } from "./plan.js";
import { planBatch } from "./plan-batch.js";
import { prepareInput } from "./prepare-input.js";
import { type StoredLookup, memoryLookup, transactionLookup } from "./stored-state.js";
import { type WriteInput, type WriteOptions, WriteInterrupted, isInterruption } from "./write-input.js";
import { ReportBuilder, type WriteReport } from "./write-report.js";

/** Records per transaction: large enough that per-transaction costs vanish, small enough for any heap. */
export const BATCH = 10_000;
/** Transactions in flight at once. */
const IN_FLIGHT = 2;
/** A batch that meets a deadlock (two batches locking the same hub nodes) is run again, this many times. */
const ATTEMPTS = 20;
/** How long the indexes dropped for a first load may take to be built again (a million entities: minutes). */
const INDEX_BUILD_SECONDS = 3_600;

class DryRunRollback extends Error {
  constructor(readonly items: PlannedItem[]) {
    super("dry run");
  }
}

function isTransient(error: unknown): boolean {
  return error instanceof Neo4jError && (error.retriable || error.code.startsWith("Neo.TransientError"));
}

export async function writeInBatches(db: Database, input: WriteInput, options: WriteOptions): Promise<WriteReport> {
  if ((input.deletions ?? []).length > 0) throw new Error("batched writes take no deletions");
  if (input.guard) throw new Error("batched writes take no checks of their own");
  // A patch completes each record from its stored state in the transaction that writes it (writeGraph refuses it).
  if (options.mode === "patch") throw new Error("batched writes write whole records (mode replace)");
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };

  // 1. Resolve external-id ends and check the whole input against the graph, exactly as one transaction
  //    would (prepare-input.ts), in a transaction that writes nothing; the batches read the resolved input.
  const { prepared, empty } = await db
    .writeOnce(async (tx) => {
      const result = await tx.run(`MATCH (n) WHERE n:${ENTITY_LABEL} OR n:${SOURCE_LABEL} RETURN n LIMIT 1`);
      return {
        empty: result.records.length === 0,
        prepared: await prepareInput(tx, transactionLookup(tx), input, options),
      };
    }, timeout)
    .catch((error: unknown) => {
      // It writes nothing, so nothing was written whenever it failed.
      throw isInterruption(error) ? new WriteInterrupted(error, "nothing", input.reader.fileName) : error;
    });
  const { checked } = prepared;
  input = prepared.input;
  options.onChecked?.(checked.records.sources + checked.records.entities + checked.records.relationships);
  const firstLoad = empty && !options.dryRun;
  // Nothing stored under any id of the input: the batches need not ask.
  const lookupIn = (tx: Transaction): StoredLookup => (firstLoad ? memoryLookup() : transactionLookup(tx));

  // 2. Write batch by batch.
  const writeId = randomUUID();
  const meta = { writeId, actor: options.actor, origin: options.origin };
  const plan: PlanOptions = {
    actor: options.actor,
    staff: options.staff,
    keepOthersEdits: options.keepOthersEdits ?? false,
  };
  const report = new ReportBuilder({ mode: "replace", warn: true, maxListed: options.maxListed ?? 1_000 });
  let graphVersion: number | null = null;
  let done = 0;
  // Which batches committed, by section and number, for the report of an interrupted write.
  const ledger = {
    batchSize: BATCH,
    committed: { sources: [] as number[], entities: [] as number[], relationships: [] as number[] },
    uncertain: { sources: [] as number[], entities: [] as number[], relationships: [] as number[] },
  };

  const note = (planned: readonly PlannedItem[]) => {
    for (const item of planned) report.note(item);
  };

  /** One batch, one transaction: plan against what is stored, write, record, raise the version. */
  const writeBatch = async (
    section: Section,
    batch: readonly SectionRecord[Section][],
    number: number,
  ): Promise<void> => {
    for (let attempt = 1; ; attempt += 1) {
      // Set when the batch's work is done and its commit is sent: a failure after it may have committed.
      let committing = false;
      try {
        const planned = await db.writeOnce(async (tx: Transaction) => {
          const items = await planBatch(lookupIn(tx), section, batch, plan);
          if (options.dryRun) throw new DryRunRollback(items);
          const writes = items.flatMap((item) => (item.write ? [item.write] : []));
          if (writes.length > 0) {
            await applyWrites(tx, writes, options.actor);
            await writeChanges(tx, items, meta);
            const version = await bumpGraphVersion(tx, writeId);
            graphVersion = Math.max(graphVersion ?? 0, version);
          }
          committing = true;
          return items;
        }, timeout);
        note(planned);
        if (!options.dryRun) ledger.committed[section].push(number);
        break;
      } catch (error) {
        if (error instanceof DryRunRollback) {
          note(error.items);
          break;
        }
        // A commit that may have taken is never run again: into an empty graph its records would be written twice.
        if (committing && isInterruption(error)) {
          ledger.uncertain[section].push(number);
          throw error;
        }
        if (!isTransient(error) || attempt >= ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
      }
    }
    done += batch.length;
    options.onProgress?.(done);
  };

  if (firstLoad) await dropDeferrableIndexes(db);
  let failure: { error: unknown } | undefined;
  try {
    await writeSections();
  } catch (error) {
    failure = { error };
  }
  // Back whatever happened: a load stopped half-way leaves a graph that must be searchable. When Neo4j itself
  // went away this fails too: the write's own failure is what to report (the next start builds them).
  let indexesLeft = false;
  if (firstLoad) {
    try {
      await ensureSchemaIndexes(db, INDEX_BUILD_SECONDS);
    } catch (error) {
      if (!failure) throw error;
      indexesLeft = true;
    }
  }
  if (failure) {
    throw isInterruption(failure.error)
      ? new WriteInterrupted(failure.error, ledger, input.reader.fileName, indexesLeft)
      : failure.error;
  }

  async function writeSections(): Promise<void> {
    for (const section of ["sources", "entities", "relationships"] as const) {
      // A section's batches go out IN_FLIGHT at a time; the next section waits for all of them (relationships
      // find their ends by id, so every entity must be committed first).
      const inFlight = new Set<Promise<void>>();
      let failed: Error | undefined;
      let batch: SectionRecord[typeof section][] = [];
      let sent = 0;
      const send = async () => {
        if (batch.length === 0) return;
        const pending = writeBatch(section, batch, (sent += 1)).then(
          () => undefined,
          (error: unknown) => {
            failed ??= error instanceof Error ? error : new Error("a batch failed", { cause: error });
          },
        );
        batch = [];
        const tracked = pending.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      };
      try {
        for await (const record of recheckedRecords(input.reader, section)) {
          if (failed !== undefined) break;
          batch.push(record);
          if (batch.length >= BATCH) await send();
        }
        if (failed === undefined) await send();
      } finally {
        // Whatever stopped the reading, the batches already sent finish before anything else happens.
        await Promise.allSettled(inFlight);
      }
      if (failed !== undefined) throw failed;
    }
  }

  return {
    writeId: options.dryRun ? null : writeId,
    graphVersion: options.dryRun ? null : graphVersion,
    dryRun: options.dryRun,
    mode: "replace",
    input: input.reader.fileName,
    records: checked.records,
    counts: report.counts,
    items: report.items,
    warnings: report.warnings,
    truncated: report.truncated,
    batched: true,
  };
}
