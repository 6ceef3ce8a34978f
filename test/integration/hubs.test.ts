/**
 * `neighbourhood` on hubs, against a real Neo4j: a neighbourhood cut by `limit` says how many entities it holds
 * (`total`, `totalExact`), narrowed the same way as the walk (types, whose word, depth); the count stops at
 * 1000 and then says so. The hubs are written through the write path (test/support/hub-fixture.ts) and removed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeHub } from "../support/hub-fixture.js";
import { removeTestData } from "../support/test-database.js";
import { useTestGraph } from "../support/test-graph.js";

const { db, api } = useTestGraph();
beforeAll(async () => {
  await removeTestData(db);
  // 30 partners only the crowd states, 3 the hub's own page states, a network: 35 entities with the hub.
  await writeHub(db, { id: "test-hub", name: "Test Hub", crowdPartners: 30, officialPartners: 3 });
  // More than the count's bound (1000): 1,010 crowd partners.
  await writeHub(db, { id: "test-big-hub", name: "Test Big Hub", crowdPartners: 1010, officialPartners: 0 });
});
afterAll(async () => {
  await removeTestData(db);
});

const QUERY = `query ($id: ID!, $depth: Int, $limit: Int, $types: [String!], $kinds: [String!]) {
  neighbourhood(id: $id, depth: $depth, limit: $limit, relationshipTypes: $types, publisherKinds: $kinds) {
    truncated total totalExact nodes { id } } }`;

async function neighbourhood(variables: Record<string, unknown>) {
  const result = await api.query<any>(QUERY, variables);
  expect(result.errors).toBeUndefined();
  const { truncated, total, totalExact, nodes } = result.data.neighbourhood;
  return { truncated, total, totalExact, nodes: nodes.length };
}

describe("a hub's neighbourhood", () => {
  it("cut by its limit, says how many entities it holds", async () => {
    expect(await neighbourhood({ id: "test-hub", limit: 10 })).toEqual({
      truncated: true,
      total: 35,
      totalExact: true,
      nodes: 10,
    });
    // Two hops reach the network's other member too.
    expect(await neighbourhood({ id: "test-hub", depth: 2, limit: 10 })).toEqual({
      truncated: true,
      total: 36,
      totalExact: true,
      nodes: 10,
    });
  });

  it("whole, counts what it returns", async () => {
    expect(await neighbourhood({ id: "test-hub", depth: 2 })).toEqual({
      truncated: false,
      total: 36,
      totalExact: true,
      nodes: 36,
    });
  });

  it("narrowed by whose word or by type, counts only what the narrowed walk follows", async () => {
    // Official: the three partners on the hub's page and the network (an organisation's page), and its member.
    const official = ["city", "organisation", "government"];
    expect(await neighbourhood({ id: "test-hub", depth: 2, limit: 3, kinds: official })).toEqual({
      truncated: true,
      total: 6,
      totalExact: true,
      nodes: 3,
    });
    expect(await neighbourhood({ id: "test-hub", limit: 10, kinds: ["crowd"] })).toEqual({
      truncated: true,
      total: 31,
      totalExact: true,
      nodes: 10,
    });
    expect(await neighbourhood({ id: "test-hub", depth: 2, limit: 2, types: ["MEMBER_OF"] })).toEqual({
      truncated: true,
      total: 3,
      totalExact: true,
      nodes: 2,
    });
  });

  it("lists the start's relationship types with the entities each reaches, whatever types it follows", async () => {
    const types = async (variables: Record<string, unknown>) => {
      const result = await api.query<any>(
        `query ($id: ID!, $types: [String!], $kinds: [String!]) {
          neighbourhood(id: $id, depth: 2, limit: 5, relationshipTypes: $types, publisherKinds: $kinds) {
            firstHopTypes { key count } } }`,
        variables,
      );
      expect(result.errors).toBeUndefined();
      return result.data.neighbourhood.firstHopTypes;
    };
    const all = [
      { key: "PARTNER_OF", count: 33 },
      { key: "MEMBER_OF", count: 1 },
    ];
    expect(await types({ id: "test-hub" })).toEqual(all);
    expect(await types({ id: "test-hub", types: ["MEMBER_OF"] })).toEqual(all);
    expect(await types({ id: "test-hub", kinds: ["city"] })).toEqual([{ key: "PARTNER_OF", count: 3 }]);
  });

  it("beyond 1000 entities, says there are more than 1000", async () => {
    expect(await neighbourhood({ id: "test-big-hub", limit: 150 })).toEqual({
      truncated: true,
      total: 1000,
      totalExact: false,
      nodes: 150,
    });
    expect(await neighbourhood({ id: "test-big-hub", limit: 1000 })).toEqual({
      truncated: true,
      total: 1000,
      totalExact: false,
      nodes: 1000,
    });
    // Official only, the hub is whole: its network and the network's other member.
    expect(await neighbourhood({ id: "test-big-hub", depth: 2, limit: 150, kinds: ["organisation"] })).toEqual({
      truncated: false,
      total: 3,
      totalExact: true,
      nodes: 3,
    });
  });
});
