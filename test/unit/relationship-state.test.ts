/**
 * The one rule for "in force on a day" (issue 20, item 2): status and dates together, so an agreement stored as
 * `active` with a past `validTo` is past, and the API, the explorer and the exports cannot disagree.
 */
import { describe, expect, it } from "vitest";
import {
  RELATIONSHIP_STATES,
  RELATIONSHIP_STATE_WORDS,
  STATUSES,
  isInForceState,
  isValidOn,
  relationshipState,
  todayUtc,
} from "../../src/graph-data/index.js";

describe("relationshipState: status and validity together", () => {
  it.each([
    // Helsinki–Stockholm: stored active, 2018–2019.
    [{ status: "active", validFrom: "2018", validTo: "2019" }, "2023-01-01", "PAST"],
    [{ status: "active", validFrom: "2018", validTo: "2019" }, "2018-06-01", "CURRENT"],
    [{ status: "active", validFrom: "2018", validTo: "2019" }, "2019-01-01", "PAST"],
    [{ status: "active", validFrom: "2018", validTo: "2019" }, "2017-12-31", "FUTURE"],
    // Helsinki–St Petersburg: undated start, until March 2022.
    [{ status: "active", validTo: "2022-03" }, "2021-06-30", "UNDATED"],
    [{ status: "active", validTo: "2022-03" }, "2022-03-01", "PAST"],
    [{ validTo: "2022-03" }, "2023-01-01", "PAST"],
    // The suspension from March 2022.
    [{ status: "suspended", validFrom: "2022-03" }, "2023-01-01", "SUSPENDED"],
    [{ status: "suspended", validFrom: "2022-03" }, "2021-01-01", "FUTURE"],
    [{ status: "suspended", validFrom: "2022-03", validTo: "2023" }, "2024-01-01", "PAST"],
    [{ status: "suspended" }, "2024-01-01", "SUSPENDED"],
    [{ status: "ended" }, "2024-01-01", "PAST"],
    [{ status: "ended", validFrom: "2001", validTo: "2010" }, "2005-01-01", "CURRENT"],
    [{ status: "closing", validFrom: "2001" }, "2005-01-01", "CURRENT"],
    [{ status: "applied", validFrom: "2020" }, "2021-01-01", "PENDING"],
    [{ status: "decided" }, "2021-01-01", "PENDING"],
    [{ status: "denied", validFrom: "2020" }, "2021-01-01", "DENIED"],
    [{}, "2021-01-01", "UNDATED"],
    [{ validFrom: "../2019-05-29" }, "2019-05-29", "CURRENT"],
    [{ validFrom: "2022-02-28/.." }, "2022-02-27", "FUTURE"],
    [{ validFrom: "2014~" }, "2014-01-01", "CURRENT"],
    [{ validFrom: "", validTo: "" }, "2014-01-01", "UNDATED"],
  ] as const)("%j on %s is %s", (record, day, state) => {
    expect(relationshipState(record, day)).toBe(state);
  });

  it("agrees with isValidOn on the dates: in force only when valid on the day", () => {
    const records = [
      { validFrom: "2018", validTo: "2019" },
      { validTo: "2022-03" },
      { validFrom: "2022-03" },
      {},
      { validFrom: "../2019-05-29", validTo: "2020-02-28/.." },
    ];
    for (const record of records) {
      for (const day of ["2000-01-01", "2018-06-01", "2019-05-29", "2021-01-01", "2022-03-01", "2030-01-01"]) {
        const inForce = isInForceState(relationshipState({ ...record, status: "active" }, day));
        expect(inForce, `${JSON.stringify(record)} on ${day}`).toBe(isValidOn(day, record.validFrom, record.validTo));
      }
    }
  });

  it("takes today when no day is asked", () => {
    expect(todayUtc(new Date("2026-12-07T23:00:00Z"))).toBe("2026-12-07");
    expect(relationshipState({ validFrom: "2018", validTo: "2019" })).toBe("PAST");
    expect(relationshipState({ validFrom: "2999" })).toBe("FUTURE");
  });

  it("words every state, and maps every stored status to one", () => {
    expect(Object.keys(RELATIONSHIP_STATE_WORDS)).toEqual([...RELATIONSHIP_STATES]);
    for (const status of STATUSES) expect(RELATIONSHIP_STATES).toContain(relationshipState({ status }, "2020-01-01"));
  });

  it("ignores a validTo that is not a date rather than throwing", () => {
    expect(relationshipState({ validFrom: "2001", validTo: "soon" }, "2020-01-01")).toBe("CURRENT");
  });
});
