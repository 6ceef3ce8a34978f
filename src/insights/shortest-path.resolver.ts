import { Arg, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import { asOfArgument, idArgument, integerArgument, unknownIdError } from "./arguments.js";
import { findEntity, toGraphNode } from "./graph-records.js";
import type { InsightsContext } from "./insights-context.js";
import { MAX_PATH_LENGTH, findShortestPath } from "./shortest-path.query.js";
import { GraphPath } from "./subgraph.type.js";

@Resolver()
export class ShortestPathResolver {
  @Query(() => GraphPath, {
    nullable: true,
    description: `A shortest path in either direction; null when there is none within maxLength (1–${MAX_PATH_LENGTH}). \`asOf\` (YYYY-MM-DD) uses only relationships valid that day.`,
  })
  async shortestPath(
    @Arg("fromId", () => ID) fromId: string,
    @Arg("toId", () => ID) toId: string,
    @Arg("maxLength", () => Int, { nullable: true, defaultValue: 6 }) maxLength: number | null,
    @Arg("asOf", () => String, { nullable: true }) asOf: string | null,
    @Ctx() { db }: InsightsContext,
  ): Promise<GraphPath | null> {
    const from = idArgument("fromId", fromId);
    const to = idArgument("toId", toId);
    const length = integerArgument("maxLength", maxLength, 6, 1, MAX_PATH_LENGTH);
    const day = asOfArgument("asOf", asOf);
    return db.read(async (tx) => {
      const start = await findEntity(tx, from);
      if (!start) throw unknownIdError("fromId", from);
      if (!(await findEntity(tx, to))) throw unknownIdError("toId", to);
      if (from === to) return { nodes: [toGraphNode(start)], edges: [] };
      return findShortestPath(tx, from, to, length, day);
    });
  }
}
