/**
 * Above every drawing, a "Narrow" control: the ways to narrow what the API walks (relationship types, whose
 * word, the date) and how many entities to draw at most, each kept in the address. Folded away until wanted;
 * open, with how many of how many entities are shown, when a neighbourhood is drawn only in part or the
 * drawing is narrowed. Narrowing is the API's, not hidden here, so a narrowed hub is complete.
 */
import { useId, useState } from "react";
import { UNDATED_LABELS } from "./date-control.js";
import { drawLimitChoices } from "./draw-limit.js";
import { type CutShort, SOURCE_FILTERS, hubNotice, narrowingWords, onlyType, toggleType } from "./hub.js";
import { messages, useT } from "./i18n.js";
import { relationshipLabel } from "./kinds.js";
import { SOURCES_FILTERS, type SourcesFilter, type Undated } from "./url-state.js";

const M = messages({
  narrow: { en: "Narrow", fi: "Rajaa", sv: "Avgränsa" },
  only: { en: "only", fi: "vain", sv: "endast" },
  onlyType: { en: "Only {type}", fi: "Vain {type}", sv: "Endast {type}" },
  drawUpTo: { en: "Draw up to", fi: "Piirrä enintään", sv: "Rita högst" },
  entities: {
    one: { en: "{count} entity", fi: "{count} kohde", sv: "{count} objekt" },
    other: { en: "{count} entities", fi: "{count} kohdetta", sv: "{count} objekt" },
  },
});

interface HubPanelProps {
  readonly cut: readonly CutShort[];
  /** The relationship types to offer (hub.ts `typesToOffer`). */
  readonly offeredTypes: readonly string[];
  /** How many entities each type reaches from the focus, where known. */
  readonly typeCounts: ReadonlyMap<string, number>;
  readonly types: readonly string[] | null;
  readonly sources: SourcesFilter | null;
  readonly asOf: string | null;
  readonly undated: Undated;
  readonly onTypes: (types: readonly string[] | null) => void;
  readonly onSources: (sources: SourcesFilter | null) => void;
  readonly onAsOf: (asOf: string | null) => void;
  readonly onUndated: (undated: Undated) => void;
  /** Draw at most this many entities (the address's `limit`). */
  readonly limit: number;
  readonly onLimit: (limit: number) => void;
}

export function HubPanel({
  cut,
  offeredTypes,
  typeCounts,
  types,
  sources,
  asOf,
  undated,
  onTypes,
  onSources,
  onAsOf,
  onUndated,
  limit,
  onLimit,
}: HubPanelProps) {
  const t = useT();
  const sourcesId = useId();
  const limitId = useId();
  // Opened by the reader, or held open while something is cut short or narrowed.
  const [opened, setOpened] = useState(false);
  const dayId = useId();
  const undatedId = useId();
  const notice = hubNotice(cut);
  const narrowed = narrowingWords(types, sources);
  const ticked = new Set(types ?? offeredTypes);
  const open = opened || notice !== null || narrowed !== null;
  return (
    <section
      className={open ? "hub-panel" : "hub-panel folded"}
      data-testid="hub-panel"
      aria-label="Narrow the drawing"
    >
      {notice ? (
        <p className="hub-notice" data-testid="hub-notice" role="status">
          <strong>{notice}</strong> Narrow it to draw all of them:
        </p>
      ) : (
        narrowed && (
          <p className="muted" data-testid="hub-narrowed" role="status">
            Everything drawn, narrowed to {narrowed}.
          </p>
        )
      )}
      <details
        className="narrow"
        data-testid="narrow"
        open={open}
        onToggle={(event) => setOpened((event.target as HTMLDetailsElement).open)}
      >
        <summary>{t(M.narrow)}</summary>
        <div className="hub-controls">
          <fieldset className="hub-types" data-testid="hub-types">
            <legend>Relationship types</legend>
            {offeredTypes.map((type) => (
              <span key={type} className="hub-type">
                <label>
                  <input
                    type="checkbox"
                    value={type}
                    checked={ticked.has(type)}
                    // The last ticked type stays: an empty drawing narrows nothing.
                    disabled={ticked.has(type) && ticked.size === 1}
                    onChange={() => onTypes(toggleType(offeredTypes, types, type))}
                  />{" "}
                  {relationshipLabel(type)}
                  {typeCounts.has(type) && (
                    <span className="muted"> ({typeCounts.get(type)?.toLocaleString("en-GB")})</span>
                  )}
                </label>
                {offeredTypes.length > 1 && (types?.length !== 1 || types[0] !== type) && (
                  <button
                    type="button"
                    className="link only"
                    aria-label={t(M.onlyType, { type: relationshipLabel(type) })}
                    onClick={() => onTypes(onlyType(offeredTypes, type))}
                  >
                    {t(M.only)}
                  </button>
                )}
              </span>
            ))}
            {types && (
              <button type="button" onClick={() => onTypes(null)}>
                All types
              </button>
            )}
          </fieldset>
          <label htmlFor={sourcesId}>Whose word</label>
          <select
            id={sourcesId}
            data-testid="hub-sources"
            value={sources ?? ""}
            onChange={(event) => onSources(SOURCES_FILTERS.find((filter) => filter === event.target.value) ?? null)}
          >
            <option value="">any source</option>
            {SOURCES_FILTERS.map((filter) => (
              <option key={filter} value={filter} title={SOURCE_FILTERS[filter].explanation}>
                {SOURCE_FILTERS[filter].label}
              </option>
            ))}
          </select>
          <span className="hub-date">
            <label htmlFor={dayId}>As of</label>
            <input
              id={dayId}
              type="date"
              data-testid="hub-day"
              value={asOf ?? ""}
              onChange={(event) => onAsOf(event.target.value || null)}
            />
            <label htmlFor={undatedId}>undated</label>
            <select
              id={undatedId}
              value={undated}
              disabled={asOf === null}
              title="Relationships without a start date (all of Wikidata's): count them on every day, on none, or from the first source that states them."
              onChange={(event) => onUndated(event.target.value as Undated)}
            >
              {(Object.keys(UNDATED_LABELS) as Undated[]).map((policy) => (
                <option key={policy} value={policy}>
                  {UNDATED_LABELS[policy]}
                </option>
              ))}
            </select>
          </span>
          <span className="hub-date">
            <label htmlFor={limitId}>{t(M.drawUpTo)}</label>
            <select
              id={limitId}
              data-testid="draw-limit"
              value={limit}
              onChange={(event) => onLimit(Number(event.target.value))}
            >
              {drawLimitChoices(limit).map((choice) => (
                <option key={choice} value={choice}>
                  {t(M.entities, { count: choice })}
                </option>
              ))}
            </select>
          </span>
        </div>
      </details>
    </section>
  );
}
