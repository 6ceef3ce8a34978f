/**
 * The form controls of the edit forms, one per kind of field in the record model (record-fields.ts), plus the
 * pickers for sources. Every control has a visible label, its description as a hint, and — when the API's
 * dry run found a problem with it — the problem, tied to the control with `aria-describedby` and
 * `aria-invalid` so screen readers announce it with the field.
 */
import { useEffect, useId, useState } from "react";
import { type SourceSummary, findSources } from "./edit-api.js";
import {
  type FormField,
  type FormValues,
  LISTED_SCHEMES,
  SOURCE_ID_FIELD,
  STATUSES,
  STATUS_RULES,
  slugFrom,
  sourceFormFields,
} from "./record-fields.js";

/** Problems by field path (`name`, `location`, `citations.0.excerpt`), from the API's dry run. */
export type FieldProblems = ReadonlyMap<string, readonly string[]>;

/** An element id for an input: `editor-relationship-0-validFrom`. */
export function inputId(prefix: string, name: string): string {
  return `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

export function ProblemText({ id, messages }: { id: string; messages: readonly string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <span className="field-problem" id={id}>
      {messages.join(" ")}
    </span>
  );
}

/** `aria-describedby` for a control: its hint, and its problem when it has one. */
function describedBy(hintId: string | null, problemId: string, problems: readonly string[] | undefined) {
  return [hintId, problems && problems.length > 0 ? problemId : null].filter(Boolean).join(" ") || undefined;
}

interface FieldControlProps {
  readonly field: FormField;
  readonly prefix: string;
  readonly values: FormValues;
  readonly onChange: (name: string, value: string) => void;
  readonly problems: FieldProblems;
  /** Values the API expects for `kind` (a type with a closed vocabulary), offered as suggestions. */
  readonly suggestions?: readonly string[] | undefined;
}

/** One field of the record model as a control; compound fields (location, external ids) as a fieldset. */
export function FieldControl({ field, prefix, values, onChange, problems, suggestions }: FieldControlProps) {
  const id = inputId(prefix, field.name);
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const messages = problems.get(field.name);
  const required = field.spec.required === true;
  const label = `${field.label}${required ? " (required)" : ""}`;
  const common = {
    id,
    name: field.name,
    "aria-describedby": describedBy(hintId, problemId, messages),
    "aria-invalid": messages && messages.length > 0 ? true : undefined,
    "aria-required": required || undefined,
  };
  const hint = (
    <span className="hint" id={hintId}>
      {field.spec.description}
    </span>
  );
  const value = values[field.name] ?? "";
  const set = (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    onChange(field.name, event.target.value);

  if (field.spec.type === "location" || field.spec.type === "externalIds") {
    const parts =
      field.spec.type === "location"
        ? [
            { key: "lat", label: "Latitude" },
            { key: "lon", label: "Longitude" },
          ]
        : LISTED_SCHEMES.map((scheme) => ({ key: scheme, label: scheme }));
    return (
      <fieldset className="field compound" aria-describedby={describedBy(hintId, problemId, messages)}>
        <legend>{field.label}</legend>
        {hint}
        {parts.map((part) => {
          const name = `${field.name}.${part.key}`;
          return (
            <label key={part.key} className="part">
              {part.label}{" "}
              <input
                id={inputId(prefix, name)}
                name={name}
                inputMode={field.spec.type === "location" ? "decimal" : undefined}
                value={values[name] ?? ""}
                aria-invalid={messages && messages.length > 0 ? true : undefined}
                aria-describedby={messages && messages.length > 0 ? problemId : undefined}
                onChange={(event) => onChange(name, event.target.value)}
              />
            </label>
          );
        })}
        <ProblemText id={problemId} messages={messages} />
      </fieldset>
    );
  }

  let control: React.ReactNode;
  const type = field.spec.type;
  if (type === "longText" || type === "texts") {
    control = <textarea {...common} rows={type === "texts" ? 2 : 3} value={value} onChange={set} />;
  } else if (type === "status") {
    control = (
      <select {...common} value={value} onChange={set}>
        <option value="">(none: in force)</option>
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {status} — {STATUS_RULES[status].meaning}
          </option>
        ))}
      </select>
    );
  } else {
    const listId = suggestions && suggestions.length > 0 ? `${id}-suggestions` : undefined;
    control = (
      <>
        <input
          {...common}
          type={type === "url" ? "url" : type === "email" ? "email" : "text"}
          inputMode={type === "count" ? "numeric" : undefined}
          placeholder={type === "date" ? "YYYY, YYYY-MM or YYYY-MM-DD" : undefined}
          list={listId}
          value={value}
          onChange={set}
        />
        {listId && (
          <datalist id={listId}>
            {suggestions!.map((suggestion) => (
              <option key={suggestion} value={suggestion} />
            ))}
          </datalist>
        )}
      </>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control}
      {hint}
      <ProblemText id={problemId} messages={messages} />
    </div>
  );
}

// ── Sources: an existing one found by search, or a new one described here.

export type SourceRef =
  | { readonly mode: "existing"; readonly source: SourceSummary | null }
  | { readonly mode: "new"; readonly values: FormValues; readonly idTouched: boolean };

export const NEW_SOURCE_FIELDS = sourceFormFields();
/** Shown at once; the model's other source fields are one click away. */
const PRIMARY_SOURCE_FIELDS = new Set(["title", "publisher", "published", "url"]);

/** The id a source reference names ("" when none is picked yet: the API then says REQUIRED). */
export function sourceIdOf(ref: SourceRef): string {
  if (ref.mode === "existing") return ref.source?.id ?? "";
  return (ref.values.id ?? "").trim() || slugFrom(ref.values.title ?? "");
}

/** Finds existing sources by title, publisher or id, as you type. */
export function SourcePicker({
  prefix,
  value,
  onChange,
  problems,
}: {
  prefix: string;
  value: SourceSummary | null;
  onChange: (source: SourceSummary | null) => void;
  problems: readonly string[] | undefined;
}) {
  const [text, setText] = useState("");
  const [hits, setHits] = useState<SourceSummary[] | null>(null);
  const id = inputId(prefix, "source");
  const problemId = `${id}-problem`;
  const resultsId = useId();
  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) {
      setHits(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      findSources(query, controller.signal).then(setHits, () => setHits([]));
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);
  if (value) {
    return (
      <div className="field picked-source">
        <span className="label-like">Source</span>
        <p className="source" id={id} tabIndex={-1}>
          <strong>{value.title}</strong>
          {value.publisher && <span> · {value.publisher}</span>}
          {value.published && <span> · {value.published}</span>} <code>{value.id}</code>
        </p>
        <button type="button" onClick={() => onChange(null)}>
          Choose another source
        </button>
        <ProblemText id={problemId} messages={problems} />
      </div>
    );
  }
  return (
    <div className="field source-picker">
      <label htmlFor={id}>Find a source (title, publisher or id)</label>
      <input
        id={id}
        type="search"
        autoComplete="off"
        value={text}
        aria-controls={resultsId}
        aria-describedby={problems && problems.length > 0 ? problemId : undefined}
        aria-invalid={problems && problems.length > 0 ? true : undefined}
        onChange={(event) => setText(event.target.value)}
      />
      <ul id={resultsId} className="source-hits" aria-live="polite">
        {hits?.length === 0 && <li className="muted">No source matches; add a new one instead.</li>}
        {hits?.map((hit) => (
          <li key={hit.id}>
            <button type="button" className="link" onClick={() => onChange(hit)}>
              {hit.title}
              {hit.publisher && ` · ${hit.publisher}`}
              {hit.published && ` · ${hit.published}`}
            </button>
          </li>
        ))}
      </ul>
      <ProblemText id={problemId} messages={problems} />
    </div>
  );
}

/** A source reference: pick an existing source, or describe a new one (its id made from the title). */
export function SourceRefEditor({
  prefix,
  value,
  onChange,
  refProblems,
  newSourceProblems,
}: {
  prefix: string;
  value: SourceRef;
  onChange: (ref: SourceRef) => void;
  /** Problems with the reference itself (`citations.0.source`, `sources.1`). */
  refProblems: readonly string[] | undefined;
  /** Problems with the new source's own fields, by field. */
  newSourceProblems: FieldProblems;
}) {
  const name = `${prefix}-mode`;
  return (
    <div className="source-ref">
      <div role="radiogroup" aria-label="Which source" className="segmented">
        <label>
          <input
            type="radio"
            name={name}
            checked={value.mode === "existing"}
            onChange={() => onChange({ mode: "existing", source: null })}
          />{" "}
          An existing source
        </label>
        <label>
          <input
            type="radio"
            name={name}
            checked={value.mode === "new"}
            onChange={() => onChange({ mode: "new", values: {}, idTouched: false })}
          />{" "}
          A new source
        </label>
      </div>
      {value.mode === "existing" ? (
        <SourcePicker
          prefix={prefix}
          value={value.source}
          onChange={(source) => onChange({ mode: "existing", source })}
          problems={refProblems}
        />
      ) : (
        <NewSourceFields prefix={prefix} value={value} onChange={onChange} problems={newSourceProblems} />
      )}
    </div>
  );
}

function NewSourceFields({
  prefix,
  value,
  onChange,
  problems,
}: {
  prefix: string;
  value: Extract<SourceRef, { mode: "new" }>;
  onChange: (ref: SourceRef) => void;
  problems: FieldProblems;
}) {
  const set = (field: string, text: string) => {
    const values = { ...value.values, [field]: text };
    if (field === "title" && !value.idTouched) values.id = slugFrom(text);
    onChange({ mode: "new", values, idTouched: value.idTouched || field === "id" });
  };
  const idField = SOURCE_ID_FIELD;
  const primary = NEW_SOURCE_FIELDS.filter((field) => PRIMARY_SOURCE_FIELDS.has(field.name));
  const more = NEW_SOURCE_FIELDS.filter((field) => !PRIMARY_SOURCE_FIELDS.has(field.name));
  const render = (field: FormField) => (
    <FieldControl
      key={field.name}
      field={field}
      prefix={`${prefix}-new`}
      values={value.values}
      onChange={set}
      problems={problems}
    />
  );
  return (
    <fieldset className="new-source">
      <legend>New source</legend>
      {primary.map(render)}
      {render(idField)}
      <details>
        <summary>More about the source</summary>
        {more.map(render)}
      </details>
    </fieldset>
  );
}
