/**
 * Above the drawing, when a neighbourhood is drawn only in part or the drawing is narrowed: how many of how
 * many entities are shown, and the ways to narrow what the API walks (relationship types, whose word, the
 * date), each kept in the address. Narrowing is the API's, not hidden here, so a narrowed hub is complete.
 */
import { useId } from "react";
import { UNDATED_LABELS } from "./date-control.js";
import { type CutShort, SOURCE_FILTERS, hubNotice, narrowingWords, toggleType } from "./hub.js";
import { relationshipLabel } from "./kinds.js";
import { SOURCES_FILTERS, type SourcesFilter, type Undated } from "./url-state.js";

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
}: HubPanelProps) {
  const sourcesId = useId();
  const dayId = useId();
  const undatedId = useId();
  const notice = hubNotice(cut);
  const narrowed = narrowingWords(types, sources);
  const ticked = new Set(types ?? offeredTypes);
  return (
    <section className="hub-panel" data-testid="hub-panel" aria-label="Narrow the drawing">
      {notice ? (
        <p className="hub-notice" data-testid="hub-notice" role="status">
          <strong>{notice}</strong> Narrow it to draw all of them:
        </p>
      ) : (
        <p className="muted" data-testid="hub-narrowed" role="status">
          Everything drawn{narrowed ? `, narrowed to ${narrowed}` : ""}.
        </p>
      )}
      <div className="hub-controls">
        <fieldset className="hub-types" data-testid="hub-types">
          <legend>Relationship types</legend>
          {offeredTypes.map((type) => (
            <label key={type}>
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
      </div>
    </section>
  );
}
