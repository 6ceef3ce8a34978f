/**
 * Problems with graph data as data: every check (a file being imported, the seed, an API write) reports
 * `Problem` objects with a code from one small closed set, the record and field they are about and where
 * the record stands in its input. Clients and tests read the code and the field; `formatProblem` renders
 * the one-line prose the command line prints.
 */

/** What kind of record a problem is about (`file` for problems with the input as a whole). */
export type ItemKind = "source" | "entity" | "relationship";

/**
 * The closed set of problem codes. Each says what to fix, whatever door the record came through.
 * Adding one is an API change: document it in docs/import-export.md (Problems).
 */
export const ProblemCode = {
  /** The input as a whole cannot be read: not valid YAML/JSON/CSV, or not the expected structure. */
  InvalidFile: "INVALID_FILE",
  /** A field the record kind does not have. */
  UnknownField: "UNKNOWN_FIELD",
  /** A required field is missing or empty (a name, a title, at least one source or citation). */
  Required: "REQUIRED",
  /** A value of the wrong form: not a slug, a date, a web address, a number, a word of the vocabulary. */
  InvalidValue: "INVALID_VALUE",
  /** Text holding characters a reader cannot see: control characters, a line break in a one-line field,
   * zero-width, direction-control and other format characters (plain-text.ts). */
  InvisibleCharacters: "INVISIBLE_CHARACTERS",
  /** Over a length or count limit. */
  TooLong: "TOO_LONG",
  /** The same id twice in one input. */
  DuplicateId: "DUPLICATE_ID",
  /** The id belongs to another record: an entity's id used by a source (or the reverse), a relationship id
   * stored with other ends, an entity stored with another kind. */
  IdTaken: "ID_TAKEN",
  /** Refers to an entity or source that exists neither in the input nor in the graph. */
  UnknownReference: "UNKNOWN_REFERENCE",
  /** The vocabulary does not allow it: a relationship type between these kinds of entity. */
  NotAllowed: "NOT_ALLOWED",
  /** Dates out of order: an end on or before its start. */
  DateOrder: "DATE_ORDER",
  /** Cannot be deleted or changed because other records still cite or use it. */
  StillCited: "STILL_CITED",
  /** A field only a role the writer lacks may write (personal contact details need `staff`). */
  Restricted: "RESTRICTED",
  /** A record to change or delete that does not exist. */
  NotFound: "NOT_FOUND",
  /** More than one transaction can hold (Neo4j's transaction memory): split the input. */
  TooLarge: "TOO_LARGE",
  /** A write cannot be undone: a later write changed one of its records, or built on one the undo would
   * remove or change (cites it, attaches to it, names it as publisher): undo that one first. */
  ChangedSince: "CHANGED_SINCE",
  /** More deletions in one write than the writer's role allows (MAX_EDITOR_DELETES; `admin` may delete more). */
  TooManyDeletes: "TOO_MANY_DELETES",
} as const;
export type ProblemCode = (typeof ProblemCode)[keyof typeof ProblemCode];
export const PROBLEM_CODES: readonly ProblemCode[] = Object.values(ProblemCode);

/** Where a record (or one of its fields) stands in its input. All optional: API input has no file. */
export interface Position {
  /** The file's name as the user gave it. */
  readonly file?: string;
  /** 1-based line (YAML, JSON) or row (CSV, counting the header as line 1). */
  readonly line?: number;
  /** 1-based column: the character (YAML, JSON) or the CSV column. */
  readonly column?: number;
  /** 0-based position of the record in its list (API input, where there are no lines). */
  readonly index?: number;
}

/** A problem before it is placed: what is wrong with which field. */
export interface FieldProblem {
  /** Dotted path inside the record (`citations.0.source`); null for the record as a whole. */
  readonly field: string | null;
  readonly code: ProblemCode;
  readonly message: string;
}

export interface Problem extends Position, FieldProblem {
  readonly item: ItemKind | "file";
  /** The record's id (a relationship's default id when it has none of its own); null when unknown. */
  readonly id: string | null;
  /** CHANGED_SINCE: the later writes that stand in the undo's way, to undo first, newest first. */
  readonly writeIds?: readonly string[];
}

/** `facts.yaml:8:5: relationship a--FUNDS--b, field to: unknown entity b (UNKNOWN_REFERENCE)` */
export function formatProblem(problem: Problem): string {
  const where = problem.file
    ? `${problem.file}${problem.line ? `:${problem.line}` : ""}${problem.line && problem.column ? `:${problem.column}` : ""}`
    : problem.index !== undefined
      ? `#${problem.index + 1}`
      : "";
  const what =
    problem.item === "file" ? "" : `${problem.item}${problem.id ? ` ${problem.id}` : ""}${problem.field ? ", " : ""}`;
  const field = problem.field ? `field ${problem.field}` : "";
  const subject = `${what}${field}`;
  return `${where ? `${where}: ` : ""}${subject ? `${subject}: ` : ""}${problem.message} (${problem.code})`;
}

/** At most this many problems are kept for one input; the rest are counted. */
export const MAX_PROBLEMS = 1_000;

/** Collects problems up to MAX_PROBLEMS, counting the rest. */
export class ProblemList {
  readonly problems: Problem[] = [];
  omitted = 0;

  private readonly seen = new Set<string>();

  /** Adds a problem once: two checks finding the same thing at the same place report it once. */
  add(problem: Problem): void {
    const { file, line, column, index, item, id, field, code } = problem;
    const key = JSON.stringify([file, line, column, index, item, id, field, code]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
    else this.omitted++;
  }

  get size(): number {
    return this.problems.length + this.omitted;
  }
}
