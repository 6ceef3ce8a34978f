/**
 * The timeline of one entity: a bar per relationship over the years, coloured by type; a dashed end where
 * the relationship has no date there (or, at its start, only a bound: "by" a day). The day the explorer is
 * set to is a line across; bars not in force on it are faded. Each bar's class and accessible name say its state
 * on that day (else today), by the API's one rule: ended ones lighter, undated ones hatched. Each bar is a button that opens the
 * relationship and its sources. Each row reads from the entity's side ("funded by Tampere"), its own relationships
 * (from it) first, then those that end at it, each group in the API's order.
 */
import { Fragment, useEffect, useMemo, useState } from "react";
import { firstDayOf, isDateValue } from "../../graph-data/partial-date.js";
import { ApiError } from "../shared/graphql-client.js";
import { type GraphEdge, type GraphNode, type TimelineEntry, fetchTimeline } from "./api.js";
import { QuestionDownloads } from "./question-downloads.js";
import { timelineQuestion } from "./question-links.js";
import { validityIn } from "./date-words.js";
import { nameIn } from "./entity-names.js";
import { messages, useLang, useT } from "./i18n.js";
import { directionFrom, edgeState, relationshipLabelFrom, stateWords, typeColor } from "./kinds.js";

const M = messages({
  loadingFailed: { en: "Loading failed.", fi: "Lataus epäonnistui.", sv: "Inläsningen misslyckades." },
  title: { en: "Timeline of {name}", fi: "Aikajana: {name}", sv: "Tidslinje för {name}" },
  loading: { en: "Loading…", fi: "Ladataan…", sv: "Läser in…" },
  none: { en: "No relationships.", fi: "Ei suhteita.", sv: "Inga relationer." },
  undated: { en: "undated", fi: "päiväämätön", sv: "odaterad" },
  fromEntity: { en: "From {name}", fi: "Kohteesta {name}", sv: "Från {name}" },
  toEntity: { en: "To {name}", fi: "Kohteeseen {name}", sv: "Till {name}" },
  bar: { en: "{words}: {when}, {state}", fi: "{words}: {when}, {state}", sv: "{words}: {when}, {state}" },
  barOnDay: {
    en: "{words}: {when}, {state} on the chosen day",
    fi: "{words}: {when}, valittuna päivänä {state}",
    sv: "{words}: {when}, {state} den valda dagen",
  },
});

interface TimelineViewProps {
  readonly entity: GraphNode | undefined;
  readonly asOf: string | null;
  readonly selectedEdgeId: string | null;
  readonly onSelectEdge: (edge: GraphEdge) => void;
}

/**
 * The day a record date counts from, as the API's `asOf` rule has it (`firstDayOf`): `2016-05` → `2016-05-01`,
 * `../2019-05-29` → `2019-05-29`, `2022-02-28/..` → `2022-02-28`, `2014~` → `2014-01-01`.
 */
function dayOf(value: string): string {
  return isDateValue(value) ? firstDayOf(value) : value;
}

/** A record date as a fractional year, from the day it counts from: `2016-05` → 2016.33. */
function yearOf(value: string): number {
  const [year = 0, month = 1, day = 1] = dayOf(value).split("-").map(Number);
  return year + (month - 1) / 12 + (day - 1) / 365;
}

function validOn(edge: GraphEdge, day: string): boolean {
  return (!edge.validFrom || dayOf(edge.validFrom) <= day) && (!edge.validTo || dayOf(edge.validTo) > day);
}

/** Outgoing relationships first, then incoming; each group keeps the API's order (by start date). */
function grouped(entries: readonly TimelineEntry[], entityId: string): TimelineEntry[] {
  return [
    ...entries.filter(({ edge }) => directionFrom(edge, entityId) === "out"),
    ...entries.filter(({ edge }) => directionFrom(edge, entityId) === "in"),
  ];
}

export function TimelineView({ entity, asOf, selectedEdgeId, onSelectEdge }: TimelineViewProps) {
  const t = useT();
  const lang = useLang();
  const [entries, setEntries] = useState<TimelineEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!entity) return;
    const controller = new AbortController();
    setEntries(null);
    fetchTimeline(entity.id, controller.signal).then(
      (loaded) => {
        setEntries(loaded);
        setError(null);
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) setError(failure instanceof ApiError ? failure.message : t(M.loadingFailed));
      },
    );
    return () => controller.abort();
  }, [entity]);

  const range = useMemo(() => {
    const years = (entries ?? []).flatMap((entry) =>
      [entry.edge.validFrom, entry.edge.validTo].filter((v): v is string => v !== null).map(yearOf),
    );
    const thisYear = new Date().getFullYear() + 1;
    const first = Math.floor(Math.min(thisYear - 10, ...years, asOf ? yearOf(asOf) : thisYear)) - 1;
    const last = Math.max(thisYear, ...years.map(Math.ceil));
    return { first, last, span: last - first };
  }, [entries, asOf]);

  if (!entity) return null;
  const position = (year: number) => `${((year - range.first) / range.span) * 100}%`;
  const ticks: number[] = [];
  const step = range.span > 40 ? 10 : 5;
  for (let year = Math.ceil(range.first / step) * step; year <= range.last; year += step) ticks.push(year);
  return (
    <section className="timeline" aria-labelledby="timeline-title" data-testid="timeline">
      <h2 id="timeline-title">{t(M.title, { name: entity.name })}</h2>
      {entries && entries.length > 0 && (
        <QuestionDownloads link={timelineQuestion(entity.id)} title={t(M.title, { name: entity.name })} sources />
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!entries && !error && <p className="muted">{t(M.loading)}</p>}
      {entries && entries.length === 0 && <p className="muted">{t(M.none)}</p>}
      {entries && entries.length > 0 && (
        <div className="timeline-chart">
          <div className="timeline-scale" aria-hidden="true">
            <div className="timeline-axis">
              {ticks.map((year) => (
                <span key={year} style={{ left: position(year) }}>
                  {year}
                </span>
              ))}
            </div>
            {asOf && <div className="timeline-day" style={{ left: position(yearOf(asOf)) }} />}
          </div>
          <ol className="timeline-rows">
            {grouped(entries, entity.id).map(({ edge, other }, index, all) => {
              const start = edge.validFrom ? yearOf(edge.validFrom) : range.first;
              const end = edge.validTo ? yearOf(edge.validTo) : range.last;
              const faded = asOf !== null && !validOn(edge, asOf);
              const state = edgeState(edge, asOf);
              const classes = [
                "timeline-bar",
                !edge.validFrom || edge.validFrom.startsWith("../") ? "open-start" : "",
                edge.validTo ? "" : "open-end",
                edge.status ? `status-${edge.status}` : "",
                `state-${state.toLowerCase()}`,
                faded ? "not-on-date" : "",
              ].join(" ");
              const when = validityIn(edge, lang) ?? t(M.undated);
              const words = `${relationshipLabelFrom(edge, entity.id, lang)} ${nameIn(other, lang)}`;
              const direction = directionFrom(edge, entity.id);
              const groupStarts = index === 0 || directionFrom(all[index - 1]!.edge, entity.id) !== direction;
              return (
                <Fragment key={edge.id}>
                  {groupStarts && (
                    <li className="timeline-group" data-direction={direction}>
                      {t(direction === "out" ? M.fromEntity : M.toEntity, { name: entity.name })}
                    </li>
                  )}
                  <li className="timeline-row" data-direction={direction} data-state={state}>
                    <span className="timeline-label">{words}</span>
                    <span className="timeline-track">
                      <button
                        type="button"
                        className={classes}
                        data-edge={edge.id}
                        aria-current={selectedEdgeId === edge.id}
                        aria-label={t(asOf ? M.barOnDay : M.bar, { words, when, state: stateWords(state, lang) })}
                        title={`${when}${edge.kind ? ` · ${edge.kind}` : ""}${edge.status ? ` · ${edge.status}` : ""}`}
                        style={{
                          left: position(start),
                          width: `max(6px, calc(${position(end)} - ${position(start)}))`,
                          background: typeColor(edge.type),
                        }}
                        onClick={() => onSelectEdge(edge)}
                      />
                    </span>
                  </li>
                </Fragment>
              );
            })}
          </ol>
        </div>
      )}
    </section>
  );
}
