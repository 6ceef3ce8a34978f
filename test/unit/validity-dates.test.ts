/**
 * Partial ISO 8601 dates and the `asOf` rule at the boundaries of each precision (src/graph-data/partial-date.ts):
 * a fact is valid from the first day its `validFrom` covers and stops on the first day its (exclusive) `validTo`
 * covers. The checker's DATE_ORDER, an event's inclusive end and ending a relationship (operations.ts) all
 * follow from that rule; these tests pin the days where a year, a month or a day starts or stops counting.
 */
import { describe, expect, it } from "vitest";
import {
  type RelationshipRecord,
  checkRecord,
  endsBefore,
  firstDayOf,
  isFullDate,
  isPartialDate,
  isValidOn,
  undatedAllowsCypher,
  validOnCypher,
} from "../../src/graph-data/index.js";
import { periodRecords } from "../../src/write/index.js";

describe("the asOf rule at each precision's boundary", () => {
  it.each([
    // validFrom: from its first day on.
    ["2018-03", null, "2018-02-28", false],
    ["2018-03", null, "2018-03-01", true],
    ["2018-03-15", null, "2018-03-14", false],
    ["2018-03-15", null, "2018-03-15", true],
    ["2020-02-29", null, "2020-02-28", false],
    ["2020-02-29", null, "2020-02-29", true],
    // validTo (exclusive): up to the day before its first day.
    [null, "2019", "2018-12-31", true],
    [null, "2019", "2019-01-01", false],
    [null, "2019-06-15", "2019-06-14", true],
    [null, "2019-06-15", "2019-06-15", false],
    [null, "2020-03", "2020-02-29", true],
    // Both: a period of one month, the leap day inside it.
    ["2020-02", "2020-03", "2020-01-31", false],
    ["2020-02", "2020-03", "2020-02-01", true],
    ["2020-02", "2020-03", "2020-02-29", true],
    ["2020-02", "2020-03", "2020-03-01", false],
    // A year's end meets the next period's start: exactly one of the two holds on every day.
    ["2019", "2020", "2019-12-31", true],
    ["2020", null, "2019-12-31", false],
  ])("validFrom %s, validTo %s, as of %s: %s", (validFrom, validTo, asOf, expected) => {
    expect(isValidOn(asOf, validFrom, validTo)).toBe(expected);
  });

  it("a fact without bounds (absent, null or empty as stored) holds on every day", () => {
    for (const asOf of ["0999-01-01", "2020-02-29", "9999-12-31"]) {
      expect(isValidOn(asOf)).toBe(true);
      expect(isValidOn(asOf, null, null)).toBe(true);
      expect(isValidOn(asOf, "", "")).toBe(true);
    }
  });

  it("a relationship the checker accepts holds on its first day; one it refuses (DATE_ORDER) holds on none", () => {
    const dates = ["2019", "2019-12", "2019-12-31", "2020", "2020-01", "2020-01-01", "2020-01-02", "2020-02", "2021"];
    const days = ["2019-01-01", "2019-12-01", "2019-12-31", "2020-01-01", "2020-01-02", "2020-02-01", "2021-01-01"];
    for (const validFrom of dates) {
      for (const validTo of dates) {
        const checked = checkRecord("relationships", {
          type: "FUNDS",
          from: "a",
          to: "b",
          validFrom,
          validTo,
          citations: [{ source: "s", excerpt: "x" }],
        });
        const validDays = [firstDayOf(validFrom), ...days].filter((day) => isValidOn(day, validFrom, validTo));
        if (checked.ok) expect(validDays, `${validFrom}–${validTo}`).toContain(firstDayOf(validFrom));
        else expect(validDays, `${validFrom}–${validTo}`).toEqual([]);
      }
    }
  });
});

describe("an inclusive end against a start, at the precision both have", () => {
  it.each([
    ["2019-06", "2019-06-15", false],
    ["2019", "2019-06-15", false],
    ["2019-06-14", "2019-06", false],
    ["2019-06-15", "2019-06-15", false],
    ["2019-06-14", "2019-06-15", true],
    ["2019-05", "2019-06-01", true],
    ["2018", "2019-01", true],
    ["2019-12-31", "2020", true],
  ])("%s ends before %s: %s", (end, start, expected) => {
    expect(endsBefore(end, start)).toBe(expected);
  });
});

describe("dates as they are written", () => {
  it.each([
    ["2020-02-29", true, true],
    ["2020-04-31", false, false],
    ["2020-12-31", true, true],
    ["2020-12", true, false],
    ["2020", true, false],
    ["+2020", false, false],
    ["20200101", false, false],
    ["2020-01-01Z", false, false],
    // Regression: years 0000–0099 were refused (Date.UTC reads them as 1900–1999).
    ["0099-12-31", true, true],
    ["0000", true, false],
    ["0100-02-29", false, false],
  ])("%s: a partial date %s, a full day (asOf) %s", (value, partial, full) => {
    expect({ partial: isPartialDate(value), full: isFullDate(value) }).toEqual({ partial, full });
  });

  it("the first day of a leap February, and no first day for what is not a date", () => {
    expect(firstDayOf("2020-02")).toBe("2020-02-01");
    expect(() => firstDayOf("2021-02-29")).toThrow(RangeError);
    expect(() => firstDayOf("")).toThrow(RangeError);
  });
});

describe("ending a relationship at a date of any precision", () => {
  const stored: RelationshipRecord = {
    type: "PARTNER_OF",
    id: "helsinki--PARTNER_OF--moscow",
    from: "helsinki",
    to: "moscow",
    status: "active",
    validFrom: "2022-03",
    citations: [{ source: "page", excerpt: "partners" }],
  };
  const citation = { source: "news", excerpt: "suspended" };

  it.each([
    ["2022-03", "DATE_ORDER"],
    ["2022-03-01", "DATE_ORDER"],
    ["2022", "DATE_ORDER"],
    ["2022-03-02", null],
    ["2022-04", null],
  ])("on %s: %s", (date, code) => {
    const result = periodRecords(stored, { id: stored.id, date, status: "ended", citation });
    expect("problem" in result ? result.problem.code : null).toBe(code);
  });

  it("the period it ends and the suspended one that starts meet without a gap or an overlap", () => {
    const result = periodRecords(stored, { id: stored.id, date: "2022-06-15", status: "suspended", citation });
    if (!("records" in result)) throw new Error(JSON.stringify(result.problem));
    const [ending, suspended] = result.records;
    for (const [day, endingHolds] of [
      ["2022-06-14", true],
      ["2022-06-15", false],
    ] as const) {
      expect(isValidOn(day, ending?.validFrom, ending?.validTo)).toBe(endingHolds);
      expect(isValidOn(day, suspended?.validFrom, suspended?.validTo)).toBe(!endingHolds);
    }
  });
});

describe("the asOf rule in Cypher", () => {
  it("each undated-claims policy is its own text; an unknown policy is refused, never pasted in", () => {
    expect(validOnCypher("r")).toBe(validOnCypher("r", "$asOf", "INCLUDE"));
    expect(validOnCypher("r", "$asOf", "EXCLUDE")).not.toBe(validOnCypher("r"));
    expect(validOnCypher("r", "$asOf", "ATTESTED")).toContain("EXISTS { MATCH (attesting_:Source)");
    expect(() => validOnCypher("r", "$asOf", "INCLUDE OR true" as "INCLUDE")).toThrow();
    expect(() => validOnCypher("r", "$asOf) OR (true")).toThrow();
    expect(() => undatedAllowsCypher("ATTESTED", "undated", "attested", "'2020-01-01'")).toThrow();
  });

  it.each(["r) DETACH DELETE (n", "R", "1r", "r.validFrom", "r s", ""])(
    "refuses %j as a variable: only our own query text becomes Cypher",
    (name) => {
      expect(() => validOnCypher(name)).toThrow();
    },
  );
});
