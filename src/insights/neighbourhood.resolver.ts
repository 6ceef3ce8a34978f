import { Arg, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import { asOfArgument, idArgument, integerArgument, unknownIdError } from "./arguments.js";
import type { InsightsContext } from "./insights-context.js";
import { findNeighbourhood } from "./neighbourhood.query.js";
import { Subgraph } from "./subgraph.type.js";

@Resolver()
export class NeighbourhoodResolver {
  @Query(() => Subgraph, {
    description:
      "Entities within `depth` hops in either direction, and the relationships among them. Source nodes are not entities. " +
      "`depth` 1–4; `asOf` (YYYY-MM-DD) keeps only relationships valid that day; at most `limit` (1–1000) entities.",
  })
  async neighbourhood(
    @Arg("id", () => ID) id: string,
    @Arg("depth", () => Int, { nullable: true, defaultValue: 1 }) depth: number | null,
    @Arg("asOf", () => String, { nullable: true }) asOf: string | null,
    @Arg("limit", () => Int, { nullable: true, defaultValue: 200 }) limit: number | null,
    @Ctx() { db }: InsightsContext,
  ): Promise<Subgraph> {
    const startId = idArgument("id", id);
    const hops = integerArgument("depth", depth, 1, 1, 4);
    const day = asOfArgument("asOf", asOf);
    const max = integerArgument("limit", limit, 200, 1, 1000);
    const subgraph = await db.read((tx) => findNeighbourhood(tx, startId, hops, day, max));
    if (!subgraph) throw unknownIdError("id", startId);
    return subgraph;
  }
}
