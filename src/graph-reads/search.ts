/**
 * Full-text search over every entity name in every language and every alias, through the `entity_names`
 * index (accent-folding analyzer). The text is cut into words before it reaches Lucene, so no query
 * syntax from the user is ever interpreted. Exact matches of a whole name or alias come first; the ranking
 * runs in Cypher, so only the hits returned leave the database. Used by the
 * API's `search` and by reconciliation (its candidates and its suggest service).
 */
import { ENTITY_NAME_INDEX, cypherInt, type StatementRunner } from "../database/index.js";
import { foldText } from "../graph-data/index.js";
import { ALL_NODE_FIELDS, type NodeRow, type NodeSelection, PROJECTION_PARAMS, nodeProjection } from "./node-rows.js";

/** Words of the search text, folded; everything that is not a letter or digit separates words. */
export function searchWords(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 16);
}

/**
 * A Lucene query matching each word as a whole word or as a prefix (so "hels" suggests Helsinki).
 * Words are letters and digits only, so they carry no Lucene syntax. Words are OR-ed: names with
 * more of them score higher, and stop words the analyzer drops cannot empty the result.
 */
export function luceneQuery(words: readonly string[]): string {
  return words.map((word) => `(${word} OR ${word}*)`).join(" OR ");
}

/** Lucene hits ranked: enough for exact matches to surface even when `limit` is small. */
const MIN_CANDIDATES = 200;

/** An entity found, as its row, and how well it matches: in (0, 1], 1 for an exact name or alias. */
export interface SearchRow {
  readonly node: NodeRow;
  readonly score: number;
}

/** A name as `search` compares it with the text: folded (`foldText`), runs of white space one space, trimmed. */
export function exactKey(text: string): string {
  return foldText(text).replace(/\s+/g, " ").trim();
}

/** JavaScript's `\s` (also what `trim` removes) as a Java regular-expression class. */
const JS_SPACE = String.raw`[\s\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]`;

const MARKS = String.raw`\p{M}*+`;
const GAP = String.raw`(?:${JS_SPACE}|\p{M})*+`;

/**
 * A Java regular expression (Cypher's `=~`, which must match the whole string) that a name, lower-cased
 * after canonical decomposition (`toLower(normalize(name, NFD))`), matches exactly when `exactKey(name)`
 * is `key`: combining marks are skipped wherever they stand (`foldText` drops them), and white space
 * may run anywhere a space stands and lead or trail. Every character but a-z and 0-9 is written as
 * `\x{…}`, so nothing in `key` is pattern syntax. Possessive quantifiers: a name that does not match fails
 * in one pass.
 */
export function exactNamePattern(key: string): string {
  let pattern = GAP;
  for (const char of key) {
    if (char === " ") pattern += `${JS_SPACE}${GAP}`;
    else if (/^[a-z0-9]$/.test(char)) pattern += `${char}${MARKS}`;
    else pattern += `\\x{${char.codePointAt(0)!.toString(16).toUpperCase()}}${MARKS}`;
  }
  return pattern + GAP;
}

/**
 * The ranking, in Cypher: an exact name or alias scores 1 (`exactNameCypher`); any other hit its Lucene
 * score over the best such score, times 0.99, at least 0.01. Only the rows that can be among the best `$limit` leave the
 * database — those scoring at least the `$limit`-th best score, so ties at the edge come too — and their
 * order among equal scores (name, then id) is set in JavaScript, where `localeCompare` is.
 */
/**
 * Cypher predicate: name `x`, also given as `y`, `toLower(normalize(x, NFD))`, is exact for the key in `$key` (with
 * `$first`, its first character, `$keyLength`, its length in code points, `$spaces`, the white space that
 * is not a space, and `$exact`, its `exactNamePattern`). A name equal to the key is exact at once. Neo4j
 * compiles a parameter's pattern for every string it matches, so the pattern is tried only on a name that
 * could differ from the key by what `foldText` and the spacing rule take off: one that begins with the key's
 * first character and is no shorter (as every exact name that begins with a letter or digit is; stored names
 * are trimmed), and holds an accent — a letter that decomposes (`x` not in NFD), or a mark that composes with
 * its letter (`y` not in NFC) — or white space other than single spaces. A mark written apart that composes
 * with nothing (rare outside transliteration) is not taken off here, where `foldText` would.
 */
export function exactNameCypher(x: string, y: string): string {
  return (
    `(${y} = $key OR (${y} STARTS WITH $first AND size(${y}) >= $keyLength` +
    ` AND (NOT ${x} IS NFD NORMALIZED OR NOT ${y} IS NFC NORMALIZED OR ${y} CONTAINS '  '` +
    ` OR any(space IN $spaces WHERE ${y} CONTAINS space))` +
    ` AND ${y} =~ $exact))`
  );
}

/** White space (JavaScript's `\s`) other than the space. */
const OTHER_SPACES = [
  ..."\t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff",
];

/** The parameters `exactNameCypher` reads, for search text `text`. */
export function exactNameParams(text: string): Record<string, unknown> {
  const key = exactKey(text);
  return {
    key,
    first: key.length > 0 ? String.fromCodePoint(key.codePointAt(0)!) : "",
    keyLength: cypherInt([...key].length),
    spaces: OTHER_SPACES,
    exact: exactNamePattern(key),
  };
}

function searchCypher(selection: NodeSelection): string {
  return `CALL db.index.fulltext.queryNodes($index, $query, { limit: $candidates }) YIELD node AS n, score
     WITH n, score, any(name IN [x IN [n.name, n.nameFi, n.nameSv, n.nameEn] + coalesce(n.aliases, [])
                                WHERE x IS NOT NULL | [x, toLower(normalize(x, NFD))]]
                        WHERE ${exactNameCypher("name[0]", "name[1]")}) AS exact
     WITH collect({ n: n, score: score, exact: exact }) AS hits, max(CASE WHEN exact THEN null ELSE score END) AS best
     UNWIND hits AS hit
     WITH hit.n AS n, CASE WHEN hit.exact THEN 1.0 ELSE 0.99 * hit.score / best END AS rank
     WITH n, CASE WHEN rank < 0.01 THEN 0.01 ELSE rank END AS rank
     ORDER BY rank DESC
     WITH collect({ n: n, rank: rank }) AS ranked
     WITH ranked, ranked[$limit - 1].rank AS cutoff
     UNWIND ranked AS hit
     WITH hit WHERE cutoff IS NULL OR hit.rank >= cutoff
     WITH hit.n AS n, hit.rank AS score
     RETURN ${nodeProjection("n", selection)} AS node, score`;
}

/** The best `limit` entities for `text`, best first; `selection`: the fields read. */
export async function searchEntityRows(
  tx: StatementRunner,
  text: string,
  limit: number,
  selection: NodeSelection = ALL_NODE_FIELDS,
): Promise<SearchRow[]> {
  const words = searchWords(text);
  if (words.length === 0) return [];
  const result = await tx.run(searchCypher(selection), {
    index: ENTITY_NAME_INDEX,
    query: luceneQuery(words),
    ...exactNameParams(text),
    candidates: cypherInt(Math.max(MIN_CANDIDATES, limit)),
    limit: cypherInt(limit),
    ...PROJECTION_PARAMS,
  });
  return result.records
    .map((record) => ({ node: record.get("node") as NodeRow, score: record.get("score") as number }))
    .sort((a, b) => b.score - a.score || a.node.name.localeCompare(b.node.name) || a.node.id.localeCompare(b.node.id))
    .slice(0, limit)
    .map(({ node, score }) => ({ node, score: Math.round(score * 10_000) / 10_000 }));
}
