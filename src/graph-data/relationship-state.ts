/**
 * The one rule for "in force on a day", status and dates together: what a relationship's record means on a
 * day (the day asked, else today). The API's `GraphEdge.state`, the explorer's drawing and lists, the exports
 * and the GeoJSON all take it from here, so an agreement stored as `status: active` with a `validTo` in the
 * past (Helsinki–Stockholm 2018–2019) reads as past everywhere, while its `status` stays as stored.
 */
import { firstDayOf } from "./partial-date.js";

/**
 * - `CURRENT`: in force on the day — started on or before it (`validFrom`), not ended (`validTo` after it);
 * - `UNDATED`: not ended, but with no start recorded: in force as far as the record says, from when unknown;
 * - `FUTURE`: starts after the day;
 * - `PAST`: ended on or before the day (`validTo`), or `status: ended` without an end date — whatever
 *   the stored status says, an agreement whose `validTo` has passed is over;
 * - `SUSPENDED`: `status: suspended`, within its dates;
 * - `PENDING`: a step before a membership (`preparing`, `applied`, `decided`): not (yet) in force;
 * - `DENIED`: a source's word that the tie does not exist: never in force.
 */
export const RELATIONSHIP_STATES = ["CURRENT", "UNDATED", "FUTURE", "PAST", "SUSPENDED", "PENDING", "DENIED"] as const;
export type RelationshipState = (typeof RELATIONSHIP_STATES)[number];

/** What the states mean, in a reader's words (legends, GraphQL descriptions). */
export const RELATIONSHIP_STATE_WORDS: Readonly<Record<RelationshipState, string>> = {
  CURRENT: "in force",
  UNDATED: "in force, start unknown",
  FUTURE: "not yet started",
  PAST: "ended",
  SUSPENDED: "suspended",
  PENDING: "not yet in force (a step before membership)",
  DENIED: "denied by a source",
};

/** RELATIONSHIP_STATE_WORDS in each of the explorer's languages (English, Finnish, Swedish). */
export const RELATIONSHIP_STATE_WORDS_BY_LANG: Readonly<
  Record<"en" | "fi" | "sv", Readonly<Record<RelationshipState, string>>>
> = {
  en: RELATIONSHIP_STATE_WORDS,
  fi: {
    CURRENT: "voimassa",
    UNDATED: "voimassa, alkamisaika tuntematon",
    FUTURE: "ei vielä alkanut",
    PAST: "päättynyt",
    SUSPENDED: "keskeytetty",
    PENDING: "ei vielä voimassa (jäsenyyttä edeltävä vaihe)",
    DENIED: "lähde kiistää",
  },
  sv: {
    CURRENT: "gäller",
    UNDATED: "gäller, startdatum okänt",
    FUTURE: "har inte börjat ännu",
    PAST: "avslutad",
    SUSPENDED: "avbruten",
    PENDING: "gäller ännu inte (ett steg före medlemskap)",
    DENIED: "en källa förnekar den",
  },
};

const PENDING_STATUSES: ReadonlySet<string> = new Set(["preparing", "applied", "decided"]);

export interface DatedRecord {
  readonly validFrom?: string | null;
  readonly validTo?: string | null;
  readonly status?: string | null;
}

/** Today (UTC) as `YYYY-MM-DD`, the day a state is taken on when none is asked. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The state of a relationship on `day` (a full date `YYYY-MM-DD`; today when omitted). The dates count as
 * `isValidOn` counts them (`firstDayOf`; `validTo` exclusive). An undated relationship with status `ended` is
 * PAST; a `validTo` that is not a date is ignored rather than thrown on.
 */
export function relationshipState(record: DatedRecord, day: string = todayUtc()): RelationshipState {
  const status = record.status ?? null;
  if (status === "denied") return "DENIED";
  const to = dayOf(record.validTo);
  const from = dayOf(record.validFrom);
  if ((to !== null && to <= day) || (status === "ended" && to === null)) return "PAST";
  if (from !== null && from > day) return "FUTURE";
  if (status === "suspended") return "SUSPENDED";
  if (status !== null && PENDING_STATUSES.has(status)) return "PENDING";
  return from === null ? "UNDATED" : "CURRENT";
}

/** Whether the state counts as in force on its day (CURRENT, and UNDATED as the record has it). */
export function isInForceState(state: RelationshipState): boolean {
  return state === "CURRENT" || state === "UNDATED";
}

function dayOf(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    return firstDayOf(value);
  } catch {
    return null;
  }
}
