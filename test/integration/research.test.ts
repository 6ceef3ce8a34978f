/**
 * Research over time on the curated graph (seed/*.yaml): what changed between two days, an entity's
 * timeline, centrality and communities (Neo4j Graph Data Science), shared connections and activity per
 * year — each with the exact answer the sources give.
 */
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import { withProjectedGraph } from "../../src/resolvers/gds.query.js";
import { connectTestDatabase, dumpGraph } from "../support/test-database.js";
import { type TestApi, createTestApi } from "../support/test-api.js";

const WAR_SOURCE = "helsinki-prepares-for-war-in-ukraine-2022";
const SUSPENSION =
  "The City of Helsinki will suspend cooperation with the cities of Moscow and Saint Petersburg for the time being.";
let db: Database;
let api: TestApi;
let before: string;

beforeAll(async () => {
  db = connectTestDatabase();
  api = await createTestApi(db);
  before = await dumpGraph(db);
});
afterAll(async () => {
  // Research fields only read: the graph is as it was, and no GDS projection is left in the catalog.
  expect(await dumpGraph(db)).toBe(before);
  expect(await projections()).toEqual([]);
  await api.stop();
  await db.close();
});

async function data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await api.query<T>(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

async function projections(): Promise<string[]> {
  return db.read(
    async (tx) =>
      (await tx.run("CALL gds.graph.list() YIELD graphName RETURN collect(graphName) AS names")).records[0]!.get(
        "names",
      ) as string[],
  );
}

describe("compare: what changed between two days", () => {
  it("from 2021-06-01 to 2023-01-01: the Moscow and St Petersburg partnerships suspended, with their source", async () => {
    const { compare } = await data(
      `{ compare(from: "2021-06-01", to: "2023-01-01") { from to
          started { id type fromId toId kind status validFrom validTo sources { sourceId excerpt } }
          ended { id status validTo sources { sourceId excerpt } } } }`,
    );
    expect(compare.from).toBe("2021-06-01");
    expect(compare.to).toBe("2023-01-01");
    expect(compare.started.map((e: any) => `${e.id} ${e.status}`)).toEqual([
      "helsinki--PARTICIPATES_IN--ican-cities-appeal null",
      "helsinki--PARTNER_OF--moscow--2022 suspended",
      "helsinki--PARTNER_OF--st-petersburg--2022 suspended",
      "helsinki-centre-st-petersburg--REPRESENTS--helsinki--2022 closing",
      "helsinki--PARTNER_OF--tallinn--2022 active",
      "helsinki--PARTICIPATES_IN--eu-mission-climate-neutral-cities null",
    ]);
    expect(compare.started[1]).toEqual({
      id: "helsinki--PARTNER_OF--moscow--2022",
      type: "PARTNER_OF",
      fromId: "helsinki",
      toId: "moscow",
      kind: "special-historical",
      status: "suspended",
      validFrom: "2022-03",
      validTo: null,
      sources: [{ sourceId: WAR_SOURCE, excerpt: SUSPENSION }],
    });
    expect(compare.started[2].sources).toEqual([{ sourceId: WAR_SOURCE, excerpt: SUSPENSION }]);
    expect(compare.ended.map((e: any) => `${e.id} ${e.validTo}`)).toEqual([
      "helsinki--PARTNER_OF--moscow 2022-03",
      "helsinki--PARTNER_OF--st-petersburg 2022-03",
      "helsinki-centre-st-petersburg--REPRESENTS--helsinki 2022-03",
      "helsinki--PARTNER_OF--tallinn--2018 2022-04-08",
    ]);
    // The 2020 claim stays with its source; the 2022 source says why it ended.
    expect(compare.ended[0].sources.map((s: any) => s.sourceId)).toEqual([
      "hel-fi-international-activities-2020",
      WAR_SOURCE,
    ]);
  });

  it("scoped to an entity and to types: Helsinki's memberships from 2015 to 2021", async () => {
    const { compare } = await data(
      `{ compare(from: "2015-01-01", to: "2021-12-31", entityId: "helsinki", relationshipTypes: ["MEMBER_OF"]) {
          started { id status validFrom } ended { id } } }`,
    );
    expect(compare).toEqual({
      started: [
        { id: "helsinki--MEMBER_OF--oasc", status: "active", validFrom: "2015-03" },
        { id: "helsinki--MEMBER_OF--mayors-for-peace--2016", status: "preparing", validFrom: "2016-05-25" },
        { id: "helsinki--MEMBER_OF--world-cities-culture-forum", status: "decided", validFrom: "2018-10-22" },
        { id: "helsinki--MEMBER_OF--carbon-neutral-cities-alliance", status: "applied", validFrom: "2019" },
        { id: "helsinki--MEMBER_OF--who-european-healthy-cities-network", status: "active", validFrom: "2020" },
        { id: "helsinki--MEMBER_OF--urban20", status: "decided", validFrom: "2021" },
      ],
      ended: [],
    });
  });

  it("the same day twice: nothing changed", async () => {
    const { compare } = await data(`{ compare(from: "2020-02-05", to: "2020-02-05") { started { id } ended { id } } }`);
    expect(compare).toEqual({ started: [], ended: [] });
  });
});

describe("timeline of an entity", () => {
  it("Moscow: the suspended period from March 2022, then the undated ones (undated starts last)", async () => {
    const { timeline } = await data(
      `{ timeline(entityId: "moscow") { edge { id status validFrom validTo sources { sourceId } } other { id } } }`,
    );
    expect(timeline.map((t: any) => [t.edge.id, t.edge.validFrom, t.edge.validTo, t.other.id])).toEqual([
      ["helsinki--PARTNER_OF--moscow--2022", "2022-03", null, "helsinki"],
      ["helsinki--PARTNER_OF--moscow", null, "2022-03", "helsinki"],
      ["moscow--IN_COUNTRY--russia", null, null, "russia"],
    ]);
  });

  it("Helsinki's partnerships by start: Kyiv 1993, Beijing 2006, Tallinn 2018, Stockholm 2018, Moscow and St Petersburg 2022, Tallinn 2022", async () => {
    const { timeline } = await data(
      `{ timeline(entityId: "helsinki", relationshipTypes: ["PARTNER_OF"], limit: 8) { edge { kind validFrom } other { id } } }`,
    );
    expect(timeline.map((t: any) => `${t.edge.validFrom} ${t.other.id} ${t.edge.kind}`)).toEqual([
      "1993 kyiv cooperation-agreement",
      "2006 beijing twin-city",
      "2018 stockholm focus-city",
      "2018-05-29 tallinn cooperation-agreement",
      "2022-03 moscow special-historical",
      "2022-03 st-petersburg bilateral",
      "2022-04-08 tallinn cooperation-agreement",
      "null moscow special-historical",
    ]);
  });
});

describe("centrality (Graph Data Science)", () => {
  it("DEGREE: Helsinki first, then Helsinki EU Office; equal scores share a rank", async () => {
    const { centrality } = await data(`{ centrality(algorithm: DEGREE, limit: 5) { node { id kind } score rank } }`);
    expect(centrality).toEqual([
      { node: { id: "helsinki", kind: "City" }, score: 42, rank: 1 },
      { node: { id: "helsinki-eu-office", kind: "Office" }, score: 12, rank: 2 },
      { node: { id: "finland", kind: "Country" }, score: 8, rank: 3 },
      { node: { id: "helsinki-centre-st-petersburg", kind: "Office" }, score: 8, rank: 3 },
      { node: { id: "oasc", kind: "Network" }, score: 6, rank: 5 },
    ]);
  });

  it("DEGREE as of 2014: the graph before the 2015 facts (no networks yet); kinds filters the ranking", async () => {
    const { centrality } = await data(
      `{ centrality(algorithm: DEGREE, asOf: "2014-06-30", kinds: ["Network"], limit: 5) { node { id } score } }`,
    );
    expect(centrality).toEqual([
      // Undated memberships count on any day: the page says "a member", not since when.
      { node: { id: "cities-coalition-for-digital-rights" }, score: 1 },
      { node: { id: "helsinki-tallinn-euregio" }, score: 1 },
      { node: { id: "mayors-for-peace" }, score: 1 },
      { node: { id: "union-of-the-baltic-cities" }, score: 1 },
    ]);
  });

  it("BETWEENNESS: the brokers among organisations and networks", async () => {
    const { centrality } = await data(
      `{ centrality(algorithm: BETWEENNESS, kinds: ["Organization", "Network"], limit: 2) { node { id } rank } }`,
    );
    expect(centrality).toEqual([
      { node: { id: "cities-coalition-for-digital-rights" }, rank: 1 },
      { node: { id: "oasc" }, rank: 2 },
    ]);
  });

  it("PAGERANK and CLOSENESS put Helsinki first", async () => {
    const result = await data(
      `{ pr: centrality(algorithm: PAGERANK, asOf: "2022-06-01", limit: 2) { node { id } rank }
         cl: centrality(algorithm: CLOSENESS, limit: 2) { node { id } rank } }`,
    );
    expect(result).toEqual({
      pr: [
        { node: { id: "helsinki" }, rank: 1 },
        { node: { id: "helsinki-eu-office" }, rank: 2 },
      ],
      cl: [
        { node: { id: "helsinki" }, rank: 1 },
        { node: { id: "helsinki-eu-office" }, rank: 2 },
      ],
    });
  });

  it("a day before any dated fact with only dated types: an empty graph ranks nobody", async () => {
    const { centrality } = await data(
      `{ centrality(algorithm: DEGREE, asOf: "1900-01-01", relationshipTypes: ["HOLDS_ROLE_IN"]) { node { id } } }`,
    );
    expect(centrality).toEqual([]);
  });

  it("a projection is dropped even when the work on it fails", async () => {
    const failure = await withProjectedGraph(
      db,
      { asOf: null, relationshipTypes: ["FUNDS"], undated: "INCLUDE" },
      async (_tx, graph) => {
        expect(graph.nodes).toBe(6);
        expect(await projections()).toHaveLength(1);
        throw new Error("test failure after projecting");
      },
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(await projections()).toEqual([]);
  });
});

describe("communities (Graph Data Science, Louvain)", () => {
  it("as of the 2020 page: the EU Office's partners, the St Petersburg funders with the OASC cities, the Russian cities …", async () => {
    const { communities } = await data(`{ communities(asOf: "2020-02-05") { id size members { id } } }`);
    const sets = communities.map((c: any) => ({
      id: c.id,
      size: c.size,
      members: c.members.map((m: any) => m.id).sort(),
    }));
    expect(sets.map((c: any) => c.size)).toEqual([21, 11, 11, 4, 4, 3, 2]);
    expect(sets.map((c: any) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(sets).toContainEqual({
      id: 2,
      size: 11,
      members: [
        "aalto-university",
        "belgium",
        "brussels",
        "hame-regional-council",
        "hanken",
        "helsinki-eu-office",
        "kymenlaakso-regional-council",
        "laurea",
        "metropolia",
        "paijat-hame-regional-council",
        "university-of-helsinki",
      ],
    });
    expect(sets).toContainEqual({ id: 6, size: 3, members: ["moscow", "russia", "st-petersburg"] });
    expect(sets).toContainEqual({ id: 7, size: 2, members: ["stockholm", "sweden"] });
    expect(sets).toContainEqual({
      id: 4,
      size: 4,
      members: ["amsterdam", "barcelona", "cities-coalition-for-digital-rights", "new-york"],
    });
    // No Source node is ever a member.
    expect(sets.flatMap((c: any) => c.members).some((id: string) => id.includes("2020"))).toBe(false);
  });

  it("the same question twice gives the same answer", async () => {
    const query = `{ communities(asOf: "2023-01-01") { id size members { id } } }`;
    expect(await data(query)).toEqual(await data(query));
  });
});

describe("shared connections", () => {
  it("Helsinki and Tampere share Finland, Helsinki Centre (both fund it) and OASC, each with both relationships", async () => {
    const { sharedConnections } = await data(
      `{ sharedConnections(aId: "helsinki", bId: "tampere", asOf: "2020-02-05") {
          node { id } fromA { id sources { sourceId } } fromB { id sources { sourceId } } } }`,
    );
    expect(sharedConnections.map((s: any) => [s.node.id, s.fromA.id, s.fromB.id])).toEqual([
      ["finland", "helsinki--IN_COUNTRY--finland", "tampere--IN_COUNTRY--finland"],
      [
        "helsinki-centre-st-petersburg",
        "helsinki--FUNDS--helsinki-centre-st-petersburg",
        "tampere--FUNDS--helsinki-centre-st-petersburg",
      ],
      [
        "helsinki-centre-st-petersburg",
        "helsinki-centre-st-petersburg--REPRESENTS--helsinki",
        "tampere--FUNDS--helsinki-centre-st-petersburg",
      ],
      ["oasc", "helsinki--MEMBER_OF--oasc", "tampere--MEMBER_OF--oasc"],
    ]);
    expect(sharedConnections[3].fromA.sources).toEqual([{ sourceId: "oasc-cebit-2015" }]);
  });

  it("as of 2014 OASC is not shared yet; Helsinki and Amsterdam share the digital-rights coalition from 2019", async () => {
    const result = await data(
      `{ early: sharedConnections(aId: "helsinki", bId: "tampere", asOf: "2014-12-31") { node { id } }
         digital: sharedConnections(aId: "amsterdam", bId: "helsinki", asOf: "2019-06-30") { node { id } fromA { validFrom } } }`,
    );
    expect(result.early.map((s: any) => s.node.id)).toEqual([
      "finland",
      "helsinki-centre-st-petersburg",
      "helsinki-centre-st-petersburg",
    ]);
    expect(result.digital).toEqual([
      { node: { id: "cities-coalition-for-digital-rights" }, fromA: { validFrom: "2018-11" } },
    ]);
  });
});

describe("activity per year", () => {
  it("every relationship in force on 1 July, started and ended, 2015–2023", async () => {
    const { activitySeries } = await data(
      `{ activitySeries(fromYear: 2015, toYear: 2023) { year active started ended } }`,
    );
    expect(activitySeries.map((y: any) => [y.year, y.active, y.started, y.ended])).toEqual([
      [2015, 60, 6, 0],
      [2016, 61, 1, 0],
      [2017, 61, 0, 0],
      [2018, 65, 7, 0],
      [2019, 67, 0, 1],
      [2020, 70, 4, 0],
      [2021, 71, 1, 1],
      [2022, 70, 3, 4],
      [2023, 70, 1, 1],
    ]);
  });

  it("Helsinki's partnerships: the suspensions of 2022 end two, the Tallinn update replaces its agreement", async () => {
    const { activitySeries } = await data(
      `{ activitySeries(fromYear: 2021, toYear: 2022, entityId: "helsinki", relationshipTypes: ["PARTNER_OF"]) { year active started ended } }`,
    );
    expect(activitySeries).toEqual([
      { year: 2021, active: 8, started: 0, ended: 0 },
      { year: 2022, active: 6, started: 1, ended: 3 },
    ]);
  });

  it("memberships: applications and decisions to join are not counted as memberships", async () => {
    const { activitySeries } = await data(
      `{ activitySeries(fromYear: 2019, toYear: 2021, entityId: "helsinki", relationshipTypes: ["MEMBER_OF"]) { year active } }`,
    );
    // OASC (2015), the digital-rights coalition, Mayors for Peace and Euregio (undated), WHO Healthy Cities (2020).
    expect(activitySeries).toEqual([
      { year: 2019, active: 4 },
      { year: 2020, active: 5 },
      { year: 2021, active: 5 },
    ]);
  });
});

// Regression for "Unknown is not always": an undated relationship counted as holding on every day, so
// `asOf: "1950-01-01"` included every undated claim. Each day-based answer now takes `undated` and says how
// many undated claims it counted or left out.
describe("undated claims: INCLUDE, EXCLUDE, ATTESTED", () => {
  const NEIGHBOURHOOD = `query ($asOf: String, $undated: UndatedClaims) {
    neighbourhood(id: "helsinki", depth: 4, limit: 1000, asOf: $asOf, undated: $undated) {
      nodes { id } edges { id validFrom sources { sourceId } } undatedIncluded undatedExcluded } }`;

  it("a day before any dated relationship: EXCLUDE walks no undated claim, and counts what INCLUDE counted", async () => {
    const asOf = "1950-01-01";
    const { neighbourhood: included } = await data(NEIGHBOURHOOD, { asOf, undated: "INCLUDE" });
    const { neighbourhood: excluded } = await data(NEIGHBOURHOOD, { asOf, undated: "EXCLUDE" });
    expect(included.undatedExcluded).toBe(0);
    expect(included.undatedIncluded).toBe(included.edges.filter((edge: any) => edge.validFrom === null).length);
    expect(included.undatedIncluded).toBeGreaterThan(0);
    expect(excluded.edges.filter((edge: any) => edge.validFrom === null)).toEqual([]);
    expect(excluded.undatedIncluded).toBe(0);
    // Nothing dated holds in 1950: the walk stops at Helsinki, and no relationship among it is left to count.
    expect(excluded.nodes).toEqual([{ id: "helsinki" }]);
  });

  it("with no asOf every policy answers the same, all undated claims included", async () => {
    const { neighbourhood: included } = await data(NEIGHBOURHOOD, { undated: "INCLUDE" });
    const { neighbourhood: excluded } = await data(NEIGHBOURHOOD, { undated: "EXCLUDE" });
    expect(excluded).toEqual(included);
    expect(included.undatedIncluded).toBe(51);
    expect(included.edges).toHaveLength(83);
  });

  it("ATTESTED counts an undated claim from the first publication of a source citing it", async () => {
    const asOf = "2019-06-30";
    const { sources } = await data(`{ sources(limit: 1000) { id published } }`);
    const published = new Map<string, string | null>(sources.map((s: any) => [s.id, s.published]));
    const { firstDayOf } = await import("../../src/graph-data/index.js");
    const attested = (edge: any) =>
      edge.sources.some((s: any) => {
        const date = published.get(s.sourceId);
        return typeof date === "string" && firstDayOf(date) <= asOf;
      });
    const { neighbourhood: all } = await data(NEIGHBOURHOOD, { asOf, undated: "INCLUDE" });
    const { neighbourhood: byAttestation } = await data(NEIGHBOURHOOD, { asOf, undated: "ATTESTED" });
    const undatedIds = (subgraph: any) =>
      subgraph.edges
        .filter((edge: any) => edge.validFrom === null)
        .map((edge: any) => edge.id)
        .sort();
    // Among the entities both walks reach, the undated claims ATTESTED keeps are exactly the attested ones.
    const reached = new Set(byAttestation.nodes.map((node: any) => node.id));
    const expected = all.edges
      .filter((edge: any) => edge.validFrom === null && attested(edge))
      .filter((edge: any) => reached.has(edge.id.split("--")[0]) && reached.has(edge.id.split("--")[2]));
    expect(undatedIds(byAttestation)).toEqual(expected.map((edge: any) => edge.id).sort());
    expect(byAttestation.undatedIncluded).toBe(undatedIds(byAttestation).length);
  });

  it("compare: EXCLUDE keeps the dated changes only; ATTESTED starts undated claims when first attested", async () => {
    const query = `query ($undated: UndatedClaims) { compare(from: "2010-01-01", to: "2023-01-01", undated: $undated) {
      started { id validFrom } ended { id validFrom } undatedIncluded undatedExcluded } }`;
    const { compare: include } = await data(query, { undated: "INCLUDE" });
    const { compare: exclude } = await data(query, { undated: "EXCLUDE" });
    const { compare: attested } = await data(query, { undated: "ATTESTED" });
    expect(exclude.started).toEqual(include.started);
    // An undated claim that never held under EXCLUDE cannot end: the 2020 Moscow and St Petersburg
    // partnerships (undated, ended 2022-03) leave `ended`.
    expect(exclude.ended).toEqual(include.ended.filter((edge: any) => edge.validFrom !== null));
    expect(include.ended.filter((edge: any) => edge.validFrom === null).map((edge: any) => edge.id)).toEqual([
      "helsinki--PARTNER_OF--moscow",
      "helsinki--PARTNER_OF--st-petersburg",
      "helsinki-centre-st-petersburg--REPRESENTS--helsinki",
    ]);
    expect(exclude.undatedIncluded).toBe(0);
    expect(exclude.undatedExcluded).toBe(include.undatedIncluded);
    const attestedStarts = attested.started.filter((edge: any) => edge.validFrom === null);
    expect(attestedStarts.length).toBeGreaterThan(0);
    expect(attested.undatedIncluded + attested.undatedExcluded).toBe(include.undatedIncluded);
    expect(attestedStarts.length).toBeLessThanOrEqual(attested.undatedIncluded);
  });

  it("activitySeries: EXCLUDE's active plus what it left out is INCLUDE's active, every year", async () => {
    const query = `query ($undated: UndatedClaims) { activitySeries(fromYear: 1950, toYear: 2023, undated: $undated) {
      year active started ended undatedIncluded undatedExcluded } }`;
    const { activitySeries: include } = await data(query, { undated: "INCLUDE" });
    const { activitySeries: exclude } = await data(query, { undated: "EXCLUDE" });
    const { activitySeries: attested } = await data(query, { undated: "ATTESTED" });
    include.forEach((year: any, index: number) => {
      const left = exclude[index];
      const mid = attested[index];
      expect(left.active + left.undatedExcluded).toBe(year.active);
      expect(left.undatedIncluded).toBe(0);
      expect(mid.active + mid.undatedExcluded).toBe(year.active);
      expect(mid.started).toBe(year.started);
      expect(year.undatedExcluded).toBe(0);
    });
    expect(include[0]).toMatchObject({ year: 1950, undatedIncluded: 51 });
    expect(exclude[0]).toMatchObject({ year: 1950, undatedIncluded: 0 });
  });
});
