import { describe, expect, it } from "vitest";
import { foldText } from "../../src/graph-data/index.js";
import { luceneQuery, searchWords } from "../../src/graph-reads/index.js";

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
