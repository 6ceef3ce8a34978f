/**
 * The questions a researcher asks of the curated graph, with the answers its sources give: the City of
 * Helsinki's page "Kansainvälinen toiminta" (5 Feb 2020, seed/helsinki.yaml), the 2015–2023 sources
 * (seed/helsinki-2015-2023.yaml) and the Nordic and Baltic peers (seed/peers-*.yaml).
 */
import { describe, expect, it } from "vitest";
import { PAGE_SOURCE } from "../support/curated.js";
import { useTestGraph } from "../support/test-graph.js";

const { api } = useTestGraph();

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
        sourceId: PAGE_SOURCE,
        title: "Kansainvälinen toiminta",
        publisher: "City of Helsinki (Helsingin kaupunki)",
        published: "2020-02-05",
      });
      expect(entry.sources[0].excerpt).toMatch(/rahoittama/);
    }
  });

  it("every office: Helsinki Centre (the 2020 page) and Tampere Region EU Office have funders; Helsinki EU Office is a joint office with ten partners", async () => {
    const { funding } = await data(`{ funding { office { id } } }`);
    expect(new Set(funding.map((f: any) => f.office.id))).toEqual(
      new Set(["helsinki-centre-st-petersburg", "tampere-region-eu-office"]),
    );
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
      `{ cities(where: { id: { eq: "helsinki" } }) { partnersConnection(where: { edge: { sourceIds: { includes: "${PAGE_SOURCE}" } } }) { edges { node { id } properties { kind status sourceIds } } } } }`,
    );
    const edges = cities[0].partnersConnection.edges;
    const byKind = (kind: string): string[] =>
      edges
        .filter((e: any) => e.properties.kind === kind)
        .map((e: any) => e.node.id)
        .sort();
    expect(byKind("bilateral")).toEqual(["st-petersburg", "stockholm", "tallinn"]);
    expect(byKind("special-historical")).toEqual(["beijing", "moscow"]);
    expect(edges.every((e: any) => e.properties.status === "active" && e.properties.sourceIds[0] === PAGE_SOURCE)).toBe(
      true,
    );
  });

  it("partnerships read from either end: Tallinn's partners include Helsinki (its own list and Helsinki's) and Turku", async () => {
    const { cities } = await data(
      `{ cities(where: { id: { eq: "tallinn" } }) { partners(sort: [{ id: ASC }]) { id } countries { name } } }`,
    );
    // Tallinn's own list names Hangzhou, Helsinki, Kiel, Kyiv and Kotka; Helsinki and Turku name Tallinn.
    expect(cities).toEqual([
      {
        partners: ["hangzhou", "helsinki", "kiel", "kotka", "kyiv", "turku"].map((id) => ({ id })),
        countries: [{ name: "Estonia" }],
      },
    ]);
  });

  it("who were Helsinki's partners in 2019: the page's five, Kyiv (1993), St Petersburg's agreement (by 2003), Beijing also as a twin city (2006), the Tallinn agreement (2018), Tallinn's own list; Stockholm and Copenhagen deny a twin-city tie", async () => {
    const { neighbourhood } = await data(
      `{ neighbourhood(id: "helsinki", asOf: "2019-06-30", limit: 1000) { edges { id type fromId toId kind status } } }`,
    );
    // The neighbourhood also holds the ties among Helsinki's neighbours (Tallinn–Kyiv): only Helsinki's own here.
    const partners = neighbourhood.edges
      .filter((e: any) => e.type === "PARTNER_OF" && (e.fromId === "helsinki" || e.toId === "helsinki"))
      .map((e: any) => `${e.fromId === "helsinki" ? e.toId : e.fromId} ${e.kind ?? "-"} ${e.status ?? "-"}`)
      .sort();
    expect(partners).toEqual([
      "beijing special-historical active",
      "beijing twin-city -",
      // Undated denials: "Copenhagen currently has no sister city" (2023), Stockholm "has no designated twin towns".
      "copenhagen twin-city denied",
      "kyiv cooperation-agreement -",
      "moscow special-historical active",
      "st-petersburg bilateral active",
      "st-petersburg cooperation-agreement -",
      "stockholm bilateral active",
      "stockholm twin-city denied",
      "tallinn - -",
      "tallinn bilateral active",
      "tallinn cooperation-agreement active",
    ]);
  });
});

describe("graph statistics", () => {
  it("counts every node and relationship of the curated graph", async () => {
    const { graphStats } = await data(
      `{ graphStats { nodes edges nodesByKind { key count } edgesByType { key count } } }`,
    );
    // 174 entities and 100 sources (docs/data.md, and the twin-city dataset of seed/enrichment/); no Place is
    // in the curated files.
    expect(graphStats.nodes).toBe(274);
    expect(graphStats.edges).toBe(282);
    expect(Object.fromEntries(graphStats.nodesByKind.map((k: any) => [k.key, k.count]))).toEqual({
      Source: 100,
      City: 56,
      Organization: 31,
      Network: 28,
      Country: 24,
      Event: 19,
      Theme: 11,
      Office: 4,
      Person: 1,
      Place: 0,
    });
    expect(Object.fromEntries(graphStats.edgesByType.map((k: any) => [k.key, k.count]))).toEqual({
      PARTNER_OF: 63,
      IN_COUNTRY: 53,
      MEMBER_OF: 35,
      PARTICIPATES_IN: 35,
      FOUNDER_OF: 21,
      PRIORITISES: 14,
      HELD_IN: 11,
      PARTNER_IN: 11,
      FUNDS: 7,
      LOCATED_IN: 7,
      PART_OF: 7,
      HOLDS_ROLE_IN: 5,
      ORGANISED_BY: 4,
      FOUNDED_IN: 3,
      REPRESENTS: 3,
      HOSTED_IN: 2,
      HEADS: 1,
    });
  });

  it("every relationship in the curated graph cites a source with an excerpt", async () => {
    const { neighbourhood, iclei, entities } = await data(
      `{ neighbourhood(id: "helsinki", depth: 4, limit: 1000) { nodes { id } edges { id sources { sourceId excerpt } } }
         iclei: neighbourhood(id: "iclei") { nodes { id } edges { id sources { sourceId excerpt } } }
         entities(limit: 1000) { id } }`,
    );
    // All of the curated graph is within four hops of Helsinki but Kuntaliitto's membership of ICLEI (a
    // component of its own) and Business Tampere (the publisher of a source, with no relationship).
    const reached = new Set(neighbourhood.nodes.map((n: any) => n.id));
    expect(
      entities
        .filter((e: any) => !reached.has(e.id))
        .map((e: any) => e.id)
        .sort(),
    ).toEqual(["business-tampere", "iclei", "kuntaliitto"]);
    expect(neighbourhood.nodes).toHaveLength(171);
    expect(neighbourhood.edges).toHaveLength(281);
    expect(iclei.edges.map((e: any) => e.id)).toEqual(["kuntaliitto--MEMBER_OF--iclei"]);
    for (const edge of [...neighbourhood.edges, ...iclei.edges]) {
      expect(edge.sources.length).toBeGreaterThan(0);
      for (const source of edge.sources)
        expect(source).toEqual({ sourceId: expect.any(String), excerpt: expect.any(String) });
    }
  });
});

describe("what the 2015–2023 and the Nordic-Baltic sources add", () => {
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
      // CNCA applied for (2019) and a member by 29 May 2019; UBC, IRBC and Climate-KIC Nordic from the peers' sources.
      active: [
        "carbon-neutral-cities-alliance",
        "cities-coalition-for-digital-rights",
        "climate-kic-nordic",
        "helsinki-tallinn-euregio",
        "irbc",
        "mayors-for-peace",
        "oasc",
        "union-of-the-baltic-cities",
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

  it("Helsinki's roles in Eurocities, with their terms where the sources give them", async () => {
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
      // Leading two working groups, on an undated page: no term.
      ["helsinki", "WG Innovation lead", null, null],
      ["helsinki", "WG Integration lead", null, null],
      ["helsinki", "executive committee", "2023-06", null],
    ]);
  });

  it("Helsinki's partnerships on 30 June 2022: Moscow and St Petersburg suspended since March 2022 by the city's own page, from 28 February by a news report", async () => {
    const { neighbourhood } = await data(
      `{ neighbourhood(id: "helsinki", asOf: "2022-06-30", relationshipTypes: ["PARTNER_OF"]) { edges { fromId toId kind status validFrom sources { sourceId } } } }`,
    );
    // The neighbourhood also holds the partnerships among Helsinki's partners (Stockholm–Kyiv): only Helsinki's here.
    const rows = neighbourhood.edges
      .filter((e: any) => e.fromId === "helsinki" || e.toId === "helsinki")
      .map(
        (e: any) =>
          `${e.fromId === "helsinki" ? e.toId : e.fromId} ${e.kind ?? "-"} ${e.status ?? "-"} ${e.validFrom ?? "-"} ${e.sources.map((s: any) => s.sourceId).join("+")}`,
      )
      .sort();
    expect(rows).toEqual([
      `beijing special-historical active - ${PAGE_SOURCE}`,
      "beijing twin-city - 2006 embassy-of-finland-beijing-2016-05-02+wtcf-news-2016-05",
      "copenhagen twin-city denied - decentralization-ua-2023-01-11+ritzau-2023-copenhagen-kyiv",
      // In force until the updated document of 28 November 2022, which the later sources cite.
      "kyiv cooperation-agreement - 1993 helsinki-decision-hel-2022-003320+hel-news-vartiainen-ukraine-reconstruction-brussels+vrt-nws-2023-05-04",
      "moscow special-historical suspended 2022-02-28/.. themayor-eu-finnish-cities-ukraine",
      `moscow special-historical suspended 2022-03 ${WAR}`,
      "st-petersburg bilateral suspended 2022-02-28/.. themayor-eu-finnish-cities-ukraine",
      `st-petersburg bilateral suspended 2022-03 ${WAR}`,
      // St Petersburg's list of its agreements of 10 January 2003 gives no end.
      "st-petersburg cooperation-agreement - ../2003-01-10 zaks-ru-2003-01-10",
      `stockholm bilateral active - ${PAGE_SOURCE}`,
      "stockholm twin-city denied - stockholm-organisations-and-networks",
      "tallinn - - - tallinn-relations-other-cities",
      `tallinn bilateral active - ${PAGE_SOURCE}`,
      "tallinn cooperation-agreement active 2022-04-08 daily-finland-2022-04-09+err-news-tallinn-helsinki-renew-2022",
    ]);
  });

  it("Helsinki Centre has been closing since March 2022, with no closing date (the 2022 decision on its task cited too)", async () => {
    const { offices } = await data(
      `{ offices(where: { id: { eq: "helsinki-centre-st-petersburg" } }) { representsConnection { edges { properties { status validFrom validTo sourceIds } } } } }`,
    );
    const periods = offices[0].representsConnection.edges.map((e: any) => e.properties);
    expect(periods.sort((a: any, b: any) => String(a.validFrom).localeCompare(String(b.validFrom)))).toEqual([
      { status: "closing", validFrom: "2022-03", validTo: null, sourceIds: [WAR, "helsinki-decision-hel-2022-002983"] },
      { status: null, validFrom: null, validTo: "2022-03", sourceIds: [PAGE_SOURCE, WAR] },
    ]);
  });
});
