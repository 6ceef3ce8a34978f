/**
 * Compare two days: pick them, and the graph marks the relationships of the focused entity that started
 * (green), those that ended (red, dashed) and those whose status changed (amber: suspended, resumed) between
 * them; the list beside the drawing (in the side panel once compared) names each with its sources, in those
 * groups (compare-model.ts), so a suspension never reads as a new partnership.
 */
import { type ReactNode, useEffect, useId, useState } from "react";
import type { GraphDiff, GraphEdge } from "./api.js";
import { WhoseWord } from "./citation-list.js";
import { type ChangeMark, groupChanges } from "./compare-model.js";
import { validityIn } from "./date-words.js";
import { type Message, messages, useLang, useT } from "./i18n.js";
import { typeLabel } from "./kinds.js";
import { QuestionDownloads } from "./question-downloads.js";
import { changesQuestion } from "./question-links.js";
import type { Undated } from "./url-state.js";

const M = messages({
  title: { en: "Compare two days", fi: "Vertaa kahta päivää", sv: "Jämför två dagar" },
  from: { en: "From", fi: "Alku", sv: "Från" },
  to: { en: "To", fi: "Loppu", sv: "Till" },
  compare: { en: "Compare", fi: "Vertaa", sv: "Jämför" },
  clear: { en: "Clear", fi: "Tyhjennä", sv: "Rensa" },
  none: { en: "None.", fi: "Ei yhtään.", sv: "Inga." },
  started: { en: "Started", fi: "Alkoi", sv: "Började" },
  ended: { en: "Ended", fi: "Päättyi", sv: "Avslutades" },
  suspended: { en: "Status changed: suspended", fi: "Tila muuttui: keskeytetty", sv: "Status ändrades: avbruten" },
  resumed: { en: "Status changed: resumed", fi: "Tila muuttui: jatkui", sv: "Status ändrades: återupptagen" },
  download: {
    en: "What changed between {from} and {to}",
    fi: "Muutokset {from}–{to}",
    sv: "Ändringar mellan {from} och {to}",
  },
});

interface ComparePanelProps {
  readonly from: string | null;
  readonly to: string | null;
  readonly diff: GraphDiff | null;
  /** The focused entity whose relationships are compared (null: the whole graph), and the undated choice. */
  readonly entityId: string | null;
  readonly undated: Undated;
  readonly error: string | null;
  readonly name: (id: string) => string;
  readonly onCompare: (from: string, to: string) => void;
  readonly onClear: () => void;
  readonly onSelectEdge: (edge: GraphEdge) => void;
}

export function ComparePanel({
  from,
  to,
  diff,
  entityId,
  undated,
  error,
  name,
  onCompare,
  onClear,
  onSelectEdge,
}: ComparePanelProps) {
  const t = useT();
  const lang = useLang();
  const fromId = useId();
  const toId = useId();
  const [draftFrom, setDraftFrom] = useState(from ?? "2019-01-01");
  const [draftTo, setDraftTo] = useState(to ?? "2023-01-01");
  useEffect(() => {
    if (from) setDraftFrom(from);
    if (to) setDraftTo(to);
  }, [from, to]);
  const item = (edge: GraphEdge, change: ChangeMark) => (
    <li key={`${change}-${edge.id}`} className={`change-${change}`}>
      <button type="button" className="link" onClick={() => onSelectEdge(edge)}>
        {name(edge.fromId)} — {typeLabel(edge.type, lang)} → {name(edge.toId)}
      </button>{" "}
      <span className="muted">
        {validityIn(edge, lang)}
        {edge.status ? ` · ${edge.status}` : ""}
      </span>
      <ul className="change-sources">
        {edge.sources.map((source) => (
          <li key={source.sourceId}>
            <cite>{source.title}</cite>
            <WhoseWord citation={source} />
          </li>
        ))}
      </ul>
    </li>
  );
  return (
    <section className="compare" aria-labelledby="compare-title" data-testid="compare">
      <h2 id="compare-title">{t(M.title)}</h2>
      <form
        className="compare-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (draftFrom && draftTo) onCompare(draftFrom, draftTo);
        }}
      >
        <label htmlFor={fromId}>{t(M.from)}</label>
        <input id={fromId} type="date" value={draftFrom} onChange={(event) => setDraftFrom(event.target.value)} />
        <label htmlFor={toId}>{t(M.to)}</label>
        <input id={toId} type="date" value={draftTo} onChange={(event) => setDraftTo(event.target.value)} />
        <button type="submit">{t(M.compare)}</button>
        {(from || to) && (
          <button type="button" onClick={onClear}>
            {t(M.clear)}
          </button>
        )}
      </form>
      <div aria-live="polite" data-testid="compare-result">
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {diff && <Groups diff={diff} item={item} />}
        {diff && from && to && (
          <QuestionDownloads
            link={changesQuestion(entityId, from, to, undated)}
            title={t(M.download, { from, to })}
            sources
          />
        )}
      </div>
    </section>
  );
}

const GROUPS: readonly {
  readonly key: "started" | "ended" | "suspended" | "resumed";
  readonly title: Message;
  readonly mark: ChangeMark;
  readonly swatch: string;
}[] = [
  { key: "started", title: M.started, mark: "started", swatch: "started" },
  { key: "ended", title: M.ended, mark: "ended", swatch: "ended" },
  { key: "suspended", title: M.suspended, mark: "changed", swatch: "changed" },
  { key: "resumed", title: M.resumed, mark: "changed", swatch: "changed" },
];

function Groups({ diff, item }: { diff: GraphDiff; item: (edge: GraphEdge, change: ChangeMark) => ReactNode }) {
  const groups = groupChanges(diff);
  const t = useT();
  return (
    <>
      {GROUPS.map(({ key, title, mark, swatch }) => (
        <section key={key} className="compare-group" data-group={key} aria-label={t(title)}>
          <h3>
            {t(title)} ({groups[key].length}) <span className={`swatch-line ${swatch}`} aria-hidden="true" />
          </h3>
          {groups[key].length === 0 ? (
            <p className="muted">{t(M.none)}</p>
          ) : (
            <ul>{groups[key].map((edge) => item(edge, mark))}</ul>
          )}
        </section>
      ))}
    </>
  );
}
