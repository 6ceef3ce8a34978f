/**
 * What a write takes (its input and options) and how it is refused or interrupted: shared by the checking and
 * the writing halves of the write path, one transaction or batched.
 */
import { Neo4jError, type Transaction } from "neo4j-driver";
import type { Problem, RecordReader, Section } from "../graph-data/index.js";
import type { StoredLookup } from "./stored-state.js";

/**
 * How a record written again meets the stored one (docs/import-export.md → Patch or replace):
 * - `replace`: the record as given is the whole record; a field it leaves out is removed (a file that states
 *   everything, the seed, an undo). The report lists what that removes (`removed`) and warns about it.
 * - `patch`: a field left out keeps its stored value; a field given as null is cleared; a list given (aliases,
 *   external ids, an entity's sources, a relationship's citations) is the whole list, a list left out is kept.
 *   The record is completed from its stored state before it is checked (patch-input.ts), so every rule holds
 *   for the record as it will be stored.
 */
export type WriteMode = "patch" | "replace";

/** How a write runs: who writes, from where, how records meet the stored ones, and its limits. */
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
  /** Inputs too large for one transaction: one transaction per batch (batched-write.ts says what changes). */
  readonly batched?: boolean;
}

export interface WriteInput {
  readonly reader: RecordReader;
  /** Ids of sources, entities or relationships to delete (an entity's relationships go with it). */
  readonly deletions?: readonly string[];
  /**
   * Checks of the write's own, run in its transaction before the input is checked; throws `RejectedWrite` to
   * refuse it. An undo's (undo-checks.ts): the graph is still as the undone write left it, and no later write
   * builds on what the undo would remove or change (CHANGED_SINCE).
   */
  readonly guard?: (tx: Transaction, lookup: StoredLookup) => Promise<void>;
}

/** A write refused: every problem found, nothing changed. */
export class RejectedWrite extends Error {
  constructor(
    readonly problems: readonly Problem[],
    /** Problems found beyond the ones listed. */
    readonly omitted = 0,
    /** Said after the count: what to do about all of them at once (an undo: the later writes to undo first). */
    readonly note?: string,
  ) {
    super(`The write has ${problems.length + omitted} problem(s); nothing was changed.${note ? ` ${note}` : ""}`);
    this.name = "RejectedWrite";
  }
}

/** Driver error codes that mean "the database is not there right now" (as the API's error boundary reads them). */
const UNAVAILABLE_CODES = new Set(["ServiceUnavailable", "SessionExpired"]);

/**
 * The database went away, or gave up on the transaction, in the middle of a write: a connection lost, a
 * database stopping, a transient failure. Not a bug, not the input's fault: running the write again later
 * can succeed. The memory limit is not one (TOO_LARGE: the same write would fail again).
 */
export function isInterruption(error: unknown): boolean {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof Neo4jError && (UNAVAILABLE_CODES.has(cause.code) || cause.retriable)) return true;
  }
  return false;
}

/** The driver's code and the first line of its message (no stack, no Cypher). */
export function reasonOf(error: unknown): string {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof Neo4jError) return `${cause.code}: ${cause.message.split("\n")[0]!.trim()}`;
  }
  return error instanceof Error ? error.message.split("\n")[0]!.trim() : String(error);
}

/** What a batched write had committed when it was interrupted: batch numbers (1-based) per section. */
export interface BatchLedger {
  /** Records per batch. */
  readonly batchSize: number;
  readonly committed: Readonly<Record<Section, readonly number[]>>;
  /** Batches whose commit was sent when the database went away: whether it took is unknown. */
  readonly uncertain: Readonly<Record<Section, readonly number[]>>;
}

/** `1–3, 5` */
function ranges(numbers: readonly number[]): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j;
  }
  return parts.join(", ");
}

/**
 * A write the database interrupted (`isInterruption`): says, in one message and as data, what was committed —
 * nothing (the transaction never committed), unknown (the database went away while committing), or for a
 * batched write the batches that committed — and what to do. `cause` is the driver's error.
 */
export class WriteInterrupted extends Error {
  readonly code = "WRITE_INTERRUPTED";

  constructor(
    cause: unknown,
    /** `nothing`, `unknown`, or the batches committed. */
    readonly committed: "nothing" | "unknown" | BatchLedger,
    /** The input's name (a file), empty for API input. */
    input: string,
    /** Indexes dropped for a first load that could not be built again (they are at the next start). */
    indexesLeft = false,
  ) {
    const again = input ? `run the same import (${input}) again` : "run the same write again";
    const what =
      committed === "nothing"
        ? `The transaction did not commit: nothing was written. Once Neo4j is back, ${again}.`
        : committed === "unknown"
          ? `Neo4j went away while the transaction was committing: whether it committed is unknown. Once Neo4j is back, look for it with \`npm run kg -- changes --limit 5\`, and ${again} if it is not there (a write run twice changes nothing the second time).`
          : `${WriteInterrupted.ledgerText(committed)} Once Neo4j is back, ${again} with --batched: what was written plans as unchanged, the rest is written.`;
    const indexes = indexesLeft
      ? " The search indexes dropped for this first load are built again by the next `npm run kg` or `npm start`."
      : "";
    super(`WRITE_INTERRUPTED: Neo4j stopped answering during the write (${reasonOf(cause)}). ${what}${indexes}`, {
      cause,
    });
    this.name = "WriteInterrupted";
  }

  static ledgerText(ledger: BatchLedger): string {
    const sections = (["sources", "entities", "relationships"] as const).filter(
      (section) => ledger.committed[section].length > 0,
    );
    const committed =
      sections.length === 0
        ? "No batch had committed."
        : `Committed (batches of ${ledger.batchSize} records, in the file's order within each section): ${sections
            .map(
              (section) =>
                `${section} batch${ledger.committed[section].length > 1 ? "es" : ""} ${ranges(ledger.committed[section])}`,
            )
            .join("; ")}.`;
    const uncertain = (["sources", "entities", "relationships"] as const).filter(
      (section) => ledger.uncertain[section].length > 0,
    );
    const unknown =
      uncertain.length === 0
        ? ""
        : ` Unknown (Neo4j went away while committing): ${uncertain.map((section) => `${section} batch ${ranges(ledger.uncertain[section])}`).join("; ")}.`;
    return `${committed}${unknown} Every other batch was not written.`;
  }
}
