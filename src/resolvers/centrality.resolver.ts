import { Args, ArgsType, Ctx, Field, Int, Query, Resolver } from "type-graphql";
import { asOfArgument, integerArgument, kindsArgument, relationshipTypesArgument } from "./arguments.js";
import { GDS_GATE } from "./gds-gate.js";
import { CLOSENESS_MAX_NODES, findCentrality } from "./gds.query.js";
import { GDS_RUN_COST } from "./insight-costs.js";
import { CentralityAlgorithm, NodeScore } from "./node-score.type.js";
import type { ResolverContext } from "./resolver-context.js";
import { UNDATED_DESCRIPTION, UndatedClaims, undatedArgument } from "./undated-claims.type.js";

@ArgsType()
class CentralityArgs {
  @Field(() => CentralityAlgorithm, { description: "The measure." })
  algorithm!: CentralityAlgorithm;

  @Field(() => String, {
    nullable: true,
    description: "A day (YYYY-MM-DD): the graph of relationships valid on it; all relationships when omitted.",
  })
  asOf?: string | null;

  @Field(() => UndatedClaims, { nullable: true, defaultValue: UndatedClaims.INCLUDE, description: UNDATED_DESCRIPTION })
  undated?: UndatedClaims | null;

  @Field(() => [String], {
    nullable: true,
    description: "Rank only entities of these kinds (e.g. `Organization`); the measure still uses the whole graph.",
  })
  kinds?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Use only relationships of these types; all when omitted." })
  relationshipTypes?: string[] | null;

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
    @Ctx() { db }: ResolverContext,
  ): Promise<NodeScore[]> {
    const asOf = asOfArgument("asOf", args.asOf);
    const kinds = kindsArgument("kinds", args.kinds);
    const relationshipTypes = relationshipTypesArgument(args.relationshipTypes, null);
    const limit = integerArgument("limit", args.limit, 20, 1, 1000);
    const undated = undatedArgument(args.undated);
    return GDS_GATE.run(() =>
      findCentrality(db, { algorithm: args.algorithm, asOf, kinds, relationshipTypes, limit, undated }),
    );
  }
}
