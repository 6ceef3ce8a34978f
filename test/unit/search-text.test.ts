import { describe, expect, it } from "vitest";
import { foldText } from "../../src/graph-data/index.js";
import { exactKey, exactNamePattern, luceneQuery, searchWords } from "../../src/graph-reads/index.js";
import { TRICKY_NAMES } from "../fixtures/tricky-names.js";

describe("search text", () => {
  it("folds case and accents the way the index does", () => {
    expect(foldText("Hämeen LIITTO")).toBe("hameen liitto");
    expect(foldText("Päijät-Häme")).toBe("paijat-hame");
  });

  it("cuts text into words, dropping every character that could be query syntax", () => {
    expect(searchWords("Helsinki-keskus")).toEqual(["helsinki", "keskus"]);
    expect(searchWords(`") RETURN 1 // \`x\` $id AND OR NOT ~*?:\\/[]{}^`)).toEqual([
      "return",
      "1",
      "x",
      "id",
      "and",
      "or",
      "not",
    ]);
    expect(searchWords("\u0000\u202e\ud800")).toEqual([]);
    expect(searchWords("Пётр Москва")).toEqual(["петр", "москва"]);
  });

  it("builds a Lucene query of whole words and prefixes", () => {
    expect(luceneQuery(["helsinki", "ke"])).toBe("(helsinki OR helsinki*) OR (ke OR ke*)");
    // Lowercase words are never operators: "and" stays a term.
    expect(luceneQuery(["and"])).toBe("(and OR and*)");
  });

  it("keeps at most 16 words", () => {
    expect(searchWords("a ".repeat(100))).toHaveLength(16);
  });
});

/*
 * Search ranks in Cypher: its exact-name test is a Java regular expression (`exactNamePattern`) matched
 * against `toLower(normalize(name, NFD))`. Here the pattern is read as a JavaScript one (the same syntax but
 * `\x{…}` and possessive quantifiers) and must agree with the rule it stands for — `exactKey(name) ===
 * exactKey(text)` — on names with accents, odd white space and pattern syntax; the integration test
 * (test/integration/search-ranking.test.ts) checks Neo4j's own regular expressions agree too.
 */
/** The Java pattern as a JavaScript one that must match the whole string. */
function asJavaScript(pattern: string): RegExp {
  const js = pattern.replace(/\\x\{([0-9A-F]+)\}/g, "\\u{$1}").replace(/\*\+/g, "*");
  return new RegExp(`^(?:${js})$`, "u");
}

/** What Cypher matches the pattern against. */
const cypherSide = (name: string): string => name.normalize("NFD").toLowerCase();

describe("exactNamePattern", () => {
  it.each(TRICKY_NAMES)("matches exactly the names whose key is the key of %j", (text) => {
    const pattern = asJavaScript(exactNamePattern(exactKey(text)));
    for (const name of TRICKY_NAMES) {
      expect(pattern.test(cypherSide(name)), `${JSON.stringify(text)} against ${JSON.stringify(name)}`).toBe(
        exactKey(name) === exactKey(text),
      );
    }
  });

  it("writes every character but a-z and 0-9 as a code point, so the text is never pattern syntax", () => {
    expect(exactNamePattern("a.b")).toContain("a\\p{M}*+\\x{2E}\\p{M}*+b");
    expect(exactNamePattern("ä")).toContain("\\x{E4}");
    expect(exactNamePattern("😀")).toContain("\\x{1F600}");
  });
});
