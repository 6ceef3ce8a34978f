import { describe, expect, it } from "vitest";
import {
  UNDATED_POLICIES,
  attestedFrom,
  checkRecord,
  endsBefore,
  firstDayOf,
  isDateValue,
  isFullDate,
  isPartialDate,
  isUncertainDate,
  isValidOn,
  parseDateValue,
} from "../../src/graph-data/index.js";

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

describe("dates known only as a bound, a range or about (ISO 8601-2 / EDTF)", () => {
  it.each([
    ["2014~", { earliest: "2014", latest: "2014", approximate: true }],
    ["../2019-05-29", { earliest: null, latest: "2019-05-29", approximate: false }],
    ["2019-05-29/..", { earliest: "2019-05-29", latest: null, approximate: false }],
    ["1993-09-25/1995-12-08", { earliest: "1993-09-25", latest: "1995-12-08", approximate: false }],
    ["2019/2020-06", { earliest: "2019", latest: "2020-06", approximate: false }],
    ["2018", { earliest: "2018", latest: "2018", approximate: false }],
  ])("%s reads as its earliest and latest dates", (value, expected) => {
    expect(parseDateValue(value)).toEqual(expected);
    expect(isDateValue(value)).toBe(true);
    expect(isUncertainDate(value)).toBe(value !== "2018");
  });

  it.each([
    "../..",
    "..",
    "../",
    "/2019",
    "2019/",
    "2020/2019",
    "2019/2019",
    "2019~~",
    "~2019",
    "../2019~",
    "2019-02-30/2019-03",
    "2019/2020/2021",
    "2019-05-29/..~",
    "2019?",
  ])("%j is not a date", (value) => {
    expect(isDateValue(value)).toBe(false);
    expect(() => firstDayOf(value)).toThrow(RangeError);
  });

  it("counts from the first day it may be; a date known only 'by D' counts from D", () => {
    expect(firstDayOf("2014~")).toBe("2014-01-01");
    expect(firstDayOf("1993-09-25/1995-12-08")).toBe("1993-09-25");
    expect(firstDayOf("2019-05/..")).toBe("2019-05-01");
    expect(firstDayOf("../2019-05-29")).toBe("2019-05-29");
    expect(isValidOn("2019-05-28", "../2019-05-29")).toBe(false);
    expect(isValidOn("2019-05-29", "../2019-05-29")).toBe(true);
    expect(isValidOn("1994-01-01", "1993-09-25/1995-12-08")).toBe(true);
    expect(isValidOn("2019-06-01", "2016", "2019-06/2019-07")).toBe(false);
  });

  it("ends before a start only when every day it may be is before every day the start may be", () => {
    expect(endsBefore("../2019-05", "2019-06")).toBe(true);
    expect(endsBefore("2019-05/..", "2019-06")).toBe(false);
    expect(endsBefore("2018/2019-07", "2019-06")).toBe(false);
    expect(endsBefore("2018/2019-05", "2019-06/2020")).toBe(true);
    expect(endsBefore("2019-05", "../2019-06")).toBe(false);
    expect(endsBefore("2014~", "2015")).toBe(true);
  });

  it("the record model takes them in every date field, and refuses other forms with the forms it takes", () => {
    const relationship = {
      type: "MEMBER_OF",
      from: "helsinki",
      to: "ubc",
      validFrom: "1993-09-25/1995-12-08",
      validTo: "../2023",
      citations: [{ source: "report", excerpt: "The new members are" }],
    };
    expect(checkRecord("relationships", relationship).ok).toBe(true);
    const source = { id: "report", title: "Activity report", published: "1995~" };
    expect(checkRecord("sources", source).ok).toBe(true);
    const event = {
      kind: "Event",
      id: "summit",
      name: "Summit",
      startDate: "2017-02-16/2017-02-17",
      sources: ["report"],
    };
    expect(checkRecord("entities", event).ok).toBe(true);
    const bad = checkRecord("relationships", { ...relationship, validFrom: "about 2014" });
    expect(bad.ok ? [] : bad.problems.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: "validFrom", code: "INVALID_VALUE" },
    ]);
    const backwards = checkRecord("relationships", { ...relationship, validFrom: "2019/..", validTo: "../2018" });
    expect(backwards.ok ? [] : backwards.problems.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: "validTo", code: "DATE_ORDER" },
    ]);
    const eventBackwards = checkRecord("entities", { ...event, startDate: "2019/2020", endDate: "../2018" });
    expect(eventBackwards.ok ? [] : eventBackwards.problems.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: "endDate", code: "DATE_ORDER" },
    ]);
  });
});

describe("undated claims (UndatedPolicy)", () => {
  const snapshot = ["2016-09-12"];

  it("INCLUDE holds an undated claim on every day its end allows (the default)", () => {
    expect(isValidOn("1950-01-01")).toBe(true);
    expect(isValidOn("1950-01-01", null, null, "INCLUDE")).toBe(true);
    expect(isValidOn("2020-01-01", null, "2019", "INCLUDE")).toBe(false);
  });

  it("EXCLUDE holds an undated claim on no day", () => {
    expect(isValidOn("1950-01-01", null, null, "EXCLUDE", snapshot)).toBe(false);
    expect(isValidOn("2030-01-01", "", "", "EXCLUDE")).toBe(false);
  });

  it("ATTESTED holds an undated claim from the earliest first day its sources were published", () => {
    expect(isValidOn("2016-09-11", null, null, "ATTESTED", snapshot)).toBe(false);
    expect(isValidOn("2016-09-12", null, null, "ATTESTED", snapshot)).toBe(true);
    expect(isValidOn("2014-01-01", null, null, "ATTESTED", ["2016-09-12", "2014~"])).toBe(true);
    expect(isValidOn("2019-05-01", null, null, "ATTESTED", ["../2019-05"])).toBe(true);
    expect(isValidOn("2016-09-12", null, "2016-09-12", "ATTESTED", snapshot)).toBe(false);
    expect(isValidOn("2030-01-01", null, null, "ATTESTED", [])).toBe(false);
    expect(isValidOn("2030-01-01", null, null, "ATTESTED", [null, undefined])).toBe(false);
  });

  it("a start known only 'by D' is not undated: every policy counts it from D", () => {
    for (const undated of UNDATED_POLICIES) {
      expect(isValidOn("2019-05-28", "../2019-05-29", null, undated), undated).toBe(false);
      expect(isValidOn("2019-05-29", "../2019-05-29", null, undated), undated).toBe(true);
    }
  });

  it("attestedFrom takes the earliest first day and skips missing or unreadable dates", () => {
    expect(attestedFrom(["2016-09-12", "2014~", "../2015-03"])).toBe("2014-01-01");
    expect(attestedFrom([null, "not a date", "2019-06-01/2019-07"])).toBe("2019-06-01");
    expect(attestedFrom([])).toBeNull();
  });
});
