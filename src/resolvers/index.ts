/**
 * The hand-written API, built with type-graphql: the insights fields (search, node, neighbourhood,
 * shortestPath, funding, graphStats) over parameterised Cypher in read transactions; the history (changes,
 * recordAsOf); and the write mutations on the one write path (upsertRecords, endRelationship, deleteRecords,
 * importGraph). `buildResolversSchema` returns
 * a schema holding only these fields; schema/ merges it with the generated API.
 */
import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { FundingResolver } from "./funding.resolver.js";
import { GraphStatsResolver } from "./graph-stats.resolver.js";
import { HistoryResolver } from "./history.resolver.js";
import { LookupResolver } from "./lookup.resolver.js";
import { NeighbourhoodResolver } from "./neighbourhood.resolver.js";
import { NodeResolver } from "./node.resolver.js";
import { SearchResolver } from "./search.resolver.js";
import { ShortestPathResolver } from "./shortest-path.resolver.js";
import { WriteResolver } from "./write.resolver.js";

export type { ResolverContext } from "./resolver-context.js";

export const RESOLVERS = [
  SearchResolver,
  NodeResolver,
  LookupResolver,
  NeighbourhoodResolver,
  ShortestPathResolver,
  FundingResolver,
  GraphStatsResolver,
  HistoryResolver,
  WriteResolver,
] as const;

export function buildResolversSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false });
}
