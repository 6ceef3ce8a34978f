import { Args, ArgsType, Ctx, Field, ID, Int, Query, Resolver } from "type-graphql";
import { idArgument, integerArgument, relationshipTypesArgument, unknownIdError } from "../shared/arguments.js";
import { findEntity } from "../shared/graph-records.js";
import type { ResolverContext } from "../shared/resolver-context.js";
import { TimelineEntry } from "./timeline-entry.type.js";
import { findTimeline } from "./timeline.query.js";

@ArgsType()
class TimelineArgs {
  @Field(() => ID, { description: "The entity whose relationships to lay out." })
  entityId!: string;

  @Field(() => [String], { nullable: true, description: "Only relationships of these types; all when omitted." })
  relationshipTypes?: string[] | null;

  @Field(() => Int, { nullable: true, defaultValue: 200, description: "At most this many relationships (1–1000)." })
  limit?: number | null;
}

@Resolver()
export class TimelineResolver {
  @Query(() => [TimelineEntry], {
    description:
      "An entity's relationships (either direction) with their validity intervals and sources, by start date; undated starts last.",
  })
  async timeline(
    @Args(() => TimelineArgs) args: TimelineArgs,
    @Ctx() { db }: ResolverContext,
  ): Promise<TimelineEntry[]> {
    const entityId = idArgument("entityId", args.entityId);
    const relationshipTypes = relationshipTypesArgument(args.relationshipTypes, null);
    const limit = integerArgument("limit", args.limit, 200, 1, 1000);
    return db.read(async (tx) => {
      if (!(await findEntity(tx, entityId))) throw unknownIdError("entityId", entityId);
      return findTimeline(tx, entityId, relationshipTypes, limit);
    });
  }
}
