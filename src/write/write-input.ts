/** What a write takes and how it is refused: shared by the checking and the writing halves of the write path. */
import type { Transaction } from "neo4j-driver";
import type { Problem, RecordReader } from "../graph-data/index.js";
import type { StoredLookup } from "./stored-state.js";

/**
 * How a record written again meets the stored one (README → Adding facts → Patch or replace):
 * - `replace`: the record as given is the whole record; a field it leaves out is removed (a file that states
 *   everything, the seed, an undo). The report lists what that removes (`removed`) and warns about it.
 * - `patch`: a field left out keeps its stored value; a field given as null is cleared; a list given (aliases,
 *   external ids, an entity's sources, a relationship's citations) is the whole list, a list left out is kept.
 *   The record is completed from its stored state before it is checked (patch-input.ts), so every rule holds
 *   for the record as it will be stored.
 */
export type WriteMode = "patch" | "replace";

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
