import { Args, ArgsType, Ctx, Field, ID, Int, Query, Resolver } from "type-graphql";
import {
  MAX_YEAR_SPAN,
  idArgument,
  relationshipTypesArgument,
  unknownIdError,
  yearRangeArguments,
} from "../shared/arguments.js";
import { findActivitySeries } from "./activity-series.query.js";
import { findEntity } from "../shared/graph-records.js";
import { scanOf } from "../shared/insight-costs.js";
import { DEFAULT_WORK_GATES, UNKNOWN_CLIENT } from "../algorithms/gds-gate.js";
import type { ResolverContext } from "../shared/resolver-context.js";
import { UNDATED_DESCRIPTION, UndatedClaims, undatedArgument } from "../shared/undated-claims.type.js";
import { YearActivity } from "./year-activity.type.js";

@ArgsType()
class ActivitySeriesArgs {
  @Field(() => Int, { description: "The first year." })
  fromYear!: number;

  @Field(() => Int, { description: `The last year (at most ${MAX_YEAR_SPAN} years after \`fromYear\`).` })
  toYear!: number;

  @Field(() => [String], { nullable: true, description: "Only relationships of these types; all when omitted." })
  relationshipTypes?: string[] | null;

  @Field(() => ID, { nullable: true, description: "Only this entity's relationships." })
  entityId?: string | null;

  @Field(() => UndatedClaims, { nullable: true, defaultValue: UndatedClaims.INCLUDE, description: UNDATED_DESCRIPTION })
  undated?: UndatedClaims | null;
}

@Resolver()
export class ActivitySeriesResolver {
  @Query(() => [YearActivity], {
    description:
      "Per year from `fromYear` to `toYear`: relationships in force on 1 July, and in force ones that started and ended in the year. Suspended periods and steps before a membership do not count.",
    complexity: scanOf(MAX_YEAR_SPAN + 1),
  })
  async activitySeries(
    @Args(() => ActivitySeriesArgs) args: ActivitySeriesArgs,
    @Ctx() { db, client, gates }: ResolverContext,
  ): Promise<YearActivity[]> {
    const { fromYear, toYear } = yearRangeArguments(args.fromYear, args.toYear);
    const relationshipTypes = relationshipTypesArgument(args.relationshipTypes, null);
    const entityId =
      args.entityId === null || args.entityId === undefined ? null : idArgument("entityId", args.entityId);
    const undated = undatedArgument(args.undated);
    const read = () =>
      db.read(async (tx) => {
        if (entityId && !(await findEntity(tx, entityId))) throw unknownIdError("entityId", entityId);
        return findActivitySeries(tx, { fromYear, toYear, entityId, relationshipTypes, undated });
      });
    return entityId ? read() : (gates ?? DEFAULT_WORK_GATES).scans.run(client ?? UNKNOWN_CLIENT, read);
  }
}
