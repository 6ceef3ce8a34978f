import { Args, ArgsType, Ctx, Field, ID, Query, Resolver } from "type-graphql";
import { BadUserInputError } from "../../errors/index.js";
import { idArgument } from "../shared/arguments.js";
import { Community } from "./community.type.js";
import { DEFAULT_WORK_GATES, UNKNOWN_CLIENT } from "./gds-gate.js";
import { rememberedAnswer } from "./gds-memo.js";
import { MAX_COMMUNITIES, MAX_COMMUNITY_MEMBERS, MAX_SCOPE_ENTITIES, findCommunities } from "./gds.query.js";
import { GraphAlgorithmArgs, graphAlgorithmFilter } from "./graph-algorithm-args.js";
import { GDS_RUN_COST } from "../shared/insight-costs.js";
import type { ResolverContext } from "../shared/resolver-context.js";

@ArgsType()
class CommunitiesArgs extends GraphAlgorithmArgs {
  @Field(() => [ID], {
    nullable: true,
    description: `Only the communities holding these entities (1 to ${MAX_SCOPE_ENTITIES}), which list them first among their members ("which community is Helsinki in?"); ids still count among all communities.`,
  })
  containing?: string[] | null;
}

@Resolver()
export class CommunitiesResolver {
  @Query(() => [Community], {
    description: `Communities of the graph as of a day (Louvain, by Neo4j Graph Data Science; sources never count), largest first: at most ${MAX_COMMUNITIES}, each listing at most ${MAX_COMMUNITY_MEMBERS} members. Needs GDS: GDS_UNAVAILABLE otherwise.`,
    complexity: ({ childComplexity }) => 1 + GDS_RUN_COST + MAX_COMMUNITIES * childComplexity,
  })
  async communities(
    @Args(() => CommunitiesArgs) args: CommunitiesArgs,
    @Ctx() { db, client, gates }: ResolverContext,
  ): Promise<Community[]> {
    const containing = containingArgument(args.containing);
    const filter = await graphAlgorithmFilter(db, args);
    return rememberedAnswer(db, "communities", { ...filter, containing }, (normalised) =>
      (gates ?? DEFAULT_WORK_GATES).algorithms.run(client ?? UNKNOWN_CLIENT, () =>
        findCommunities(db, normalised, normalised.containing),
      ),
    );
  }
}

/** At most MAX_SCOPE_ENTITIES ids; an id no entity has simply matches no community. */
function containingArgument(values: readonly string[] | null | undefined): string[] | null {
  if (values === null || values === undefined) return null;
  if (values.length === 0 || values.length > MAX_SCOPE_ENTITIES) {
    throw new BadUserInputError("containing", `\`containing\` must name 1 to ${MAX_SCOPE_ENTITIES} entities.`);
  }
  return [...new Set(values.map((id, index) => idArgument(`containing[${index}]`, id)))];
}
