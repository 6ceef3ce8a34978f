/**
 * Search ranks in Cypher: its exact-name test, run by Neo4j, agrees with the JavaScript rule it replaced on
 * names that fold, space and escape in every way; and on the curated graph the hits and scores are those of
 * the ranking as it was — 200 Lucene candidates read out and ranked in JavaScript (exact name or alias 1,
 * the rest their score over the best other score, times 0.99, at least 0.01; ties by name, then id).
 */
import { describe, expect, it } from "vitest";
import { ENTITY_NAME_INDEX, cypherInt } from "../../src/database/index.js";
import { foldText } from "../../src/graph-data/index.js";
import {
  type NodeRow,
  PROJECTION_PARAMS,
  exactKey,
  exactNameCypher,
  exactNameParams,
  exactNamePattern,
  luceneQuery,
  nodeProjection,
  searchEntityRows,
  searchWords,
} from "../../src/graph-reads/index.js";
import { TRICKY_NAMES } from "../fixtures/tricky-names.js";
import { useTestGraph } from "../support/test-graph.js";

const { db } = useTestGraph();

/** The ranking before it moved into Cypher, kept as the reference. */
async function rankedInJavaScript(text: string, limit: number): Promise<{ id: string; score: number }[]> {
  const rows = await db.read(async (tx) => {
    const result = await tx.run(
      `CALL db.index.fulltext.queryNodes($index, $query, { limit: $candidates }) YIELD node AS n, score
       RETURN ${nodeProjection("n")} AS node, score`,
      {
        index: ENTITY_NAME_INDEX,
        query: luceneQuery(searchWords(text)),
        candidates: cypherInt(Math.max(200, limit)),
        ...PROJECTION_PARAMS,
      },
    );
    return result.records.map((record) => ({
      node: record.get("node") as NodeRow,
      score: record.get("score") as number,
    }));
  });
  const wanted = foldText(text).replace(/\s+/g, " ").trim();
  const hits = rows.map(({ node, score }) => {
    const names = [node.name, node.nameFi, node.nameSv, node.nameEn, ...(node.aliases ?? [])].filter(
      (n): n is string => !!n,
    );
    const exact = names.some((name) => foldText(name).replace(/\s+/g, " ").trim() === wanted);
    return { node, exact, score };
  });
  const best = Math.max(...hits.filter((hit) => !hit.exact).map((hit) => hit.score), Number.MIN_VALUE);
  return hits
    .map((hit) => ({ node: hit.node, score: hit.exact ? 1 : Math.max(0.01, (0.99 * hit.score) / best) }))
    .sort((a, b) => b.score - a.score || a.node.name.localeCompare(b.node.name) || a.node.id.localeCompare(b.node.id))
    .slice(0, limit)
    .map(({ node, score }) => ({ id: node.id, score: Math.round(score * 10_000) / 10_000 }));
}

describe("search ranking in Cypher", () => {
  it("tests exact names in Neo4j as foldText does in JavaScript", async () => {
    // Stored names are trimmed and begin with something visible; a mark that composes with nothing is kept.
    const stored = TRICKY_NAMES.filter(
      (name) => name === name.trim() && !/^\p{M}/u.test(name) && !/\s\p{M}/u.test(name),
    );
    for (const text of TRICKY_NAMES) {
      const matched = await db.read(async (tx) => {
        const result = await tx.run(
          `RETURN [x IN $names | [y IN [toLower(normalize(x, NFD))] | ${exactNameCypher("x", "y")}][0]] AS matched`,
          { names: stored, ...exactNameParams(text) },
        );
        return result.records[0]!.get("matched") as boolean[];
      });
      expect(
        Object.fromEntries(stored.map((name, i) => [name, matched[i]])),
        `the stored names exactly ${JSON.stringify(text)}`,
      ).toEqual(Object.fromEntries(stored.map((name) => [name, exactKey(name) === exactKey(text)])));
    }
    for (const text of TRICKY_NAMES) {
      const matched = await db.read(async (tx) => {
        const result = await tx.run("RETURN [x IN $names | toLower(normalize(x, NFD)) =~ $pattern] AS matched", {
          names: [...TRICKY_NAMES],
          pattern: exactNamePattern(exactKey(text)),
        });
        return result.records[0]!.get("matched") as boolean[];
      });
      expect(
        Object.fromEntries(TRICKY_NAMES.map((name, i) => [name, matched[i]])),
        `the names exactly ${JSON.stringify(text)}`,
      ).toEqual(Object.fromEntries(TRICKY_NAMES.map((name) => [name, exactKey(name) === exactKey(text)])));
    }
  });

  it.each([
    ["helsinki", 10],
    ["Helsingfors", 10],
    ["hels", 10],
    ["Pietari", 5],
    ["Tukholma", 1],
    ["tallinna", 3],
    ["eu", 20],
    ["city of", 10],
    ["Hämeenlinna", 10],
    ["kaupunki", 50],
    ["a", 200],
  ])("ranks %j (limit %i) as the JavaScript ranking did", async (text, limit) => {
    const rows = await db.read((tx) => searchEntityRows(tx, text, limit));
    const expected = await rankedInJavaScript(text, limit);
    expect(rows.map(({ node, score }) => ({ id: node.id, score }))).toEqual(expected);
  });
});
