/**
 * PATCH mode (write-input.ts, `WriteMode`): each incoming record is completed from its stored state before
 * it is checked, so the checks, the plan and the history see the whole record as it will be stored — a patch
 * that gives only an event's `endDate` is still checked against its stored `startDate`.
 *
 * - a field left out (absent, or undefined) keeps its stored value;
 * - a field given as null is cleared (in REPLACE mode, and in every door before, null is just absent);
 * - a field given is the field's whole new value: a list given (aliases, external ids, an entity's sources, a
 *   relationship's citations) replaces the stored list, a location both its coordinates. The write rules then
 *   apply as to any record (plan.ts): a record citing other sources than the stored one adds to it rather than
 *   replacing it.
 * A record the graph does not hold (or holds as something else: another kind, other ends) is left as given:
 * a new record must be whole, and a clash is reported by the checks as always. Personal contact details are
 * filled in only for `staff`; for anyone else the plan keeps them as stored, and clearing one is refused
 * (RESTRICTED) whether or not the record has it, so nothing is learnt about them.
 *
 * CSV has no null: an empty cell is a field left out, so a patch from CSV keeps it (clear fields with YAML,
 * JSON or the API, or write the whole record in REPLACE mode).
 */
import {
  type GraphRecord,
  ProblemCode,
  RESTRICTED_FIELD_NAMES,
  type RawRecord,
  type RecordReader,
  SECTION_ITEM,
  type Section,
  entityFromProperties,
  relationshipFromProperties,
  relationshipIdOf,
  sourceFromProperties,
  withoutAudit,
} from "../graph-data/index.js";
import { holdsData } from "./plan.js";
import type { StoredLookup } from "./stored-state.js";

/** Fields that say which record this is, never "kept" or cleared. */
const IDENTITY: Readonly<Record<Section, ReadonlySet<string>>> = {
  sources: new Set(["id"]),
  entities: new Set(["id", "kind"]),
  relationships: new Set(["id", "type", "from", "to"]),
};

/** Records whose stored state is looked up at once. */
const LOOKUP_BATCH = 1_000;

export interface PatchedRecord {
  /** The record to check and write: the stored record with the given fields over it, cleared ones left out. */
  readonly value: Record<string, unknown>;
  /** Fields the input left out that hold data in the graph: kept (a REPLACE would have removed them). */
  readonly kept: readonly string[];
  /** Restricted fields cleared by a writer without the role (refused). */
  readonly restricted: readonly string[];
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** True when `stored` is the record `value` names: same kind of record, kind, type and ends where given. */
function sameRecord(section: Section, value: Record<string, unknown>, stored: GraphRecord): boolean {
  const held = stored as unknown as Record<string, unknown>;
  const fields = section === "entities" ? ["kind"] : section === "relationships" ? ["type", "from", "to"] : [];
  return fields.every((field) => value[field] === undefined || value[field] === null || value[field] === held[field]);
}

/**
 * Pure: `value` (a raw record as read) completed from `stored` (the record the graph holds under its id, in the
 * record model's form; undefined when there is none). `staff`: the writer may clear restricted fields.
 */
export function patchRecord(
  section: Section,
  value: Record<string, unknown>,
  stored: GraphRecord | undefined,
  staff: boolean,
): PatchedRecord {
  const restricted =
    section === "entities" && !staff
      ? Object.keys(value).filter((field) => value[field] === null && RESTRICTED_FIELD_NAMES.has(field))
      : [];
  if (!stored || !sameRecord(section, value, stored)) return { value, kept: [], restricted };
  const identity = IDENTITY[section];
  const completed: Record<string, unknown> = {};
  const kept: string[] = [];
  for (const [field, held] of Object.entries(stored as unknown as Record<string, unknown>)) {
    if (value[field] !== undefined) continue;
    if (!staff && RESTRICTED_FIELD_NAMES.has(field) && section === "entities") continue;
    completed[field] = held;
    if (!identity.has(field) && holdsData(held)) kept.push(field);
  }
  for (const [field, given] of Object.entries(value)) {
    if (given !== null && given !== undefined) completed[field] = given;
  }
  return { value: completed, kept: kept.sort(), restricted };
}

export interface PatchedInput {
  /** The input's records, each completed from its stored state as it is read. */
  readonly reader: RecordReader;
  /** Per record (`<item>:<id>`), the fields it left out that were kept; filled as the reader is read. */
  readonly kept: ReadonlyMap<string, readonly string[]>;
}

/** The id a raw record names: its `id`, or a relationship's `from--TYPE--to`; undefined when it names none. */
function idOf(section: Section, value: Record<string, unknown>): string | undefined {
  if (section !== "relationships") return typeof value.id === "string" ? value.id : undefined;
  return typeof value.id === "string" || (typeof value.from === "string" && typeof value.to === "string")
    ? relationshipIdOf(value)
    : undefined;
}

/** The stored state of a batch of raw records, as records, by `<section>:<id>`. */
async function storedRecords(lookup: StoredLookup, batch: readonly RawRecord[]): Promise<Map<string, GraphRecord>> {
  const nodeIds: string[] = [];
  const relationshipIds: string[] = [];
  for (const { section, value } of batch) {
    const id = isMapping(value) ? idOf(section, value) : undefined;
    if (id !== undefined) (section === "relationships" ? relationshipIds : nodeIds).push(id);
  }
  const found = new Map<string, GraphRecord>();
  for (const [id, node] of await lookup.nodes([...new Set(nodeIds)])) {
    const props = withoutAudit(node.props);
    found.set(
      `${node.kind === "Source" ? "sources" : "entities"}:${id}`,
      node.kind === "Source" ? sourceFromProperties(props) : entityFromProperties(node.kind, props),
    );
  }
  for (const [id, stored] of await lookup.relationships([...new Set(relationshipIds)])) {
    found.set(
      `relationships:${id}`,
      relationshipFromProperties(stored.type, stored.from, stored.to, withoutAudit(stored.props)),
    );
  }
  return found;
}

/**
 * The input in PATCH mode: every record completed from what `lookup` finds stored under its id, read again
 * on every pass (the passes of one write share its transaction, so they read the same state).
 */
export function patchedInput(reader: RecordReader, lookup: StoredLookup, staff: boolean): PatchedInput {
  const kept = new Map<string, readonly string[]>();
  async function* completed(
    batch: readonly RawRecord[],
    onProblem: Parameters<RecordReader["records"]>[0],
  ): AsyncGenerator<RawRecord> {
    const stored = await storedRecords(lookup, batch);
    for (const record of batch) {
      if (!isMapping(record.value)) {
        yield record;
        continue;
      }
      const { section } = record;
      const key = idOf(section, record.value);
      const patched = patchRecord(
        section,
        record.value,
        key === undefined ? undefined : stored.get(`${section}:${key}`),
        staff,
      );
      for (const field of patched.restricted) {
        onProblem(
          {
            ...record.locate(field),
            item: SECTION_ITEM[section],
            id: key ?? null,
            field,
            code: ProblemCode.Restricted,
            message: "only the `staff` role may write this field",
          },
          false,
        );
      }
      if (key !== undefined && patched.kept.length > 0) kept.set(`${SECTION_ITEM[section]}:${key}`, patched.kept);
      yield { ...record, value: patched.value, locate: (field) => record.locate(field) };
    }
  }
  return {
    kept,
    reader: {
      fileName: reader.fileName,
      format: reader.format,
      async *records(onProblem) {
        let batch: RawRecord[] = [];
        for await (const record of reader.records(onProblem)) {
          batch.push(record);
          if (batch.length >= LOOKUP_BATCH) {
            yield* completed(batch, onProblem);
            batch = [];
          }
        }
        yield* completed(batch, onProblem);
      },
    },
  };
}
