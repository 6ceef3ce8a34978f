/** The explorer's counts in words (src/web/explorer/count-words.ts): plurals in each language. */
import { describe, expect, it } from "vitest";
import { countWords, countsLine } from "../../src/web/explorer/count-words.js";

describe("counts in words", () => {
  it("says one and many in English, Finnish and Swedish", () => {
    expect(countsLine("en", 1, 2)).toBe("1 entity, 2 relationships");
    expect(countsLine("fi", 2, 1)).toBe("2 kohdetta, 1 suhde");
    expect(countsLine("sv", 1, 1)).toBe("1 entitet, 1 relation");
  });

  it("writes large numbers as the language does", () => {
    expect(countWords("fi", 1200, 0).entities).toBe("1\u00a0200 kohdetta");
    expect(countWords("en", 1200, 0).entities).toBe("1,200 entities");
  });
});
