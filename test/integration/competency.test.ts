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
  it("Helsinki's bilateral partners are Tallinn, Stockholm and St Petersburg; Beijing and Moscow are special historical partners", async () => {
    const { cities } = await data(
      `{ cities(where: { id: { eq: "helsinki" } }) { partnersConnection { edges { node { id } properties { kind status sourceIds } } } } }`,
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

  it("who were Helsinki's partners in 2019: the five the page names (they carry no end date)", async () => {
    const { neighbourhood } = await data(
      `{ neighbourhood(id: "helsinki", asOf: "2019-06-30", limit: 1000) { edges { type fromId toId kind } } }`,
    );
    const partners = neighbourhood.edges
      .filter((e: any) => e.type === "PARTNER_OF")
      .map((e: any) => e.toId)
      .sort();
    expect(partners).toEqual(["beijing", "moscow", "st-petersburg", "stockholm", "tallinn"]);
  });
});

describe("what links places and organisations", () => {
  it("Tampere reaches Brussels in four steps, through Helsinki's offices", async () => {
    const { shortestPath } = await data(
      `{ shortestPath(fromId: "tampere", toId: "brussels") { nodes { id } edges { type fromId toId sources { sourceId } } } }`,
    );
    expect(shortestPath.nodes).toHaveLength(5);
    expect(shortestPath.nodes[0].id).toBe("tampere");
    expect(shortestPath.nodes[4].id).toBe("brussels");
    expect(shortestPath.edges).toHaveLength(4);
    shortestPath.edges.forEach((edge: any, i: number) => {
      const ends = [edge.fromId, edge.toId].sort();
      expect(ends).toEqual([shortestPath.nodes[i].id, shortestPath.nodes[i + 1].id].sort());
      expect(edge.sources[0].sourceId).toBe(SOURCE_ID);
    });
    expect(shortestPath.edges[3]).toMatchObject({ type: "LOCATED_IN", fromId: "helsinki-eu-office", toId: "brussels" });
  });

  it("leaving geography out, Tampere still reaches Brussels in four steps, through the funding of Helsinki Centre", async () => {
    const { shortestPath } = await data(
      `{ shortestPath(fromId: "tampere", toId: "brussels", excludeRelationshipTypes: ["IN_COUNTRY"]) { nodes { id } edges { type } } }`,
    );
    expect(shortestPath.nodes.map((n: any) => n.id)).toHaveLength(5);
    expect(shortestPath.nodes[1].id).toBe("helsinki-centre-st-petersburg");
    expect(shortestPath.edges[0].type).toBe("FUNDS");
    expect(shortestPath.edges.map((e: any) => e.type)).not.toContain("IN_COUNTRY");
  });

  it("following funding only: Tampere's co-funders, two hops away", async () => {
    const { neighbourhood } = await data(
      `{ neighbourhood(id: "tampere", depth: 2, relationshipTypes: ["FUNDS"]) { nodes { id } edges { type } } }`,
    );
    expect(neighbourhood.nodes.map((n: any) => n.id).sort()).toEqual([
      "helsinki",
      "helsinki-centre-st-petersburg",
      "helsinki-uusimaa-regional-council",
      "kotka",
      "lahti",
      "tampere",
    ]);
    expect(new Set(neighbourhood.edges.map((e: any) => e.type))).toEqual(new Set(["FUNDS"]));
  });

  it("Tampere to Brussels needs more than three steps", async () => {
    const { shortestPath } = await data(
      `{ shortestPath(fromId: "tampere", toId: "brussels", maxLength: 3) { nodes { id } } }`,
    );
    expect(shortestPath).toBeNull();
  });

  it("everything within two hops of ECHA, with sources", async () => {
    const { neighbourhood } = await data(
      `{ neighbourhood(id: "echa", depth: 2) { truncated nodes { id kind } edges { type fromId toId validFrom sources { sourceId excerpt } } } }`,
    );
    expect(neighbourhood.truncated).toBe(false);
    expect(neighbourhood.nodes[0]).toEqual({ id: "echa", kind: "Organization" });
    expect(neighbourhood.nodes[1]).toEqual({ id: "helsinki", kind: "City" });
    const ids = neighbourhood.nodes.map((n: any) => n.id);
    // Helsinki's own neighbours are ECHA's second hop.
    for (const id of [
      "tallinn",
      "helsinki-eu-office",
      "helsinki-centre-st-petersburg",
      "finland",
      "moi-helsinki-beijing-2016",
      "helsinki-city-executive-office",
    ]) {
      expect(ids).toContain(id);
    }
    expect(ids).not.toContain("tampere"); // three hops away
    expect(neighbourhood.edges).toContainEqual(
      expect.objectContaining({ type: "HOSTED_IN", fromId: "echa", toId: "helsinki", validFrom: "2007" }),
    );
    for (const edge of neighbourhood.edges) expect(edge.sources.length).toBeGreaterThan(0);
  });

  it("ECHA has been hosted in Helsinki since 2007: not in 2006, yes in 2007", async () => {
    const before = await data(`{ neighbourhood(id: "echa", asOf: "2006-12-31") { nodes { id } edges { type } } }`);
    expect(before.neighbourhood).toEqual({ nodes: [{ id: "echa" }], edges: [] });
    const after = await data(`{ neighbourhood(id: "echa", asOf: "2007-01-01") { nodes { id } } }`);
    expect(after.neighbourhood.nodes.map((n: any) => n.id)).toEqual(["echa", "helsinki"]);
  });
});

describe("the city's organisation", () => {
  it("the International Affairs Unit is headed by Jani Moliis and sits in the Strategy Department from 2020", async () => {
    const { organizations } = await data(
      `{ organizations(where: { id: { eq: "helsinki-international-affairs-unit" } }) { founded headedBy { name } headedByConnection { edges { properties { kind } } } partOfConnection { edges { properties { validFrom } node { ... on Organization { id } } } } } }`,
    );
    const unit = organizations[0];
    expect(unit.founded).toBe("2018");
    expect(unit.headedBy).toEqual([{ name: "Jani Moliis" }]);
    expect(unit.headedByConnection.edges[0].properties.kind).toBe("Head of Unit");
    const parents = unit.partOfConnection.edges.map((e: any) => `${e.node.id}@${e.properties.validFrom}`).sort();
    expect(parents).toEqual(["helsinki-city-executive-office@2018", "helsinki-strategy-department@2020"]);
  });

  it("in 2019 the unit belonged to the City Executive Office only", async () => {
    const { neighbourhood } = await data(
      `{ neighbourhood(id: "helsinki-international-affairs-unit", asOf: "2019-05-01") { edges { type toId } } }`,
    );
    expect(neighbourhood.edges.filter((e: any) => e.type === "PART_OF").map((e: any) => e.toId)).toEqual([
      "helsinki-city-executive-office",
    ]);
  });
});

describe("themes, events and names", () => {
  it("Helsinki's key themes are smart city and digitalisation, and climate change mitigation and sustainable development", async () => {
    const { cities } = await data(
      `{ cities(where: { id: { eq: "helsinki" } }) { prioritiesConnection(where: { edge: { kind: { eq: "key-theme" } } }, sort: [{ node: { name: ASC } }]) { edges { node { name nameFi } } } } }`,
    );
    expect(cities[0].prioritiesConnection.edges.map((e: any) => e.node)).toEqual([
      {
        name: "Climate change mitigation and sustainable development",
        nameFi: "Ilmastonmuutoksen torjunta ja kestävä kehitys",
      },
      { name: "Smart city and digitalisation", nameFi: "Smart City ja digitalisaatio" },
    ]);
  });

  it("Moi Helsinki was held in Beijing in May 2016, a joint project of Helsinki", async () => {
    const { events } = await data(
      `{ events { name startDate heldIn { name } organisersConnection { edges { properties { kind } node { ... on City { id } } } } } }`,
    );
    expect(events).toEqual([
      {
        name: "Moi Helsinki",
        startDate: "2016-05",
        heldIn: [{ name: "Beijing" }],
        organisersConnection: { edges: [{ properties: { kind: "joint project" }, node: { id: "helsinki" } }] },
      },
    ]);
  });

  it("Helsinki Centre is found by its Finnish name, and its funders come with it", async () => {
    const { search } = await data(
      `{ search(text: "Helsinki-keskus") { score node { id kind name names { lang value } } } }`,
    );
    expect(search[0]).toEqual({
      score: 1,
      node: {
        id: "helsinki-centre-st-petersburg",
        kind: "Office",
        name: "Helsinki Centre",
        names: [
          { lang: "fi", value: "Helsinki-keskus" },
          { lang: "sv", value: "Helsingforscentret" },
          { lang: "en", value: "Helsinki Centre" },
        ],
      },
    });
  });

  it("ECHA by its abbreviation, by its Finnish name, and without accents", async () => {
    for (const text of ["ECHA", "echa", "Euroopan kemikaalivirasto", "kemikaali"]) {
      const { search } = await data(`query($text: String!) { search(text: $text, limit: 1) { node { id } } }`, {
        text,
      });
      expect(search, text).toEqual([{ node: { id: "echa" } }]);
    }
    const { search } = await data(`{ search(text: "Hameen liitto", limit: 1) { score node { id } } }`);
    expect(search).toEqual([{ score: 1, node: { id: "hame-regional-council" } }]);
  });

  it("Swedish names are searchable: Helsingfors is Helsinki", async () => {
    const { search } = await data(`{ search(text: "Helsingfors", limit: 1) { score node { id } } }`);
    expect(search).toEqual([{ score: 1, node: { id: "helsinki" } }]);
  });

  it("node() returns an entity with its names and aliases, and null for an unknown id", async () => {
    const result = await data(
      `{ echa: node(id: "echa") { id kind name aliases } missing: node(id: "no-such-entity") { id } }`,
    );
    expect(result).toEqual({
      echa: { id: "echa", kind: "Organization", name: "European Chemicals Agency", aliases: ["ECHA"] },
      missing: null,
    });
  });
});

describe("graph statistics", () => {
  it("counts every node and relationship of the curated graph", async () => {
    const { graphStats } = await data(
      `{ graphStats { nodes edges nodesByKind { key count } edgesByType { key count } } }`,
    );
    expect(graphStats.nodes).toBe(39);
    expect(graphStats.edges).toBe(47);
    expect(Object.fromEntries(graphStats.nodesByKind.map((k: any) => [k.key, k.count]))).toEqual({
      Organization: 13,
      City: 10,
      Country: 6,
      Theme: 5,
      Office: 2,
      Event: 1,
      Person: 1,
      Source: 1,
      Network: 0,
    });
    expect(Object.fromEntries(graphStats.edgesByType.map((k: any) => [k.key, k.count]))).toEqual({
      IN_COUNTRY: 10,
      PARTNER_IN: 10,
      PARTNER_OF: 5,
      FUNDS: 5,
      PRIORITISES: 5,
      PART_OF: 4,
      LOCATED_IN: 2,
      REPRESENTS: 2,
      HOSTED_IN: 1,
      HEADS: 1,
      HELD_IN: 1,
      ORGANISED_BY: 1,
      MEMBER_OF: 0,
    });
  });

  it("every relationship in the curated graph cites the page with an excerpt", async () => {
    const { neighbourhood } = await data(
      `{ neighbourhood(id: "helsinki", depth: 4, limit: 1000) { nodes { id } edges { sources { sourceId excerpt } } } }`,
    );
    expect(neighbourhood.nodes).toHaveLength(38); // the whole curated graph is connected
    expect(neighbourhood.edges).toHaveLength(47);
    for (const edge of neighbourhood.edges) {
      expect(edge.sources).toEqual([{ sourceId: SOURCE_ID, excerpt: expect.any(String) }]);
    }
  });
});
