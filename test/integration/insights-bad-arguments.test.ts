/**
 * Bad arguments to every insights field: each gives BAD_USER_INPUT naming the argument, with no Cypher,
 * stack trace or driver text, and leaves the graph as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpGraph } from "../support/test-database.js";
import { useTestGraph } from "../support/test-graph.js";

let before: string;

const { db, api } = useTestGraph();
beforeAll(async () => {
  before = await dumpGraph(db);
});
afterAll(async () => {
  expect(await dumpGraph(db)).toBe(before);
});

const CASES: [field: string, query: string, argument: string][] = [
  ["search", `{ search(text: "") { score } }`, "text"],
  ["search", `{ search(text: "   ") { score } }`, "text"],
  ["search", `{ search(text: "${"x".repeat(201)}") { score } }`, "text"],
  ["search", `{ search(text: "helsinki", limit: 0) { score } }`, "limit"],
  ["search", `{ search(text: "helsinki", limit: 1001) { score } }`, "limit"],
  ["search", `{ search(text: "helsinki", limit: -5) { score } }`, "limit"],
  ["node", `{ node(id: "") { id } }`, "id"],
  ["node", `{ node(id: "${"a".repeat(500)}") { id } }`, "id"],
  ["neighbourhood", `{ neighbourhood(id: "no-such-entity") { truncated } }`, "id"],
  ["neighbourhood", `{ neighbourhood(id: "") { truncated } }`, "id"],
  ["neighbourhood", `{ neighbourhood(id: "helsinki", depth: 0) { truncated } }`, "depth"],
  ["neighbourhood", `{ neighbourhood(id: "helsinki", depth: 5) { truncated } }`, "depth"],
  ["neighbourhood", `{ neighbourhood(id: "helsinki", limit: 0) { truncated } }`, "limit"],
  ["neighbourhood", `{ neighbourhood(id: "helsinki", limit: 1001) { truncated } }`, "limit"],
  ["neighbourhood", `{ neighbourhood(id: "helsinki", asOf: "2019") { truncated } }`, "asOf"],
  ["neighbourhood", `{ neighbourhood(id: "helsinki", asOf: "2019-02-30") { truncated } }`, "asOf"],
  ["neighbourhood", `{ neighbourhood(id: "helsinki", asOf: "yesterday") { truncated } }`, "asOf"],
  ["neighbourhood", `{ neighbourhood(id: "helsinki", asOf: "2019-06-30T00:00:00Z") { truncated } }`, "asOf"],
  ["shortestPath", `{ shortestPath(fromId: "no-such-entity", toId: "helsinki") { nodes { id } } }`, "fromId"],
  ["shortestPath", `{ shortestPath(fromId: "helsinki", toId: "no-such-entity") { nodes { id } } }`, "toId"],
  ["shortestPath", `{ shortestPath(fromId: "tampere", toId: "brussels", maxLength: 0) { nodes { id } } }`, "maxLength"],
  [
    "shortestPath",
    `{ shortestPath(fromId: "tampere", toId: "brussels", maxLength: 11) { nodes { id } } }`,
    "maxLength",
  ],
  [
    "shortestPath",
    `{ shortestPath(fromId: "tampere", toId: "brussels", asOf: "2020-13-01") { nodes { id } } }`,
    "asOf",
  ],
  [
    "neighbourhood",
    `{ neighbourhood(id: "helsinki", relationshipTypes: ["FUNDS", "KNOWS"]) { truncated } }`,
    "relationshipTypes",
  ],
  [
    "neighbourhood",
    `{ neighbourhood(id: "helsinki", excludeRelationshipTypes: ["funds"]) { truncated } }`,
    "excludeRelationshipTypes",
  ],
  [
    "shortestPath",
    `{ shortestPath(fromId: "tampere", toId: "brussels", relationshipTypes: ["FUNDS"], excludeRelationshipTypes: ["FUNDS"]) { nodes { id } } }`,
    "relationshipTypes",
  ],
  [
    "shortestPath",
    `{ shortestPath(fromId: "tampere", toId: "brussels", relationshipTypes: ["\`) MATCH (n) DETACH DELETE n //"]) { nodes { id } } }`,
    "relationshipTypes",
  ],
  ["funding", `{ funding(officeId: "no-such-office") { funder { id } } }`, "officeId"],
  ["funding", `{ funding(officeId: "helsinki") { funder { id } } }`, "officeId"],
  ["funding", `{ funding(asOf: "05.02.2020") { funder { id } } }`, "asOf"],
  ["funding", `{ funding(limit: 0) { funder { id } } }`, "limit"],
  ["compare", `{ compare(from: "2021", to: "2023-01-01") { from } }`, "from"],
  ["compare", `{ compare(from: "2021-02-30", to: "2023-01-01") { from } }`, "from"],
  ["compare", `{ compare(from: "2021-06-01", to: "tomorrow") { from } }`, "to"],
  ["compare", `{ compare(from: "2023-01-01", to: "2021-06-01") { from } }`, "to"],
  ["compare", `{ compare(from: "1800-01-01", to: "2023-01-01") { from } }`, "to"],
  ["compare", `{ compare(from: "2021-06-01", to: "2023-01-01", entityId: "no-such-entity") { from } }`, "entityId"],
  [
    "compare",
    `{ compare(from: "2021-06-01", to: "2023-01-01", relationshipTypes: ["FRIENDS"]) { from } }`,
    "relationshipTypes",
  ],
  ["timeline", `{ timeline(entityId: "no-such-entity") { other { id } } }`, "entityId"],
  ["timeline", `{ timeline(entityId: "") { other { id } } }`, "entityId"],
  ["timeline", `{ timeline(entityId: "helsinki", limit: 0) { other { id } } }`, "limit"],
  [
    "timeline",
    `{ timeline(entityId: "helsinki", relationshipTypes: ["x) RETURN 1 //"]) { other { id } } }`,
    "relationshipTypes",
  ],
  ["centrality", `{ centrality(algorithm: DEGREE, asOf: "2020-13-01") { score } }`, "asOf"],
  ["centrality", `{ centrality(algorithm: DEGREE, kinds: ["Planet"]) { score } }`, "kinds"],
  ["centrality", `{ centrality(algorithm: DEGREE, kinds: []) { score } }`, "kinds"],
  ["centrality", `{ centrality(algorithm: DEGREE, relationshipTypes: ["KNOWS"]) { score } }`, "relationshipTypes"],
  ["centrality", `{ centrality(algorithm: PAGERANK, limit: 1001) { score } }`, "limit"],
  ["communities", `{ communities(asOf: "yesterday") { id } }`, "asOf"],
  ["communities", `{ communities(relationshipTypes: []) { id } }`, "relationshipTypes"],
  ["sharedConnections", `{ sharedConnections(aId: "helsinki", bId: "no-such-entity") { node { id } } }`, "bId"],
  ["sharedConnections", `{ sharedConnections(aId: "no-such-entity", bId: "tampere") { node { id } } }`, "aId"],
  ["sharedConnections", `{ sharedConnections(aId: "helsinki", bId: "helsinki") { node { id } } }`, "bId"],
  ["sharedConnections", `{ sharedConnections(aId: "helsinki", bId: "tampere", asOf: "2020") { node { id } } }`, "asOf"],
  ["activitySeries", `{ activitySeries(fromYear: 2023, toYear: 2015) { year } }`, "toYear"],
  ["activitySeries", `{ activitySeries(fromYear: 1800, toYear: 2023) { year } }`, "toYear"],
  ["activitySeries", `{ activitySeries(fromYear: 0, toYear: 2023) { year } }`, "fromYear"],
  ["activitySeries", `{ activitySeries(fromYear: 2015, toYear: 10000) { year } }`, "toYear"],
  [
    "activitySeries",
    `{ activitySeries(fromYear: 2015, toYear: 2023, entityId: "no-such-entity") { year } }`,
    "entityId",
  ],
  [
    "activitySeries",
    `{ activitySeries(fromYear: 2015, toYear: 2023, relationshipTypes: ["NOPE"]) { year } }`,
    "relationshipTypes",
  ],
];

describe.each(CASES)("%s: %s", (_field, query, argument) => {
  it(`is BAD_USER_INPUT naming ${argument}`, async () => {
    const result = await api.query(query);
    // A non-null field's error nulls `data`; a nullable one (node, shortestPath) nulls only the field.
    expect(Object.values(result.data ?? {})).toEqual(result.data ? [null] : []);
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors!;
    expect(error!.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: argument });
    expect(error!.message).toContain(argument);
    expect(JSON.stringify(error)).not.toMatch(/MATCH|RETURN|stack|Neo4j|at .*\.ts/);
  });
});

describe("injection-shaped text is only ever data", () => {
  const NASTY = [
    `") RETURN 1 //`,
    "`x` MATCH (n) DETACH DELETE n",
    "$id",
    "helsinki' OR 1=1 --",
    'AND OR NOT ~ * ? : \\ / [ ] { } ^ "',
    "\u0000\u0001\u001f",
    "\u202eikniSleH",
    "\ud800",
    "CALL db.labels() YIELD label RETURN label",
  ];

  it.each(NASTY)("search(%j) answers without error", async (text) => {
    const result = await api.query(`query($text: String!) { search(text: $text) { node { id } } }`, { text });
    expect(result.errors).toBeUndefined();
    expect(Array.isArray(result.data?.search)).toBe(true);
  });

  it.each(NASTY)("ids like %j are simply unknown", async (id) => {
    const result = await api.query(`query($id: ID!) { node(id: $id) { id } neighbourhood(id: $id) { truncated } }`, {
      id,
    });
    expect(result.data).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.path).toEqual(["neighbourhood"]);
  });
});
