/**
 * The `asOf` rule in Cypher, for relationships that carry `validFrom` / `validTo` as partial ISO dates.
 * Kept next to `isValidOn` (partial-date.ts) so the two cannot drift; a unit test checks they agree.
 */

/**
 * Cypher expression: the day a record date held in `expression` counts from (`firstDayOf` in
 * partial-date.ts): the first day of its earliest side — of the date itself, of `A` in `A/B` or `A/..`,
 * without the `~` of an approximate one — or of `D` in `../D`. Null stays null.
 */
export function firstDayCypher(expression: string): string {
  const core = `CASE WHEN ${expression} STARTS WITH '../' THEN substring(${expression}, 3) ELSE split(replace(${expression}, '~', ''), '/')[0] END`;
  return `[day_ IN [${core}] | CASE size(day_) WHEN 4 THEN day_ + '-01-01' WHEN 7 THEN day_ + '-01' ELSE day_ END][0]`;
}

/**
 * A Cypher predicate that is true when relationship variable `rel` is valid on the day in parameter
 * `$asOf` (or when `$asOf` is null). `rel` must be a variable name from our own query text, never input.
 */
export function validOnCypher(rel: string, asOfParam = "$asOf"): string {
  if (!/^[a-z][A-Za-z0-9]*$/.test(rel)) throw new Error(`not a Cypher variable name: ${rel}`);
  return (
    `(${asOfParam} IS NULL OR ((${rel}.validFrom IS NULL OR ${firstDayCypher(`${rel}.validFrom`)} <= ${asOfParam})` +
    ` AND (${rel}.validTo IS NULL OR ${firstDayCypher(`${rel}.validTo`)} > ${asOfParam})))`
  );
}
