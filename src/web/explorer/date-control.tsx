/**
 * The date the graph is shown as of (`asOf`): a year slider for moving through time, a day picker, "all dates",
 * and what relationships without a start date count as on that day (`undated`: most curated ones have none).
 */
import { useId } from "react";
import type { Undated } from "./url-state.js";

interface DateControlProps {
  readonly asOf: string | null;
  readonly onChange: (asOf: string | null) => void;
  readonly undated: Undated;
  readonly onUndatedChange: (undated: Undated) => void;
}

export const UNDATED_LABELS: Readonly<Record<Undated, string>> = {
  INCLUDE: "include",
  EXCLUDE: "leave out",
  ATTESTED: "from attestation",
};

export const FIRST_YEAR = 1950;

export function DateControl({ asOf, onChange, undated, onUndatedChange }: DateControlProps) {
  const sliderId = useId();
  const dayId = useId();
  const undatedId = useId();
  const ticksId = useId();
  const thisYear = new Date().getFullYear();
  // Marked every 25 years and at this year (instead of a mark under ten years before it): the slider's ends and
  // middle read without moving it.
  const ticks = Array.from({ length: Math.floor((thisYear - FIRST_YEAR) / 25) + 1 }, (_, i) => FIRST_YEAR + 25 * i);
  if (thisYear - (ticks.at(-1) ?? thisYear) < 10) ticks.pop();
  ticks.push(thisYear);
  const year = asOf ? Number(asOf.slice(0, 4)) : thisYear;
  return (
    <fieldset className="date-control" data-testid="date-control">
      <legend>As of</legend>
      <label htmlFor={sliderId} className="visually-hidden">
        Year
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
          aria-valuetext={asOf ? `end of ${year}` : "all dates"}
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
        Day
      </label>
      <input
        id={dayId}
        type="date"
        min={`${FIRST_YEAR}-01-01`}
        value={asOf ?? ""}
        onChange={(event) => onChange(event.target.value || null)}
      />
      <output aria-live="polite">{asOf ? `as of ${asOf}` : "all dates"}</output>
      <button type="button" onClick={() => onChange(null)} disabled={asOf === null}>
        All dates
      </button>
      <label htmlFor={undatedId}>Undated</label>
      <select
        id={undatedId}
        value={undated}
        disabled={asOf === null}
        title="Relationships without a start date: count them on every day, on none, or from the first source that states them."
        onChange={(event) => onUndatedChange(event.target.value as Undated)}
      >
        {(Object.keys(UNDATED_LABELS) as Undated[]).map((policy) => (
          <option key={policy} value={policy}>
            {UNDATED_LABELS[policy]}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
