/**
 * Research over time on the curated graph (seed/*.yaml): what changed between two days, an entity's
 * timeline, centrality and communities (Neo4j Graph Data Science), shared connections and activity per
 * year — each with the exact answer the sources give.
 */
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CentralityAlgorithm } from "../../src/resolvers/algorithms/node-score.type.js";
import { findCentrality, projectionCount, withProjectedGraph } from "../../src/resolvers/algorithms/gds.query.js";
import { dumpGraph } from "../support/test-database.js";
import { PAGE_SOURCE } from "../support/curated.js";
import { useTestGraph } from "../support/test-graph.js";

const WAR_SOURCE = "helsinki-prepares-for-war-in-ukraine-2022";
const SUSPENSION =
  "The City of Helsinki will suspend cooperation with the cities of Moscow and Saint Petersburg for the time being.";
let before: string;

const { db, api } = useTestGraph();
beforeAll(async () => {
  before = await dumpGraph(db);
});
afterAll(async () => {
  // Research fields only read: the graph is as it was, and no GDS projection is left in the catalog.
  expect(await dumpGraph(db)).toBe(before);
  expect(await projections()).toEqual([]);
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
  it("from 2021-06-01 to 2023-01-01: the Moscow and St Petersburg partnerships suspended (by the City's page, and from 28 February by a news report), Turku's with St Petersburg too, the Tallinn and Kyiv agreements renewed, with their sources", async () => {
    const { compare } = await data(
      `{ compare(from: "2021-06-01", to: "2023-01-01") { from to
          started { id type fromId toId kind status validFrom validTo sources { sourceId excerpt } }
          ended { id status validTo sources { sourceId excerpt } } } }`,
    );
    expect(compare.from).toBe("2021-06-01");
    expect(compare.to).toBe("2023-01-01");
    // By the first day each may be: Stockholm's decision of 2022 from 1 January, the news report from 28 February.
    expect(compare.started.map((e: any) => `${e.id} ${e.status}`)).toEqual([
      "helsinki--PARTICIPATES_IN--ican-cities-appeal null",
      "stockholm--PARTNER_OF--kyiv decided",
      "helsinki--PARTNER_OF--moscow--2022~themayor-eu suspended",
      "helsinki--PARTNER_OF--st-petersburg--2022~themayor-eu suspended",
      "turku--PARTNER_OF--st-petersburg--2022 suspended",
      "helsinki--PARTNER_OF--moscow--2022 suspended",
      "helsinki--PARTNER_OF--st-petersburg--2022 suspended",
      "helsinki-centre-st-petersburg--REPRESENTS--helsinki--2022 closing",
      "helsinki--PARTICIPATES_IN--nordic-baltic-mayors-meeting-2022-04 null",
      "helsinki--PARTNER_OF--tallinn--2022 active",
      "helsinki--PARTICIPATES_IN--eu-mission-climate-neutral-cities null",
      "helsinki--PARTICIPATES_IN--eurocities-mayors-visit-ukraine-2022 null",
      "helsinki--PARTICIPATES_IN--cities-energy-saving-sprint null",
      "helsinki--PARTICIPATES_IN--kyiv-investment-forum-brussels-2022 null",
      "helsinki--PARTNER_OF--kyiv--2022 active",
      "kyiv--PARTICIPATES_IN--kyiv-investment-forum-brussels-2022 null",
      "helsinki-uusimaa-regional-council--PARTNER_OF--union-of-harju-county-municipalities active",
    ]);
    const started = (id: string) => compare.started.find((e: any) => e.id === id);
    expect(started("helsinki--PARTNER_OF--moscow--2022")).toEqual({
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
    expect(started("helsinki--PARTNER_OF--st-petersburg--2022").sources).toEqual([
      { sourceId: WAR_SOURCE, excerpt: SUSPENSION },
    ]);
    // The news report's claim is a record of its own, with its own source.
    expect(started("helsinki--PARTNER_OF--moscow--2022~themayor-eu")).toMatchObject({
      validFrom: "2022-02-28/..",
      sources: [{ sourceId: "themayor-eu-finnish-cities-ukraine" }],
    });
    expect(compare.ended.map((e: any) => `${e.id} ${e.validTo}`)).toEqual([
      "turku--PARTNER_OF--st-petersburg 2022-02-28",
      "helsinki--PARTNER_OF--moscow 2022-03",
      "helsinki--PARTNER_OF--st-petersburg 2022-03",
      "helsinki-centre-st-petersburg--REPRESENTS--helsinki 2022-03",
      "helsinki--PARTNER_OF--tallinn--2018 2022-04-08",
      "helsinki--PARTNER_OF--kyiv 2022-11-28",
    ]);
    // The 2020 claim stays with its source; the 2022 source says why it ended.
    expect(
      compare.ended.find((e: any) => e.id === "helsinki--PARTNER_OF--moscow").sources.map((s: any) => s.sourceId),
    ).toEqual([PAGE_SOURCE, WAR_SOURCE]);
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
        // "A new member" on 29 May 2019: a member by then.
        {
          id: "helsinki--MEMBER_OF--carbon-neutral-cities-alliance--2019-05",
          status: "active",
          validFrom: "../2019-05-29",
        },
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
  it("Moscow: the suspended periods from 28 February 2022 (a news report) and March 2022 (the City), then the undated ones (undated starts last)", async () => {
    const { timeline } = await data(
      `{ timeline(entityId: "moscow") { edge { id status validFrom validTo sources { sourceId } } other { id } } }`,
    );
    expect(timeline.map((t: any) => [t.edge.id, t.edge.validFrom, t.edge.validTo, t.other.id])).toEqual([
      ["helsinki--PARTNER_OF--moscow--2022~themayor-eu", "2022-02-28/..", null, "helsinki"],
      ["helsinki--PARTNER_OF--moscow--2022", "2022-03", null, "helsinki"],
      ["helsinki--PARTNER_OF--moscow", null, "2022-03", "helsinki"],
      ["moscow--IN_COUNTRY--russia", null, null, "russia"],
    ]);
  });

  it("Helsinki's partnerships by start: Kyiv 1993, St Petersburg by 2003, Beijing 2006, Stockholm 2018, Tallinn 2018, Moscow and St Petersburg suspended 2022, Tallinn 2022, Kyiv 2022, Tokyo 2023, then the undated", async () => {
    const { timeline } = await data(
      `{ timeline(entityId: "helsinki", relationshipTypes: ["PARTNER_OF"], limit: 13) { edge { kind validFrom } other { id } } }`,
    );
    expect(timeline.map((t: any) => `${t.edge.validFrom} ${t.other.id} ${t.edge.kind}`)).toEqual([
      "1993 kyiv cooperation-agreement",
      // St Petersburg's list of its agreements, "by" 10 January 2003: counted from that day.
      "../2003-01-10 st-petersburg cooperation-agreement",
      "2006 beijing twin-city",
      "2018 stockholm focus-city",
      "2018-05-29 tallinn cooperation-agreement",
      // "On or after" 28 February 2022 (the news report) counts from 28 February, before the City's March.
      "2022-02-28/.. moscow special-historical",
      "2022-02-28/.. st-petersburg bilateral",
      "2022-03 moscow special-historical",
      "2022-03 st-petersburg bilateral",
      "2022-04-08 tallinn cooperation-agreement",
      "2022-11-28 kyiv cooperation-agreement",
      // The Tokyo resolution, some day of 21–22 August 2023.
      "2023-08-21/2023-08-22 tokyo resolution",
      "null moscow special-historical",
    ]);
  });
});

describe("state: status and dates together, on a day or today", () => {
  it("Moscow: the partnership until March 2022 is undated before it and past after; the suspension is suspended; Stockholm's 2018 focus year (no status) is past", async () => {
    const { timeline } = await data(
      `{ timeline(entityId: "moscow") { edge { id status before: state(asOf: "2021-06-30") after: state(asOf: "2023-01-01") today: state } } }`,
    );
    expect(timeline.map((t: any) => [t.edge.id, t.edge.status, t.edge.before, t.edge.after, t.edge.today])).toEqual([
      ["helsinki--PARTNER_OF--moscow--2022~themayor-eu", "suspended", "FUTURE", "SUSPENDED", "SUSPENDED"],
      ["helsinki--PARTNER_OF--moscow--2022", "suspended", "FUTURE", "SUSPENDED", "SUSPENDED"],
      ["helsinki--PARTNER_OF--moscow", "active", "UNDATED", "PAST", "PAST"],
      ["moscow--IN_COUNTRY--russia", null, "UNDATED", "UNDATED", "UNDATED"],
    ]);
    const stockholm = await data(
      `{ timeline(entityId: "stockholm", relationshipTypes: ["PARTNER_OF"]) { edge { kind validFrom validTo status state in2018: state(asOf: "2018-06-01") } other { id } } }`,
    );
    const focus = stockholm.timeline.find((t: any) => t.edge.kind === "focus-city" && t.other.id === "helsinki");
    expect(focus.edge).toMatchObject({
      validFrom: "2018",
      validTo: "2019",
      status: null,
      state: "PAST",
      in2018: "CURRENT",
    });
  });

  it("a day that is not one is refused", async () => {
    const result = await api.query(`{ timeline(entityId: "moscow") { edge { state(asOf: "2023-13-01") } } }`);
    expect(result.errors?.[0]?.message).toMatch(/asOf/);
  });
});

describe("centrality (Graph Data Science)", () => {
  it("DEGREE: Helsinki first, then its peers Turku and Espoo; equal scores share a rank", async () => {
    const { centrality } = await data(`{ centrality(algorithm: DEGREE, limit: 5) { node { id kind } score rank } }`);
    // Relationships with the entity at one end, as docs/data.md counts them per city, less the two denials
    // (Stockholm's and Copenhagen's of a twinning with Helsinki): a denial is not a tie.
    expect(centrality).toEqual([
      { node: { id: "helsinki", kind: "City" }, score: 89, rank: 1 },
      { node: { id: "turku", kind: "City" }, score: 17, rank: 2 },
      { node: { id: "espoo", kind: "City" }, score: 16, rank: 3 },
      { node: { id: "st-petersburg", kind: "City" }, score: 14, rank: 4 },
      { node: { id: "tallinn", kind: "City" }, score: 14, rank: 4 },
    ]);
  });

  it("DEGREE as of 2014: the networks founded before the 2015 facts, with the undated ties; kinds filters the ranking", async () => {
    const { centrality } = await data(
      `{ centrality(algorithm: DEGREE, asOf: "2014-06-30", kinds: ["Network"], limit: 4) { node { id } score } }`,
    );
    expect(centrality).toEqual([
      // Six founders (1986) and four undated ties: undated ones count on any day (a page says "a member", not
      // since when).
      { node: { id: "eurocities" }, score: 10 },
      // Founded in Gdańsk (1991), three members "between 1993 and 1995" (from 25 September 1993), three undated ties.
      { node: { id: "union-of-the-baltic-cities" }, score: 7 },
      // Its six founders, by May 2012.
      { node: { id: "finnish-six-cities-climate-network" }, score: 6 },
      // Four founders (2011) and a founding in The Hague (2013).
      { node: { id: "rainbow-cities-network" }, score: 5 },
    ]);
  });

  it("BETWEENNESS: the brokers among organisations and networks", async () => {
    const { centrality } = await data(
      `{ centrality(algorithm: BETWEENNESS, kinds: ["Organization", "Network"], limit: 2) { node { id } rank } }`,
    );
    expect(centrality).toEqual([
      { node: { id: "eurocities" }, rank: 1 },
      { node: { id: "oslo-region-european-office" }, rank: 2 },
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
        { node: { id: "espoo" }, rank: 2 },
      ],
      cl: [
        { node: { id: "helsinki" }, rank: 1 },
        { node: { id: "finland" }, rank: 2 },
      ],
    });
  });

  it("a day before any dated fact with only dated types: an empty graph ranks nobody", async () => {
    const { centrality } = await data(
      `{ centrality(algorithm: DEGREE, asOf: "1900-01-01", relationshipTypes: ["FOUNDER_OF", "FOUNDED_IN", "HOSTED_IN"]) { node { id } } }`,
    );
    expect(centrality).toEqual([]);
  });

  it("around entities: only the part of the graph within `hops` steps counts, the same part a neighbourhood walks", async () => {
    const scoped = async (hops: number) =>
      (
        await data(
          `{ centrality(algorithm: DEGREE, around: ["tampere"], hops: ${hops}, limit: 1000, excludeRelationshipTypes: ["IN_COUNTRY"]) { node { id } score } }`,
        )
      ).centrality as { node: { id: string }; score: number }[];
    const walk = async (depth: number) => {
      const { neighbourhood } = await data(
        `{ neighbourhood(id: "tampere", depth: ${depth}, limit: 1000, excludeRelationshipTypes: ["IN_COUNTRY"]) { truncated nodes { id } } }`,
      );
      expect(neighbourhood.truncated).toBe(false);
      return neighbourhood.nodes.map((node: any) => node.id).sort();
    };
    const one = await scoped(1);
    expect(one.map((row) => row.node.id).sort()).toEqual(await walk(1));
    // One step out, Tampere's degree is its whole degree; its neighbours count only their ties among the scope.
    const whole = await data(
      `{ centrality(algorithm: DEGREE, limit: 1000, excludeRelationshipTypes: ["IN_COUNTRY"]) { node { id } score } }`,
    );
    const score = (rows: { node: { id: string }; score: number }[], id: string) =>
      rows.find((row) => row.node.id === id)?.score;
    expect(score(one, "tampere")).toBe(score(whole.centrality, "tampere"));
    // Helsinki Centre, which Tampere funds, has four other funders out of this scope.
    expect(score(one, "helsinki-centre-st-petersburg")!).toBeLessThan(
      score(whole.centrality, "helsinki-centre-st-petersburg")!,
    );
    const two = await scoped(2);
    expect(two.map((row) => row.node.id).sort()).toEqual(await walk(2));
    expect(two.length).toBeGreaterThan(one.length);
  });

  it("whose word: only relationships a source of the chosen kinds cites count", async () => {
    const { centrality } = await data(
      `{ centrality(algorithm: DEGREE, publisherKinds: ["media"], limit: 1000) { node { id } score } }`,
    );
    const expected = await db.read(async (tx) => {
      const result = await tx.run(
        `MATCH (a:Entity)-[r]-(b:Entity)
         WHERE coalesce(r.status, '') <> 'denied'
           AND EXISTS { MATCH (s:Source) WHERE s.id IN r.sourceIds AND s.publisherKind = 'media' }
         RETURN a.id AS id, count(r) AS degree ORDER BY degree DESC, id`,
      );
      return new Map(result.records.map((record) => [record.get("id") as string, Number(record.get("degree"))]));
    });
    expect(expected.size).toBeGreaterThan(3);
    expect(new Map(centrality.map((row: any) => [row.node.id, row.score]))).toEqual(expected);
  });

  it("a scope that is not one: unknown entities, too many, too far", async () => {
    for (const [args, field] of [
      [`around: ["no-such-entity"]`, "around[0]"],
      [`around: []`, "around"],
      [`around: ["a", "b", "c", "d", "e", "f", "g", "h", "i"]`, "around"],
      [`around: ["helsinki"], hops: 4`, "hops"],
      [`around: ["helsinki"], hops: 0`, "hops"],
      [`publisherKinds: ["bloggers"]`, "publisherKinds"],
    ] as const) {
      const result = await api.query(`{ centrality(algorithm: DEGREE, ${args}) { score } }`);
      expect(result.errors?.[0]?.extensions?.code, args).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0]?.message, args).toContain(`\`${field.replace(/\[0\]$/, "")}`);
    }
  });

  it("asOf is normalised to the last day the graph changed on: the same answers as the day asked, one run per distinct graph", async () => {
    // Days on, just before and between dated facts (the first day of a range, a suspension), with the two
    // policies that read dates differently (EXCLUDE leaves undated claims out, ATTESTED dates them).
    const days = ["1950-06-01", "1993-09-24", "1993-09-25", "2019-05-29", "2022-03-01"];
    for (const undated of ["EXCLUDE", "ATTESTED"] as const) {
      for (const day of days) {
        const { centrality } = await data(
          `{ centrality(algorithm: DEGREE, asOf: "${day}", undated: ${undated}, limit: 1000) { node { id } score } }`,
        );
        const direct = await findCentrality(db, {
          algorithm: CentralityAlgorithm.DEGREE,
          asOf: day,
          undated,
          relationshipTypes: (await import("../../src/graph-data/index.js")).RELATIONSHIP_TYPES,
          kinds: null,
          limit: 1000,
        });
        expect(centrality, `${day} ${undated}`).toEqual(
          direct.map((row) => ({ node: { id: row.node.id }, score: row.score })),
        );
      }
    }
    // Every day of 2016 (no fact of the curated graph is dated in it after the spring): a handful of runs.
    const before = projectionCount.made;
    for (let month = 1; month <= 12; month += 1) {
      for (const dayOfMonth of [1, 15]) {
        const day = `2016-${String(month).padStart(2, "0")}-${String(dayOfMonth).padStart(2, "0")}`;
        await data(`{ centrality(algorithm: PAGERANK, asOf: "${day}", limit: 3) { score } }`);
      }
    }
    expect(projectionCount.made - before).toBeLessThan(8);
  }, 600_000);

  it("a projection is dropped even when the work on it fails", async () => {
    const failure = await withProjectedGraph(
      db,
      { asOf: null, relationshipTypes: ["FUNDS"], undated: "INCLUDE" },
      async (_tx, graph) => {
        // Helsinki Centre and its five funders, Tampere Region EU Office and its two.
        expect(graph.nodes).toBe(9);
        expect(await projections()).toHaveLength(1);
        throw new Error("test failure after projecting");
      },
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(await projections()).toEqual([]);
  });
});

describe("communities (Graph Data Science, Louvain)", () => {
  it("as of the 2020 page: the Brussels offices' partners, the St Petersburg funders with the OASC cities, the Eurocities founders with the digital-rights cities …", async () => {
    const { communities, sources } = await data(
      `{ communities(asOf: "2020-02-05") { id size members { id } } sources(limit: 1000) { id } }`,
    );
    const sets = communities.map((c: any) => ({
      id: c.id,
      size: c.size,
      members: c.members.map((m: any) => m.id).sort(),
    }));
    // Denials are left out of the projection (no tie), so what was one community of 20 is now two (11 and 9).
    expect(sets.map((c: any) => c.size)).toEqual([38, 22, 21, 18, 17, 11, 9, 9, 9, 8, 2, 2]);
    expect(sets.map((c: any) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // Helsinki EU Office, Tampere Region EU Office and Oslo Region European Office, each with its partners.
    expect(sets).toContainEqual({
      id: 2,
      size: 22,
      members: [
        "aalto-university",
        "akershus-county-council",
        "belgium",
        "brussels",
        "council-of-tampere-region",
        "hame-regional-council",
        "hanken",
        "hedmark-county-council",
        "helsinki-eu-office",
        "helsinki-uusimaa-regional-council",
        "kyiv-investment-forum-brussels-2022",
        "kymenlaakso-regional-council",
        "laurea",
        "metropolia",
        "oppland-county-council",
        "oslo-region-european-office",
        "ostfold-county-council",
        "paijat-hame-regional-council",
        "tampere-chamber-of-commerce",
        "tampere-region-eu-office",
        "tampere-university",
        "university-of-helsinki",
      ],
    });
    // Eurocities' founders, the Rainbow Cities' founders and the digital-rights coalition's members.
    expect(sets).toContainEqual({
      id: 3,
      size: 21,
      members: [
        "amsterdam",
        "barcelona",
        "birmingham",
        "cities-coalition-for-digital-rights",
        "cologne",
        "eurocities",
        "florence",
        "france",
        "frankfurt",
        "germany",
        "italy",
        "kiel",
        "lyon",
        "milan",
        "netherlands",
        "new-york",
        "rainbow-cities-network",
        "rotterdam",
        "the-hague",
        "turin",
        "united-kingdom",
      ],
    });
    // Helsinki Centre with its funders and St Petersburg, the Finnish cities of OASC and the climate network.
    expect(sets).toContainEqual({
      id: 4,
      size: 18,
      members: [
        "bratislava",
        "bulgaria",
        "eu-strategy-baltic-sea-region",
        "finland",
        "finnish-six-cities-climate-network",
        "helsinki-centre-st-petersburg",
        "imatra",
        "kotka",
        "lahti",
        "lappeenranta",
        "mikkeli",
        "oasc",
        "oulu",
        "slovakia",
        "st-petersburg",
        "turku",
        "vantaa",
        "varna",
      ],
    });
    // Kuntaliitto's ICLEI membership is a component of its own; Tokyo's only tie by 2020 is its country.
    expect(sets).toContainEqual({ id: 11, size: 2, members: ["iclei", "kuntaliitto"] });
    expect(sets).toContainEqual({ id: 12, size: 2, members: ["japan", "tokyo"] });
    // No Source node is ever a member.
    const sourceIds = new Set(sources.map((source: any) => source.id));
    expect(sourceIds.size).toBe(100);
    expect(sets.flatMap((c: any) => c.members).filter((id: string) => sourceIds.has(id))).toEqual([]);
  });

  it("containing: only Helsinki's community, numbered among all, with Helsinki listed first", async () => {
    const all = (await data(`{ communities(asOf: "2023-01-01") { id size members { id } } }`)).communities;
    const { communities } = await data(
      `{ communities(asOf: "2023-01-01", containing: ["helsinki", "no-such-entity"]) { id size members { id } } }`,
    );
    expect(communities).toHaveLength(1);
    const [mine] = communities;
    expect(mine.members[0].id).toBe("helsinki");
    const same = all.find((community: any) => community.id === mine.id);
    expect(same.size).toBe(mine.size);
    expect(new Set(same.members.map((m: any) => m.id))).toEqual(new Set(mine.members.map((m: any) => m.id)));
  });

  it("around Tampere one step out: every member is Tampere or a neighbour", async () => {
    const { communities, neighbourhood } = await data(
      `{ communities(around: ["tampere"], hops: 1) { size members { id } }
         neighbourhood(id: "tampere", depth: 1, limit: 1000) { nodes { id } } }`,
    );
    const members = communities.flatMap((community: any) => community.members.map((m: any) => m.id)).sort();
    expect(members).toEqual(neighbourhood.nodes.map((node: any) => node.id).sort());
  });

  it("the same question twice gives the same answer", async () => {
    const query = `{ communities(asOf: "2023-01-01") { id size members { id } } }`;
    expect(await data(query)).toEqual(await data(query));
  });
});

describe("shared connections", () => {
  it("Helsinki and Tampere share the six cities' climate network (both founders), Finland, Helsinki Centre (both fund it), Kyiv (both partners), OASC and UBC, each with both relationships", async () => {
    const { sharedConnections } = await data(
      `{ sharedConnections(aId: "helsinki", bId: "tampere", asOf: "2020-02-05") {
          node { id } fromA { id sources { sourceId } } fromB { id sources { sourceId } } } }`,
    );
    // By the shared entity's name ("Climate network of the six largest Finnish cities" first).
    expect(sharedConnections.map((s: any) => [s.node.id, s.fromA.id, s.fromB.id])).toEqual([
      [
        "finnish-six-cities-climate-network",
        "helsinki--FOUNDER_OF--finnish-six-cities-climate-network",
        "tampere--FOUNDER_OF--finnish-six-cities-climate-network",
      ],
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
      // Kyiv: Helsinki's partner since 1993, Tampere's since 1954.
      ["kyiv", "helsinki--PARTNER_OF--kyiv", "tampere--PARTNER_OF--kyiv"],
      ["oasc", "helsinki--MEMBER_OF--oasc", "tampere--MEMBER_OF--oasc"],
      [
        "union-of-the-baltic-cities",
        "helsinki--MEMBER_OF--union-of-the-baltic-cities",
        "tampere--MEMBER_OF--union-of-the-baltic-cities",
      ],
      [
        "union-of-the-baltic-cities",
        "helsinki--PARTICIPATES_IN--union-of-the-baltic-cities",
        "tampere--MEMBER_OF--union-of-the-baltic-cities",
      ],
    ]);
    expect(sharedConnections[5].fromA.sources).toEqual([{ sourceId: "oasc-cebit-2015" }]);
  });

  it("as of 2014 OASC is not shared yet; Helsinki and Amsterdam share the digital-rights coalition from 2019", async () => {
    const result = await data(
      `{ early: sharedConnections(aId: "helsinki", bId: "tampere", asOf: "2014-12-31") { node { id } }
         digital: sharedConnections(aId: "amsterdam", bId: "helsinki", asOf: "2019-06-30") { node { id } fromA { validFrom } } }`,
    );
    expect(result.early.map((s: any) => s.node.id)).toEqual([
      "finnish-six-cities-climate-network",
      "finland",
      "helsinki-centre-st-petersburg",
      "helsinki-centre-st-petersburg",
      "kyiv",
      "union-of-the-baltic-cities",
      "union-of-the-baltic-cities",
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
      [2015, 221, 7, 0],
      [2016, 223, 1, 0],
      [2017, 227, 5, 0],
      [2018, 232, 10, 0],
      [2019, 238, 9, 2],
      [2020, 248, 4, 0],
      [2021, 252, 6, 3],
      [2022, 251, 10, 6],
      [2023, 257, 3, 1],
    ]);
  });

  it("Helsinki's partnerships: the suspensions of 2022 end two, the Tallinn and Kyiv updates replace their agreements", async () => {
    const { activitySeries } = await data(
      `{ activitySeries(fromYear: 2021, toYear: 2022, entityId: "helsinki", relationshipTypes: ["PARTNER_OF"]) { year active started ended } }`,
    );
    // In force on 1 July 2021: Kyiv (1993), St Petersburg's agreement (by 2003, no end given), Beijing twice,
    // Moscow, St Petersburg, Stockholm, Tallinn three times (the page, the 2018 agreement, Tallinn's own list).
    // 2022: Moscow and St Petersburg end in March (the suspended records are not in force), the 2018 Tallinn
    // agreement in April, the 1993 Kyiv one in November; the Tallinn and Kyiv updates start.
    expect(activitySeries).toEqual([
      { year: 2021, active: 10, started: 0, ended: 0 },
      { year: 2022, active: 8, started: 2, ended: 4 },
    ]);
  });

  it("memberships: applications and decisions to join are not counted as memberships", async () => {
    const { activitySeries } = await data(
      `{ activitySeries(fromYear: 2019, toYear: 2021, entityId: "helsinki", relationshipTypes: ["MEMBER_OF"]) { year active } }`,
    );
    // OASC (2015), UBC (1993–1995), CNCA (a member by 29 May 2019; its application of 2019 is not counted), the
    // digital-rights coalition, Mayors for Peace, Euregio, IRBC and Climate-KIC Nordic (undated), WHO Healthy
    // Cities (2020).
    expect(activitySeries).toEqual([
      { year: 2019, active: 8 },
      { year: 2020, active: 9 },
      { year: 2021, active: 9 },
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
    // Every relationship but Kuntaliitto's ICLEI membership (out of reach) is within four hops; 150 are undated.
    expect(included.undatedIncluded).toBe(150);
    expect(included.edges).toHaveLength(281);
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
    // The 151 undated relationships but the two denials, which are never in force.
    expect(include[0]).toMatchObject({ year: 1950, undatedIncluded: 149 });
    expect(exclude[0]).toMatchObject({ year: 1950, undatedIncluded: 0 });
  });
});
