/** `asOf` normalised to the last day the graph changed on (gds-memo.ts), without a database. */
import { describe, expect, it } from "vitest";
import { normalisedDay } from "../../src/resolvers/algorithms/gds-memo.js";

describe("normalisedDay", () => {
  const days = ["1953-01-01", "1993-09-25", "2016-09-12", "2022-03-01"];
  it.each([
    ["before every change", "1900-06-30", "0001-01-01"],
    ["the day of a change", "1993-09-25", "1993-09-25"],
    ["the day before a change", "1993-09-24", "1953-01-01"],
    ["between two changes", "2019-05-29", "2016-09-12"],
    ["after the last change", "2030-01-01", "2022-03-01"],
  ])("%s", (_case, day, expected) => {
    expect(normalisedDay(days, day)).toBe(expected);
  });
  it("a graph with no dated fact: every day is one", () => {
    expect(normalisedDay([], "2020-01-01")).toBe("0001-01-01");
  });
});
