/**
 * The form controls of the edit forms, one per kind of field in the record model (record-fields.ts). Every
 * control has a visible label, its description as a hint (both in the reader's language, field-words.ts),
 * and — when the API's dry run found a problem with it — the problem, tied to the control with
 * `aria-describedby` and `aria-invalid` so screen readers announce it with the field.
 */
import { fieldHintIn, fieldLabelIn, statusMeaningIn } from "./field-words.js";
import { messages, useLang, useT } from "./i18n.js";
import { type FormField, type FormValues, LISTED_SCHEMES, STATUSES } from "./record-fields.js";

const M = messages({
  latitude: { en: "Latitude", fi: "Leveysaste", sv: "Latitud" },
  longitude: { en: "Longitude", fi: "Pituusaste", sv: "Longitud" },
  noStatus: { en: "(none: in force)", fi: "(ei tilaa: voimassa)", sv: "(ingen: gäller)" },
  status: { en: "{status} — {meaning}", fi: "{status} — {meaning}", sv: "{status} — {meaning}" },
  datePlaceholder: {
    en: "YYYY, YYYY-MM or YYYY-MM-DD",
    fi: "VVVV, VVVV-KK tai VVVV-KK-PP",
    sv: "ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD",
  },
});

/** The placeholder of a date input, in the reader's language. */
export function useDatePlaceholder(): string {
  return useT()(M.datePlaceholder);
}

/** Problems by field path (`name`, `location`, `citations.0.excerpt`), from the API's dry run. */
export type FieldProblems = ReadonlyMap<string, readonly string[]>;

/** An element id for an input: `editor-relationship-0-validFrom`. */
export function inputId(prefix: string, name: string): string {
  return `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** The API's words for a field's problem: English, whatever the reader's language, and marked so. */
export function ProblemText({ id, messages }: { id: string; messages: readonly string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <span className="field-problem" id={id} lang="en">
      {messages.join(" ")}
    </span>
  );
}

/** `aria-describedby` for a control: its hint, and its problem when it has one. */
export function describedBy(hintId: string | null, problemId: string, problems: readonly string[] | undefined) {
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
  const t = useT();
  const lang = useLang();
  const id = inputId(prefix, field.name);
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const messages = problems.get(field.name);
  const required = field.spec.required === true;
  const label = fieldLabelIn(field, lang, required);
  const common = {
    id,
    name: field.name,
    "aria-describedby": describedBy(hintId, problemId, messages),
    "aria-invalid": messages && messages.length > 0 ? true : undefined,
    "aria-required": required || undefined,
  };
  const hint = (
    <span className="hint" id={hintId}>
      {fieldHintIn(field, lang)}
    </span>
  );
  const value = values[field.name] ?? "";
  const set = (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    onChange(field.name, event.target.value);

  if (field.spec.type === "location" || field.spec.type === "externalIds") {
    const parts =
      field.spec.type === "location"
        ? [
            { key: "lat", label: t(M.latitude) },
            { key: "lon", label: t(M.longitude) },
          ]
        : LISTED_SCHEMES.map((scheme) => ({ key: scheme, label: scheme }));
    return (
      <fieldset className="field compound" aria-describedby={describedBy(hintId, problemId, messages)}>
        <legend>{fieldLabelIn(field, lang, false)}</legend>
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
        <option value="">{t(M.noStatus)}</option>
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(M.status, { status, meaning: statusMeaningIn(status, lang) })}
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
          placeholder={type === "date" ? t(M.datePlaceholder) : undefined}
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
