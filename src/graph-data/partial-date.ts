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

/**
 * A date as the record model holds it: a partial date, or one known only as a bound or a range, in the
 * notation of ISO 8601-2 / EDTF (https://www.loc.gov/standards/datetime/), as sources give them:
 * - `2018`, `2016-05`, `2020-01-01`: a (partial) date;
 * - `2014~`: about that date (approximate);
 * - `../2019-05-29`: on or before that day ("by 2019-05-29"; how much earlier is unknown);
 * - `2019-05-29/..`: on or after that day;
 * - `1993-09-25/1995-12-08`: some day between the two ("between … and …"), each side possibly partial.
 * Each form names the earliest and the latest date it may be (one of them open for a bound).
 */
export interface DateValue {
  /** The earliest (partial) date meant, or null when only a later bound is known (`../D`). */
  readonly earliest: string | null;
  /** The latest (partial) date meant, or null when only an earlier bound is known (`D/..`). */
  readonly latest: string | null;
  /** `~`: about this date. */
  readonly approximate: boolean;
}

/** Reads a record date (see `DateValue`); undefined when the text is none of its forms or names no real day. */
export function parseDateValue(value: string): DateValue | undefined {
  if (value.endsWith("~")) {
    const core = value.slice(0, -1);
    return isPartialDate(core) ? { earliest: core, latest: core, approximate: true } : undefined;
  }
  if (isPartialDate(value)) return { earliest: value, latest: value, approximate: false };
  const parts = value.split("/");
  if (parts.length !== 2) return undefined;
  const [start, end] = parts as [string, string];
  if (start === ".." && isPartialDate(end)) return { earliest: null, latest: end, approximate: false };
  if (end === ".." && isPartialDate(start)) return { earliest: start, latest: null, approximate: false };
  if (isPartialDate(start) && isPartialDate(end) && !endsBefore(end, start) && start !== end) {
    return { earliest: start, latest: end, approximate: false };
  }
  return undefined;
}

/** True for every form a record's date field may take (`DateValue`). */
export function isDateValue(value: string): boolean {
  return parseDateValue(value) !== undefined;
}

/** A bound or a range rather than a (partial) date: `../D`, `D/..`, `A/B`, or an approximate `D~`. */
export function isUncertainDate(value: string): boolean {
  return parseDateValue(value) !== undefined && !isPartialDate(value);
}

/**
 * The years a fact's date may name: from 1000 (the graph's facts begin in the 1950s; an organisation's
 * `founded` may be centuries older) to 50 years after the current one (agreements, terms and goals are
 * dated ahead: a partnership until 2030, a climate goal for 2050). Every side of a bound or a range is held
 * to it, so `0000`, `9999` and `2019/3000` are refused wherever a date is written.
 */
export const EARLIEST_YEAR = 1000;
export const YEARS_AHEAD = 50;

/** The last year a date may name on `today` (the current year plus YEARS_AHEAD, in UTC). */
export function latestYear(today: Date = new Date()): number {
  return today.getUTCFullYear() + YEARS_AHEAD;
}

/** Why a record date names an implausible year (a problem message), or undefined when it does not. */
export function implausibleDateMessage(value: string, today: Date = new Date()): string | undefined {
  const parsed = parseDateValue(value);
  if (!parsed) return undefined;
  const latest = latestYear(today);
  for (const side of [parsed.earliest, parsed.latest]) {
    if (side === null) continue;
    const year = Number(side.slice(0, 4));
    if (year < EARLIEST_YEAR || year > latest) {
      return `names the year ${side.slice(0, 4)}: a date must be from ${EARLIEST_YEAR} to ${latest} (${YEARS_AHEAD} years ahead, for what is planned)`;
    }
  }
  return undefined;
}

/**
 * The last day a source may say it was published, on `today`: today in UTC and one day more, since the
 * day has already begun east of UTC (UTC+14 at most). A date counts from its first day (`firstDayOf`).
 */
export function latestPublicationDay(today: Date = new Date()): string {
  return new Date(today.getTime() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

function firstDayOfPartial(value: string): string {
  if (value.length === 4) return `${value}-01-01`;
  if (value.length === 7) return `${value}-01`;
  return value;
}

/**
 * The day a date counts from in comparisons (`asOf`, ordering, dates in order): the first day it may be —
 * `2016-05` → `2016-05-01`, `1993-09-25/1995-12-08` → `1993-09-25`, `2014~` → `2014-01-01` — and for a date
 * known only as "by D" (`../D`), the first day of D, the earliest day it is known to hold.
 */
export function firstDayOf(value: string): string {
  const parsed = parseDateValue(value);
  if (!parsed) throw new RangeError(`not an ISO 8601 date: ${JSON.stringify(value)}`);
  return firstDayOfPartial((parsed.earliest ?? parsed.latest)!);
}

/**
 * Does `end` (inclusive, as an event's `endDate`) surely fall before `start`, whichever day within each
 * date is meant? The latest `end` may be against the earliest `start` may be, at the precision both have:
 * `2019-06` does not end before `2019-06-15`; a bound with its side open never surely does.
 */
export function endsBefore(end: string, start: string): boolean {
  const endLatest = isPartialDate(end) ? end : parseDateValue(end)?.latest;
  const startEarliest = isPartialDate(start) ? start : parseDateValue(start)?.earliest;
  if (!endLatest || !startEarliest) return false;
  const precision = Math.min(endLatest.length, startEarliest.length);
  return endLatest.slice(0, precision) < startEarliest.slice(0, precision);
}

/**
 * What `asOf` does with a claim whose start is unknown (no `validFrom`): most curated relationships and
 * whole crowd layers are undated, so every time-aware field takes this choice explicitly.
 * - `INCLUDE`: it holds on every day its `validTo` allows (a long-standing partnership stated without a start);
 * - `EXCLUDE`: it holds on no day asked about;
 * - `ATTESTED`: it holds from the first day of the earliest `published` date among its cited sources.
 * A `validFrom` of `../D` ("by D") is a start, not an unknown one: it counts from D under every policy.
 */
export const UNDATED_POLICIES = ["INCLUDE", "EXCLUDE", "ATTESTED"] as const;
export type UndatedPolicy = (typeof UNDATED_POLICIES)[number];

export function isUndatedPolicy(value: unknown): value is UndatedPolicy {
  return typeof value === "string" && (UNDATED_POLICIES as readonly string[]).includes(value);
}

/** The day an undated claim counts from under `ATTESTED`: the earliest first day of its sources' dates. */
export function attestedFrom(published: readonly (string | null | undefined)[]): string | null {
  const days = published.filter((date): date is string => !!date && isDateValue(date)).map(firstDayOf);
  return days.length === 0 ? null : days.reduce((earliest, day) => (day < earliest ? day : earliest));
}

/**
 * Is a fact with these bounds valid on `asOf` (a full date)? `validFrom` on/before it, and `validTo` absent
 * or after it; with no `validFrom`, as `undated` says (`UndatedPolicy`; `attestedOn` holds the `published`
 * dates of the sources it cites, for `ATTESTED`). The Cypher twin of this rule is `validOnCypher` in
 * graph-data/validity.ts; an integration test checks they agree on every policy.
 */
export function isValidOn(
  asOf: string,
  validFrom?: string | null,
  validTo?: string | null,
  undated: UndatedPolicy = "INCLUDE",
  attestedOn: readonly (string | null | undefined)[] = [],
): boolean {
  if (validTo && firstDayOf(validTo) <= asOf) return false;
  if (validFrom) return firstDayOf(validFrom) <= asOf;
  switch (undated) {
    case "INCLUDE":
      return true;
    case "EXCLUDE":
      return false;
    case "ATTESTED": {
      const attested = attestedFrom(attestedOn);
      return attested !== null && attested <= asOf;
    }
  }
}
