import { Field, ObjectType } from "type-graphql";
import { GraphEdge } from "../shared/graph-edge.type.js";
import { GraphNode } from "../shared/graph-node.type.js";

@ObjectType({ description: "One relationship of an entity on its timeline, and the entity at its other end." })
export class TimelineEntry {
  @Field(() => GraphEdge, { description: "The relationship, with its validity interval, status and sources." })
  edge!: GraphEdge;

  @Field(() => GraphNode, { description: "The entity at the relationship's other end." })
  other!: GraphNode;
}
