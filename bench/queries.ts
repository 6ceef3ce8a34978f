/**
 * The benchmark's questions, each asked on exactly the same parameters: T1 hand-written Cypher through
 * neo4j-driver (the floor); the GraphQL operation that T3 (in-process) and T4 (HTTP) send; and the
 * operation the starter server (T2, bench/starter-server.ts) answers, the same text unless the question is
 * asked differently there (`t2graphql`). Each question normalises its answers so the tiers can be checked
 * equal before anything is timed.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { type Database, ENTITY_NAME_INDEX, cypherInt, toNumber } from "../src/database/index.js";
import { luceneQuery, searchWords } from "../src/graph-reads/index.js";
import { type GraphPlan, type Kind, type Random, entityId } from "./synthetic-graph.js";

export type Params = Record<string, unknown>;

export interface BenchQuery {
  readonly name: string;
  readonly description: string;
  /** Picks `count` parameter sets (deterministic for a seed); may consult the database to pick usable ones. */
  params(db: Database, plan: GraphPlan, random: Random, count: number): Promise<Params[]>;
  /** T1: the same question in hand-written Cypher, normalised. */
  t1(tx: ManagedTransaction, params: Params): Promise<unknown>;
  /** The GraphQL operation for T3 and T4. */
  readonly graphql: string;
  /** Normalises a GraphQL `data` object to compare with T1. */
  normalise(data: any): unknown;
  /** The starter server's (T2) operation and its normalisation, when they differ from T3/T4's. */
  readonly t2?: { readonly graphql: string; normalise(data: any): unknown };
}

const pickIds = (random: Random, plan: GraphPlan, kind: Kind, count: number): string[] =>
  Array.from({ length: count }, () => entityId(kind, random.int(0, plan.counts[kind] - 1)));

const sorted = <T>(items: T[]): T[] => [...items].sort();

const lookup: BenchQuery = {
  name: "lookup",
  description: "an organisation by id (generated API)",
  async params(_db, plan, random, count) {
    return pickIds(random, plan, "Organization", count).map((id) => ({ id }));
  },
  async t1(tx, { id }) {
    const result = await tx.run(
      "MATCH (n:Organization:Entity {id: $id}) RETURN n { .id, .name, .nameFi, .category } AS n",
      { id },
    );
    return result.records.map((record) => record.get("n") as unknown);
  },
  graphql: `query Lookup($id: ID!) { organizations(where: { id: { eq: $id } }) { id name nameFi category } }`,
  normalise: (data) => data.organizations,
};

const funding: BenchQuery = {
  name: "funding",
  description: "who funds one office (insights `funding`)",
  async params(_db, plan, random, count) {
    return pickIds(random, plan, "Office", count).map((officeId) => ({ officeId }));
  },
  async t1(tx, { officeId }) {
    const result = await tx.run(
      "MATCH (f:Entity)-[r:FUNDS]->(o:Office {id: $officeId}) RETURN f.id + '|' + coalesce(r.validFrom, '') + '|' + coalesce(r.validTo, '') AS row",
      { officeId },
    );
    return sorted(result.records.map((record) => record.get("row") as string));
  },
  graphql: `query Funding($officeId: ID) { funding(officeId: $officeId) { funder { id } validFrom validTo } }`,
  normalise: (data) => sorted(data.funding.map((f: any) => `${f.funder.id}|${f.validFrom ?? ""}|${f.validTo ?? ""}`)),
};

const NEIGHBOURHOOD_T1 = `
  MATCH (s:Entity {id: $id})
  OPTIONAL MATCH (s)--(a:Entity)
  WITH s, collect(DISTINCT a) AS first
  UNWIND CASE WHEN size(first) = 0 THEN [null] ELSE first END AS a
  OPTIONAL MATCH (a)--(b:Entity)
  WITH s, first, collect(DISTINCT b) AS second
  WITH [x IN [s] + first + second WHERE x IS NOT NULL] AS found
  UNWIND found AS x
  WITH collect(DISTINCT x) AS nodes
  CALL (nodes) {
    UNWIND nodes AS x
    MATCH (x)-[r]->(y:Entity) WHERE y IN nodes
    RETURN collect(x.id + '|' + type(r) + '|' + y.id) AS edges
  }
  RETURN [n IN nodes | n.id] AS nodes, edges`;

const neighbourhood: BenchQuery = {
  name: "neighbourhood",
  description: "everything within two hops, and the relationships among them (insights `neighbourhood`, depth 2)",
  async params(db, plan, random, count) {
    // Start points whose two-hop neighbourhood fits the limit (200), so every tier returns all of it.
    const picked: Params[] = [];
    for (let tries = 0; picked.length < count && tries < count * 50; tries += 1) {
      const kind = random.chance(0.5) ? "Organization" : "City";
      const id = entityId(kind, random.int(Math.floor(plan.counts[kind] / 10), plan.counts[kind] - 1));
      const size = await db.read(async (tx) => {
        const result = await tx.run(
          "MATCH (s:Entity {id: $id}) RETURN COUNT { MATCH (s)-[*1..2]-(x:Entity) RETURN DISTINCT x LIMIT 200 } AS n",
          { id },
        );
        return toNumber(result.records[0]?.get("n") ?? 0);
      });
      if (size >= 3 && size < 199) picked.push({ id });
    }
    return picked;
  },
  async t1(tx, { id }) {
    const record = (await tx.run(NEIGHBOURHOOD_T1, { id })).records[0];
    return { nodes: sorted(record?.get("nodes") as string[]), edges: sorted(record?.get("edges") as string[]) };
  },
  graphql: `query Neighbourhood($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 200) { truncated nodes { id } edges { type fromId toId } } }`,
  normalise: (data) => ({
    nodes: sorted(data.neighbourhood.nodes.map((n: any) => n.id)),
    edges: sorted(data.neighbourhood.edges.map((e: any) => `${e.fromId}|${e.type}|${e.toId}`)),
  }),
};

const shortestPath: BenchQuery = {
  name: "shortestPath",
  description: "a shortest path between two cities, up to 6 steps (insights `shortestPath`)",
  async params(_db, plan, random, count) {
    return Array.from({ length: count }, () => ({
      fromId: entityId("City", random.int(0, plan.counts.City - 1)),
      toId: entityId("City", random.int(0, plan.counts.City - 1)),
    }));
  },
  async t1(tx, { fromId, toId }) {
    if (fromId === toId) return 0;
    const record = (
      await tx.run(
        "MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId}) MATCH p = shortestPath((a)-[*..6]-(b)) RETURN length(p) AS hops",
        { fromId, toId },
      )
    ).records[0];
    return record ? toNumber(record.get("hops")) : null;
  },
  graphql: `query Path($fromId: ID!, $toId: ID!) { shortestPath(fromId: $fromId, toId: $toId, maxLength: 6) { edges { type } } }`,
  normalise: (data) => (data.shortestPath ? data.shortestPath.edges.length : null),
};

const fundersPerOffice: BenchQuery = {
  name: "fundersPerOffice",
  description:
    "a dashboard page: 20 offices by name with their number of funders (insights `fundersPerOffice`; T2: the generated API's connection aggregate)",
  async params(_db, plan, random, count) {
    return Array.from({ length: count }, () => ({ offset: random.int(0, Math.max(0, plan.counts.Office - 20)) }));
  },
  async t1(tx, { offset }) {
    const result = await tx.run(
      "MATCH (o:Office) WITH o ORDER BY o.name, o.id SKIP $offset LIMIT 20 RETURN o.id AS id, COUNT { (o)<-[:FUNDS]-(:Entity) } AS funders",
      { offset: cypherInt(offset as number) },
    );
    return result.records.map((record) => [record.get("id") as string, toNumber(record.get("funders"))]);
  },
  graphql: `query Dashboard($offset: Int) { fundersPerOffice(limit: 20, offset: $offset) { office { id } funders } }`,
  normalise: (data) => data.fundersPerOffice.map((o: any) => [o.office.id, o.funders]),
  t2: {
    // What the starter's generated API offers for the same page.
    graphql: `query Dashboard($offset: Int) { offices(limit: 20, offset: $offset, sort: [{ name: ASC }, { id: ASC }]) { id fundersConnection { totalCount } } }`,
    normalise: (data) => data.offices.map((o: any) => [o.id, o.fundersConnection.totalCount]),
  },
};

const search: BenchQuery = {
  name: "search",
  description: "full-text search for an entity's name (insights `search`, 10 hits)",
  async params(db, plan, random, count) {
    const ids = Array.from({ length: count }, () => {
      const kind = random.pick(["City", "Organization", "Office", "Person"] as const);
      return entityId(kind, random.int(0, plan.counts[kind] - 1));
    });
    return db.read(async (tx) => {
      const result = await tx.run("UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.name AS name", { ids });
      return result.records.map((record) => ({ text: record.get("name") as string }));
    });
  },
  async t1(tx, { text }) {
    const exact = (text as string).toLowerCase();
    const result = await tx.run(
      `CALL db.index.fulltext.queryNodes($index, $query, { limit: 200 }) YIELD node, score
       WITH node, score, any(name IN [node.name, node.nameFi, node.nameSv, node.nameEn] + coalesce(node.aliases, []) WHERE name IS NOT NULL AND toLower(name) = $exact) AS exact
       RETURN node.id AS id ORDER BY exact DESC, score DESC LIMIT 10`,
      { index: ENTITY_NAME_INDEX, query: luceneQuery(searchWords(text as string)), exact },
    );
    const ids = result.records.map((record) => record.get("id") as string);
    return { first: ids[0] ?? null, hits: ids.length };
  },
  graphql: `query Search($text: String!) { search(text: $text, limit: 10) { node { id } } }`,
  normalise: (data) => ({ first: data.search[0]?.node.id ?? null, hits: data.search.length }),
};

export const BENCH_QUERIES: readonly BenchQuery[] = [
  lookup,
  funding,
  neighbourhood,
  shortestPath,
  fundersPerOffice,
  search,
];
