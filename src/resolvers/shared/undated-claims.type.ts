/**
 * `UndatedClaims`: what a time-aware field does with relationships whose start is unknown (no `validFrom`).
 * Most curated relationships are undated, and crowd layers add thousands more, so "as of a day" must say
 * whether they count. The rule itself is `UndatedPolicy` (graph-data/partial-date.ts); this is its GraphQL face.
 */
import { registerEnumType } from "type-graphql";
import type { UndatedPolicy } from "../../graph-data/index.js";

export enum UndatedClaims {
  INCLUDE = "INCLUDE",
  EXCLUDE = "EXCLUDE",
  ATTESTED = "ATTESTED",
}

registerEnumType(UndatedClaims, {
  name: "UndatedClaims",
  description: "What a day-based question does with relationships that have no `validFrom` (their start is unknown).",
  valuesConfig: {
    INCLUDE: { description: "They hold on every day their `validTo` allows (the default)." },
    EXCLUDE: { description: "They hold on no day asked about." },
    ATTESTED: {
      description: "They hold from the earliest `published` date among the sources they cite; never when none has one.",
    },
  },
});

/**
 * Describes the `undated` argument the same way on every field. INCLUDE is the default because a question like
 * "who were our partners in 2019?" must not answer with none of the long-standing partnerships that the City's
 * pages state without a start date; the answers that can say how many undated claims they counted do.
 */
export const UNDATED_DESCRIPTION =
  "What to do with relationships that have no `validFrom` when a day is asked: INCLUDE (default: a long-standing partnership stated without a start still holds), EXCLUDE, or ATTESTED (from the earliest publication date of a source citing it).";

/** The policy of an `undated` argument (GraphQL has checked it is one of the enum's values). */
export function undatedArgument(value: UndatedClaims | null | undefined): UndatedPolicy {
  return value ?? UndatedClaims.INCLUDE;
}
