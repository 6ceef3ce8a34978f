/**
 * The insights API: hand-written fields (search, node, neighbourhood, shortestPath, funding, graphStats;
 * changes, recordAsOf and the importGraph mutation) built with type-graphql over parameterised Cypher in read transactions. `buildResolversSchema` returns
 * a schema holding only these fields; schema/ merges it with the generated API.
 */
import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { FundingResolver } from "./funding.resolver.js";
import { GraphStatsResolver } from "./graph-stats.resolver.js";
import { HistoryResolver } from "./history.resolver.js";
import { NeighbourhoodResolver } from "./neighbourhood.resolver.js";
import { NodeResolver } from "./node.resolver.js";
import { SearchResolver } from "./search.resolver.js";
import { ShortestPathResolver } from "./shortest-path.resolver.js";

export type { ResolverContext } from "./resolver-context.js";

export const RESOLVERS = [
  SearchResolver,
  NodeResolver,
  NeighbourhoodResolver,
  ShortestPathResolver,
  FundingResolver,
  GraphStatsResolver,
  HistoryResolver,
] as const;

export function buildResolversSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false });
}
