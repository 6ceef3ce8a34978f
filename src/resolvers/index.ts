/**
 * The hand-written API, built with type-graphql: the insights fields (search, node, lookup, neighbourhood,
 * shortestPath, funding, graphStats) and the research fields (compare, timeline, centrality, communities,
 * sharedConnections, activitySeries, corroboration, peers) over parameterised Cypher in read transactions; the history (changes,
 * recordAsOf, deletedRecords); the caller (viewer); and the write mutations on the one write path (upsertRecords, endRelationship, deleteRecords,
 * revertChange, importGraph). `buildResolversSchema` returns
 * a schema holding only these fields; schema/ merges it with the generated API.
 */
import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { ActivitySeriesResolver } from "./activity-series.resolver.js";
import { CentralityResolver } from "./centrality.resolver.js";
import { CommunitiesResolver } from "./communities.resolver.js";
import { CompareResolver } from "./compare.resolver.js";
import { CorroborationResolver } from "./corroboration.resolver.js";
import { FundingResolver } from "./funding.resolver.js";
import { GraphStatsResolver } from "./graph-stats.resolver.js";
import { HistoryResolver } from "./history.resolver.js";
import { LookupResolver } from "./lookup.resolver.js";
import { NeighbourhoodResolver } from "./neighbourhood.resolver.js";
import { NodeResolver } from "./node.resolver.js";
import { PeersResolver } from "./peers.resolver.js";
import { RelationshipStateResolver } from "./relationship-state.resolver.js";
import { SearchResolver } from "./search.resolver.js";
import { SharedConnectionsResolver } from "./shared-connections.resolver.js";
import { ShortestPathResolver } from "./shortest-path.resolver.js";
import { TimelineResolver } from "./timeline.resolver.js";
import { ViewerResolver } from "./viewer.resolver.js";
import { WriteResolver } from "./write.resolver.js";

export type { ResolverContext } from "./resolver-context.js";
export { DEFAULT_WORK_GATES, type SharedRunCounter, type WorkGates, createWorkGates } from "./gds-gate.js";

export const RESOLVERS = [
  SearchResolver,
  NodeResolver,
  LookupResolver,
  NeighbourhoodResolver,
  ShortestPathResolver,
  FundingResolver,
  GraphStatsResolver,
  CompareResolver,
  TimelineResolver,
  CentralityResolver,
  CommunitiesResolver,
  SharedConnectionsResolver,
  ActivitySeriesResolver,
  CorroborationResolver,
  PeersResolver,
  HistoryResolver,
  WriteResolver,
  ViewerResolver,
  RelationshipStateResolver,
] as const;

export function buildResolversSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false });
}
