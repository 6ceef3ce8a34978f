import type { GraphQLResolveInfo } from "graphql";
import { Args, ArgsType, Ctx, Field, ID, Info, Int, Query, Resolver } from "type-graphql";
import { idArgument, integerArgument, unknownIdError } from "../shared/arguments.js";
import { edgeSelection, findEntity, nodeSelection, toGraphNode } from "../shared/graph-records.js";
import { selectedFields } from "../shared/selection.js";
import type { ResolverContext } from "../shared/resolver-context.js";
import { MAX_PATH_LENGTH, findShortestPath } from "./shortest-path.query.js";
import { GraphPath } from "./subgraph.type.js";
import { TraversalArgs, traversalFilter } from "../shared/traversal.js";

@ArgsType()
class ShortestPathArgs {
  @Field(() => ID, { description: "Where the path starts." })
  fromId!: string;

  @Field(() => ID, { description: "Where the path ends." })
  toId!: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 6,
    description: `The longest path to look for (1–${MAX_PATH_LENGTH} relationships).`,
  })
  maxLength?: number | null;
}

@Resolver()
export class ShortestPathResolver {
  @Query(() => GraphPath, {
    nullable: true,
    description: "A shortest path in either direction; null when there is none within maxLength.",
  })
  async shortestPath(
    // The traversal's arguments come second in the field (parameter decorators are applied last-first).
    @Args(() => TraversalArgs) traversal: TraversalArgs,
    @Args(() => ShortestPathArgs) args: ShortestPathArgs,
    @Ctx() { db }: ResolverContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<GraphPath | null> {
    const from = idArgument("fromId", args.fromId);
    const to = idArgument("toId", args.toId);
    const length = integerArgument("maxLength", args.maxLength, 6, 1, MAX_PATH_LENGTH);
    const filter = traversalFilter(traversal);
    const selection = {
      nodes: nodeSelection(selectedFields(info, ["nodes"])),
      edges: edgeSelection(selectedFields(info, ["edges"])),
    };
    return db.readStatements(async (tx) => {
      if (from === to) {
        const start = await findEntity(tx, from);
        if (!start) throw unknownIdError("fromId", from);
        return { nodes: [toGraphNode(start)], edges: [] };
      }
      // One statement: the path, or which id is unknown.
      const answer = await findShortestPath(tx, from, to, length, filter, selection);
      if (!answer.fromFound) throw unknownIdError("fromId", from);
      if (!answer.toFound) throw unknownIdError("toId", to);
      return answer.path;
    });
  }
}
