import { Args, ArgsType, Ctx, Field, ID, Int, Query, Resolver } from "type-graphql";
import {
  asOfArgument,
  idArgument,
  integerArgument,
  relationshipTypesArgument,
  unknownIdError,
  limitArgument,
  limitDescription,
} from "./arguments.js";
import type { ResolverContext } from "./resolver-context.js";
import { findNeighbourhood } from "./neighbourhood.query.js";
import { Subgraph } from "./subgraph.type.js";

@ArgsType()
class NeighbourhoodArgs {
  @Field(() => ID, { description: "The entity to start from." })
  id!: string;

  @Field(() => Int, { nullable: true, defaultValue: 1, description: "How many hops to walk (1–4)." })
  depth?: number | null;

  @Field(() => String, { nullable: true, description: "A day (YYYY-MM-DD): keep only relationships valid on it." })
  asOf?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 200, description: limitDescription("entities") })
  limit?: number | null;

  @Field(() => [String], {
    nullable: true,
    description: "Follow only relationships of these types (e.g. `FUNDS`, `PARTNER_OF`); all types when omitted.",
  })
  relationshipTypes?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "Never follow relationships of these types (e.g. `IN_COUNTRY` to leave geography out).",
  })
  excludeRelationshipTypes?: string[] | null;
}

@Resolver()
export class NeighbourhoodResolver {
  @Query(() => Subgraph, {
    description:
      "Entities within `depth` hops in either direction, and the relationships among them. Source nodes are not entities.",
  })
  async neighbourhood(
    @Args(() => NeighbourhoodArgs) args: NeighbourhoodArgs,
    @Ctx() { db }: ResolverContext,
  ): Promise<Subgraph> {
    const startId = idArgument("id", args.id);
    const hops = integerArgument("depth", args.depth, 1, 1, 4);
    const day = asOfArgument("asOf", args.asOf);
    const max = limitArgument(args.limit, 200);
    const relationshipTypes = relationshipTypesArgument(args.relationshipTypes, args.excludeRelationshipTypes);
    const subgraph = await db.read((tx) => findNeighbourhood(tx, startId, hops, { asOf: day, relationshipTypes }, max));
    if (!subgraph) throw unknownIdError("id", startId);
    return subgraph;
  }
}
