import { Args, ArgsType, Ctx, Field, Query, Resolver } from "type-graphql";
import { asOfArgument, relationshipTypesArgument } from "./arguments.js";
import { Community } from "./community.type.js";
import { GDS_GATE } from "./gds-gate.js";
import { MAX_COMMUNITIES, MAX_COMMUNITY_MEMBERS, findCommunities } from "./gds.query.js";
import { GDS_RUN_COST } from "./insight-costs.js";
import type { ResolverContext } from "./resolver-context.js";
import { UNDATED_DESCRIPTION, UndatedClaims, undatedArgument } from "./undated-claims.type.js";

@ArgsType()
class CommunitiesArgs {
  @Field(() => String, {
    nullable: true,
    description: "A day (YYYY-MM-DD): the graph of relationships valid on it; all relationships when omitted.",
  })
  asOf?: string | null;

  @Field(() => UndatedClaims, { nullable: true, defaultValue: UndatedClaims.INCLUDE, description: UNDATED_DESCRIPTION })
  undated?: UndatedClaims | null;

  @Field(() => [String], { nullable: true, description: "Use only relationships of these types; all when omitted." })
  relationshipTypes?: string[] | null;
}

@Resolver()
export class CommunitiesResolver {
  @Query(() => [Community], {
    description: `Communities of the graph as of a day (Louvain, by Neo4j Graph Data Science; sources never count), largest first: at most ${MAX_COMMUNITIES}, each listing at most ${MAX_COMMUNITY_MEMBERS} members. Needs GDS: GDS_UNAVAILABLE otherwise.`,
    complexity: ({ childComplexity }) => 1 + GDS_RUN_COST + MAX_COMMUNITIES * childComplexity,
  })
  async communities(
    @Args(() => CommunitiesArgs) args: CommunitiesArgs,
    @Ctx() { db }: ResolverContext,
  ): Promise<Community[]> {
    const asOf = asOfArgument("asOf", args.asOf);
    const relationshipTypes = relationshipTypesArgument(args.relationshipTypes, null);
    return GDS_GATE.run(() => findCommunities(db, { asOf, relationshipTypes, undated: undatedArgument(args.undated) }));
  }
}
