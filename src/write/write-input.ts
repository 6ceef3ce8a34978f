/** What a write takes and how it is refused: shared by the checking and the writing halves of the write path. */
import type { Problem, RecordReader } from "../graph-data/index.js";

export interface WriteInput {
  readonly reader: RecordReader;
  /** Ids of sources, entities or relationships to delete (an entity's relationships go with it). */
  readonly deletions?: readonly string[];
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
