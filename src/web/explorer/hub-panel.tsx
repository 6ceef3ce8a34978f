/**
 * Above every drawing, a "Narrow" control: the ways to narrow what the API walks (relationship types, whose
 * word, the date) and how many entities to draw at most, each kept in the address. Folded away until wanted;
 * open, with how many of how many entities are shown, when a neighbourhood is drawn only in part or the
 * drawing is narrowed. Narrowing is the API's, not hidden here, so a narrowed hub is complete.
 */
import { useId, useState } from "react";
import { UNDATED_LABELS, undatedLabel } from "./date-control.js";
import { drawLimitChoices } from "./draw-limit.js";
import {
  type CutShort,
  hubNotice,
  narrowingWords,
  onlyType,
  sourceFilterExplanation,
  sourceFilterLabel,
  toggleType,
} from "./hub.js";
import { formatNumber, messages, useLang, useT } from "./i18n.js";
import { typeLabel } from "./kinds.js";
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
  region: { en: "Narrow the drawing", fi: "Rajaa piirrosta", sv: "Avgränsa ritningen" },
  narrowToDraw: {
    en: "Narrow it to draw all of them:",
    fi: "Rajaa piirrosta, niin kaikki mahtuvat siihen:",
    sv: "Avgränsa ritningen så att alla ryms:",
  },
  narrowed: {
    en: "Everything drawn, narrowed to {narrowing}.",
    fi: "Kaikki on piirretty, rajauksena {narrowing}.",
    sv: "Allt är ritat, avgränsat till {narrowing}.",
  },
  types: { en: "Relationship types", fi: "Suhdetyypit", sv: "Relationstyper" },
  allTypes: { en: "All types", fi: "Kaikki tyypit", sv: "Alla typer" },
  whoseWord: { en: "Whose word", fi: "Kenen tieto", sv: "Vems uppgift" },
  anySource: { en: "any source", fi: "mikä tahansa lähde", sv: "vilken källa som helst" },
  asOf: { en: "As of", fi: "Ajankohta", sv: "Per dag" },
  undated: { en: "undated", fi: "päiväämättömät", sv: "odaterade" },
  undatedHint: {
    en: "Relationships without a start date (all of Wikidata's): count them on every day, on none, or from the first source that states them.",
    fi: "Suhteet, joilla ei ole alkamispäivää (kaikki Wikidatan suhteet): laske ne mukaan joka päivälle, ei millekään päivälle tai siitä alkaen, kun lähde ensi kerran mainitsee ne.",
    sv: "Relationer utan startdatum (alla Wikidatas): räkna dem varje dag, ingen dag eller från den första källa som uppger dem.",
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
  const lang = useLang();
  const sourcesId = useId();
  const limitId = useId();
  // Opened by the reader, or held open while something is cut short or narrowed.
  const [opened, setOpened] = useState(false);
  const dayId = useId();
  const undatedId = useId();
  const notice = hubNotice(cut, lang);
  const narrowed = narrowingWords(types, sources, lang);
  const ticked = new Set(types ?? offeredTypes);
  const open = opened || notice !== null || narrowed !== null;
  return (
    <section className={open ? "hub-panel" : "hub-panel folded"} data-testid="hub-panel" aria-label={t(M.region)}>
      {notice ? (
        <p className="hub-notice" data-testid="hub-notice" role="status">
          <strong>{notice}</strong> {t(M.narrowToDraw)}
        </p>
      ) : (
        narrowed && (
          <p className="muted" data-testid="hub-narrowed" role="status">
            {t(M.narrowed, { narrowing: narrowed })}
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
            <legend>{t(M.types)}</legend>
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
                  {typeLabel(type, lang)}
                  {typeCounts.has(type) && (
                    <span className="muted"> ({formatNumber(lang, typeCounts.get(type) ?? 0)})</span>
                  )}
                </label>
                {offeredTypes.length > 1 && (types?.length !== 1 || types[0] !== type) && (
                  <button
                    type="button"
                    className="link only"
                    aria-label={t(M.onlyType, { type: typeLabel(type, lang) })}
                    onClick={() => onTypes(onlyType(offeredTypes, type))}
                  >
                    {t(M.only)}
                  </button>
                )}
              </span>
            ))}
            {types && (
              <button type="button" onClick={() => onTypes(null)}>
                {t(M.allTypes)}
              </button>
            )}
          </fieldset>
          <label htmlFor={sourcesId}>{t(M.whoseWord)}</label>
          <select
            id={sourcesId}
            data-testid="hub-sources"
            value={sources ?? ""}
            onChange={(event) => onSources(SOURCES_FILTERS.find((filter) => filter === event.target.value) ?? null)}
          >
            <option value="">{t(M.anySource)}</option>
            {SOURCES_FILTERS.map((filter) => (
              <option key={filter} value={filter} title={sourceFilterExplanation(filter, lang)}>
                {sourceFilterLabel(filter, lang)}
              </option>
            ))}
          </select>
          <span className="hub-date">
            <label htmlFor={dayId}>{t(M.asOf)}</label>
            <input
              id={dayId}
              type="date"
              data-testid="hub-day"
              value={asOf ?? ""}
              onChange={(event) => onAsOf(event.target.value || null)}
            />
            <label htmlFor={undatedId}>{t(M.undated)}</label>
            <select
              id={undatedId}
              value={undated}
              disabled={asOf === null}
              title={t(M.undatedHint)}
              onChange={(event) => onUndated(event.target.value as Undated)}
            >
              {(Object.keys(UNDATED_LABELS) as Undated[]).map((policy) => (
                <option key={policy} value={policy}>
                  {undatedLabel(policy, lang)}
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
