import { Field, ObjectType } from "type-graphql";
import { Citation } from "./graph-edge.type.js";
import { GraphNode } from "./graph-node.type.js";

@ObjectType({ description: "One funder of one office (a `FUNDS` relationship)." })
export class Funding {
  @Field(() => GraphNode)
  office!: GraphNode;

  @Field(() => GraphNode, { description: "The city or organisation that funds the office." })
  funder!: GraphNode;

  @Field(() => String, { nullable: true })
  validFrom!: string | null;

  @Field(() => String, { nullable: true })
  validTo!: string | null;

  @Field(() => [Citation])
  sources!: Citation[];
}
