/** `lookup(scheme, value)`: the entity an external identifier names (`wikidata` Q1757 is Helsinki). */
import { Args, ArgsType, Ctx, Field, Query, Resolver } from "type-graphql";
import { BadUserInputError } from "../../errors/index.js";
import { EXTERNAL_ID_SCHEMES, EXTERNAL_ID_SCHEME_NAMES, isExternalIdScheme } from "../../graph-data/index.js";
import { entitiesByExternalId } from "../../graph-reads/index.js";
import { findEntity, toGraphNode } from "../shared/graph-records.js";
import { GraphNode } from "../shared/graph-node.type.js";
import type { ResolverContext } from "../shared/resolver-context.js";

@ArgsType()
class LookupArgs {
  @Field(() => String, { description: `The scheme: ${EXTERNAL_ID_SCHEME_NAMES.join(", ")}.` })
  scheme!: string;

  @Field(() => String, { description: "The identifier in that scheme, e.g. `Q1757` (wikidata) or `FI` (iso3166)." })
  value!: string;
}

@Resolver()
export class LookupResolver {
  @Query(() => GraphNode, {
    nullable: true,
    description:
      "The entity an external identifier names (e.g. scheme `wikidata`, value `Q1757`: Helsinki); null when none does. BAD_USER_INPUT for an unknown scheme, a value not of its form, or an id that names more than one entity.",
  })
  async lookup(
    @Args(() => LookupArgs) { scheme, value }: LookupArgs,
    @Ctx() { db }: ResolverContext,
  ): Promise<GraphNode | null> {
    if (!isExternalIdScheme(scheme)) {
      throw new BadUserInputError("scheme", `\`scheme\` must be one of ${EXTERNAL_ID_SCHEME_NAMES.join(", ")}.`);
    }
    if (!EXTERNAL_ID_SCHEMES[scheme].pattern.test(value)) {
      throw new BadUserInputError(
        "value",
        `\`value\` is not a ${scheme} id (e.g. ${EXTERNAL_ID_SCHEMES[scheme].example}).`,
      );
    }
    return db.read(async (tx) => {
      const ids = (await entitiesByExternalId(tx, [{ scheme, value }])).get(`${scheme}:${value}`) ?? [];
      if (ids.length > 1) {
        throw new BadUserInputError(
          "value",
          `${scheme}:${value} names ${ids.length} entities: ${ids.slice(0, 5).join(", ")}.`,
        );
      }
      const row = ids[0] === undefined ? undefined : await findEntity(tx, ids[0]);
      return row ? toGraphNode(row) : null;
    });
  }
}
