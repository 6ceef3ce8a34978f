/**
 * A source for an edit: an existing one found by search, or a new one described in the form (its id made
 * from its title, editable). Used by the entity form's sources and by every citation.
 */
import { useEffect, useId, useState } from "react";
import { type SourceSummary, findSources } from "./edit-api.js";
import { FieldControl, type FieldProblems, ProblemText, inputId } from "./edit-fields.js";
import { NEW_SOURCE_FIELDS, type SourceRef } from "./edit-write.js";
import { messages, useT } from "./i18n.js";
import { type FormField, SOURCE_ID_FIELD, slugFrom } from "./record-fields.js";

const M = messages({
  source: { en: "Source", fi: "Lähde", sv: "Källa" },
  chooseAnother: { en: "Choose another source", fi: "Valitse toinen lähde", sv: "Välj en annan källa" },
  find: {
    en: "Find a source (title, publisher or id)",
    fi: "Etsi lähde (otsikko, julkaisija tai tunniste)",
    sv: "Sök en källa (titel, utgivare eller id)",
  },
  noMatch: {
    en: "No source matches; add a new one instead.",
    fi: "Yksikään lähde ei vastaa hakua; lisää sen sijaan uusi.",
    sv: "Ingen källa matchar; lägg till en ny i stället.",
  },
  which: { en: "Which source", fi: "Mikä lähde", sv: "Vilken källa" },
  existing: { en: "An existing source", fi: "Olemassa oleva lähde", sv: "En befintlig källa" },
  new: { en: "A new source", fi: "Uusi lähde", sv: "En ny källa" },
  newLegend: { en: "New source", fi: "Uusi lähde", sv: "Ny källa" },
  more: { en: "More about the source", fi: "Lisää lähteestä", sv: "Mer om källan" },
});

/** Shown at once; the model's other source fields are one click away. */
const PRIMARY_SOURCE_FIELDS = new Set(["title", "publisher", "published", "url"]);

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
  const t = useT();
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
        <span className="label-like">{t(M.source)}</span>
        <p className="source" id={id} tabIndex={-1}>
          <strong>{value.title}</strong>
          {value.publisher && <span> · {value.publisher}</span>}
          {value.published && <span> · {value.published}</span>} <code>{value.id}</code>
        </p>
        <button type="button" onClick={() => onChange(null)}>
          {t(M.chooseAnother)}
        </button>
        <ProblemText id={problemId} messages={problems} />
      </div>
    );
  }
  return (
    <div className="field source-picker">
      <label htmlFor={id}>{t(M.find)}</label>
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
        {hits?.length === 0 && <li className="muted">{t(M.noMatch)}</li>}
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
  const t = useT();
  const name = `${prefix}-mode`;
  return (
    <div className="source-ref">
      <div role="radiogroup" aria-label={t(M.which)} className="segmented">
        <label>
          <input
            type="radio"
            name={name}
            checked={value.mode === "existing"}
            onChange={() => onChange({ mode: "existing", source: null })}
          />{" "}
          {t(M.existing)}
        </label>
        <label>
          <input
            type="radio"
            name={name}
            checked={value.mode === "new"}
            onChange={() => onChange({ mode: "new", values: {}, idTouched: false })}
          />{" "}
          {t(M.new)}
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
  const t = useT();
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
      <legend>{t(M.newLegend)}</legend>
      {primary.map(render)}
      {render(idField)}
      <details>
        <summary>{t(M.more)}</summary>
        {more.map(render)}
      </details>
    </fieldset>
  );
}
