import { Args, ArgsType, Ctx, Field, Int, Query, Resolver } from "type-graphql";
import { integerArgument, kindsArgument } from "../shared/arguments.js";
import { DEFAULT_WORK_GATES, UNKNOWN_CLIENT } from "./gds-gate.js";
import { rememberedAnswer } from "./gds-memo.js";
import { CLOSENESS_MAX_NODES, findCentrality } from "./gds.query.js";
import { GDS_RUN_COST } from "../shared/insight-costs.js";
import { CentralityAlgorithm, NodeScore } from "./node-score.type.js";
import { GraphAlgorithmArgs, graphAlgorithmFilter } from "./graph-algorithm-args.js";
import type { ResolverContext } from "../shared/resolver-context.js";

@ArgsType()
class CentralityArgs extends GraphAlgorithmArgs {
  @Field(() => CentralityAlgorithm, { description: "The measure." })
  algorithm!: CentralityAlgorithm;

  @Field(() => [String], {
    nullable: true,
    description: "Rank only entities of these kinds (e.g. `Organization`); the measure still uses the whole graph.",
  })
  kinds?: string[] | null;

  @Field(() => Int, { nullable: true, defaultValue: 20, description: "At most this many entities (1–1000)." })
  limit?: number | null;
}

@Resolver()
export class CentralityResolver {
  @Query(() => [NodeScore], {
    description: `The most central entities as of a day, by Neo4j Graph Data Science on the graph of entities (sources never count) and relationships read in both directions; entities without a relationship that day are not ranked. BETWEENNESS is exact on small graphs and sampled from as many sources as a fixed work budget allows on large ones; CLOSENESS is refused above ${CLOSENESS_MAX_NODES}. Needs GDS: GDS_UNAVAILABLE otherwise.`,
    complexity: ({ args, childComplexity }) =>
      1 + GDS_RUN_COST + Math.min(Math.max(Number(args.limit) || 20, 1), 1000) * childComplexity,
  })
  async centrality(
    @Args(() => CentralityArgs) args: CentralityArgs,
    @Ctx() { db, client, gates }: ResolverContext,
  ): Promise<NodeScore[]> {
    const kinds = kindsArgument("kinds", args.kinds);
    const limit = integerArgument("limit", args.limit, 20, 1, 1000);
    const filter = await graphAlgorithmFilter(db, args);
    const request = { ...filter, algorithm: args.algorithm, kinds, limit };
    return rememberedAnswer(db, "centrality", request, (normalised) =>
      (gates ?? DEFAULT_WORK_GATES).algorithms.run(client ?? UNKNOWN_CLIENT, () => findCentrality(db, normalised)),
    );
  }
}
