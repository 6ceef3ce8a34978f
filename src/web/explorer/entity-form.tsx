/**
 * The form for an entity: a new one (its kind chosen, its id made from its name, editable) or a stored one
 * (loaded, its kind kept). The fields are the record model's for the kind; at least one source, existing or
 * new. Saved as edit-write.ts's `entityWrite` says: a new entity whole, an edit as what changed.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type { WriteProblem } from "../shared/graphql-client.js";
import { fetchEntitySources } from "./api.js";
import { type RawRecord, fetchRecord, upsertRecords } from "./edit-api.js";
import { draftKeyOf, useDraft } from "./edit-drafts.js";
import { FieldControl, ProblemText, inputId } from "./edit-fields.js";
import type { EditPanelProps } from "./edit-panel-props.js";
import {
  NO_SOURCE,
  type SourceRef,
  entityBaseline,
  entityWrite,
  newSources,
  problemInput,
  problemsOf,
  shownProblems,
} from "./edit-write.js";
import { CheckAndSave, type WriteRequest, useSave, useWriteCheck } from "./check-and-save.js";
import { problemFieldIn } from "./field-words.js";
import { messages, useLang, useT } from "./i18n.js";
import { kindLabel } from "./kinds.js";
import {
  ENTITY_ID_FIELD,
  ENTITY_KINDS,
  type EntityKind,
  type FormValues,
  entityFormFields,
  fromRecord,
  isEntityKind,
  slugFrom,
} from "./record-fields.js";
import { SourceRefEditor } from "./source-ref-editor.js";

const M = messages({
  kind: { en: "Kind", fi: "Kohteen laji", sv: "Typ av entitet" },
  keepsKind: {
    en: "An entity keeps its kind.",
    fi: "Kohteen lajia ei voi muuttaa.",
    sv: "En entitet behåller sin typ.",
  },
  sources: { en: "Sources (at least one)", fi: "Lähteet (vähintään yksi)", sv: "Källor (minst en)" },
  removeSource: { en: "Remove this source", fi: "Poista tämä lähde", sv: "Ta bort denna källa" },
  addSource: { en: "Add another source", fi: "Lisää toinen lähde", sv: "Lägg till en källa till" },
  save: { en: "Save changes", fi: "Tallenna muutokset", sv: "Spara ändringarna" },
  add: { en: "Add entity", fi: "Lisää kohde", sv: "Lägg till entitet" },
  loading: { en: "Loading…", fi: "Ladataan…", sv: "Laddar…" },
  notFound: {
    en: "No entity has the id {id}.",
    fi: "Millään kohteella ei ole tunnistetta {id}.",
    sv: "Ingen entitet har id:t {id}.",
  },
  loadFailed: {
    en: "The entity could not be loaded.",
    fi: "Kohdetta ei voitu ladata.",
    sv: "Entiteten kunde inte läsas in.",
  },
});

export function EntityForm({
  id,
  mode,
  token,
  staff,
  onSaved,
  onCancel,
  onTokenRefused,
}: EditPanelProps & { id: string | null }) {
  const t = useT();
  const lang = useLang();
  const draft = draftKeyOf(mode);
  const [kind, setKind] = useDraft<EntityKind>(`${draft}:kind`, "City");
  const [values, setValues] = useDraft<FormValues>(`${draft}:values`, {});
  const [entityId, setEntityId] = useDraft(`${draft}:id`, id ?? "");
  const [idTouched, setIdTouched] = useDraft(`${draft}:idTouched`, id !== null);
  const [sources, setSources] = useDraft<SourceRef[]>(`${draft}:sources`, [NO_SOURCE]);
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
          setLoadError(t(M.notFound, { id }));
          return;
        }
        setKind(record.kind);
        const loadedFields = entityFormFields(record.kind, staff);
        const loadedValues = fromRecord(loadedFields, record);
        setValues(loadedValues);
        const ids = Array.isArray(record.sources) ? record.sources.map(String) : [];
        setBaseline(entityBaseline(loadedFields, loadedValues, ids));
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
        if (!controller.signal.aborted) setLoadError(t(M.loadFailed));
      },
    );
    return () => controller.abort();
    // The setters are stable; a loaded draft is never loaded over.
  }, [id, staff]);

  const request = useMemo<WriteRequest | null>(() => {
    if (!loaded || !token) return null;
    const write = entityWrite({ kind, id: entityId, fields, values, sources, baseline });
    return {
      key: write.key,
      run: (dryRun, signal) => upsertRecords(write.input, write.mode, dryRun, token, signal),
    };
  }, [loaded, baseline, sources, kind, entityId, fields, values, token]);
  const [check, setCheck] = useWriteCheck(request, onTokenRefused);
  const [saving, save] = useSave(request, setCheck, (report) => onSaved(report, { type: "node", id: entityId.trim() }));

  if (loadError) return <p className="error">{loadError}</p>;
  if (!loaded) return <p className="muted">{t(M.loading)}</p>;
  const problems = shownProblems(check);
  const entityProblems = problemsOf(problems, "entity", 0);
  const refs = newSources(sources).indexOf;
  const prefix = "edit-entity";
  const fieldOf = (problem: WriteProblem) => problemInput(problem, "entity");
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <div className="field">
        <label htmlFor={`${prefix}-kind`}>{t(M.kind)}</label>
        <select
          id={`${prefix}-kind`}
          value={kind}
          disabled={id !== null}
          aria-describedby={id !== null ? `${prefix}-kind-hint` : undefined}
          onChange={(event) => isEntityKind(event.target.value) && setKind(event.target.value)}
        >
          {ENTITY_KINDS.map((name) => (
            <option key={name} value={name}>
              {kindLabel(name, lang)}
            </option>
          ))}
        </select>
        {id !== null && (
          <span className="hint" id={`${prefix}-kind-hint`}>
            {t(M.keepsKind)}
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
        <legend>{t(M.sources)}</legend>
        <ProblemText id={`${prefix}-sources-problem`} messages={entityProblems.get("sources")} />
        {sources.map((ref, index) => {
          const newSourceAt = refs.get(ref);
          return (
            <div key={index} className="citation-row">
              <SourceRefEditor
                prefix={`${prefix}-sources-${index}`}
                value={ref}
                onChange={(next) => setSources((current) => current.map((item, at) => (at === index ? next : item)))}
                refProblems={problemsOf(problems, "entity", 0, 2).get(`sources.${index}`)}
                newSourceProblems={newSourceAt === undefined ? new Map() : problemsOf(problems, "source", newSourceAt)}
              />
              {sources.length > 1 && (
                <button
                  type="button"
                  onClick={() => setSources((current) => current.filter((_item, at) => at !== index))}
                >
                  {t(M.removeSource)}
                </button>
              )}
            </div>
          );
        })}
        <button type="button" onClick={() => setSources((current) => [...current, NO_SOURCE])}>
          {t(M.addSource)}
        </button>
      </fieldset>
      <CheckAndSave
        check={check}
        saving={saving}
        onSave={save}
        onCancel={onCancel}
        saveLabel={id ? t(M.save) : t(M.add)}
        targetOf={(problem) => {
          const input = fieldOf(problem);
          return input ? inputId(prefix, input.split(".")[0]!) : null;
        }}
        fieldWordsOf={(problem) => problemFieldIn(problem, [ENTITY_ID_FIELD, ...fields], lang)}
      />
    </form>
  );
}
