/**
 * The date the graph is shown as of (`asOf`): a year slider for moving through time, a day picker, "all dates",
 * and what relationships without a start date count as on that day (`undated`: most curated ones have none).
 */
import { useId } from "react";
import { type Lang, messages, useLang, useT } from "./i18n.js";
import type { Undated } from "./url-state.js";

interface DateControlProps {
  readonly asOf: string | null;
  readonly onChange: (asOf: string | null) => void;
  readonly undated: Undated;
  readonly onUndatedChange: (undated: Undated) => void;
}

/** What each `undated` policy is called (English; `undatedLabel` for other languages). */
export const UNDATED_LABELS: Readonly<Record<Undated, string>> = {
  INCLUDE: "include",
  EXCLUDE: "leave out",
  ATTESTED: "from attestation",
};

/** UNDATED_LABELS in each language. */
const UNDATED_WORDS = messages({
  INCLUDE: { en: "include", fi: "mukaan", sv: "ta med" },
  EXCLUDE: { en: "leave out", fi: "pois", sv: "utelämna" },
  ATTESTED: { en: "from attestation", fi: "lähteen päivästä", sv: "från källans datum" },
});

export function undatedLabel(policy: Undated, lang: Lang = "en"): string {
  return UNDATED_WORDS[policy][lang];
}

const M = messages({
  asOf: { en: "As of", fi: "Ajankohta", sv: "Per dag" },
  year: { en: "Year", fi: "Vuosi", sv: "År" },
  endOf: { en: "end of {year}", fi: "vuoden {year} lopussa", sv: "slutet av {year}" },
  allDatesShown: { en: "all dates", fi: "kaikki päivät", sv: "alla datum" },
  day: { en: "Day", fi: "Päivä", sv: "Dag" },
  asOfDay: { en: "as of {day}", fi: "{day} tilanne", sv: "per {day}" },
  allDates: { en: "All dates", fi: "Kaikki päivät", sv: "Alla datum" },
  undated: { en: "Undated", fi: "Päiväämättömät", sv: "Odaterade" },
  undatedHint: {
    en: "Relationships without a start date: count them on every day, on none, or from the first source that states them.",
    fi: "Suhteet, joilla ei ole alkamispäivää: laske ne mukaan joka päivä, ei minään päivänä tai ensimmäisen ne mainitsevan lähteen päivästä alkaen.",
    sv: "Relationer utan startdatum: räkna dem varje dag, ingen dag, eller från den första källa som nämner dem.",
  },
});

export const FIRST_YEAR = 1950;

export function DateControl({ asOf, onChange, undated, onUndatedChange }: DateControlProps) {
  const sliderId = useId();
  const dayId = useId();
  const undatedId = useId();
  const ticksId = useId();
  const t = useT();
  const lang = useLang();
  const thisYear = new Date().getFullYear();
  // Marked every 25 years and at this year (instead of a mark under ten years before it): the slider's ends and
  // middle read without moving it.
  const ticks = Array.from({ length: Math.floor((thisYear - FIRST_YEAR) / 25) + 1 }, (_, i) => FIRST_YEAR + 25 * i);
  if (thisYear - (ticks.at(-1) ?? thisYear) < 10) ticks.pop();
  ticks.push(thisYear);
  const year = asOf ? Number(asOf.slice(0, 4)) : thisYear;
  return (
    <fieldset className="date-control" data-testid="date-control">
      <legend>{t(M.asOf)}</legend>
      <label htmlFor={sliderId} className="visually-hidden">
        {t(M.year)}
      </label>
      <span className="year-slider">
        <input
          id={sliderId}
          type="range"
          list={ticksId}
          min={FIRST_YEAR}
          max={thisYear}
          step={1}
          value={year}
          aria-valuetext={asOf ? t(M.endOf, { year: String(year) }) : t(M.allDatesShown)}
          onChange={(event) => onChange(`${event.target.value}-12-31`)}
        />
        <datalist id={ticksId}>
          {ticks.map((tick) => (
            <option key={tick} value={tick} />
          ))}
        </datalist>
        <span className="year-ticks" aria-hidden="true" data-testid="year-ticks">
          {ticks.map((tick) => (
            <span key={tick} style={{ left: `${(100 * (tick - FIRST_YEAR)) / (thisYear - FIRST_YEAR)}%` }}>
              {tick}
            </span>
          ))}
        </span>
      </span>
      <label htmlFor={dayId} className="visually-hidden">
        {t(M.day)}
      </label>
      <input
        id={dayId}
        type="date"
        min={`${FIRST_YEAR}-01-01`}
        value={asOf ?? ""}
        onChange={(event) => onChange(event.target.value || null)}
      />
      <output aria-live="polite">{asOf ? t(M.asOfDay, { day: asOf }) : t(M.allDatesShown)}</output>
      <button type="button" onClick={() => onChange(null)} disabled={asOf === null}>
        {t(M.allDates)}
      </button>
      <label htmlFor={undatedId}>{t(M.undated)}</label>
      <select
        id={undatedId}
        value={undated}
        disabled={asOf === null}
        title={t(M.undatedHint)}
        onChange={(event) => onUndatedChange(event.target.value as Undated)}
      >
        {(Object.keys(UNDATED_LABELS) as Undated[]).map((policy) => (
          <option key={policy} value={policy}>
            {undatedLabel(policy, lang)}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
