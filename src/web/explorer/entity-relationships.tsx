/**
 * The entity panel's direct answers: every relationship of the selected entity, drawn or
 * not, grouped by type and direction and headed from its side ("Funded by (5)"), a line per entity at the
 * other end with each record of the tie as a period (its dates as recorded and its state on the chosen day,
 * else today), each period a button that opens the relationship with its sources. A hub's groups show their
 * first rows, then "Show all".
 */
import { useEffect, useMemo, useState } from "react";
import { todayUtc } from "../../graph-data/relationship-state.js";
import { ApiError } from "../shared/graphql-client.js";
import { type EntityRelationship, type GraphEdge, RELATIONSHIPS_LIMIT, fetchEntityRelationships } from "./api.js";
import { formatValidity } from "./graph-model.js";
import { messages, useLang, useT } from "./i18n.js";
import {
  GROUP_ROWS,
  type RelationshipGroup,
  type RelationshipPeriod,
  groupRelationships,
  periodDates,
  visibleLines,
} from "./relationship-groups.js";
import { RECORD_WORDS, STATE_WORDS, datesMessage, relationshipHeading } from "./relationship-words.js";

const M = messages({
  title: { en: "Relationships", fi: "Suhteet", sv: "Relationer" },
  stateOnDay: {
    en: "States as of {day}, the chosen day.",
    fi: "Tilanne valittuna päivänä {day}.",
    sv: "Läget den valda dagen {day}.",
  },
  stateToday: {
    en: "States as of today ({day}): all dates are shown.",
    fi: "Tilanne tänään ({day}): kaikki päivät näytetään.",
    sv: "Läget i dag ({day}): alla datum visas.",
  },
  heading: { en: "{label} ({count})", fi: "{label} ({count})", sv: "{label} ({count})" },
  loading: { en: "Loading relationships…", fi: "Ladataan suhteita…", sv: "Relationerna laddas…" },
  none: {
    en: "No relationships are recorded.",
    fi: "Suhteita ei ole kirjattu.",
    sv: "Inga relationer har registrerats.",
  },
  failed: {
    en: "Could not load the relationships: {error}",
    fi: "Suhteiden lataaminen epäonnistui: {error}",
    sv: "Relationerna kunde inte laddas: {error}",
  },
  loadFailed: { en: "loading failed", fi: "lataus epäonnistui", sv: "laddningen misslyckades" },
  capped: {
    en: "Only the first {count} relationships are listed.",
    fi: "Vain {count} ensimmäistä suhdetta näytetään.",
    sv: "Endast de {count} första relationerna visas.",
  },
  showAll: { en: "Show all {count}", fi: "Näytä kaikki {count}", sv: "Visa alla {count}" },
  showFewer: {
    en: "Show the first {count}",
    fi: "Näytä {count} ensimmäistä",
    sv: "Visa de {count} första",
  },
  period: { en: "{dates} · {state}", fi: "{dates} · {state}", sv: "{dates} · {state}" },
  open: {
    en: "Open the relationship with its sources: {heading} {name}, {dates}, {state}",
    fi: "Avaa suhde ja sen lähteet: {heading} {name}, {dates}, {state}",
    sv: "Öppna relationen och dess källor: {heading} {name}, {dates}, {state}",
  },
});

interface EntityRelationshipsProps {
  readonly entityId: string;
  readonly asOf: string | null;
  readonly onSelectNode: (id: string) => void;
  readonly onSelectEdge: (edge: GraphEdge) => void;
}

export function EntityRelationships({ entityId, asOf, onSelectNode, onSelectEdge }: EntityRelationshipsProps) {
  const t = useT();
  const [entries, setEntries] = useState<EntityRelationship[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setEntries(null);
    setError(null);
    fetchEntityRelationships(entityId, controller.signal).then(setEntries, (failure: unknown) => {
      if (!controller.signal.aborted) setError(failure instanceof ApiError ? failure.message : t(M.loadFailed));
    });
    return () => controller.abort();
  }, [entityId, t]);
  const groups = useMemo(
    () => (entries ? groupRelationships(entries, entityId, asOf) : null),
    [entries, entityId, asOf],
  );
  return (
    <section
      className="entity-relationships"
      aria-labelledby="entity-relationships-title"
      data-testid="entity-relationships"
    >
      <h3 id="entity-relationships-title">{t(M.title)}</h3>
      {error && (
        <p className="error" role="alert">
          {t(M.failed, { error })}
        </p>
      )}
      {!groups && !error && <p className="muted">{t(M.loading)}</p>}
      {groups && groups.length === 0 && <p className="muted">{t(M.none)}</p>}
      {groups && groups.length > 0 && (
        <>
          <p className="muted" data-testid="relationships-day">
            {asOf ? t(M.stateOnDay, { day: asOf }) : t(M.stateToday, { day: todayUtc() })}
          </p>
          {entries && entries.length >= RELATIONSHIPS_LIMIT && (
            <p className="muted">{t(M.capped, { count: RELATIONSHIPS_LIMIT })}</p>
          )}
          {groups.map((group) => (
            <RelationshipGroupList
              key={group.key}
              group={group}
              onSelectNode={onSelectNode}
              onSelectEdge={onSelectEdge}
            />
          ))}
        </>
      )}
    </section>
  );
}

function RelationshipGroupList({
  group,
  onSelectNode,
  onSelectEdge,
}: {
  readonly group: RelationshipGroup;
  readonly onSelectNode: (id: string) => void;
  readonly onSelectEdge: (edge: GraphEdge) => void;
}) {
  const t = useT();
  const [showAll, setShowAll] = useState(false);
  const label = t(relationshipHeading(group.type, group.direction));
  const headingId = `relationship-group-${group.key.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  return (
    <section
      className="relationship-group"
      aria-labelledby={headingId}
      data-type={group.type}
      data-direction={group.direction}
    >
      <h4 id={headingId}>{t(M.heading, { label, count: group.lines.length })}</h4>
      <ul>
        {visibleLines(group, showAll).map((line) => (
          <li key={line.other.id} data-other={line.other.id}>
            <button type="button" className="link" onClick={() => onSelectNode(line.other.id)}>
              {line.other.name}
            </button>
            {line.periods.length > 1 && (
              <span className="muted" title={t(RECORD_WORDS.why)}>
                {" "}
                ({t(RECORD_WORDS.count, { count: line.periods.length })})
              </span>
            )}{" "}
            <span className="periods">
              {line.periods.map((period) => (
                <PeriodButton
                  key={period.edge.id}
                  period={period}
                  heading={label}
                  name={line.other.name}
                  onOpen={() => onSelectEdge(period.edge)}
                />
              ))}
            </span>
          </li>
        ))}
      </ul>
      {group.lines.length > GROUP_ROWS && (
        <button type="button" className="link" aria-expanded={showAll} onClick={() => setShowAll((all) => !all)}>
          {showAll ? t(M.showFewer, { count: GROUP_ROWS }) : t(M.showAll, { count: group.lines.length })}
        </button>
      )}
    </section>
  );
}

/** One record's dates and state, as a button that opens it (EdgeDetails shows its sources). */
export function PeriodButton({
  period,
  heading,
  name,
  onOpen,
}: {
  readonly period: RelationshipPeriod;
  readonly heading: string;
  readonly name: string;
  readonly onOpen: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const { message, vars } = datesMessage(periodDates(period.edge));
  const dates = t(message, vars);
  const state = t(STATE_WORDS[period.state]);
  return (
    <button
      type="button"
      className={`link period state-${period.state.toLowerCase()}`}
      data-edge={period.edge.id}
      data-state={period.state}
      aria-label={t(M.open, { heading, name, dates, state })}
      title={formatValidity(period.edge, lang) ?? undefined}
      onClick={onOpen}
    >
      {t(M.period, { dates, state })}
    </button>
  );
}
