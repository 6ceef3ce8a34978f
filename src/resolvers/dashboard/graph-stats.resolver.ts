import { Ctx, Query, Resolver } from "type-graphql";
import { findGraphStats } from "./graph-stats.query.js";
import { GraphStats } from "./graph-stats.type.js";
import type { ResolverContext } from "../shared/resolver-context.js";

@Resolver()
export class GraphStatsResolver {
  @Query(() => GraphStats, { description: "How big the graph is: nodes and relationships, by kind and by type." })
  async graphStats(@Ctx() { db }: ResolverContext): Promise<GraphStats> {
    return db.readStatements(findGraphStats);
  }
}
