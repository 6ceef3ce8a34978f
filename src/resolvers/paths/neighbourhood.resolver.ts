import type { GraphQLResolveInfo } from "graphql";
import { Args, ArgsType, Ctx, Field, ID, Info, Int, Query, Resolver } from "type-graphql";
import { idArgument, integerArgument, limitArgument, limitDescription, unknownIdError } from "../shared/arguments.js";
import type { ResolverContext } from "../shared/resolver-context.js";
import { edgeSelection, nodeSelection } from "../shared/graph-records.js";
import { neighbourhoodCost } from "../shared/insight-costs.js";
import { MAX_DEPTH, findNeighbourhood } from "./neighbourhood.query.js";
import { selectedFields } from "../shared/selection.js";
import { Subgraph } from "./subgraph.type.js";
import { TraversalArgs, traversalFilter } from "../shared/traversal.js";

@ArgsType()
class NeighbourhoodArgs {
  @Field(() => ID, { description: "The entity to start from." })
  id!: string;

  @Field(() => Int, { nullable: true, defaultValue: 1, description: "How many hops to walk (1–4)." })
  depth?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 200, description: limitDescription("entities") })
  limit?: number | null;
}

@Resolver()
export class NeighbourhoodResolver {
  @Query(() => Subgraph, {
    description:
      "Entities within `depth` hops in either direction, and the relationships among them. Source nodes are not entities. `total` says how many there are beyond `limit` (a second, bounded walk, run only when `limit` cut the answer).",
    complexity: neighbourhoodCost,
  })
  async neighbourhood(
    // The traversal's arguments come second in the field (parameter decorators are applied last-first).
    @Args(() => TraversalArgs) traversal: TraversalArgs,
    @Args(() => NeighbourhoodArgs) args: NeighbourhoodArgs,
    @Ctx() { db }: ResolverContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Subgraph> {
    const startId = idArgument("id", args.id);
    const hops = integerArgument("depth", args.depth, 1, 1, MAX_DEPTH);
    const max = limitArgument(args.limit, 200);
    const filter = traversalFilter(traversal);
    const selected = selectedFields(info);
    const selection = {
      nodes: nodeSelection(selectedFields(info, ["nodes"])),
      edges: selected.has("edges") ? edgeSelection(selectedFields(info, ["edges"])) : undefined,
      undatedCounts: selected.has("undatedIncluded") || selected.has("undatedExcluded"),
      total: selected.has("total") || selected.has("totalExact"),
      firstHopTypes: selected.has("firstHopTypes"),
    };
    const subgraph = await db.readStatements((tx) => findNeighbourhood(tx, startId, hops, filter, max, selection));
    if (!subgraph) throw unknownIdError("id", startId);
    return subgraph;
  }
}
