import type { GraphQLResolveInfo } from "graphql";
import { Args, ArgsType, Ctx, Field, Info, Int, Query, Resolver } from "type-graphql";
import { searchTextArgument, limitArgument, limitDescription } from "../shared/arguments.js";
import type { ResolverContext } from "../shared/resolver-context.js";
import { SearchHit } from "./search-hit.type.js";
import { searchEntities } from "./search.query.js";
import { selectedFields } from "../shared/selection.js";
import { nodeSelection } from "../shared/graph-records.js";

@ArgsType()
class SearchArgs {
  @Field(() => String, { description: "Words to look for, in any language; accents optional." })
  text!: string;

  @Field(() => Int, { nullable: true, defaultValue: 10, description: limitDescription("hits") })
  limit?: number | null;
}

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], {
    description:
      "Full-text search over every name in every language and every alias; accents optional; exact name matches first. " +
      "Each word also matches as a prefix, so it suggests as you type.",
  })
  async search(
    @Args(() => SearchArgs) { text, limit }: SearchArgs,
    @Ctx() { db }: ResolverContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SearchHit[]> {
    const query = searchTextArgument("text", text);
    const max = limitArgument(limit, 10);
    const selection = nodeSelection(selectedFields(info, ["node"]));
    return db.readStatements((tx) => searchEntities(tx, query, max, selection));
  }
}
