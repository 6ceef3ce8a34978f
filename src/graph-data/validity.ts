/**
 * The `asOf` rule in Cypher, for relationships that carry `validFrom` / `validTo` as partial ISO dates.
 * Kept next to `isValidOn` (partial-date.ts) so the two cannot drift; a unit test checks they agree.
 */

/** Cypher expression: the first day of a partial date held in `expression` (null stays null). */
export function firstDayCypher(expression: string): string {
  return `(CASE size(${expression}) WHEN 4 THEN ${expression} + '-01-01' WHEN 7 THEN ${expression} + '-01' ELSE ${expression} END)`;
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
