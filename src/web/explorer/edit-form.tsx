/**
 * Editing in the explorer: add or change an entity, add or change a relationship with its citations, end or
 * suspend a relationship as a new period. Every draft goes to the API as the real mutation with
 * `dryRun: true` while the editor types (the one write path's checks: the same rules as an import), so the
 * problems it finds appear beside the fields they concern and the preview lists exactly what saving would
 * change; saving sends the same mutation without `dryRun` — one transaction, recorded in the history.
 * Forms never write Cypher or judge values themselves. A new record is sent whole (mode REPLACE); an edit of
 * a stored one sends only what the editor changed, an emptied field as null (mode PATCH), so what someone
 * else changed since the form was loaded is kept, and the preview names every field saving would remove.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError, type WriteProblem } from "../shared/graphql-client.js";
import { type GraphEdge, fetchEntitySources } from "./api.js";
import { type RawRecord, type WriteReport, endRelationship, fetchRecord, upsertRecords } from "./edit-api.js";
import {
  FieldControl,
  ProblemText,
  type SourceRef,
  SourceRefEditor,
  NEW_SOURCE_FIELDS,
  inputId,
  sourceIdOf,
} from "./edit-fields.js";
import { type EditMode, draftKeyOf, useDraft } from "./edit-drafts.js";
import { relationshipLabel } from "./kinds.js";
import { ReportList } from "./report-list.js";
import {
  ENTITY_ID_FIELD,
  ENTITY_KINDS,
  type EntityKind,
  type FormValues,
  RELATIONSHIP_TYPES,
  SOURCE_ID_FIELD,
  entityFormFields,
  fromRecord,
  isEntityKind,
  relationshipFormFields,
  recordPatch,
  relationshipRuleOf,
  slugFrom,
  toRecord,
} from "./record-fields.js";
import { SearchBox } from "./search-box.js";
import type { Selection } from "./url-state.js";

export type { EditMode } from "./edit-drafts.js";

export interface EditPanelProps {
  readonly mode: EditMode;
  /** The editor's access token; null once the sign-in has ended (the draft stays, checks and Save wait). */
  readonly token: string | null;
  readonly staff: boolean;
  /** A display name for an entity id. */
  readonly nameOf: (id: string) => string;
  readonly onSaved: (report: WriteReport, select: Selection | null) => void;
  readonly onCancel: () => void;
  /** The API refused the token (it expired): the page signs out. */
  readonly onTokenRefused: (message: string) => void;
}

/** How long typing must pause before a draft is checked. */
const CHECK_DELAY_MS = 450;

/** A draft as the write it would be: run as a dry run to check it, for real to save it. */
interface WriteRequest {
  /** Identifies the draft's content: a new key is a new check. */
  readonly key: string;
  run(dryRun: boolean, signal?: AbortSignal): Promise<WriteReport>;
}

type Check =
  | { status: "idle" }
  | { status: "checking"; previous: Check | null }
  | { status: "ok"; report: WriteReport }
  | { status: "problems"; problems: readonly WriteProblem[]; message: string }
  | { status: "error"; message: string };

function refused(error: unknown): Check {
  if (error instanceof ApiError && error.problems.length > 0) {
    return { status: "problems", problems: error.problems, message: error.message };
  }
  return { status: "error", message: error instanceof ApiError ? error.message : "The API cannot be reached." };
}

/** Checks the draft (a dry run) whenever it changes, after a pause in typing. */
function useWriteCheck(
  request: WriteRequest | null,
  onTokenRefused: (message: string) => void,
): [Check, (c: Check) => void] {
  const [check, setCheck] = useState<Check>({ status: "idle" });
  const refusedRef = useRef(onTokenRefused);
  refusedRef.current = onTokenRefused;
  const key = request?.key ?? null;
  useEffect(() => {
    if (!request) {
      setCheck({ status: "idle" });
      return;
    }
    const controller = new AbortController();
    setCheck((current) => ({
      status: "checking",
      previous: current.status === "checking" ? current.previous : current,
    }));
    const timer = setTimeout(() => {
      request.run(true, controller.signal).then(
        (report) => setCheck({ status: "ok", report }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          if (error instanceof ApiError && error.code === "UNAUTHENTICATED") refusedRef.current(error.message);
          setCheck(refused(error));
        },
      );
    }, CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `key` stands for the request's content.
  }, [key]);
  return [check, setCheck];
}

/** The problems to show: the last check's, kept visible while the next one runs. */
function shownProblems(check: Check): readonly WriteProblem[] {
  if (check.status === "problems") return check.problems;
  if (check.status === "checking" && check.previous?.status === "problems") return check.previous.problems;
  return [];
}

/**
 * Problems for one record of the write (`item` at `index` of its list), by field path. `depth` keeps that
 * many segments of the path (`location.lat` → `location` at 1; `citations.0.excerpt` whole at 3).
 */
function problemsOf(problems: readonly WriteProblem[], item: string, index: number, depth = 1): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const problem of problems) {
    if (problem.item !== item || (problem.index ?? 0) !== index) continue;
    const key = (problem.field ?? "").split(".").slice(0, depth).join(".");
    found.set(key, [...(found.get(key) ?? []), problem.message]);
  }
  return found;
}

/** The new sources a draft cites, in order: what goes into the write's `sources`, and where each came from. */
function newSources(refs: readonly SourceRef[]): { records: RawRecord[]; indexOf: Map<SourceRef, number> } {
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

/** The form's footer: the problems as a linked summary, the preview, and Save. */
function CheckAndSave({
  check,
  prefixOf,
  saving,
  onSave,
  onCancel,
  saveLabel,
}: {
  check: Check;
  /** The element id of the control a problem concerns, when the form shows one. */
  prefixOf: (problem: WriteProblem) => string | null;
  saving: boolean;
  onSave: () => void;
  onCancel: () => void;
  saveLabel: string;
}) {
  const problems = shownProblems(check);
  const canSave = check.status === "ok" && !saving;
  return (
    <>
      <div className="check-status" aria-live="polite" data-testid="check-status">
        {check.status === "checking" && "Checking with the API…"}
        {check.status === "ok" && "No problems found."}
        {check.status === "problems" &&
          `${check.problems.length} problem${check.problems.length === 1 ? "" : "s"} to fix before saving.`}
        {check.status === "error" && <span className="error">{check.message}</span>}
      </div>
      {problems.length > 0 && (
        <section className="problem-summary" aria-labelledby="problem-summary-title" data-testid="problems">
          <h3 id="problem-summary-title">To fix</h3>
          <ul>
            {problems.map((problem, index) => {
              const target = prefixOf(problem);
              const text = `${problem.field ? `${problem.field}: ` : ""}${problem.message} (${problem.code})`;
              return (
                <li key={index} data-code={problem.code}>
                  {target ? <a href={`#${target}`}>{text}</a> : text}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <section className="preview" aria-labelledby="preview-title" data-testid="preview">
        <h3 id="preview-title">What saving will change</h3>
        {check.status === "ok" ? (
          <ReportList report={check.report} />
        ) : (
          <p className="muted">Shown once the API has checked the form without problems.</p>
        )}
      </section>
      <div className="actions">
        <button type="submit" disabled={!canSave} onClick={onSave}>
          {saving ? "Saving…" : saveLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

/** Runs the save; a refusal (someone changed the graph since the check) shows its problems. */
function useSave(
  request: WriteRequest | null,
  setCheck: (check: Check) => void,
  onSaved: (report: WriteReport) => void,
): [boolean, () => void] {
  const [saving, setSaving] = useState(false);
  const save = () => {
    if (!request || saving) return;
    setSaving(true);
    request.run(false).then(
      (report) => {
        setSaving(false);
        onSaved(report);
      },
      (error: unknown) => {
        setSaving(false);
        setCheck(refused(error));
      },
    );
  };
  return [saving, save];
}

export function EditPanel(props: EditPanelProps) {
  const { mode } = props;
  const title =
    mode.kind === "entity"
      ? mode.id
        ? `Edit ${props.nameOf(mode.id)}`
        : "New entity"
      : mode.kind === "relationship"
        ? mode.edge
          ? "Edit relationship"
          : "New relationship"
        : "End or suspend a relationship";
  return (
    <section className="editor" aria-labelledby="editor-title" data-testid="editor">
      <h2 id="editor-title">{title}</h2>
      <p className="muted">
        Checked by the API as you type — the same rules as an import — and saved as one recorded change.
      </p>
      {props.token === null && (
        <p className="sign-in-again" role="alert">
          Your sign-in has ended. Sign in again to check and save: this draft is kept in this tab meanwhile.
        </p>
      )}
      {mode.kind === "entity" ? (
        <EntityForm {...props} id={mode.id} />
      ) : mode.kind === "relationship" ? (
        <RelationshipForm {...props} edge={mode.edge} from={mode.from} />
      ) : (
        <EndForm {...props} edge={mode.edge} />
      )}
    </section>
  );
}

// ── Entities

function EntityForm({
  id,
  mode,
  token,
  staff,
  onSaved,
  onCancel,
  onTokenRefused,
}: EditPanelProps & { id: string | null }) {
  const draft = draftKeyOf(mode);
  const [kind, setKind] = useDraft<EntityKind>(`${draft}:kind`, "City");
  const [values, setValues] = useDraft<FormValues>(`${draft}:values`, {});
  const [entityId, setEntityId] = useDraft(`${draft}:id`, id ?? "");
  const [idTouched, setIdTouched] = useDraft(`${draft}:idTouched`, id !== null);
  const [sources, setSources] = useDraft<SourceRef[]>(`${draft}:sources`, [{ mode: "existing", source: null }]);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Kept with the draft: once the record is loaded, what was typed wins over a reload or a change of sign-in.
  const [loaded, setLoaded] = useDraft(`${draft}:loaded`, id === null);
  // The stored record as the form loaded it, in the form's terms: an edit sends what differs from it.
  const [baseline, setBaseline] = useDraft<RawRecord | null>(`${draft}:baseline`, null);
  const loadedRef = useRef(loaded);
  loadedRef.current = loaded;
  const fields = useMemo(() => entityFormFields(kind, staff), [kind, staff]);

  useEffect(() => {
    if (id === null || loadedRef.current) return;
    const controller = new AbortController();
    Promise.all([fetchRecord(id, controller.signal), fetchEntitySources(id, controller.signal)]).then(
      ([record, cited]) => {
        if (!record || typeof record.kind !== "string" || !isEntityKind(record.kind)) {
          setLoadError(`No entity has the id ${id}.`);
          return;
        }
        setKind(record.kind);
        const loadedFields = entityFormFields(record.kind, staff);
        const loadedValues = fromRecord(loadedFields, record);
        setValues(loadedValues);
        const ids = Array.isArray(record.sources) ? record.sources.map(String) : [];
        setBaseline({ ...toRecord(loadedFields, loadedValues), sources: ids });
        setSources(
          ids.map((sourceId) => ({
            mode: "existing",
            source: cited.find((source) => source.id === sourceId) ?? {
              id: sourceId,
              title: sourceId,
              publisher: null,
              published: null,
              url: null,
            },
          })),
        );
        setLoaded(true);
      },
      () => {
        if (!controller.signal.aborted) setLoadError("The entity could not be loaded.");
      },
    );
    return () => controller.abort();
    // The setters are stable; a loaded draft is never loaded over.
  }, [id, staff]);

  const request = useMemo<WriteRequest | null>(() => {
    if (!loaded || !token) return null;
    const { records } = newSources(sources);
    const edited = { ...toRecord(fields, values), sources: sources.map(sourceIdOf) };
    const entity = { kind, id: entityId.trim(), ...(baseline ? recordPatch(baseline, edited) : edited) };
    const input = { sources: records, entities: [entity] };
    const writeMode = baseline ? "PATCH" : "REPLACE";
    return {
      key: JSON.stringify([writeMode, input]),
      run: (dryRun, signal) => upsertRecords(input, writeMode, dryRun, token, signal),
    };
  }, [loaded, baseline, sources, kind, entityId, fields, values, token]);
  const [check, setCheck] = useWriteCheck(request, onTokenRefused);
  const [saving, save] = useSave(request, setCheck, (report) => onSaved(report, { type: "node", id: entityId.trim() }));

  if (loadError) return <p className="error">{loadError}</p>;
  if (!loaded) return <p className="muted">Loading…</p>;
  const problems = shownProblems(check);
  const entityProblems = problemsOf(problems, "entity", 0);
  const refs = newSources(sources).indexOf;
  const prefix = "edit-entity";
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <div className="field">
        <label htmlFor={`${prefix}-kind`}>Kind</label>
        <select
          id={`${prefix}-kind`}
          value={kind}
          disabled={id !== null}
          aria-describedby={id !== null ? `${prefix}-kind-hint` : undefined}
          onChange={(event) => isEntityKind(event.target.value) && setKind(event.target.value)}
        >
          {ENTITY_KINDS.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        {id !== null && (
          <span className="hint" id={`${prefix}-kind-hint`}>
            An entity keeps its kind.
          </span>
        )}
      </div>
      <FieldControl
        field={ENTITY_ID_FIELD}
        prefix={prefix}
        values={{ id: entityId }}
        problems={entityProblems}
        onChange={(_name, value) => {
          if (id !== null) return;
          setEntityId(value);
          setIdTouched(true);
        }}
      />
      {fields.map((field) => (
        <FieldControl
          key={field.name}
          field={field}
          prefix={prefix}
          values={values}
          problems={entityProblems}
          onChange={(name, value) => {
            setValues((current) => ({ ...current, [name]: value }));
            if (name === "name" && !idTouched && id === null) setEntityId(slugFrom(value));
          }}
        />
      ))}
      <fieldset className="citations-editor">
        <legend>Sources (at least one)</legend>
        <ProblemText id={`${prefix}-sources-problem`} messages={entityProblems.get("sources")} />
        {sources.map((ref, index) => (
          <div key={index} className="citation-row">
            <SourceRefEditor
              prefix={`${prefix}-sources-${index}`}
              value={ref}
              onChange={(next) => setSources((current) => current.map((item, at) => (at === index ? next : item)))}
              refProblems={problemsOf(problems, "entity", 0, 2).get(`sources.${index}`)}
              newSourceProblems={refs.has(ref) ? problemsOf(problems, "source", refs.get(ref)!) : new Map()}
            />
            {sources.length > 1 && (
              <button
                type="button"
                onClick={() => setSources((current) => current.filter((_item, at) => at !== index))}
              >
                Remove this source
              </button>
            )}
          </div>
        ))}
        <button type="button" onClick={() => setSources((current) => [...current, { mode: "existing", source: null }])}>
          Add another source
        </button>
      </fieldset>
      <CheckAndSave
        check={check}
        saving={saving}
        onSave={save}
        onCancel={onCancel}
        saveLabel={id ? "Save changes" : "Add entity"}
        prefixOf={(problem) =>
          problem.item === "entity" && problem.field ? inputId(prefix, problem.field.split(".")[0]!) : null
        }
      />
    </form>
  );
}

// ── Relationships

interface CitationDraft {
  ref: SourceRef;
  excerpt: string;
}

function CitationsEditor({
  prefix,
  citations,
  onChange,
  problems,
  item,
  index,
}: {
  prefix: string;
  citations: readonly CitationDraft[];
  onChange: (citations: CitationDraft[]) => void;
  problems: readonly WriteProblem[];
  /** Where the citations' problems come from: the relationship at `index` of the write. */
  item: string;
  index: number;
}) {
  const byField = problemsOf(problems, item, index, 3);
  const sourceIndex = newSources(citations.map((citation) => citation.ref)).indexOf;
  const set = (at: number, change: Partial<CitationDraft>) =>
    onChange(citations.map((citation, i) => (i === at ? { ...citation, ...change } : citation)));
  return (
    <fieldset className="citations-editor">
      <legend>Citations (at least one: a source and the words in it that say so)</legend>
      <ProblemText id={`${prefix}-citations-problem`} messages={problemsOf(problems, item, index).get("citations")} />
      {citations.map((citation, at) => {
        const excerptId = inputId(prefix, `citations.${at}.excerpt`);
        const excerptProblems = byField.get(`citations.${at}.excerpt`);
        return (
          <div key={at} className="citation-row">
            <SourceRefEditor
              prefix={inputId(prefix, `citations.${at}`)}
              value={citation.ref}
              onChange={(ref) => set(at, { ref })}
              refProblems={byField.get(`citations.${at}.source`)}
              newSourceProblems={
                sourceIndex.has(citation.ref)
                  ? problemsOf(problems, "source", sourceIndex.get(citation.ref)!)
                  : new Map()
              }
            />
            <div className="field">
              <label htmlFor={excerptId}>Excerpt (required)</label>
              <textarea
                id={excerptId}
                rows={2}
                value={citation.excerpt}
                aria-required
                aria-invalid={excerptProblems ? true : undefined}
                aria-describedby={[`${excerptId}-hint`, excerptProblems ? `${excerptId}-problem` : null]
                  .filter(Boolean)
                  .join(" ")}
                onChange={(event) => set(at, { excerpt: event.target.value })}
              />
              <span className="hint" id={`${excerptId}-hint`}>
                A few words quoted from the source that support the relationship.
              </span>
              <ProblemText id={`${excerptId}-problem`} messages={excerptProblems} />
            </div>
            {citations.length > 1 && (
              <button type="button" onClick={() => onChange(citations.filter((_c, i) => i !== at))}>
                Remove this citation
              </button>
            )}
          </div>
        );
      })}
      <button
        type="button"
        onClick={() => onChange([...citations, { ref: { mode: "existing", source: null }, excerpt: "" }])}
      >
        Add another citation
      </button>
    </fieldset>
  );
}

/** A relationship's citations as the write sends them. */
function citationRecords(citations: readonly CitationDraft[]): RawRecord[] {
  return citations.map((citation) => ({ source: sourceIdOf(citation.ref), excerpt: citation.excerpt.trim() }));
}

function citationsFromEdge(edge: GraphEdge, record: RawRecord | null): CitationDraft[] {
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

function RelationshipForm({
  edge,
  from: startFrom,
  mode,
  token,
  nameOf,
  onSaved,
  onCancel,
  onTokenRefused,
}: EditPanelProps & { edge: GraphEdge | null; from: string | undefined }) {
  const draft = draftKeyOf(mode);
  const [type, setType] = useDraft<string>(`${draft}:type`, edge?.type ?? "PARTNER_OF");
  const [from, setFrom] = useDraft<{ id: string; name: string } | null>(
    `${draft}:from`,
    edge
      ? { id: edge.fromId, name: nameOf(edge.fromId) }
      : startFrom
        ? { id: startFrom, name: nameOf(startFrom) }
        : null,
  );
  const [to, setTo] = useDraft<{ id: string; name: string } | null>(
    `${draft}:to`,
    edge ? { id: edge.toId, name: nameOf(edge.toId) } : null,
  );
  const [values, setValues] = useDraft<FormValues>(`${draft}:values`, {});
  const [citations, setCitations] = useDraft<CitationDraft[]>(`${draft}:citations`, [
    { ref: { mode: "existing", source: null }, excerpt: "" },
  ]);
  // As in EntityForm: a loaded draft is never loaded over.
  const [loaded, setLoaded] = useDraft(`${draft}:loaded`, edge === null);
  // As in EntityForm: the stored record as loaded, in the form's terms; an edit sends what differs from it.
  const [baseline, setBaseline] = useDraft<RawRecord | null>(`${draft}:baseline`, null);
  const loadedRef = useRef(loaded);
  loadedRef.current = loaded;
  const [loadError, setLoadError] = useState<string | null>(null);
  const fields = useMemo(() => relationshipFormFields(), []);
  const rule = relationshipRuleOf(type);

  useEffect(() => {
    if (!edge || loadedRef.current) return;
    const controller = new AbortController();
    fetchRecord(edge.id, controller.signal).then(
      (record) => {
        if (!record) {
          setLoadError(`No relationship has the id ${edge.id}.`);
          return;
        }
        const loadedValues = fromRecord(relationshipFormFields(), record);
        const loadedCitations = citationsFromEdge(edge, record);
        setValues(loadedValues);
        setCitations(loadedCitations);
        setBaseline({
          ...toRecord(relationshipFormFields(), loadedValues),
          citations: citationRecords(loadedCitations),
        });
        setLoaded(true);
      },
      () => {
        if (!controller.signal.aborted) setLoadError("The relationship could not be loaded.");
      },
    );
    return () => controller.abort();
  }, [edge]);

  const request = useMemo<WriteRequest | null>(() => {
    if (!loaded || !token) return null;
    const { records } = newSources(citations.map((citation) => citation.ref));
    const edited = { ...toRecord(fields, values), citations: citationRecords(citations) };
    const relationship = {
      type,
      ...(edge ? { id: edge.id } : {}),
      from: from?.id ?? "",
      to: to?.id ?? "",
      ...(baseline ? recordPatch(baseline, edited) : edited),
    };
    const input = { sources: records, relationships: [relationship] };
    const writeMode = baseline ? "PATCH" : "REPLACE";
    return {
      key: JSON.stringify([writeMode, input]),
      run: (dryRun, signal) => upsertRecords(input, writeMode, dryRun, token, signal),
    };
  }, [loaded, baseline, citations, type, edge, from, to, fields, values, token]);
  const [check, setCheck] = useWriteCheck(request, onTokenRefused);
  const [saving, save] = useSave(request, setCheck, (report) => {
    const saved = report.items.find((item) => item.item === "relationship");
    onSaved(report, saved ? { type: "edge", id: saved.id } : edge ? { type: "edge", id: edge.id } : null);
  });

  if (loadError) return <p className="error">{loadError}</p>;
  if (!loaded) return <p className="muted">Loading…</p>;
  const problems = shownProblems(check);
  const own = problemsOf(problems, "relationship", 0);
  const prefix = "edit-relationship";
  const endProblem = (end: "from" | "to") => own.get(end);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      {edge ? (
        <p>
          <strong>{nameOf(edge.fromId)}</strong> — {relationshipLabel(edge.type)} → <strong>{nameOf(edge.toId)}</strong>{" "}
          <code>{edge.id}</code>
        </p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${prefix}-type`}>Type</label>
            <select
              id={`${prefix}-type`}
              value={type}
              aria-describedby={`${prefix}-type-hint`}
              onChange={(event) => setType(event.target.value)}
            >
              {RELATIONSHIP_TYPES.map((name) => (
                <option key={name} value={name}>
                  {relationshipLabel(name)} ({name})
                </option>
              ))}
            </select>
            <span className="hint" id={`${prefix}-type-hint`}>
              {rule ? `${rule.meaning}. From ${rule.from.join(" / ")} to ${rule.to.join(" / ")}.` : ""}
            </span>
            <ProblemText id={`${prefix}-type-problem`} messages={own.get("type")} />
          </div>
          {(["from", "to"] as const).map((end) => {
            const id = inputId(prefix, end);
            const messages = endProblem(end);
            return (
              <div className="field" key={end}>
                <SearchBox
                  id={id}
                  label={`${end === "from" ? "From" : "To"} (${(end === "from" ? rule?.from : rule?.to)?.join(" / ") ?? "an entity"}; required)`}
                  placeholder="Search by name"
                  value={(end === "from" ? from : to)?.name ?? ""}
                  onPick={(node) => (end === "from" ? setFrom : setTo)({ id: node.id, name: node.name })}
                  describedBy={messages ? `${id}-problem` : undefined}
                  invalid={Boolean(messages)}
                  testId={`edit-${end}`}
                />
                <ProblemText id={`${id}-problem`} messages={messages} />
              </div>
            );
          })}
        </>
      )}
      {fields.map((field) => (
        <FieldControl
          key={field.name}
          field={field}
          prefix={prefix}
          values={values}
          problems={own}
          suggestions={field.name === "kind" && rule && "kinds" in rule ? rule.kinds : undefined}
          onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
        />
      ))}
      <CitationsEditor
        prefix={prefix}
        citations={citations}
        onChange={setCitations}
        problems={problems}
        item="relationship"
        index={0}
      />
      <CheckAndSave
        check={check}
        saving={saving}
        onSave={save}
        onCancel={onCancel}
        saveLabel={edge ? "Save changes" : "Add relationship"}
        prefixOf={(problem) =>
          problem.item === "relationship" && problem.field
            ? inputId(
                prefix,
                problem.field.startsWith("citations")
                  ? problem.field.split(".").slice(0, 3).join(".")
                  : problem.field.split(".")[0]!,
              )
            : null
        }
      />
    </form>
  );
}

// ── Ending or suspending a relationship: a new period, cited.

function EndForm({
  edge,
  mode,
  token,
  nameOf,
  onSaved,
  onCancel,
  onTokenRefused,
}: EditPanelProps & { edge: GraphEdge }) {
  const draft = draftKeyOf(mode);
  const [status, setStatus] = useDraft<"ended" | "suspended">(`${draft}:status`, "ended");
  const [date, setDate] = useDraft(`${draft}:date`, "");
  const [citation, setCitation] = useDraft<CitationDraft>(`${draft}:citation`, {
    ref: { mode: "existing", source: null },
    excerpt: "",
  });
  const request = useMemo<WriteRequest | null>(() => {
    if (!token) return null;
    const { records } = newSources([citation.ref]);
    const input = {
      id: edge.id,
      date: date.trim(),
      status,
      citation: { source: sourceIdOf(citation.ref), excerpt: citation.excerpt.trim() },
      sources: records,
    };
    return { key: JSON.stringify(input), run: (dryRun, signal) => endRelationship(input, dryRun, token, signal) };
  }, [edge, date, status, citation, token]);
  const [check, setCheck] = useWriteCheck(request, onTokenRefused);
  const [saving, save] = useSave(request, setCheck, (report) => {
    const next = report.items.find((item) => item.item === "relationship" && item.change === "new");
    onSaved(report, { type: "edge", id: next?.id ?? edge.id });
  });
  const problems = shownProblems(check);
  // endRelationship names the relationship's own problems by its argument (`date`, `status`), and the
  // citation's as the ended period's citations.
  const own = problemsOf(problems, "relationship", 0);
  const prefix = "edit-end";
  const dateId = inputId(prefix, "date");
  const dateProblems = [...(own.get("date") ?? []), ...(own.get("validTo") ?? [])];
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <p>
        <strong>{nameOf(edge.fromId)}</strong> — {relationshipLabel(edge.type)} → <strong>{nameOf(edge.toId)}</strong>{" "}
        <code>{edge.id}</code>
      </p>
      <fieldset className="field">
        <legend>What happens</legend>
        <label>
          <input type="radio" name="end-status" checked={status === "ended"} onChange={() => setStatus("ended")} /> It
          ended: it gets an end date and the status <em>ended</em>
        </label>
        <label>
          <input
            type="radio"
            name="end-status"
            checked={status === "suspended"}
            onChange={() => setStatus("suspended")}
          />{" "}
          It was suspended: this period ends, and a new period with the status <em>suspended</em> starts
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={dateId}>From (required)</label>
        <input
          id={dateId}
          value={date}
          placeholder="YYYY, YYYY-MM or YYYY-MM-DD"
          aria-required
          aria-invalid={dateProblems.length > 0 ? true : undefined}
          aria-describedby={[`${dateId}-hint`, dateProblems.length > 0 ? `${dateId}-problem` : null]
            .filter(Boolean)
            .join(" ")}
          onChange={(event) => setDate(event.target.value)}
        />
        <span className="hint" id={`${dateId}-hint`}>
          The day, month or year it stops holding (its <code>validTo</code>; exclusive).
        </span>
        <ProblemText id={`${dateId}-problem`} messages={dateProblems} />
      </div>
      <CitationsEditor
        prefix={prefix}
        citations={[citation]}
        onChange={(next) => next[0] && setCitation(next[0])}
        problems={problems.map((problem) =>
          // The citation's problems come back under the ended period's last citation; show them on ours.
          problem.item === "relationship" && problem.field?.startsWith("citations.")
            ? { ...problem, field: problem.field.replace(/^citations\.\d+/, "citations.0") }
            : problem,
        )}
        item="relationship"
        index={0}
      />
      <CheckAndSave
        check={check}
        saving={saving}
        onSave={save}
        onCancel={onCancel}
        saveLabel={status === "ended" ? "End it" : "Suspend it"}
        prefixOf={(problem) => (problem.field === "date" ? dateId : null)}
      />
    </form>
  );
}
