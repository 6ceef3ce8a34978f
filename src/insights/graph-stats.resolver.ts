import { Ctx, Query, Resolver } from "type-graphql";
import { findGraphStats } from "./graph-stats.query.js";
import { GraphStats } from "./graph-stats.type.js";
import type { InsightsContext } from "./insights-context.js";

@Resolver()
export class GraphStatsResolver {
  @Query(() => GraphStats, { description: "How big the graph is: nodes and relationships, by kind and by type." })
  async graphStats(@Ctx() { db }: InsightsContext): Promise<GraphStats> {
    return db.read(findGraphStats);
  }
}
