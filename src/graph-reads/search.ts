/**
 * Full-text search over every entity name in every language and every alias, through the `entity_names`
 * index (accent-folding analyzer). The text is cut into words before it reaches Lucene, so no query
 * syntax from the user is ever interpreted. Exact matches of a whole name or alias come first. Used by the
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

/** Lucene hits read before re-ranking: enough for exact matches to surface even when `limit` is small. */
const MIN_CANDIDATES = 200;

/** An entity found, as its row, and how well it matches: in (0, 1], 1 for an exact name or alias. */
export interface SearchRow {
  readonly node: NodeRow;
  readonly score: number;
}

/** The best `limit` entities for `text`, best first; `selection`: the fields read besides names and aliases (they rank). */
export async function searchEntityRows(
  tx: StatementRunner,
  text: string,
  limit: number,
  selection: Pick<NodeSelection, "description" | "externalIds" | "location"> = ALL_NODE_FIELDS,
): Promise<SearchRow[]> {
  const words = searchWords(text);
  if (words.length === 0) return [];
  const result = await tx.run(
    `CALL db.index.fulltext.queryNodes($index, $query, { limit: $candidates }) YIELD node AS n, score
     RETURN ${nodeProjection("n", { ...selection, names: true, aliases: true })} AS node, score`,
    {
      index: ENTITY_NAME_INDEX,
      query: luceneQuery(words),
      candidates: cypherInt(Math.max(MIN_CANDIDATES, limit)),
      ...PROJECTION_PARAMS,
    },
  );
  const wanted = foldText(text).replace(/\s+/g, " ").trim();
  const hits = result.records.map((record) => {
    const node = record.get("node") as NodeRow;
    const names = [node.name, node.nameFi, node.nameSv, node.nameEn, ...(node.aliases ?? [])].filter(
      (n): n is string => !!n,
    );
    const exact = names.some((name) => foldText(name).replace(/\s+/g, " ").trim() === wanted);
    return { node, exact, score: record.get("score") as number };
  });
  const best = Math.max(...hits.filter((hit) => !hit.exact).map((hit) => hit.score), Number.MIN_VALUE);
  return hits
    .map((hit) => ({
      node: hit.node,
      score: hit.exact ? 1 : Math.max(0.01, (0.99 * hit.score) / best),
    }))
    .sort((a, b) => b.score - a.score || a.node.name.localeCompare(b.node.name) || a.node.id.localeCompare(b.node.id))
    .slice(0, limit)
    .map(({ node, score }) => ({ node, score: Math.round(score * 10_000) / 10_000 }));
}
