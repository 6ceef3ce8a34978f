import { Field, ObjectType } from "type-graphql";
import { GraphEdge } from "../shared/graph-edge.type.js";
import { GraphNode } from "../shared/graph-node.type.js";

@ObjectType({ description: "An entity linked to both of two entities, with the two relationships and their sources." })
export class SharedConnection {
  @Field(() => GraphNode, { description: "The shared partner, network, office, country …" })
  node!: GraphNode;

  @Field(() => GraphEdge, { description: "The relationship between the first entity (`aId`) and it." })
  fromA!: GraphEdge;

  @Field(() => GraphEdge, { description: "The relationship between the second entity (`bId`) and it." })
  fromB!: GraphEdge;
}
