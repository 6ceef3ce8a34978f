/** The API @neo4j/graphql generates from schema/*.graphql: filters, sorting, pagination, aggregation, limits. */
import { describe, expect, it } from "vitest";
import { runCypher } from "../support/test-database.js";
import { errorCodes } from "../support/test-api.js";
import { PAGE_SOURCE } from "../support/curated.js";
import { useTestGraph } from "../support/test-graph.js";

const { db, api } = useTestGraph();

describe("generated queries", () => {
  it("filters with v7 operators and sorts", async () => {
    const result = await api.query(
      `{ cities(where: { nameFi: { startsWith: "T" } }, sort: [{ name: DESC }]) { id nameFi } }`,
    );
    expect(result.data).toEqual({
      cities: [
        { id: "turku", nameFi: "Turku" },
        { id: "turin", nameFi: "Torino" },
        { id: "tokyo", nameFi: "Tokio" },
        { id: "tianjin", nameFi: "Tianjin" },
        { id: "tartu", nameFi: "Tartto" },
        { id: "tampere", nameFi: "Tampere" },
        { id: "tallinn", nameFi: "Tallinna" },
        { id: "stockholm", nameFi: "Tukholma" },
      ],
    });
  });

  it("filters on list fields: the organisation whose aliases include ECHA", async () => {
    const result = await api.query(
      `{ organizations(where: { aliases: { includes: "ECHA" } }) { id staffCount hostedInConnection { edges { properties { validFrom } node { id } } } } }`,
    );
    expect(result.data).toEqual({
      organizations: [
        {
          id: "echa",
          staffCount: 600,
          hostedInConnection: { edges: [{ properties: { validFrom: "2007" }, node: { id: "helsinki" } }] },
        },
      ],
    });
  });

  it("paginates connections with cursors", async () => {
    const first = await api.query(
      `{ citiesConnection(first: 4, sort: [{ id: ASC }]) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
    );
    const page = first.data!.citiesConnection;
    expect(page.totalCount).toBe(56);
    expect(page.edges.map((e: any) => e.node.id)).toEqual(["amsterdam", "barcelona", "beijing", "birmingham"]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await api.query(
      `query($after: String) { citiesConnection(first: 4, after: $after, sort: [{ id: ASC }]) { edges { node { id } } } }`,
      {
        after: page.pageInfo.endCursor,
      },
    );
    expect(second.data!.citiesConnection.edges.map((e: any) => e.node.id)).toEqual([
      "brasov",
      "bratislava",
      "brussels",
      "cologne",
    ]);
  });

  it("aggregates on connections: how many funders and partners per office, how many cities in Finland", async () => {
    const result = await api.query(
      `{ offices(sort: [{ name: ASC }]) { name fundersConnection { totalCount } partnersConnection { totalCount } } }`,
    );
    expect(result.data).toEqual({
      offices: [
        {
          name: "C40 Cities office in Copenhagen",
          fundersConnection: { totalCount: 0 },
          partnersConnection: { totalCount: 0 },
        },
        { name: "Helsinki Centre", fundersConnection: { totalCount: 5 }, partnersConnection: { totalCount: 0 } },
        { name: "Helsinki EU Office", fundersConnection: { totalCount: 0 }, partnersConnection: { totalCount: 10 } },
        {
          name: "Tampere Region EU Office",
          fundersConnection: { totalCount: 2 },
          partnersConnection: { totalCount: 1 },
        },
      ],
    });
    const cities = await api.query(
      `{ citiesConnection(where: { countries: { some: { id: { eq: "finland" } } } }) { aggregate { count { nodes } } } }`,
    );
    // Espoo, Helsinki, Imatra, Kotka, Lahti, Lappeenranta, Mikkeli, Oulu, Tampere, Turku, Vantaa.
    expect(cities.data).toEqual({ citiesConnection: { aggregate: { count: { nodes: 11 } } } });
  });

  it("traverses offices → funders → their partner cities in one request", async () => {
    const result = await api.query(
      `{ offices(where: { id: { eq: "helsinki-centre-st-petersburg" } }) { funders { ... on City { id partners(sort: [{ id: ASC }]) { id } } } } }`,
    );
    const helsinki = result.data!.offices[0].funders.find((f: any) => f.id === "helsinki");
    // Every PARTNER_OF end, whatever its status: Copenhagen's only tie to Helsinki is its denial of a twin-city
    // tie (status `denied` on the edge).
    expect(helsinki.partners.map((p: any) => p.id)).toEqual([
      "beijing",
      "copenhagen",
      "kyiv",
      "moscow",
      "st-petersburg",
      "stockholm",
      "tallinn",
      "tokyo",
    ]);
  });

  it("the Entity interface lists every kind at once", async () => {
    const result = await api.query(
      `{ entitiesConnection(where: { aliases: { includes: "Hanken" } }) { totalCount edges { node { __typename id } } } }`,
    );
    expect(result.data).toEqual({
      entitiesConnection: { totalCount: 1, edges: [{ node: { __typename: "Organization", id: "hanken" } }] },
    });
  });

  it("sources are queryable", async () => {
    const result = await api.query(
      `{ sources(where: { id: { eq: "${PAGE_SOURCE}" } }) { id title titleEn publisher published language } }`,
    );
    expect(result.data).toEqual({
      sources: [
        {
          id: PAGE_SOURCE,
          title: "Kansainvälinen toiminta",
          titleEn: "International activities",
          publisher: "City of Helsinki (Helsingin kaupunki)",
          published: "2020-02-05",
          language: "fi",
        },
      ],
    });
  });
});

describe("bounded lists", () => {
  it("a list without limit returns at most the default (50)", async () => {
    // The curated graph is small: the bound is visible through a limit above the maximum.
    const result = await api.query(`{ entities(limit: 5000) { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.entities.length).toBeLessThanOrEqual(1000);
  });

  it("nested lists and connections are bounded too, including union-typed ones", async () => {
    await runCypher(
      db,
      `CREATE (o:Office:Entity {id: 'test-office', name: 'Test office', aliases: [], sourceIds: []})
       WITH o UNWIND range(1, 60) AS i
       CREATE (:Organization:Entity {id: 'test-funder-' + i, name: 'Test funder ' + i, aliases: [], sourceIds: []})-[:FUNDS {id: 'test-' + i, sourceIds: [], excerpts: []}]->(o)`,
    );
    try {
      const result = await api.query(
        `{ offices(where: { id: { eq: "test-office" } }) { funders { __typename } fundersConnection { totalCount edges { cursor } } } }`,
      );
      const office = result.data!.offices[0];
      expect(office.funders.length).toBeLessThanOrEqual(50);
      expect(office.fundersConnection.totalCount).toBe(60);
      expect(office.fundersConnection.edges.length).toBeLessThanOrEqual(50);
      const connection = await api.query(
        `{ organizationsConnection(where: { id: { startsWith: "test-" } }) { totalCount edges { cursor } } }`,
      );
      expect(connection.data!.organizationsConnection.totalCount).toBe(60);
      expect(connection.data!.organizationsConnection.edges).toHaveLength(50);
    } finally {
      await runCypher(db, "MATCH (n) WHERE n.id STARTS WITH 'test-' DETACH DELETE n");
    }
  });

  it("limit is capped at the maximum, and the default applies without one", async () => {
    await runCypher(
      db,
      "UNWIND range(1, 60) AS i CREATE (:Theme:Entity {id: 'test-theme-' + i, name: 'Test theme ' + i, aliases: [], sourceIds: []})",
    );
    try {
      const unbounded = await api.query(`{ themes(where: { id: { startsWith: "test-" } }) { id } }`);
      expect(unbounded.data!.themes).toHaveLength(50);
      const capped = await api.query(`{ themes(where: { id: { startsWith: "test-" } }, limit: 55) { id } }`);
      expect(capped.data!.themes).toHaveLength(55);
    } finally {
      await runCypher(db, "MATCH (n:Theme) WHERE n.id STARTS WITH 'test-' DETACH DELETE n");
    }
  });
});

describe("what the public API does not offer", () => {
  it("personal contact details can be neither filtered, sorted nor aggregated", async () => {
    const filter = await api.query(`{ people(where: { email: { contains: "hel.fi" } }) { name } }`);
    expect(errorCodes(filter)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    const sort = await api.query(`{ people(sort: [{ phone: ASC }]) { name } }`);
    expect(errorCodes(sort)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    const aggregate = await api.query(`{ peopleConnection { aggregate { node { email { shortest } } } } }`);
    expect(errorCodes(aggregate)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("the person is there for everyone, without contact details", async () => {
    const result = await api.query(`{ people { id name heads { name } } }`);
    expect(result.data).toEqual({
      people: [{ id: "jani-moliis", name: "Jani Moliis", heads: [{ name: "International Affairs Unit" }] }],
    });
  });

  it("there are no subscriptions", async () => {
    const result = await api.query(`subscription { cityCreated { createdCity { id } } }`);
    expect(errorCodes(result)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });
});
