/**
 * T2 of the benchmark: the server a user would build instead of this project — Apollo Server's standalone
 * server and `@neo4j/graphql` on the same `schema/*.graphql`, no plugins, no limits, no cache — so the
 * benchmark can show whether this project is ahead of it. Where a benchmark question is not in the
 * generated API (funding, neighbourhood, shortestPath, search), it has what such a user would write: a few
 * types of their own and an Apollo resolver running the question's Cypher through the driver.
 *
 * `node --import tsx bench/starter-server.ts` with NEO4J_URI and PORT; prints `ready <url>` when it listens.
 * A benchmark peer, never part of the product.
 */
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j, { type Driver } from "neo4j-driver";
import { ENTITY_NAME_INDEX } from "../src/database/index.js";
import { luceneQuery, searchWords } from "../src/graph-reads/index.js";
import { readTypeDefs } from "../src/schema/index.js";

/** What the starter adds to the SDL for the questions the generated API does not answer. */
const STARTER_TYPE_DEFS = /* GraphQL */ `
  type EntityRef {
    id: ID!
    name: String!
  }
  type FundingRow {
    office: EntityRef!
    funder: EntityRef!
    validFrom: String
    validTo: String
  }
  type EdgeRef {
    type: String!
    fromId: ID!
    toId: ID!
  }
  type Neighbourhood {
    truncated: Boolean!
    nodes: [EntityRef!]!
    edges: [EdgeRef!]!
  }
  type Path {
    nodes: [EntityRef!]!
    edges: [EdgeRef!]!
  }
  type SearchHit {
    node: EntityRef!
  }
  type Query {
    funding(officeId: ID): [FundingRow!]!
    neighbourhood(id: ID!, depth: Int = 1, limit: Int = 200): Neighbourhood
    shortestPath(fromId: ID!, toId: ID!, maxLength: Int = 6): Path
    search(text: String!, limit: Int = 10): [SearchHit!]!
  }
`;

type Row = Record<string, unknown>;

/** Runs one read query and returns its records as plain objects, the way the driver's manual shows. */
async function read(driver: Driver, cypher: string, params: Row): Promise<Row[]> {
  const { records } = await driver.executeQuery(cypher, params, { database: "neo4j", routing: neo4j.routing.READ });
  return records.map((record) => record.toObject());
}

/** A path length or depth can't be a Cypher parameter: the user checks it and writes it into the text. */
function boundedInt(value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`must be ${min}–${max}`);
  return value;
}

function starterResolvers(driver: Driver) {
  return {
    Query: {
      funding: (_: unknown, { officeId }: { officeId?: string | null }) =>
        read(
          driver,
          `MATCH (f:Entity)-[r:FUNDS]->(o:Office) WHERE $officeId IS NULL OR o.id = $officeId
           RETURN o { .id, .name } AS office, f { .id, .name } AS funder, r.validFrom AS validFrom, r.validTo AS validTo`,
          { officeId: officeId ?? null },
        ),
      neighbourhood: async (_: unknown, { id, depth, limit }: { id: string; depth: number; limit: number }) => {
        const rows = await read(
          driver,
          `MATCH (s:Entity {id: $id})
           OPTIONAL MATCH (s)-[*1..${boundedInt(depth, 1, 4)}]-(x:Entity) WHERE x <> s
           WITH s, collect(DISTINCT x) AS others
           WITH [s] + others[..$limit - 1] AS nodes, size(others) >= $limit AS truncated
           CALL (nodes) {
             UNWIND nodes AS a
             MATCH (a)-[r]->(b:Entity) WHERE b IN nodes
             RETURN collect({ type: type(r), fromId: a.id, toId: b.id }) AS edges
           }
           RETURN [n IN nodes | n { .id, .name }] AS nodes, edges, truncated`,
          { id, limit: neo4j.int(boundedInt(limit, 1, 1000)) },
        );
        return rows[0] ?? null;
      },
      shortestPath: async (_: unknown, args: { fromId: string; toId: string; maxLength: number }) => {
        const rows = await read(
          driver,
          `MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
           MATCH p = shortestPath((a)-[*..${boundedInt(args.maxLength, 1, 10)}]-(b))
           RETURN [n IN nodes(p) | n { .id, .name }] AS nodes,
                  [r IN relationships(p) | { type: type(r), fromId: startNode(r).id, toId: endNode(r).id }] AS edges`,
          { fromId: args.fromId, toId: args.toId },
        );
        return rows[0] ?? null;
      },
      search: async (_: unknown, { text, limit }: { text: string; limit: number }) => {
        const rows = await read(
          driver,
          `CALL db.index.fulltext.queryNodes($index, $query, { limit: 200 }) YIELD node, score
           WITH node, score, any(name IN [node.name, node.nameFi, node.nameSv, node.nameEn] + coalesce(node.aliases, [])
                                 WHERE name IS NOT NULL AND toLower(name) = $exact) AS exact
           RETURN node { .id, .name } AS node ORDER BY exact DESC, score DESC LIMIT $limit`,
          {
            index: ENTITY_NAME_INDEX,
            query: luceneQuery(searchWords(text)),
            exact: text.toLowerCase(),
            limit: neo4j.int(boundedInt(limit, 1, 1000)),
          },
        );
        return rows;
      },
    },
  };
}

async function main(): Promise<void> {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error("set NEO4J_URI");
  const driver = neo4j.driver(uri);
  const neoSchema = new Neo4jGraphQL({
    typeDefs: [...(await readTypeDefs()), STARTER_TYPE_DEFS],
    resolvers: starterResolvers(driver),
    driver,
  });
  const server = new ApolloServer({ schema: await neoSchema.getSchema() });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(process.env.PORT ?? 4000), host: "127.0.0.1" },
  });
  process.stdout.write(`ready ${url}\n`);
  const stop = (): void => {
    void server
      .stop()
      .then(() => driver.close())
      .then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
