import { describe, expect, it } from "vitest";
import { firstDayOf, isFullDate, isPartialDate, isValidOn } from "../../src/graph-data/index.js";

describe("partial ISO 8601 dates", () => {
  it.each(["2018", "2016-05", "2020-01-01", "2020-02-29", "0999"])("%s is a partial date", (value) => {
    expect(isPartialDate(value)).toBe(true);
  });
  it.each([
    "",
    "18",
    "2019-13",
    "2019-00",
    "2019-02-30",
    "2019-2-1",
    "2019/02/01",
    "05.02.2020",
    "2020-01-01T00:00",
    " 2020",
    "2021-02-29",
  ])("%j is not", (value) => {
    expect(isPartialDate(value)).toBe(false);
  });
  it("asOf takes only full days", () => {
    expect(isFullDate("2019-06-30")).toBe(true);
    expect(isFullDate("2019-06")).toBe(false);
    expect(isFullDate("2019")).toBe(false);
  });
  it("a partial date counts from its first day", () => {
    expect(firstDayOf("2018")).toBe("2018-01-01");
    expect(firstDayOf("2016-05")).toBe("2016-05-01");
    expect(firstDayOf("2020-01-02")).toBe("2020-01-02");
    expect(() => firstDayOf("2019-13")).toThrow(RangeError);
  });
  it("validity: validFrom on or before the day, validTo after it", () => {
    expect(isValidOn("2019-06-30")).toBe(true);
    expect(isValidOn("2017-12-31", "2018")).toBe(false);
    expect(isValidOn("2018-01-01", "2018")).toBe(true);
    expect(isValidOn("2019-05-31", null, "2019-06")).toBe(true);
    expect(isValidOn("2019-06-01", null, "2019-06")).toBe(false);
  });
});
