/**
 * What the edit forms send and how they read the answer, as pure functions the forms call (unit-tested
 * without a browser): each form's draft as the write it would be (a new record whole, mode REPLACE; an edit of
 * a stored one as what changed, mode PATCH), the new sources a draft cites, a relationship's citations both
 * ways, the state of the API's dry-run check, and which problems belong to which control.
 */
import { ApiError, type WriteProblem } from "../shared/graphql-client.js";
import type { GraphEdge } from "./api.js";
import type { EndInput, RawRecord, SourceSummary, UpsertInput, WriteMode, WriteReport } from "./edit-api.js";
import {
  type EntityKind,
  type FormField,
  type FormValues,
  SOURCE_ID_FIELD,
  recordPatch,
  slugFrom,
  sourceFormFields,
  toRecord,
} from "./record-fields.js";

// ── The dry-run check's state.

export type Check =
  | { status: "idle" }
  | { status: "checking"; previous: Check | null }
  | { status: "ok"; report: WriteReport }
  | { status: "problems"; problems: readonly WriteProblem[]; message: string }
  | { status: "error"; code: string | undefined; message: string };

/** A refused or failed request as the check's state: the problems of a refused write, else the error. */
export function refusedCheck(error: unknown): Check {
  if (error instanceof ApiError && error.problems.length > 0) {
    return { status: "problems", problems: error.problems, message: error.message };
  }
  return error instanceof ApiError
    ? { status: "error", code: error.code, message: error.message }
    : { status: "error", code: "NETWORK_ERROR", message: "The API cannot be reached." };
}

/** The problems to show: the last check's, kept visible while the next one runs. */
export function shownProblems(check: Check): readonly WriteProblem[] {
  if (check.status === "problems") return check.problems;
  if (check.status === "checking" && check.previous?.status === "problems") return check.previous.problems;
  return [];
}

/**
 * Problems for one record of the write (`item` at `index` of its list), by field path. `depth` keeps that
 * many segments of the path (`location.lat` → `location` at 1; `citations.0.excerpt` whole at 3).
 */
export function problemsOf(
  problems: readonly WriteProblem[],
  item: string,
  index: number,
  depth = 1,
): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const problem of problems) {
    if (problem.item !== item || (problem.index ?? 0) !== index) continue;
    const key = (problem.field ?? "").split(".").slice(0, depth).join(".");
    found.set(key, [...(found.get(key) ?? []), problem.message]);
  }
  return found;
}

// ── Sources and citations.

/** A source a draft cites: an existing one (picked by search), or a new one described in the form. */
export type SourceRef =
  | { readonly mode: "existing"; readonly source: SourceSummary | null }
  | { readonly mode: "new"; readonly values: FormValues; readonly idTouched: boolean };

export const NEW_SOURCE_FIELDS: readonly FormField[] = sourceFormFields();

export const NO_SOURCE: SourceRef = { mode: "existing", source: null };

/** The id a source reference names ("" when none is picked yet: the API then says REQUIRED). */
export function sourceIdOf(ref: SourceRef): string {
  if (ref.mode === "existing") return ref.source?.id ?? "";
  return (ref.values.id ?? "").trim() || slugFrom(ref.values.title ?? "");
}

/** The new sources a draft cites, in order: what goes into the write's `sources`, and where each came from. */
export function newSources(refs: readonly SourceRef[]): { records: RawRecord[]; indexOf: Map<SourceRef, number> } {
  const records: RawRecord[] = [];
  const indexOf = new Map<SourceRef, number>();
  for (const ref of refs) {
    if (ref.mode !== "new") continue;
    indexOf.set(ref, records.length);
    records.push({
      ...toRecord(NEW_SOURCE_FIELDS, ref.values),
      ...toRecord([SOURCE_ID_FIELD], { id: sourceIdOf(ref) }),
    });
  }
  return { records, indexOf };
}

/** A citation as typed: a source and the words in it. */
export interface CitationDraft {
  readonly ref: SourceRef;
  readonly excerpt: string;
}

export const EMPTY_CITATION: CitationDraft = { ref: NO_SOURCE, excerpt: "" };

/** A relationship's citations as the write sends them. */
export function citationRecords(citations: readonly CitationDraft[]): RawRecord[] {
  return citations.map((citation) => ({ source: sourceIdOf(citation.ref), excerpt: citation.excerpt.trim() }));
}

/** A stored relationship's citations as drafts, each source named as the drawn relationship knows it. */
export function citationsFromEdge(edge: Pick<GraphEdge, "sources">, record: RawRecord | null): CitationDraft[] {
  const stored = Array.isArray(record?.citations) ? (record.citations as { source: string; excerpt: string }[]) : [];
  return stored.map((citation) => {
    const known = edge.sources.find((source) => source.sourceId === citation.source);
    return {
      ref: {
        mode: "existing",
        source: {
          id: citation.source,
          title: known?.title ?? citation.source,
          publisher: known?.publisher ?? null,
          published: known?.published ?? null,
          url: known?.url ?? null,
        },
      },
      excerpt: citation.excerpt,
    };
  });
}

// ── Each form's draft as its write.

/** A write the forms send: its input, its mode, and a key that changes whenever the draft's content does. */
export interface UpsertWrite {
  readonly key: string;
  readonly input: UpsertInput;
  readonly mode: WriteMode;
}

/** The stored record as loaded, in the form's terms (null: a new record). */
type Baseline = Readonly<Record<string, unknown>> | null;

function upsert(input: UpsertInput, baseline: Baseline): UpsertWrite {
  const mode: WriteMode = baseline ? "PATCH" : "REPLACE";
  return { key: JSON.stringify([mode, input]), input, mode };
}

/** An entity form's draft: the entity with its sources, and the new sources it cites. */
export function entityWrite(draft: {
  kind: EntityKind;
  id: string;
  fields: readonly FormField[];
  values: FormValues;
  sources: readonly SourceRef[];
  baseline: Baseline;
}): UpsertWrite {
  const { records } = newSources(draft.sources);
  const edited = { ...toRecord(draft.fields, draft.values), sources: draft.sources.map(sourceIdOf) };
  const entity = {
    kind: draft.kind,
    id: draft.id.trim(),
    ...(draft.baseline ? recordPatch(draft.baseline, edited) : edited),
  };
  return upsert({ sources: records, entities: [entity] }, draft.baseline);
}

/** The stored entity as the form loaded it: what an edit is compared with. */
export function entityBaseline(fields: readonly FormField[], values: FormValues, sourceIds: readonly string[]) {
  return { ...toRecord(fields, values), sources: [...sourceIds] };
}

/** A relationship form's draft: the relationship with its citations, and the new sources they cite. */
export function relationshipWrite(draft: {
  type: string;
  /** The stored relationship's id when editing one. */
  id: string | null;
  from: string | null;
  to: string | null;
  fields: readonly FormField[];
  values: FormValues;
  citations: readonly CitationDraft[];
  baseline: Baseline;
}): UpsertWrite {
  const { records } = newSources(draft.citations.map((citation) => citation.ref));
  const edited = { ...toRecord(draft.fields, draft.values), citations: citationRecords(draft.citations) };
  const relationship = {
    type: draft.type,
    ...(draft.id ? { id: draft.id } : {}),
    from: draft.from ?? "",
    to: draft.to ?? "",
    ...(draft.baseline ? recordPatch(draft.baseline, edited) : edited),
  };
  return upsert({ sources: records, relationships: [relationship] }, draft.baseline);
}

/** The stored relationship as the form loaded it: what an edit is compared with. */
export function relationshipBaseline(
  fields: readonly FormField[],
  values: FormValues,
  citations: readonly CitationDraft[],
) {
  return { ...toRecord(fields, values), citations: citationRecords(citations) };
}

/** Ending or suspending a relationship: the day, the new status, the citation that says so. */
export function endWrite(draft: { id: string; date: string; status: "ended" | "suspended"; citation: CitationDraft }): {
  key: string;
  input: EndInput;
} {
  const { records } = newSources([draft.citation.ref]);
  const input: EndInput = {
    id: draft.id,
    date: draft.date.trim(),
    status: draft.status,
    citation: { source: sourceIdOf(draft.citation.ref), excerpt: draft.citation.excerpt.trim() },
    sources: records,
  };
  return { key: JSON.stringify(input), input };
}

// ── Which control a problem concerns.

/** The field a problem of the form's own record concerns, as an input's name: `location`, `citations.0.excerpt`. */
export function problemInput(problem: WriteProblem, item: string): string | null {
  if (problem.item !== item || !problem.field) return null;
  const parts = problem.field.split(".");
  return parts[0] === "citations" ? parts.slice(0, 3).join(".") : parts[0]!;
}

/**
 * An ending's problems as the form shows them: the API names the citation's problems under the ended period's
 * last citation (`citations.2.excerpt`); the form has one citation, so they are shown on it (`citations.0`).
 */
export function endFormProblems(problems: readonly WriteProblem[]): WriteProblem[] {
  return problems.map((problem) =>
    problem.item === "relationship" && problem.field?.startsWith("citations.")
      ? { ...problem, field: problem.field.replace(/^citations\.\d+/, "citations.0") }
      : problem,
  );
}
