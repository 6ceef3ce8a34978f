import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { idArgument } from "../shared/arguments.js";
import { findEntity, toGraphNode } from "../shared/graph-records.js";
import { GraphNode } from "../shared/graph-node.type.js";
import type { ResolverContext } from "../shared/resolver-context.js";

@Resolver()
export class NodeResolver {
  @Query(() => GraphNode, { nullable: true, description: "One entity by id; null when no entity has that id." })
  async node(@Arg("id", () => ID) id: string, @Ctx() { db }: ResolverContext): Promise<GraphNode | null> {
    const wanted = idArgument("id", id);
    const row = await db.readStatements((tx) => findEntity(tx, wanted));
    return row ? toGraphNode(row) : null;
  }
}
