import { Args, ArgsType, Ctx, Field, ID, Int, Query, Resolver } from "type-graphql";
import { idArgument, integerArgument, unknownIdError } from "../shared/arguments.js";
import { Corroboration, CorroborationClass } from "./corroboration.type.js";
import { findCorroboration } from "./corroboration.query.js";
import { DEFAULT_WORK_GATES, UNKNOWN_CLIENT } from "../algorithms/gds-gate.js";
import { findEntity } from "../shared/graph-records.js";
import { scanOf } from "../shared/insight-costs.js";
import type { ResolverContext } from "../shared/resolver-context.js";

/** The most ties one page holds. */
export const MAX_TIES = 1000;

@ArgsType()
class CorroborationArgs {
  @Field(() => ID, { nullable: true, description: "One entity's ties; every tie in the graph when omitted." })
  entityId?: string | null;

  @Field(() => [CorroborationClass], { nullable: true, description: "Only ties in one of these classes." })
  classes?: CorroborationClass[] | null;

  @Field(() => Int, { nullable: true, defaultValue: 200, description: `Ties per page (1–${MAX_TIES}).` })
  limit?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: "Ties to skip (paging)." })
  offset?: number | null;
}

@Resolver()
export class CorroborationResolver {
  @Query(() => Corroboration, {
    description:
      "Which ties (`PARTNER_OF`, any direction) official sources back, the crowd alone states, a party denies, or an official source says ended after the crowd's snapshot — each with the claims and sources behind its classes. For one entity, or the whole graph.",
    complexity: scanOf(MAX_TIES),
  })
  async corroboration(
    @Args(() => CorroborationArgs) args: CorroborationArgs,
    @Ctx() { db, client, gates }: ResolverContext,
  ): Promise<Corroboration> {
    const entityId =
      args.entityId === null || args.entityId === undefined ? null : idArgument("entityId", args.entityId);
    const limit = integerArgument("limit", args.limit, 200, 1, MAX_TIES);
    const offset = integerArgument("offset", args.offset, 0, 0, 1_000_000);
    const read = () =>
      db.read(async (tx) => {
        if (entityId !== null && !(await findEntity(tx, entityId))) throw unknownIdError("entityId", entityId);
        return findCorroboration(tx, {
          entityId,
          classes: args.classes ?? null,
          limit,
          offset,
          today: new Date().toISOString().slice(0, 10),
        });
      });
    // The whole graph is read once: it waits its turn with the other whole-graph reads.
    return entityId !== null ? read() : (gates ?? DEFAULT_WORK_GATES).scans.run(client ?? UNKNOWN_CLIENT, read);
  }
}
