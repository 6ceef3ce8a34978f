/** The query cost estimate: each list counts the items it may return, so fan-outs are priced as such. */
import { parse } from "graphql";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import type { GraphQLSchema } from "graphql";
import type { getComplexity as GetComplexity } from "graphql-query-complexity";
import { sharedApiSchema } from "../support/test-api.js";
import { costEstimators } from "../../src/admission/index.js";

const { getComplexity } = createRequire(import.meta.url)("graphql-query-complexity") as {
  getComplexity: typeof GetComplexity;
};
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = (await sharedApiSchema()).schema;
});

function cost(query: string, variables: Record<string, unknown> = {}): number {
  return getComplexity({ schema, query: parse(query), variables, estimators: costEstimators });
}

describe("query cost", () => {
  it("a list without limit counts the @limit default (50) per item", () => {
    expect(cost(`{ cities { name } }`)).toBe(1 + 50 * 1);
    expect(cost(`{ cities { partners { name } } }`)).toBe(1 + 50 * (1 + 50 * 1));
  });

  it("a five-hop fan-out is priced at what it would fetch", () => {
    const fiveHops = `{ cities { partners { partners { partners { partners { partners { name } } } } } } }`;
    expect(cost(fiveHops)).toBeGreaterThan(50 ** 6);
    const small = `{ cities(limit: 2) { partners(limit: 2) { partners(limit: 2) { partners(limit: 2) { partners(limit: 2) { partners(limit: 2) { name } } } } } } }`;
    expect(cost(small)).toBeLessThan(200);
  });

  it("asked sizes count, capped at the @limit maximum (1000), also through variables", () => {
    expect(cost(`{ cities(limit: 7) { name } }`)).toBe(8);
    expect(cost(`{ cities(limit: 1000000) { name } }`)).toBe(1001);
    expect(cost(`query($n: Int) { cities(limit: $n) { name } }`, { n: 3 })).toBe(4);
  });

  it("connections count `first`, not their edges again", () => {
    expect(cost(`{ citiesConnection(first: 10) { edges { node { name } } } }`)).toBe(1 + 10 * (1 + 1 * (1 + 1)));
  });

  it("insights fields count their limits", () => {
    expect(cost(`{ neighbourhood(id: "x", limit: 1000) { nodes { id } } }`)).toBe(1 + 1000 * (1 + 1));
    expect(cost(`{ search(text: "x") { score } }`)).toBe(1 + 10 * 1);
  });

  it("a neighbourhood's total is priced as the walk of up to 1000 entities that counts it, whatever the limit", () => {
    expect(cost(`{ neighbourhood(id: "x") { truncated } }`)).toBe(1 + 200 * 1);
    expect(cost(`{ neighbourhood(id: "x", limit: 10) { total } }`)).toBe(1 + 10 * 1 + 1000);
    expect(cost(`{ neighbourhood(id: "x", limit: 10) { ... on Subgraph { totalExact } } }`)).toBe(1 + 10 * 1 + 1000);
    // A named fragment is not looked into: it is assumed to ask.
    expect(cost(`{ neighbourhood(id: "x", limit: 10) { ...F } } fragment F on Subgraph { truncated }`)).toBe(
      1 + 10 * 1 + 1000,
    );
  });

  it("an ordinary two-hop dashboard query stays well under the default maximum (1,000,000)", () => {
    const twoHops = `{ offices { name funders { ... on City { name partners { name } } } } }`;
    expect(cost(twoHops)).toBeLessThan(1_000_000);
  });

  it("a graph algorithm run carries a surcharge: at most three fit under the default maximum", () => {
    expect(cost(`{ centrality(algorithm: DEGREE, limit: 10) { score } }`)).toBe(1 + 250_000 + 10 * 1);
    expect(cost(`{ communities { size } }`)).toBe(1 + 250_000 + 50 * 1);
    const four = `{ a: centrality(algorithm: DEGREE) { score } b: centrality(algorithm: PAGERANK) { score }
      c: communities { size } d: centrality(algorithm: BETWEENNESS) { score } }`;
    expect(cost(four)).toBeGreaterThan(1_000_000);
  });

  it("research lists without a limit are priced at the most they return", () => {
    expect(cost(`{ compare(from: "2020-01-01", to: "2021-01-01", entityId: "x") { from } }`)).toBe(1 + 1000 * 1);
    expect(cost(`{ sharedConnections(aId: "a", bId: "b") { node { id } } }`)).toBe(1 + 1000 * (1 + 1));
    expect(cost(`{ activitySeries(fromYear: 2000, toYear: 2001, entityId: "x") { year } }`)).toBe(1 + 201 * 1);
    expect(cost(`{ timeline(entityId: "a") { other { id } } }`)).toBe(1 + 200 * (1 + 1));
  });

  it("a question that reads the whole graph carries a surcharge", () => {
    expect(cost(`{ compare(from: "2020-01-01", to: "2021-01-01") { from } }`)).toBe(100_000 + 1 + 1000 * 1);
    expect(cost(`{ activitySeries(fromYear: 2000, toYear: 2001) { year } }`)).toBe(100_000 + 1 + 201 * 1);
  });
});
