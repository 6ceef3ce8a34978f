/**
 * The `asOf` rule in Cypher, for relationships that carry `validFrom` / `validTo` as partial ISO dates.
 * Kept next to `isValidOn` (partial-date.ts) so the two cannot drift; an integration test checks they agree.
 */
import { type UndatedPolicy } from "./partial-date.js";
import { SOURCE_LABEL } from "./vocabulary.js";

/**
 * Cypher expression: the day a record date held in `expression` counts from (`firstDayOf` in
 * partial-date.ts): the first day of its earliest side — of the date itself, of `A` in `A/B` or `A/..`,
 * without the `~` of an approximate one — or of `D` in `../D`. Null stays null.
 */
export function firstDayCypher(expression: string): string {
  const core = `CASE WHEN ${expression} STARTS WITH '../' THEN substring(${expression}, 3) ELSE split(replace(${expression}, '~', ''), '/')[0] END`;
  return `[day_ IN [${core}] | CASE size(day_) WHEN 4 THEN day_ + '-01-01' WHEN 7 THEN day_ + '-01' ELSE day_ END][0]`;
}

const VARIABLE = /^[a-z][A-Za-z0-9]*$/;
const PARAMETER = /^\$[A-Za-z][A-Za-z0-9]*$/;

function checkNames(rel: string, asOfParam: string): void {
  if (!VARIABLE.test(rel)) throw new Error(`not a Cypher variable name: ${rel}`);
  if (!PARAMETER.test(asOfParam)) throw new Error(`not a Cypher parameter: ${asOfParam}`);
}

/** Cypher predicate: relationship `rel` is undated (no `validFrom`; an empty one counts as none, as in `isValidOn`). */
export function undatedCypher(rel: string): string {
  checkNames(rel, "$asOf");
  return `(coalesce(${rel}.validFrom, '') = '')`;
}

/**
 * Cypher predicate: one of the sources `rel` cites (`sourceIds`) was published on or before the day in
 * `asOfParam` — `ATTESTED`'s rule, the twin of `attestedFrom` in partial-date.ts.
 */
export function attestedByCypher(rel: string, asOfParam = "$asOf"): string {
  checkNames(rel, asOfParam);
  return (
    `EXISTS { MATCH (attesting_:${SOURCE_LABEL}) WHERE attesting_.id IN coalesce(${rel}.sourceIds, [])` +
    ` AND attesting_.published IS NOT NULL AND ${firstDayCypher("attesting_.published")} <= ${asOfParam} }`
  );
}

/**
 * Cypher expression: the first day `ATTESTED` counts undated `rel` from — the earliest first day of its cited
 * sources' `published` dates, null when none has one (`attestedFrom` in partial-date.ts). For queries that
 * spread one relationship over many days (the activity series); `attestedByCypher` is the same rule for one day.
 */
export function attestedFromCypher(rel: string): string {
  checkNames(rel, "$asOf");
  return (
    `COLLECT { MATCH (attesting_:${SOURCE_LABEL}) WHERE attesting_.id IN coalesce(${rel}.sourceIds, [])` +
    ` AND attesting_.published IS NOT NULL WITH ${firstDayCypher("attesting_.published")} AS day_` +
    ` RETURN day_ ORDER BY day_ LIMIT 1 }[0]`
  );
}

/**
 * Cypher predicate: a relationship of undated-ness `undated` (a boolean variable) and `ATTESTED` start
 * `attested` (a variable holding `attestedFromCypher`) counts on `day` (a variable) under `policy`, as far
 * as its start goes. The spread-out form of `validOnCypher`'s undated rule; the three are variable names.
 */
export function undatedAllowsCypher(policy: UndatedPolicy, undated: string, attested: string, day: string): string {
  for (const name of [undated, attested, day]) {
    if (!VARIABLE.test(name)) throw new Error(`not a Cypher variable name: ${name}`);
  }
  switch (policy) {
    case "INCLUDE":
      return "true";
    case "EXCLUDE":
      return `(NOT ${undated})`;
    case "ATTESTED":
      return `(NOT ${undated} OR (${attested} IS NOT NULL AND ${attested} <= ${day}))`;
    default:
      throw new Error(`not an undated-claims policy: ${String(policy)}`);
  }
}

/**
 * A Cypher predicate that is true when relationship variable `rel` is valid on the day in parameter
 * `$asOf` (or when `$asOf` is null), treating an undated `rel` as `undated` says (`UndatedPolicy`). `rel` must
 * be a variable name from our own query text and `undated` one of the allow-listed policies, never input text.
 */
export function validOnCypher(rel: string, asOfParam = "$asOf", undated: UndatedPolicy = "INCLUDE"): string {
  checkNames(rel, asOfParam);
  const ends = `(${rel}.validTo IS NULL OR ${firstDayCypher(`${rel}.validTo`)} > ${asOfParam})`;
  const starts = `${firstDayCypher(`${rel}.validFrom`)} <= ${asOfParam}`;
  return `(${asOfParam} IS NULL OR (${ends} AND CASE WHEN ${undatedCypher(rel)} THEN ${undatedRule(rel, asOfParam, undated)} ELSE ${starts} END))`;
}

function undatedRule(rel: string, asOfParam: string, undated: UndatedPolicy): string {
  switch (undated) {
    case "INCLUDE":
      return "true";
    case "EXCLUDE":
      return "false";
    case "ATTESTED":
      return attestedByCypher(rel, asOfParam);
    default:
      throw new Error(`not an undated-claims policy: ${String(undated)}`);
  }
}

/**
 * Cypher predicate: relationship variable `rel` is a tie, not a source's denial of one (status `denied`).
 * Denials are claims to read beside the others (neighbourhood, timeline, corroboration, exports), never
 * something to walk or count: paths, shared connections and graph algorithms leave them out.
 */
export function isTieCypher(rel: string): string {
  if (!/^[a-z][A-Za-z0-9]*$/.test(rel)) throw new Error(`not a Cypher variable name: ${rel}`);
  return `coalesce(${rel}.status, '') <> 'denied'`;
}
