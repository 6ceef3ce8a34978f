/** The `asOf` rule: the Cypher predicate agrees with the TypeScript one on every kind of bound. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import { isValidOn, validOnCypher } from "../../src/graph-data/index.js";
import { connectTestDatabase } from "../support/test-database.js";

let db: Database;
beforeAll(() => {
  db = connectTestDatabase();
});
afterAll(async () => {
  await db.close();
});

const BOUNDS: [string | null, string | null][] = [
  [null, null],
  ["2018", null],
  ["2016-05", null],
  ["2020-01-01", null],
  [null, "2019"],
  [null, "2019-06"],
  [null, "2019-06-30"],
  ["2016-05", "2019-06-30"],
  ["2019-06-30", "2019-07-01"],
  // Dates known only as a bound, a range or about: each counts from the first day it may be ("by D": D).
  ["../2019-05-29", null],
  ["2016/..", "2019-06~"],
  ["1993-09-25/1995-12-08", "2019-06-01/2019-07"],
  ["2016~", "../2019-06-30"],
];
const DAYS = [
  "2015-12-31",
  "2016-04-30",
  "2016-05-01",
  "2017-01-01",
  "2018-12-31",
  "2019-01-01",
  "2019-05-31",
  "2019-06-01",
  "2019-06-29",
  "2019-06-30",
  "2019-07-01",
  "2021-01-01",
];

describe("validOnCypher agrees with isValidOn", () => {
  it.each(DAYS)("on %s", async (asOf) => {
    const rows = await db.read(async (tx) =>
      (
        await tx.run(
          `UNWIND $bounds AS b WITH b, {validFrom: b[0], validTo: b[1]} AS r RETURN b, ${validOnCypher("r")} AS valid`,
          { bounds: BOUNDS, asOf },
        )
      ).records.map((record) => [record.get("b"), record.get("valid")]),
    );
    expect(rows).toEqual(BOUNDS.map((bound) => [bound, isValidOn(asOf, bound[0], bound[1])]));
  });

  it("with no asOf everything is valid", async () => {
    const valid = await db.read(async (tx) =>
      (
        await tx.run(`WITH {validFrom: '2030', validTo: '2031'} AS r RETURN ${validOnCypher("r")} AS valid`, {
          asOf: null,
        })
      ).records[0]?.get("valid"),
    );
    expect(valid).toBe(true);
  });
});
