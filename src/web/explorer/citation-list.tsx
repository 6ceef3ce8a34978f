/**
 * A relationship's sources, each with whose word it is: title (linked), publisher and date, the kind of
 * publisher in words and whether it is a party to the tie or a third party, then the words it says — a
 * dataset's locator instead of a quoted excerpt. Used wherever citations are shown.
 */
import type { Citation } from "./api.js";
import { partialDateIn } from "./date-words.js";
import { messages, useLang, useT } from "./i18n.js";
import { citedWords, partyLabel, publisherKindLabel } from "./whose-word.js";

const M = messages({
  datasetEntry: { en: "Dataset entry:", fi: "Aineiston kohta:", sv: "Post i datamängden:" },
  noSource: { en: "No source recorded.", fi: "Lähdettä ei ole kirjattu.", sv: "Ingen källa registrerad." },
});

export function CitationLine({ citation }: { citation: Citation }) {
  const t = useT();
  const lang = useLang();
  const published = partialDateIn(citation.published, lang);
  const words = citedWords(citation);
  return (
    <>
      <p className="source">
        {citation.url ? (
          <a href={citation.url} target="_blank" rel="noreferrer noopener">
            {citation.title}
          </a>
        ) : (
          <strong>{citation.title}</strong>
        )}
        {citation.publisher && <span> · {citation.publisher}</span>}
        {published && <span> · {published}</span>}
      </p>
      <p className="whose-word" data-testid="whose-word">
        <span className={`publisher-kind publisher-${citation.publisherKind ?? "unknown"}`}>
          {publisherKindLabel(citation, lang)}
        </span>
        {" · "}
        <span className={citation.party ? "party" : "third-party"}>{partyLabel(citation, lang)}</span>
      </p>
      {words?.kind === "locator" && (
        <p className="locator">
          {t(M.datasetEntry)} <code>{words.text}</code>
        </p>
      )}
      {words?.kind === "excerpt" && <blockquote className="excerpt">“{words.text}”</blockquote>}
    </>
  );
}

/** The compact form for tables and lists: "(city · party to this tie)" and the excerpt or locator. */
export function WhoseWord({ citation }: { citation: Citation }) {
  const t = useT();
  const lang = useLang();
  const words = citedWords(citation);
  return (
    <>
      {" "}
      <span className="whose-word-inline">
        ({publisherKindLabel(citation, lang)} · {partyLabel(citation, lang)})
      </span>
      {words?.kind === "locator" && (
        <span className="locator">
          {" "}
          {t(M.datasetEntry)} <code>{words.text}</code>
        </span>
      )}
      {words?.kind === "excerpt" && <blockquote className="excerpt">“{words.text}”</blockquote>}
    </>
  );
}

export function CitationList({ citations, testId }: { citations: readonly Citation[]; testId?: string }) {
  const t = useT();
  if (citations.length === 0) return <p className="muted">{t(M.noSource)}</p>;
  return (
    <ul className="citations" data-testid={testId}>
      {citations.map((citation) => (
        <li key={citation.sourceId}>
          <CitationLine citation={citation} />
        </li>
      ))}
    </ul>
  );
}
