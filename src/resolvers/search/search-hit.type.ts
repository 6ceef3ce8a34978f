import { Field, Float, ObjectType } from "type-graphql";
import { GraphNode } from "../shared/graph-node.type.js";

@ObjectType({ description: "An entity matching a search." })
export class SearchHit {
  @Field(() => GraphNode)
  node!: GraphNode;

  @Field(() => Float, { description: "Relevance in (0, 1]: 1 for an exact name or alias match; hits come best first." })
  score!: number;
}
