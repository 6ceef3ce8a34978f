/**
 * A relationship's sources, each with whose word it is: title (linked), publisher and date, the kind of
 * publisher in words and whether it is a party to the tie or a third party, then the words it says — a
 * dataset's locator instead of a quoted excerpt. Used wherever citations are shown.
 */
import type { Citation } from "./api.js";
import { formatPartialDate } from "./graph-model.js";
import { citedWords, partyLabel, publisherKindLabel } from "./whose-word.js";

export function CitationLine({ citation }: { citation: Citation }) {
  const published = formatPartialDate(citation.published);
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
          {publisherKindLabel(citation)}
        </span>
        {" · "}
        <span className={citation.party ? "party" : "third-party"}>{partyLabel(citation)}</span>
      </p>
      {words?.kind === "locator" && (
        <p className="locator">
          Dataset entry: <code>{words.text}</code>
        </p>
      )}
      {words?.kind === "excerpt" && <blockquote className="excerpt">“{words.text}”</blockquote>}
    </>
  );
}

/** The compact form for tables and lists: "(city · party to this tie)" and the excerpt or locator. */
export function WhoseWord({ citation }: { citation: Citation }) {
  const words = citedWords(citation);
  return (
    <>
      {" "}
      <span className="whose-word-inline">
        ({publisherKindLabel(citation)} · {partyLabel(citation)})
      </span>
      {words?.kind === "locator" && (
        <span className="locator">
          {" "}
          Dataset entry: <code>{words.text}</code>
        </span>
      )}
      {words?.kind === "excerpt" && <blockquote className="excerpt">“{words.text}”</blockquote>}
    </>
  );
}

export function CitationList({ citations, testId }: { citations: readonly Citation[]; testId?: string }) {
  if (citations.length === 0) return <p className="muted">No source recorded.</p>;
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
