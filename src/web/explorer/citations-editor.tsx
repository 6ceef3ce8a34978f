/**
 * A relationship's citations in a form: each a source (existing or new) and the words in it that say so.
 * Shared by the relationship form (one or more) and the form that ends or suspends one (exactly one).
 */
import type { WriteProblem } from "../shared/graphql-client.js";
import { ProblemText, inputId } from "./edit-fields.js";
import { type CitationDraft, EMPTY_CITATION, newSources, problemsOf } from "./edit-write.js";
import { messages, useT } from "./i18n.js";
import { SourceRefEditor } from "./source-ref-editor.js";

const M = messages({
  legend: {
    en: "Citations (at least one: a source and the words in it that say so)",
    fi: "Lähdeviitteet (vähintään yksi: lähde ja sen sanat, jotka kertovat tämän)",
    sv: "Källhänvisningar (minst en: en källa och de ord i den som säger detta)",
  },
  excerpt: { en: "Excerpt (required)", fi: "Lainaus (pakollinen)", sv: "Utdrag (obligatoriskt)" },
  excerptHint: {
    en: "A few words quoted from the source that support the relationship.",
    fi: "Muutama sana lähteestä lainattuna, jotka tukevat suhdetta.",
    sv: "Några ord citerade ur källan som stöder relationen.",
  },
  remove: { en: "Remove this citation", fi: "Poista tämä lähdeviite", sv: "Ta bort denna källhänvisning" },
  add: { en: "Add another citation", fi: "Lisää toinen lähdeviite", sv: "Lägg till en källhänvisning till" },
});

export function CitationsEditor({
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
  const t = useT();
  const byField = problemsOf(problems, item, index, 3);
  const sourceIndex = newSources(citations.map((citation) => citation.ref)).indexOf;
  const set = (at: number, change: Partial<CitationDraft>) =>
    onChange(citations.map((citation, i) => (i === at ? { ...citation, ...change } : citation)));
  return (
    <fieldset className="citations-editor">
      <legend>{t(M.legend)}</legend>
      <ProblemText id={`${prefix}-citations-problem`} messages={problemsOf(problems, item, index).get("citations")} />
      {citations.map((citation, at) => {
        const excerptId = inputId(prefix, `citations.${at}.excerpt`);
        const excerptProblems = byField.get(`citations.${at}.excerpt`);
        const newSourceAt = sourceIndex.get(citation.ref);
        return (
          <div key={at} className="citation-row">
            <SourceRefEditor
              prefix={inputId(prefix, `citations.${at}`)}
              value={citation.ref}
              onChange={(ref) => set(at, { ref })}
              refProblems={byField.get(`citations.${at}.source`)}
              newSourceProblems={newSourceAt === undefined ? new Map() : problemsOf(problems, "source", newSourceAt)}
            />
            <div className="field">
              <label htmlFor={excerptId}>{t(M.excerpt)}</label>
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
                {t(M.excerptHint)}
              </span>
              <ProblemText id={`${excerptId}-problem`} messages={excerptProblems} />
            </div>
            {citations.length > 1 && (
              <button type="button" onClick={() => onChange(citations.filter((_c, i) => i !== at))}>
                {t(M.remove)}
              </button>
            )}
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...citations, EMPTY_CITATION])}>
        {t(M.add)}
      </button>
    </fieldset>
  );
}
