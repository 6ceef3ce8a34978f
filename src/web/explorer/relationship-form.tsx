/**
 * The form for a relationship: a new one (its type and both ends chosen; the hint says what the type means
 * and what it may join) or a stored one (loaded; its type and ends kept). Its fields are the record model's,
 * with at least one citation. Saved as edit-write.ts's `relationshipWrite` says.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type { GraphEdge } from "./api.js";
import { CheckAndSave, type WriteRequest, useSave, useWriteCheck } from "./check-and-save.js";
import { CitationsEditor } from "./citations-editor.js";
import { type RawRecord, fetchRecord, upsertRecords } from "./edit-api.js";
import { draftKeyOf, useDraft } from "./edit-drafts.js";
import { FieldControl, ProblemText, inputId } from "./edit-fields.js";
import type { EditPanelProps } from "./edit-panel-props.js";
import {
  type CitationDraft,
  EMPTY_CITATION,
  citationsFromEdge,
  problemInput,
  problemsOf,
  relationshipBaseline,
  relationshipWrite,
  shownProblems,
} from "./edit-write.js";
import { problemFieldIn, typeMeaningIn } from "./field-words.js";
import { type Lang, messages, useLang, useT } from "./i18n.js";
import { kindLabel, typeLabel } from "./kinds.js";
import {
  type FormValues,
  RELATIONSHIP_TYPES,
  fromRecord,
  relationshipFormFields,
  relationshipRuleOf,
} from "./record-fields.js";
import { SearchBox } from "./search-box.js";

const M = messages({
  type: { en: "Type", fi: "Suhteen laji", sv: "Relationstyp" },
  typeOption: { en: "{label} ({type})", fi: "{label} ({type})", sv: "{label} ({type})" },
  typeHint: {
    en: "{meaning}. From {from} to {to}.",
    fi: "{meaning}. Mistä: {from}; mihin: {to}.",
    sv: "{meaning}. Från {from} till {to}.",
  },
  from: { en: "From ({kinds}; required)", fi: "Mistä ({kinds}; pakollinen)", sv: "Från ({kinds}; obligatoriskt)" },
  to: { en: "To ({kinds}; required)", fi: "Mihin ({kinds}; pakollinen)", sv: "Till ({kinds}; obligatoriskt)" },
  anEntity: { en: "an entity", fi: "mikä tahansa kohde", sv: "en entitet" },
  searchByName: { en: "Search by name", fi: "Hae nimellä", sv: "Sök med namn" },
  save: { en: "Save changes", fi: "Tallenna muutokset", sv: "Spara ändringarna" },
  add: { en: "Add relationship", fi: "Lisää suhde", sv: "Lägg till relation" },
  loading: { en: "Loading…", fi: "Ladataan…", sv: "Laddar…" },
  notFound: {
    en: "No relationship has the id {id}.",
    fi: "Millään suhteella ei ole tunnistetta {id}.",
    sv: "Ingen relation har id:t {id}.",
  },
  loadFailed: {
    en: "The relationship could not be loaded.",
    fi: "Suhdetta ei voitu ladata.",
    sv: "Relationen kunde inte läsas in.",
  },
});

/** Kinds an end may be, in `lang`: "City / Organisation". */
function kindsIn(kinds: readonly string[] | undefined, lang: Lang): string | null {
  return kinds ? kinds.map((kind) => kindLabel(kind, lang)).join(" / ") : null;
}

/** A stored relationship as the forms head it: "Helsinki — partner of → Tampere" and its id. */
export function RelationshipHeading({ edge, nameOf }: { edge: GraphEdge; nameOf: (id: string) => string }) {
  const lang = useLang();
  return (
    <p>
      <strong>{nameOf(edge.fromId)}</strong> — {typeLabel(edge.type, lang)} → <strong>{nameOf(edge.toId)}</strong>{" "}
      <code>{edge.id}</code>
    </p>
  );
}

export function RelationshipForm({
  edge,
  from: startFrom,
  mode,
  token,
  nameOf,
  onSaved,
  onCancel,
  onTokenRefused,
}: EditPanelProps & { edge: GraphEdge | null; from: string | undefined }) {
  const t = useT();
  const lang = useLang();
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
  const [citations, setCitations] = useDraft<CitationDraft[]>(`${draft}:citations`, [EMPTY_CITATION]);
  // As in the entity form: a loaded draft is never loaded over.
  const [loaded, setLoaded] = useDraft(`${draft}:loaded`, edge === null);
  // As in the entity form: the stored record as loaded, in the form's terms; an edit sends what differs from it.
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
          setLoadError(t(M.notFound, { id: edge.id }));
          return;
        }
        const loadedValues = fromRecord(relationshipFormFields(), record);
        const loadedCitations = citationsFromEdge(edge, record);
        setValues(loadedValues);
        setCitations(loadedCitations);
        setBaseline(relationshipBaseline(relationshipFormFields(), loadedValues, loadedCitations));
        setLoaded(true);
      },
      () => {
        if (!controller.signal.aborted) setLoadError(t(M.loadFailed));
      },
    );
    return () => controller.abort();
  }, [edge]);

  const request = useMemo<WriteRequest | null>(() => {
    if (!loaded || !token) return null;
    const write = relationshipWrite({
      type,
      id: edge?.id ?? null,
      from: from?.id ?? null,
      to: to?.id ?? null,
      fields,
      values,
      citations,
      baseline,
    });
    return {
      key: write.key,
      run: (dryRun, signal) => upsertRecords(write.input, write.mode, dryRun, token, signal),
    };
  }, [loaded, baseline, citations, type, edge, from, to, fields, values, token]);
  const [check, setCheck] = useWriteCheck(request, onTokenRefused);
  const [saving, save] = useSave(request, setCheck, (report) => {
    const saved = report.items.find((item) => item.item === "relationship");
    onSaved(report, saved ? { type: "edge", id: saved.id } : edge ? { type: "edge", id: edge.id } : null);
  });

  if (loadError) return <p className="error">{loadError}</p>;
  if (!loaded) return <p className="muted">{t(M.loading)}</p>;
  const problems = shownProblems(check);
  const own = problemsOf(problems, "relationship", 0);
  const prefix = "edit-relationship";
  const meaning = typeMeaningIn(type, lang);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      {edge ? (
        <RelationshipHeading edge={edge} nameOf={nameOf} />
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${prefix}-type`}>{t(M.type)}</label>
            <select
              id={`${prefix}-type`}
              value={type}
              aria-describedby={`${prefix}-type-hint`}
              onChange={(event) => setType(event.target.value)}
            >
              {RELATIONSHIP_TYPES.map((name) => (
                <option key={name} value={name}>
                  {t(M.typeOption, { label: typeLabel(name, lang), type: name })}
                </option>
              ))}
            </select>
            <span className="hint" id={`${prefix}-type-hint`}>
              {rule && meaning
                ? t(M.typeHint, {
                    meaning: meaning.charAt(0).toUpperCase() + meaning.slice(1),
                    from: kindsIn(rule.from, lang) ?? "",
                    to: kindsIn(rule.to, lang) ?? "",
                  })
                : ""}
            </span>
            <ProblemText id={`${prefix}-type-problem`} messages={own.get("type")} />
          </div>
          {(["from", "to"] as const).map((end) => {
            const id = inputId(prefix, end);
            const messages = own.get(end);
            const kinds = kindsIn(end === "from" ? rule?.from : rule?.to, lang) ?? t(M.anEntity);
            return (
              <div className="field" key={end}>
                <SearchBox
                  id={id}
                  label={t(end === "from" ? M.from : M.to, { kinds })}
                  placeholder={t(M.searchByName)}
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
        saveLabel={edge ? t(M.save) : t(M.add)}
        targetOf={(problem) => {
          const input = problemInput(problem, "relationship");
          return input ? inputId(prefix, input) : null;
        }}
        fieldWordsOf={(problem) => problemFieldIn(problem, fields, lang)}
      />
    </form>
  );
}
