import { Args, ArgsType, Ctx, Field, ID, Query, Resolver } from "type-graphql";
import { BadUserInputError } from "../../errors/index.js";
import { asOfArgument, idArgument, unknownIdError } from "../shared/arguments.js";
import { findEntity } from "../shared/graph-records.js";
import { listOf } from "../shared/insight-costs.js";
import type { ResolverContext } from "../shared/resolver-context.js";
import { SharedConnection } from "./shared-connection.type.js";
import { UNDATED_DESCRIPTION, UndatedClaims, undatedArgument } from "../shared/undated-claims.type.js";
import { MAX_SHARED, findSharedConnections } from "./shared-connections.query.js";

@ArgsType()
class SharedConnectionsArgs {
  @Field(() => ID, { description: "One entity." })
  aId!: string;

  @Field(() => ID, { description: "The other entity." })
  bId!: string;

  @Field(() => String, { nullable: true, description: "A day (YYYY-MM-DD): only relationships valid on it." })
  asOf?: string | null;

  @Field(() => UndatedClaims, { nullable: true, defaultValue: UndatedClaims.INCLUDE, description: UNDATED_DESCRIPTION })
  undated?: UndatedClaims | null;
}

@Resolver()
export class SharedConnectionsResolver {
  @Query(() => [SharedConnection], {
    description: `Entities linked to both \`aId\` and \`bId\` (shared partners, networks, offices, countries), each with the two relationships and their sources, by name; at most ${MAX_SHARED}.`,
    complexity: listOf(MAX_SHARED),
  })
  async sharedConnections(
    @Args(() => SharedConnectionsArgs) args: SharedConnectionsArgs,
    @Ctx() { db }: ResolverContext,
  ): Promise<SharedConnection[]> {
    const aId = idArgument("aId", args.aId);
    const bId = idArgument("bId", args.bId);
    const asOf = asOfArgument("asOf", args.asOf);
    const undated = undatedArgument(args.undated);
    if (aId === bId) throw new BadUserInputError("bId", "`aId` and `bId` must be two different entities.");
    return db.read(async (tx) => {
      if (!(await findEntity(tx, aId))) throw unknownIdError("aId", aId);
      if (!(await findEntity(tx, bId))) throw unknownIdError("bId", bId);
      return findSharedConnections(tx, aId, bId, asOf, undated);
    });
  }
}
