/** The `asOf` rule: the Cypher predicate agrees with the TypeScript one on every kind of bound. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import {
  UNDATED_POLICIES,
  attestedFrom,
  attestedFromCypher,
  isValidOn,
  undatedAllowsCypher,
  undatedCypher,
  validOnCypher,
} from "../../src/graph-data/index.js";
import { connectTestDatabase, runCypher } from "../support/test-database.js";

/** Sources that attest undated claims (ATTESTED), written by this file only and removed by it. */
const SOURCE_PREFIX = "test-validity-";
const SOURCES: Record<string, string | null> = {
  "test-validity-snapshot": "2016-09-12",
  "test-validity-about": "2014~",
  "test-validity-by": "../2019-05",
  "test-validity-range": "2019-06-01/2019-07",
  "test-validity-undated": null,
};

let db: Database;
beforeAll(async () => {
  db = connectTestDatabase();
  await runCypher(db, "UNWIND $sources AS source CREATE (s:Source {id: source[0]}) SET s.published = source[1]", {
    sources: Object.entries(SOURCES),
  });
});
afterAll(async () => {
  await runCypher(db, "MATCH (s:Source) WHERE s.id STARTS WITH $prefix DETACH DELETE s", { prefix: SOURCE_PREFIX });
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

  it("with no asOf everything is valid, under every policy", async () => {
    for (const undated of UNDATED_POLICIES) {
      const valid = await db.read(async (tx) =>
        (
          await tx.run(`WITH {sourceIds: []} AS r RETURN ${validOnCypher("r", "$asOf", undated)} AS valid`, {
            asOf: null,
          })
        ).records[0]?.get("valid"),
      );
      expect(valid, undated).toBe(true);
    }
  });

  it("with no asOf a dated relationship is valid", async () => {
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

/** Undated claims (and dated ones, which every policy treats alike), with the sources they cite. */
const CLAIMS: [string | null, string | null, string[]][] = [
  [null, null, []],
  [null, null, ["test-validity-snapshot"]],
  [null, null, ["test-validity-undated"]],
  [null, null, ["test-validity-snapshot", "test-validity-about"]],
  [null, null, ["test-validity-by"]],
  [null, null, ["test-validity-range", "test-validity-missing"]],
  [null, "2019-06", ["test-validity-about"]],
  [null, "2015", ["test-validity-snapshot"]],
  ["2018", null, ["test-validity-snapshot"]],
  ["../2019-05-29", null, []],
];
const CLAIM_DAYS = ["2013-12-31", "2014-01-01", "2015-06-01", "2016-09-11", "2016-09-12", "2019-05-01", "2019-06-01"];

describe.each(UNDATED_POLICIES)("undated claims under %s", (undated) => {
  it.each(CLAIM_DAYS)("Cypher and TypeScript agree on %s", async (asOf) => {
    const rows = await db.read(async (tx) =>
      (
        await tx.run(
          `UNWIND $claims AS c WITH c, {validFrom: c[0], validTo: c[1], sourceIds: c[2]} AS r
           RETURN c, ${validOnCypher("r", "$asOf", undated)} AS valid`,
          { claims: CLAIMS, asOf },
        )
      ).records.map((record) => [record.get("c"), record.get("valid")]),
    );
    expect(rows).toEqual(
      CLAIMS.map((claim) => [
        claim,
        isValidOn(
          asOf,
          claim[0],
          claim[1],
          undated,
          claim[2].map((id) => SOURCES[id]),
        ),
      ]),
    );
  });
});

// The activity series spreads one relationship over many days: it reads ATTESTED's start once
// (attestedFromCypher) and applies the policy per day (undatedAllowsCypher). Same rule, other shape.
describe("the spread-out form of the undated rule agrees with isValidOn", () => {
  it("attestedFromCypher is attestedFrom", async () => {
    const rows = await db.read(async (tx) =>
      (
        await tx.run(
          `UNWIND $claims AS c WITH c, {sourceIds: c[2]} AS r RETURN c, ${attestedFromCypher("r")} AS attested`,
          { claims: CLAIMS },
        )
      ).records.map((record) => [record.get("c"), record.get("attested")]),
    );
    expect(rows).toEqual(CLAIMS.map((claim) => [claim, attestedFrom(claim[2].map((id) => SOURCES[id]))]));
  });

  it.each(UNDATED_POLICIES)("undatedAllowsCypher under %s, on undated claims without an end", async (undated) => {
    const open = CLAIMS.filter(([validFrom, validTo]) => validFrom === null && validTo === null);
    const rows = await db.read(async (tx) =>
      (
        await tx.run(
          `UNWIND $claims AS c UNWIND $days AS day
           WITH c, day, {sourceIds: c[2]} AS r
           WITH c, day, ${undatedCypher("r")} AS undated, ${attestedFromCypher("r")} AS attested
           RETURN c, day, ${undatedAllowsCypher(undated, "undated", "attested", "day")} AS valid`,
          { claims: open, days: CLAIM_DAYS },
        )
      ).records.map((record) => [record.get("c"), record.get("day"), record.get("valid")]),
    );
    expect(rows).toEqual(
      open.flatMap((claim) =>
        CLAIM_DAYS.map((day) => [
          claim,
          day,
          isValidOn(
            day,
            null,
            null,
            undated,
            claim[2].map((id) => SOURCES[id]),
          ),
        ]),
      ),
    );
  });
});
