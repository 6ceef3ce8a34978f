/**
 * ISO 8601 calendar dates that may be partial: `2018`, `2016-05`, `2020-01-01`
 * (https://en.wikipedia.org/wiki/ISO_8601#Calendar_dates). Sources often give only a year or a month,
 * and the graph keeps exactly what they say. For comparisons a partial date counts from its first day.
 */

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDay(year: number, month: number, day: number): boolean {
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** True for `YYYY`, `YYYY-MM` and `YYYY-MM-DD` naming a real month and day. */
export function isPartialDate(value: string): boolean {
  const match = PARTIAL_DATE.exec(value);
  if (!match) return false;
  const month = match[2] === undefined ? 1 : Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  return month >= 1 && month <= 12 && isRealDay(Number(match[1]), month, day);
}

/** True only for a complete, real `YYYY-MM-DD` day (what `asOf` takes). */
export function isFullDate(value: string): boolean {
  return FULL_DATE.test(value) && isPartialDate(value);
}

/** The first day a partial date covers: `2016-05` → `2016-05-01`. */
export function firstDayOf(value: string): string {
  if (!isPartialDate(value)) throw new RangeError(`not an ISO 8601 date: ${JSON.stringify(value)}`);
  if (value.length === 4) return `${value}-01-01`;
  if (value.length === 7) return `${value}-01`;
  return value;
}

/**
 * Does `end` (inclusive, as an event's `endDate`) surely fall before `start`, whichever day within each
 * partial date is meant? Compared at the precision both have: `2019-06` does not end before `2019-06-15`.
 * Both must be partial dates (ISO 8601 strings of one form compare as text).
 */
export function endsBefore(end: string, start: string): boolean {
  const precision = Math.min(end.length, start.length);
  return end.slice(0, precision) < start.slice(0, precision);
}

/**
 * Is a fact with these bounds valid on `asOf` (a full date)? `validFrom` absent or on/before it, and
 * `validTo` absent or after it. The Cypher twin of this rule is `validOnCypher` in model/validity.ts.
 */
export function isValidOn(asOf: string, validFrom?: string | null, validTo?: string | null): boolean {
  if (validFrom && firstDayOf(validFrom) > asOf) return false;
  if (validTo && firstDayOf(validTo) <= asOf) return false;
  return true;
}
