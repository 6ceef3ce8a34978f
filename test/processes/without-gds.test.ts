/**
 * A Neo4j without Graph Data Science (a server where nobody installed it): centrality and communities say
 * so with GDS_UNAVAILABLE, and everything else — the other research fields included — works. This test runs
 * on the processes tier's shared Neo4j, started without the GDS plugin (processes-neo4j-global-setup.ts;
 * NEO4J_LOCAL_GDS=false does the same for `npm start`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCuratedGraph } from "../../src/write/index.js";
import type { FreshNeo4j } from "../support/fresh-neo4j.js";
import { sharedFreshNeo4j } from "../support/shared-neo4j.js";
import { type TestApi, createTestApi } from "../support/test-api.js";

let neo4j: FreshNeo4j;
let api: TestApi;

beforeAll(async () => {
  neo4j = await sharedFreshNeo4j();
  await loadCuratedGraph(neo4j.db);
  api = await createTestApi(neo4j.db);
});
afterAll(async () => {
  await api?.stop();
  await neo4j?.stop();
});

describe("a Neo4j without Graph Data Science", () => {
  it("really has no GDS", async () => {
    const functions = await neo4j.db.read(
      async (tx) =>
        (await tx.run("SHOW FUNCTIONS YIELD name WHERE name STARTS WITH 'gds.' RETURN count(*) AS n")).records[0]!.get(
          "n",
        ).toNumber() as number,
    );
    expect(functions).toBe(0);
  });

  it.each([
    ["centrality", `{ centrality(algorithm: PAGERANK) { score } }`],
    ["communities", `{ communities { id } }`],
  ])("%s answers GDS_UNAVAILABLE, nothing else", async (_field, query) => {
    const result = await api.query(query);
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toEqual({ code: "GDS_UNAVAILABLE", requestId: "test" });
    expect(result.errors![0]!.message).toMatch(/Graph Data Science/);
  });

  it("bad arguments still come first: BAD_USER_INPUT naming the argument", async () => {
    const result = await api.query(`{ centrality(algorithm: DEGREE, kinds: ["Planet"]) { score } }`);
    expect(result.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "kinds" });
  });

  it("every other field works, the other research fields included", async () => {
    const result = await api.query(`{
      compare(from: "2021-06-01", to: "2023-01-01", entityId: "moscow") { started { id } ended { id } }
      timeline(entityId: "kyiv") { other { id } }
      sharedConnections(aId: "helsinki", bId: "tampere", asOf: "2014-12-31") { node { id } }
      activitySeries(fromYear: 2021, toYear: 2022, entityId: "moscow") { year active }
      neighbourhood(id: "helsinki-centre-st-petersburg") { nodes { id } }
      graphStats { edges }
    }`);
    expect(result.errors).toBeUndefined();
    // The same answers as on a Neo4j with GDS (the curated graph with its peers: research.test.ts).
    expect(result.data).toMatchObject({
      compare: {
        started: [
          { id: "helsinki--PARTNER_OF--moscow--2022~themayor-eu" },
          { id: "helsinki--PARTNER_OF--moscow--2022" },
        ],
        ended: [{ id: "helsinki--PARTNER_OF--moscow" }],
      },
      timeline: [
        "tampere",
        "helsinki",
        "stockholm",
        "kyiv-investment-forum-brussels-2022",
        "helsinki",
        "copenhagen",
        "ukraine",
        "tallinn",
      ].map((id) => ({ other: { id } })),
      sharedConnections: [
        "finnish-six-cities-climate-network",
        "finland",
        "helsinki-centre-st-petersburg",
        "helsinki-centre-st-petersburg",
        "kyiv",
        "union-of-the-baltic-cities",
        "union-of-the-baltic-cities",
      ].map((id) => ({ node: { id } })),
      activitySeries: [
        { year: 2021, active: 2 },
        { year: 2022, active: 1 },
      ],
      graphStats: { edges: 282 },
    });
  });
});
