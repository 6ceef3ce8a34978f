/**
 * Writes that are more than "here are some records", expressed as records and handed to the one write path
 * (write-graph.ts), so they get the same checks, citations, transaction and history as any import:
 * - ending or suspending a relationship as a new period;
 * - deleting records (an entity's relationships go with it; a source only when nothing cites it).
 */
import type { Database } from "../database/index.js";
import {
  type Citation,
  ProblemCode,
  type Problem,
  type RelationshipRecord,
  firstDayOf,
  isPartialDate,
  recordsReader,
  relationshipFromProperties,
  withoutAudit,
} from "../graph-data/index.js";
import { storedRelationshipById } from "./stored-state.js";
import { RejectedWrite, type WriteOptions, type WriteReport, writeGraph } from "./write-graph.js";

export const END_STATUSES = ["ended", "suspended"] as const;
export type EndStatus = (typeof END_STATUSES)[number];

export interface EndRelationship {
  /** The relationship (period) that stops holding. */
  readonly id: string;
  /** The day, month or year it stops (exclusive), ISO 8601. */
  readonly date: string;
  /** `ended`: it is over. `suspended`: a new period with status `suspended` starts on `date`. */
  readonly status: EndStatus;
  /** The source that says so. */
  readonly citation: Citation;
  /** New sources written in the same transaction (the one the citation names, when it is new): raw records. */
  readonly sources?: readonly Record<string, unknown>[];
}

/** The id of the period that starts when a relationship is suspended: `<id>--<date>`. */
export function nextPeriodId(id: string, date: string): string {
  return `${id}--${date}`;
}

/**
 * The records an end or suspension writes: the period that stops gets `validTo` (and `status: ended` when it
 * is over) and the new citation next to its own; a suspension adds the suspended period, citing the new
 * source alone. Both restate the stored period's sources, so the write path updates it instead of keeping
 * a conflicting claim beside it. Pure: returns the records, or the problem with the request.
 */
export function periodRecords(
  stored: RelationshipRecord,
  request: EndRelationship,
): { records: RelationshipRecord[] } | { problem: Omit<Problem, "item" | "id"> } {
  const bad = (field: string, code: ProblemCode, message: string) => ({ problem: { field, code, message } });
  if (!isPartialDate(request.date))
    return bad("date", ProblemCode.InvalidValue, "must be an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD");
  if (!(END_STATUSES as readonly string[]).includes(request.status)) {
    return bad("status", ProblemCode.InvalidValue, `must be one of ${END_STATUSES.join(", ")}`);
  }
  if (stored.validTo) return bad("date", ProblemCode.DateOrder, `it already ends on ${stored.validTo}`);
  if (stored.validFrom && firstDayOf(request.date) <= firstDayOf(stored.validFrom)) {
    return bad("date", ProblemCode.DateOrder, `must be after its start, ${stored.validFrom}`);
  }
  const cited = stored.citations.some((citation) => citation.source === request.citation.source);
  const ending: RelationshipRecord = {
    ...stored,
    validTo: request.date,
    ...(request.status === "ended" ? { status: "ended" } : {}),
    citations: cited ? stored.citations : [...stored.citations, request.citation],
  };
  if (request.status === "ended") return { records: [ending] };
  const { validTo: _validTo, premises, kind, ...rest } = stored;
  const suspended: RelationshipRecord = {
    type: rest.type,
    id: nextPeriodId(stored.id, request.date),
    from: rest.from,
    to: rest.to,
    ...(kind !== undefined ? { kind } : {}),
    ...(premises !== undefined ? { premises } : {}),
    status: "suspended",
    validFrom: request.date,
    citations: [request.citation],
  };
  return { records: [ending, suspended] };
}

export async function endRelationship(
  db: Database,
  request: EndRelationship,
  options: WriteOptions,
): Promise<WriteReport> {
  const stored = await storedRelationshipById(db, request.id);
  const reject = (problem: Omit<Problem, "item" | "id">): never => {
    throw new RejectedWrite([{ ...problem, item: "relationship", id: request.id }]);
  };
  if (!stored)
    return reject({ field: "id", code: ProblemCode.NotFound, message: `no relationship has the id ${request.id}` });
  const record = relationshipFromProperties(stored.type, stored.from, stored.to, withoutAudit(stored.props));
  const result = periodRecords(record, request);
  if ("problem" in result) return reject(result.problem);
  return writeGraph(
    db,
    {
      reader: recordsReader({
        sources: [...(request.sources ?? [])],
        relationships: result.records as unknown as Record<string, unknown>[],
      }),
    },
    options,
  );
}

export async function deleteRecords(db: Database, ids: readonly string[], options: WriteOptions): Promise<WriteReport> {
  return writeGraph(db, { reader: recordsReader({}), deletions: ids }, options);
}
