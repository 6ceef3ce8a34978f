/**
 * The questions a researcher asks of the curated graph, with the answers the source page gives
 * (City of Helsinki, "Kansainvälinen toiminta", 5 Feb 2020).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import { connectTestDatabase } from "../support/test-database.js";
import { type TestApi, createTestApi } from "../support/test-api.js";

const SOURCE_ID = "hel-fi-international-activities-2020";
let db: Database;
let api: TestApi;

beforeAll(async () => {
  db = connectTestDatabase();
  api = await createTestApi(db);
});
afterAll(async () => {
  await api.stop();
  await db.close();
});

async function data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await api.query<T>(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

describe("who funds which office", () => {
  it("Helsinki Centre in St Petersburg is funded by Helsinki, Tampere, Lahti, Kotka and the Helsinki-Uusimaa Regional Council", async () => {
    const { funding } = await data(
      `{ funding(officeId: "helsinki-centre-st-petersburg") { office { id } funder { id kind } sources { sourceId title publisher published excerpt } } }`,
    );
    expect(funding.map((f: any) => `${f.funder.kind}:${f.funder.id}`).sort()).toEqual([
      "City:helsinki",
      "City:kotka",
      "City:lahti",
      "City:tampere",
      "Organization:helsinki-uusimaa-regional-council",
    ]);
    for (const entry of funding) {
      expect(entry.office.id).toBe("helsinki-centre-st-petersburg");
      expect(entry.sources).toHaveLength(1);
      expect(entry.sources[0]).toMatchObject({
        sourceId: SOURCE_ID,
        title: "Kansainvälinen toiminta",
        publisher: "City of Helsinki (Helsingin kaupunki)",
        published: "2020-02-05",
      });
      expect(entry.sources[0].excerpt).toMatch(/rahoittama/);
    }
  });

  it("every office: only Helsinki Centre has funders on the page; Helsinki EU Office is a joint office with ten partners", async () => {
    const { funding } = await data(`{ funding { office { id } } }`);
    expect(new Set(funding.map((f: any) => f.office.id))).toEqual(new Set(["helsinki-centre-st-petersburg"]));
    const { offices } = await data(
      `{ offices(where: { id: { eq: "helsinki-eu-office" } }) { name nameFi nameSv partnersConnection { totalCount } locatedIn { id } represents { id } } }`,
    );
    expect(offices).toEqual([
      {
        name: "Helsinki EU Office",
        nameFi: "Helsinki EU-toimisto",
        nameSv: "Helsingfors EU-kontor",
        partnersConnection: { totalCount: 10 },
        locatedIn: [{ id: "brussels" }],
        represents: [{ id: "helsinki" }],
      },
    ]);
  });

  it("the EU office's partners: Helsinki, four regional councils and five universities", async () => {
    const { offices } = await data(
      `{ offices(where: { id: { eq: "helsinki-eu-office" } }) { partners { __typename ... on City { id } ... on Organization { id category } } } }`,
    );
    const partners = offices[0].partners;
    expect(partners.filter((p: any) => p.__typename === "City").map((p: any) => p.id)).toEqual(["helsinki"]);
    const byCategory = (category: string): string[] =>
      partners
        .filter((p: any) => p.category === category)
        .map((p: any) => p.id)
        .sort();
    expect(byCategory("regional council")).toEqual([
      "hame-regional-council",
      "helsinki-uusimaa-regional-council",
      "kymenlaakso-regional-council",
      "paijat-hame-regional-council",
    ]);
    expect([...byCategory("university"), ...byCategory("university of applied sciences")].sort()).toEqual([
      "aalto-university",
      "hanken",
      "laurea",
      "metropolia",
      "university-of-helsinki",
    ]);
  });
});

describe("partner cities", () => {
  it("the 2020 page's partners: Tallinn, Stockholm and St Petersburg bilateral; Beijing and Moscow special historical", async () => {
    const { cities } = await data(
      `{ cities(where: { id: { eq: "helsinki" } }) { partnersConnection(where: { edge: { sourceIds: { includes: "${SOURCE_ID}" } } }) { edges { node { id } properties { kind status sourceIds } } } } }`,
    );
    const edges = cities[0].partnersConnection.edges;
    const byKind = (kind: string): string[] =>
      edges
        .filter((e: any) => e.properties.kind === kind)
        .map((e: any) => e.node.id)
        .sort();
    expect(byKind("bilateral")).toEqual(["st-petersburg", "stockholm", "tallinn"]);
    expect(byKind("special-historical")).toEqual(["beijing", "moscow"]);
    expect(edges.every((e: any) => e.properties.status === "active" && e.properties.sourceIds[0] === SOURCE_ID)).toBe(
      true,
    );
  });

  it("partnerships read from either end: Tallinn's partners include Helsinki", async () => {
    const { cities } = await data(
      `{ cities(where: { id: { eq: "tallinn" } }) { partners { id } countries { name } } }`,
    );
    expect(cities).toEqual([{ partners: [{ id: "helsinki" }], countries: [{ name: "Estonia" }] }]);
  });

  it("who were Helsinki's partners in 2019: the page's five, Kyiv (1993), Beijing also as a twin city (2006), the Tallinn agreement (2018)", async () => {
    const { neighbourhood } = await data(
      `{ neighbourhood(id: "helsinki", asOf: "2019-06-30", limit: 1000) { edges { id type toId kind } } }`,
    );
    const partners = neighbourhood.edges
      .filter((e: any) => e.type === "PARTNER_OF")
      .map((e: any) => `${e.toId} ${e.kind}`)
      .sort();
    expect(partners).toEqual([
      "beijing special-historical",
      "beijing twin-city",
      "kyiv cooperation-agreement",
      "moscow special-historical",
      "st-petersburg bilateral",
      "stockholm bilateral",
      "tallinn bilateral",
      "tallinn cooperation-agreement",
    ]);
  });
});

describe("graph statistics", () => {
  it("counts every node and relationship of the curated graph", async () => {
    const { graphStats } = await data(
      `{ graphStats { nodes edges nodesByKind { key count } edgesByType { key count } } }`,
    );
    expect(graphStats.nodes).toBe(83);
    expect(graphStats.edges).toBe(83);
    // Kinds with no node left out: a label another file's test wrote and removed (a crowd Place) counts 0.
    expect(
      Object.fromEntries(graphStats.nodesByKind.filter((k: any) => k.count > 0).map((k: any) => [k.key, k.count])),
    ).toEqual({
      Source: 24,
      City: 18,
      Organization: 13,
      Network: 12,
      Country: 7,
      Theme: 5,
      Office: 2,
      Event: 1,
      Person: 1,
    });
    expect(Object.fromEntries(graphStats.edgesByType.map((k: any) => [k.key, k.count]))).toEqual({
      MEMBER_OF: 17,
      IN_COUNTRY: 15,
      PARTNER_OF: 12,
      PARTNER_IN: 10,
      FUNDS: 5,
      PRIORITISES: 5,
      PARTICIPATES_IN: 4,
      PART_OF: 4,
      REPRESENTS: 3,
      HOLDS_ROLE_IN: 2,
      LOCATED_IN: 2,
      HELD_IN: 1,
      HEADS: 1,
      HOSTED_IN: 1,
      ORGANISED_BY: 1,
    });
  });

  it("every relationship in the curated graph cites a source with an excerpt", async () => {
    const { neighbourhood } = await data(
      `{ neighbourhood(id: "helsinki", depth: 4, limit: 1000) { nodes { id } edges { sources { sourceId excerpt } } } }`,
    );
    expect(neighbourhood.nodes).toHaveLength(59); // the whole curated graph is connected
    expect(neighbourhood.edges).toHaveLength(83);
    for (const edge of neighbourhood.edges) {
      expect(edge.sources.length).toBeGreaterThan(0);
      for (const source of edge.sources)
        expect(source).toEqual({ sourceId: expect.any(String), excerpt: expect.any(String) });
    }
  });
});

describe("what the 2015–2023 sources add", () => {
  const WAR = "helsinki-prepares-for-war-in-ukraine-2022";

  it("Helsinki's networks by status: members, and the ones it only prepared, applied for or decided to join", async () => {
    const { cities } = await data(
      `{ cities(where: { id: { eq: "helsinki" } }) { networksConnection { edges { node { id } properties { status validFrom } } } } }`,
    );
    const byStatus: Record<string, string[]> = {};
    for (const edge of cities[0].networksConnection.edges) {
      (byStatus[edge.properties.status] ??= []).push(edge.node.id);
    }
    for (const list of Object.values(byStatus)) list.sort();
    expect(byStatus).toEqual({
      active: [
        "cities-coalition-for-digital-rights",
        "helsinki-tallinn-euregio",
        "mayors-for-peace",
        "oasc",
        "who-european-healthy-cities-network",
      ],
      preparing: ["mayors-for-peace"],
      applied: ["carbon-neutral-cities-alliance"],
      decided: ["urban20", "world-cities-culture-forum"],
    });
  });

  it("OASC's founders in March 2015: six Finnish cities", async () => {
    const { networks } = await data(
      `{ networks(where: { id: { eq: "oasc" } }) { membersConnection { edges { node { id } properties { kind validFrom } } } } }`,
    );
    const founders = networks[0].membersConnection.edges.map(
      (e: any) => `${e.node.id} ${e.properties.kind} ${e.properties.validFrom}`,
    );
    expect(founders.sort()).toEqual([
      "espoo founding signatory 2015-03",
      "helsinki founding signatory 2015-03",
      "oulu founding signatory 2015-03",
      "tampere founding signatory 2015-03",
      "turku founding signatory 2015-03",
      "vantaa founding signatory 2015-03",
    ]);
  });

  it("Helsinki's roles in Eurocities, with their terms", async () => {
    const { networks } = await data(
      `{ networks(where: { id: { eq: "eurocities" } }) { roleHoldersConnection { edges { node { ... on City { id } } properties { kind validFrom validTo } } } } }`,
    );
    const roles = networks[0].roleHoldersConnection.edges.map((e: any) => [
      e.node.id,
      e.properties.kind,
      e.properties.validFrom,
      e.properties.validTo,
    ]);
    expect(roles.sort()).toEqual([
      ["helsinki", "Economic Development Forum chair", "2020-11", "2023-06"],
      ["helsinki", "executive committee", "2023-06", null],
    ]);
  });

  it("Helsinki's partnerships on 30 June 2022: Moscow and St Petersburg suspended since March 2022, by the city's own page", async () => {
    const { neighbourhood } = await data(
      `{ neighbourhood(id: "helsinki", asOf: "2022-06-30", relationshipTypes: ["PARTNER_OF"]) { edges { toId kind status validFrom sources { sourceId } } } }`,
    );
    const rows = neighbourhood.edges
      .map(
        (e: any) =>
          `${e.toId} ${e.kind} ${e.status ?? "-"} ${e.validFrom ?? "-"} ${e.sources.map((s: any) => s.sourceId).join("+")}`,
      )
      .sort();
    expect(rows).toEqual([
      `beijing special-historical active - ${SOURCE_ID}`,
      "beijing twin-city - 2006 embassy-of-finland-beijing-2016-05-02+wtcf-news-2016-05",
      "kyiv cooperation-agreement - 1993 helsinki-decision-hel-2022-003320",
      `moscow special-historical suspended 2022-03 ${WAR}`,
      `st-petersburg bilateral suspended 2022-03 ${WAR}`,
      `stockholm bilateral active - ${SOURCE_ID}`,
      `tallinn bilateral active - ${SOURCE_ID}`,
      "tallinn cooperation-agreement active 2022-04-08 daily-finland-2022-04-09",
    ]);
  });

  it("Helsinki Centre has been closing since March 2022, with no closing date", async () => {
    const { offices } = await data(
      `{ offices(where: { id: { eq: "helsinki-centre-st-petersburg" } }) { representsConnection { edges { properties { status validFrom validTo sourceIds } } } } }`,
    );
    const periods = offices[0].representsConnection.edges.map((e: any) => e.properties);
    expect(periods.sort((a: any, b: any) => String(a.validFrom).localeCompare(String(b.validFrom)))).toEqual([
      { status: "closing", validFrom: "2022-03", validTo: null, sourceIds: [WAR] },
      { status: null, validFrom: null, validTo: "2022-03", sourceIds: [SOURCE_ID, WAR] },
    ]);
  });
});
