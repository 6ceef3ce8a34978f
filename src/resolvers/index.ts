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
import { ActivitySeriesResolver } from "./research/activity-series.resolver.js";
import { CentralityResolver } from "./algorithms/centrality.resolver.js";
import { CommunitiesResolver } from "./algorithms/communities.resolver.js";
import { CompareResolver } from "./research/compare.resolver.js";
import { CorroborationResolver } from "./research/corroboration.resolver.js";
import { FundingResolver } from "./dashboard/funding.resolver.js";
import { GraphStatsResolver } from "./dashboard/graph-stats.resolver.js";
import { HistoryResolver } from "./history/history.resolver.js";
import { LookupResolver } from "./search/lookup.resolver.js";
import { NeighbourhoodResolver } from "./paths/neighbourhood.resolver.js";
import { NodeResolver } from "./search/node.resolver.js";
import { PeersResolver } from "./research/peers.resolver.js";
import { RelationshipStateResolver } from "./shared/relationship-state.resolver.js";
import { SearchResolver } from "./search/search.resolver.js";
import { SharedConnectionsResolver } from "./paths/shared-connections.resolver.js";
import { ShortestPathResolver } from "./paths/shortest-path.resolver.js";
import { TimelineResolver } from "./research/timeline.resolver.js";
import { ViewerResolver } from "./write/viewer.resolver.js";
import { WriteResolver } from "./write/write.resolver.js";

export type { ResolverContext } from "./shared/resolver-context.js";
export { DEFAULT_WORK_GATES, type SharedRunCounter, type WorkGates, createWorkGates } from "./algorithms/gds-gate.js";

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
