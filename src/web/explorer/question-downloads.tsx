/**
 * Links to the saved question that answers what a view shows (question-links.ts): CSV for a spreadsheet,
 * JSON for a program, and for relationships (`sources`) their sources as a second table. Plain links: the reader's
 * browser downloads them, and the address can be pasted into a spreadsheet or a notebook.
 */
import { useT } from "./i18n.js";
import { QUESTION_LINK_WORDS, type QuestionLink, questionUrl } from "./question-links.js";

export function QuestionDownloads({
  link,
  title,
  sources = false,
}: {
  link: QuestionLink;
  title: string;
  sources?: boolean;
}) {
  const t = useT();
  return (
    <p className="chart-downloads" data-testid="chart-downloads">
      {t(sources ? QUESTION_LINK_WORDS.downloadRelationships : QUESTION_LINK_WORDS.download)}{" "}
      <a href={questionUrl(link, "csv")} download aria-label={t(QUESTION_LINK_WORDS.csvLabel, { title })}>
        CSV
      </a>
      {" · "}
      <a href={questionUrl(link, "json")} aria-label={t(QUESTION_LINK_WORDS.jsonLabel, { title })}>
        JSON
      </a>
      {sources && (
        <>
          {" · "}
          <a href={questionUrl(link, "csv", true)} download aria-label={t(QUESTION_LINK_WORDS.sourcesLabel, { title })}>
            {t(QUESTION_LINK_WORDS.sources)}
          </a>
        </>
      )}
    </p>
  );
}
