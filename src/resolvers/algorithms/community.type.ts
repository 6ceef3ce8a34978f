import { Field, Int, ObjectType } from "type-graphql";
import { GraphNode } from "../shared/graph-node.type.js";

@ObjectType({ description: "A community: entities more densely linked to each other than to the rest (Louvain)." })
export class Community {
  @Field(() => Int, { description: "1 for the largest community, then by size; stable for the same graph." })
  id!: number;

  @Field(() => Int, { description: "How many entities it has." })
  size!: number;

  @Field(() => [GraphNode], { description: "Its entities by name (at most 500; `size` counts them all)." })
  members!: GraphNode[];
}
