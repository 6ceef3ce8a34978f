/**
 * The checking half of the write path (write-graph.ts): every record's own fields and the ids within the
 * input, then references, id clashes, restricted fields and deletions against the input and the graph
 * together. Every problem is collected (up to MAX_PROBLEMS) and thrown at once as `RejectedWrite`. The graph
 * is asked through a `StoredLookup`, so the same checks run inside the write transaction and, for tests and
 * the curated graph's offline check, against a graph held in memory.
 */
import {
  type EntityKind,
  type GraphIndex,
  InputIds,
  type ItemKind,
  type Problem,
  ProblemCode,
  ProblemList,
  type RawRecord,
  type RecordReader,
  SECTION_ITEM,
  type Section,
  type SectionRecord,
  type StoredIds,
  checkRecord,
  recordIdOf,
  referenceProblems,
  referencesOf,
  restrictedProblems,
  storedIdProblems,
} from "../graph-data/index.js";
import { type PlannedItem, planNodeDeletion, planRelationshipDeletion } from "./plan.js";
import type { StoredLookup } from "./stored-state.js";
import { RejectedWrite, type WriteInput } from "./write-input.js";

export interface Checked {
  readonly records: Record<Section, number>;
  /** Deletions as planned items, cascades included, in the order they are written. */
  readonly deletions: PlannedItem[];
}

export function placed(
  record: RawRecord,
  problem: { field: string | null; code: ProblemCode; message: string },
): Problem {
  return {
    ...record.locate(problem.field),
    item: SECTION_ITEM[record.section],
    id: recordIdOf(record.section, record.value),
    ...problem,
  };
}

/**
 * One section's records, read again for writing once the whole input has passed `checkInput`: a record that
 * fails its check now means the input changed while being read, which refuses the write.
 */
export async function* recheckedRecords<S extends Section>(
  reader: RecordReader,
  section: S,
): AsyncGenerator<SectionRecord[S]> {
  for await (const record of reader.records(() => undefined)) {
    if (record.section !== section) continue;
    const result = checkRecord(section, record.value);
    if (!result.ok)
      throw new RejectedWrite([
        placed(record, { field: null, code: ProblemCode.InvalidFile, message: "changed while being written" }),
      ]);
    yield result.record;
  }
}

/**
 * Checks an input; `staff`: the writer may write restricted fields; `maxDeletes`: the most records the writer
 * may delete in one write, cascades included.
 */
export async function checkInput(
  lookup: StoredLookup,
  input: WriteInput,
  staff: boolean,
  maxDeletes = Number.POSITIVE_INFINITY,
  /** Problems found before the checks (relationship ends named by an external id that names nothing). */
  found: readonly Problem[] = [],
): Promise<Checked> {
  const problems = new ProblemList();
  for (const problem of found) problems.add(problem);
  let fatal = false;
  const onProblem = (problem: Problem, isFatal: boolean) => {
    fatal ||= isFatal;
    problems.add(problem);
  };
  const records: Record<Section, number> = { sources: 0, entities: 0, relationships: 0 };
  const inputIds = new InputIds();
  const referenced = new Set<string>();
  const unchecked = new Set<string>();
  /** The input's datasets: their citations carry locators, not excerpts. */
  const inputDatasets = new Set<string>();

  // Pass 1: each record's own fields; the ids it defines and refers to.
  for await (const record of input.reader.records(onProblem)) {
    records[record.section]++;
    for (const ref of referencesOf(record.section, record.value)) referenced.add(ref.id);
    for (const problem of restrictedProblems(record.section, record.value, staff))
      problems.add(placed(record, problem));
    const result = checkRecord(record.section, record.value);
    if (!result.ok) {
      for (const problem of result.problems) problems.add(placed(record, problem));
      const id = recordIdOf(record.section, record.value);
      if (id !== null && record.section !== "relationships") unchecked.add(id);
      continue;
    }
    if (record.section === "sources" && (result.record as { form?: string }).form === "dataset") {
      inputDatasets.add((result.record as { id: string }).id);
    }
    const duplicate = inputIds.define(record.section, result.record);
    if (duplicate) problems.add(placed(record, duplicate));
  }
  if (fatal) throw new RejectedWrite(problems.problems, problems.omitted);

  // What the graph holds under every id the input defines or refers to.
  const nodeIds = [...new Set([...inputIds.sources, ...inputIds.entities.keys(), ...referenced])];
  const nodes = await lookup.nodes(nodeIds);
  const relationships = await lookup.relationships([...inputIds.relationships]);
  const storedKind = (id: string): EntityKind | undefined => {
    const kind = nodes.get(id)?.kind;
    return kind && kind !== "Source" ? kind : undefined;
  };
  const deletions = await checkDeletions(lookup, input.deletions ?? [], inputIds, referenced, problems);
  if (deletions.length > maxDeletes) {
    problems.add({
      item: "file",
      id: null,
      field: null,
      code: ProblemCode.TooManyDeletes,
      message: `deletes ${deletions.length} records (an entity's relationships included); this role may delete at most ${maxDeletes} in one write — split it, or ask someone with the admin role`,
    });
  }
  const deleted = new Set(deletions.map((item) => item.id));
  const graph: GraphIndex = {
    entityKind: (id) => (deleted.has(id) ? undefined : (inputIds.entities.get(id) ?? storedKind(id))),
    hasSource: (id) => !deleted.has(id) && (inputIds.sources.has(id) || nodes.get(id)?.kind === "Source"),
    sourceForm: (id) =>
      inputIds.sources.has(id)
        ? inputDatasets.has(id)
          ? "dataset"
          : "document"
        : nodes.get(id)?.props.form === "dataset"
          ? "dataset"
          : "document",
    isUnchecked: (id) => unchecked.has(id) && !inputIds.entities.has(id) && !inputIds.sources.has(id),
  };
  const stored: StoredIds = {
    entityKind: storedKind,
    isSource: (id) => nodes.get(id)?.kind === "Source",
    relationship: (id) => relationships.get(id),
  };

  // Pass 2: references and ids against the input and the graph together.
  for await (const record of input.reader.records(() => undefined)) {
    for (const problem of referenceProblems(record.section, record.value, graph)) problems.add(placed(record, problem));
    const result = checkRecord(record.section, record.value);
    if (result.ok) {
      for (const problem of storedIdProblems(record.section, result.record, stored))
        problems.add(placed(record, problem));
    }
  }
  if (problems.size > 0) throw new RejectedWrite(problems.problems, problems.omitted);
  return { records, deletions };
}

/** Checks the ids to delete and plans their deletion, with the relationships of deleted entities. */
async function checkDeletions(
  lookup: StoredLookup,
  ids: readonly string[],
  inputIds: InputIds,
  referenced: ReadonlySet<string>,
  problems: ProblemList,
): Promise<PlannedItem[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const nodes = await lookup.nodes(unique);
  const relationships = await lookup.relationships(unique);
  const planned = new Map<string, PlannedItem>();
  const sources: string[] = [];
  unique.forEach((id, index) => {
    const at = (item: ItemKind, code: ProblemCode, message: string): Problem => ({
      index,
      item,
      id,
      field: null,
      code,
      message,
    });
    const node = nodes.get(id);
    const relationship = relationships.get(id);
    const item: ItemKind = node
      ? node.kind === "Source"
        ? "source"
        : "entity"
      : relationship || id.includes("--")
        ? "relationship"
        : "entity";
    if (!node && !relationship) {
      problems.add(at(item, ProblemCode.NotFound, `nothing in the graph has the id ${id}`));
      return;
    }
    if (inputIds.sources.has(id) || inputIds.entities.has(id) || inputIds.relationships.has(id)) {
      problems.add(at(item, ProblemCode.DuplicateId, "is both written and deleted by the same write"));
      return;
    }
    if (node && referenced.has(id)) {
      problems.add(at(item, ProblemCode.StillCited, "records in the same write refer to it"));
      return;
    }
    if (relationship) planned.set(id, planRelationshipDeletion(id, relationship));
    else if (node) {
      planned.set(id, planNodeDeletion(id, node));
      if (node.kind === "Source") sources.push(id);
    }
  });
  // An entity's relationships go with it, each recorded.
  const cascades: PlannedItem[] = [];
  for (const item of planned.values()) {
    if (item.item !== "entity") continue;
    for (const [id, relationship] of await lookup.relationshipsAt(item.id)) {
      if (!planned.has(id) && !cascades.some((cascade) => cascade.id === id)) {
        cascades.push(planRelationshipDeletion(id, relationship));
      }
    }
  }
  const going = new Set([...planned.keys(), ...cascades.map((item) => item.id)]);
  for (const sourceId of sources) {
    const citing = (await lookup.recordsCiting(sourceId, going.size + 6)).filter((id) => !going.has(id));
    if (citing.length > 0) {
      problems.add({
        index: unique.indexOf(sourceId),
        item: "source",
        id: sourceId,
        field: null,
        code: ProblemCode.StillCited,
        message: `is still cited by ${citing.slice(0, 5).join(", ")}${citing.length > 5 ? " and more" : ""}`,
      });
    }
  }
  // Relationships first, so nothing dangles when the history is read back in order.
  return [
    ...cascades,
    ...[...planned.values()].filter((item) => item.item === "relationship"),
    ...[...planned.values()].filter((item) => item.item !== "relationship"),
  ];
}
