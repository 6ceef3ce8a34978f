import { Args, ArgsType, Ctx, Field, ID, Query, Resolver } from "type-graphql";
import { BadUserInputError } from "../../errors/index.js";
import { dateRangeArguments, idArgument, relationshipTypesArgument, unknownIdError } from "../shared/arguments.js";
import { MAX_CHANGES, findChanges } from "./compare.query.js";
import { GraphDiff } from "./graph-diff.type.js";
import { findEntity } from "../shared/graph-records.js";
import { scanOf } from "../shared/insight-costs.js";
import { DEFAULT_WORK_GATES, UNKNOWN_CLIENT } from "../algorithms/gds-gate.js";
import type { ResolverContext } from "../shared/resolver-context.js";
import { UNDATED_DESCRIPTION, UndatedClaims, undatedArgument } from "../shared/undated-claims.type.js";

@ArgsType()
class CompareArgs {
  @Field(() => String, { description: "The earlier day (YYYY-MM-DD)." })
  from!: string;

  @Field(() => String, { description: "The later day (YYYY-MM-DD), at most 200 years after `from`." })
  to!: string;

  @Field(() => ID, { nullable: true, description: "Only this entity's relationships." })
  entityId?: string | null;

  @Field(() => [String], { nullable: true, description: "Only relationships of these types; all when omitted." })
  relationshipTypes?: string[] | null;

  @Field(() => UndatedClaims, { nullable: true, defaultValue: UndatedClaims.INCLUDE, description: UNDATED_DESCRIPTION })
  undated?: UndatedClaims | null;
}

@Resolver()
export class CompareResolver {
  @Query(() => GraphDiff, {
    description: `What changed between two days: relationships that started (valid on \`to\`, not on \`from\`) and ended (the reverse), with their sources. At most ${MAX_CHANGES} changes; narrow a larger answer with \`entityId\` or \`relationshipTypes\`.`,
    complexity: scanOf(MAX_CHANGES),
  })
  async compare(
    @Args(() => CompareArgs) args: CompareArgs,
    @Ctx() { db, client, gates }: ResolverContext,
  ): Promise<GraphDiff> {
    const { from, to } = dateRangeArguments(args.from, args.to);
    const entityId =
      args.entityId === null || args.entityId === undefined ? null : idArgument("entityId", args.entityId);
    const relationshipTypes = relationshipTypesArgument(args.relationshipTypes, null);
    const undated = undatedArgument(args.undated);
    const read = () =>
      db.read(async (tx) => {
        if (entityId && !(await findEntity(tx, entityId))) throw unknownIdError("entityId", entityId);
        return findChanges(tx, { from, to, entityId, relationshipTypes, undated });
      });
    const diff = entityId
      ? await read()
      : await (gates ?? DEFAULT_WORK_GATES).scans.run(client ?? UNKNOWN_CLIENT, read);
    if (!diff) {
      throw new BadUserInputError(
        entityId ? "relationshipTypes" : "entityId",
        `More than ${MAX_CHANGES} relationships changed between ${from} and ${to}: narrow the question with ` +
          "`entityId` or `relationshipTypes`, or bring the days closer.",
      );
    }
    return diff;
  }
}
