/**
 * What the dashboard's comparison counts (src/web/explorer/analysis-scope.ts); the centrality scope in words
 * is tested with centrality-words.ts.
 */
import { describe, expect, it } from "vitest";
import { peersActivityTitle } from "../../src/web/explorer/analysis-scope.js";

describe("peersActivityTitle", () => {
  it("says whose, what and how undated claims count", () => {
    expect(peersActivityTitle(["Helsinki", "Stockholm"], null, "INCLUDE")).toBe(
      "In force on 1 July, per year: Helsinki, Stockholm (all relationships; undated claims counted every year)",
    );
    expect(peersActivityTitle(["Helsinki", "Oslo"], ["MEMBER_OF"], "EXCLUDE")).toBe(
      "In force on 1 July, per year: Helsinki, Oslo (member of; undated claims left out)",
    );
  });
});
