/**
 * Undo: puts back every record one write touched as it was before that write — a deleted entity with its
 * relationships and citations, an edited record with its old fields, a created record removed — as a NEW
 * write through the write path, recorded in the history (its changes say which write they undo). A change's
 * id undoes the write it belongs to, since half a write (an entity without the relationships deleted with it)
 * is not a state the graph was ever in.
 *
 * Never at the cost of later work: refused with CHANGED_SINCE, checked in the undo's own transaction
 * (undo-checks.ts), when a later write changed one of those records, or built on one the undo would remove or
 * change (a relationship at an entity it would delete, a record citing a source it would delete, …), or deleted
 * what a record it would put back refers to. The problems name those writes; undoing them first, newest first,
 * makes the earlier one undoable again.
 *
 * The records come from the history, not from the writer: an undo puts back personal contact details too,
 * whoever undoes it, and its report names none of them to a writer without `staff` (plan.ts).
 */
import type { Database } from "../database/index.js";
import {
  type GraphRecord,
  type ItemKind,
  ProblemCode,
  RESTRICTED_FIELD_NAMES,
  recordsReader,
} from "../graph-data/index.js";
import { type ChangeRecord, changesOfWrite } from "../history/index.js";
import { type ExpectedState, type UndoPlan, checkUndo } from "./undo-checks.js";
import { RejectedWrite } from "./write-input.js";
import { type WriteOptions, type WriteReport, writeGraph } from "./write-graph.js";

export type { UndoPlan } from "./undo-checks.js";

const SECTION = { source: "sources", entity: "entities", relationship: "relationships" } as const;

/** Pure: the undo of a write, from its changes (oldest first). */
export function undoPlan(changes: readonly ChangeRecord[]): UndoPlan {
  const writeId = changes[0]?.writeId ?? "";
  // A record touched more than once in one write: undo to its state before the first change, expect the last.
  const byItem = new Map<string, { item: ItemKind; id: string; before: unknown; after: unknown }>();
  for (const change of changes) {
    const key = `${change.itemType}:${change.itemId}`;
    const seen = byItem.get(key);
    if (seen) seen.after = change.after;
    else byItem.set(key, { item: change.itemType, id: change.itemId, before: change.before, after: change.after });
  }
  const records: UndoPlan["records"] = { sources: [], entities: [], relationships: [] };
  const deletions: string[] = [];
  const expected: ExpectedState[] = [];
  for (const { item, id, before, after } of byItem.values()) {
    if (before === null) deletions.push(id);
    else records[SECTION[item]].push(before as Record<string, unknown>);
    expected.push({ item, id, record: (after ?? null) as GraphRecord | null });
  }
  return { writeId, at: changes[0]?.at ?? "", records, deletions, expected };
}

/** Undoes the write `id` names (a write's id or one of its changes' ids). */
export async function revertWrite(db: Database, id: string, options: WriteOptions): Promise<WriteReport> {
  const changes = await changesOfWrite(db, id);
  if (changes.length === 0 || !changes[0]?.writeId) {
    throw new RejectedWrite([
      {
        item: "file",
        id,
        field: null,
        code: ProblemCode.NotFound,
        message: `no recorded change or write has the id ${id}`,
      },
    ]);
  }
  const plan = undoPlan(changes);
  try {
    return await writeGraph(
      db,
      {
        reader: recordsReader(plan.records),
        deletions: plan.deletions,
        guard: (tx, lookup) => checkUndo(tx, lookup, plan),
      },
      { ...options, replace: true, reverts: plan.writeId, origin: `revert:${plan.writeId}` },
    );
  } catch (error) {
    if (error instanceof RejectedWrite && !options.staff) throw withoutRestricted(error);
    throw error;
  }
}

/**
 * A refusal as a writer without `staff` may see it: a problem with a restricted field the history holds (a
 * value today's checks refuse) names neither the field nor the value, and says so once per record and code.
 */
export function withoutRestricted(rejected: RejectedWrite): RejectedWrite {
  const seen = new Set<string>();
  const problems = rejected.problems.flatMap((problem) => {
    if (!RESTRICTED_FIELD_NAMES.has(problem.field?.split(".")[0] ?? "")) return [problem];
    const key = JSON.stringify([problem.item, problem.id, problem.code]);
    if (seen.has(key)) return [];
    seen.add(key);
    return [
      {
        ...problem,
        field: null,
        message:
          "a personal contact detail this undo would put back fails a check; only `staff` may see it: ask someone with that role to undo this write",
      },
    ];
  });
  return seen.size === 0 ? rejected : new RejectedWrite(problems, rejected.omitted, rejected.note);
}
