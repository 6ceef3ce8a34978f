/** What a write takes and how it is refused: shared by the checking and the writing halves of the write path. */
import type { GraphRecord, ItemKind, Problem, RecordReader } from "../graph-data/index.js";

/** A record's state the write expects to find (undoing a write: as that write left it), checked in its transaction. */
export interface ExpectedState {
  readonly item: ItemKind;
  readonly id: string;
  /** The record as it should be stored now; null: it should not exist. */
  readonly record: GraphRecord | null;
  /** Says what to do when it is not so (which later write changed it). */
  readonly message: string;
}

export interface WriteInput {
  readonly reader: RecordReader;
  /** Ids of sources, entities or relationships to delete (an entity's relationships go with it). */
  readonly deletions?: readonly string[];
  /** States to find before anything is written; any other state refuses the write (CHANGED_SINCE). */
  readonly expected?: readonly ExpectedState[];
}

/** A write refused: every problem found, nothing changed. */
export class RejectedWrite extends Error {
  constructor(
    readonly problems: readonly Problem[],
    /** Problems found beyond the ones listed. */
    readonly omitted = 0,
  ) {
    super(`The write has ${problems.length + omitted} problem(s); nothing was changed.`);
    this.name = "RejectedWrite";
  }
}
