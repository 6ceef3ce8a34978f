import { Field, Int, ObjectType } from "type-graphql";
import { Citation } from "../shared/graph-edge.type.js";
import { GraphNode } from "../shared/graph-node.type.js";

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

@ObjectType({ description: "An office and how many cities and organisations fund it and run it jointly." })
export class OfficeFunders {
  @Field(() => GraphNode)
  office!: GraphNode;

  @Field(() => Int, { description: "How many fund it (`FUNDS` relationships valid on `asOf`)." })
  funders!: number;

  @Field(() => Int, { description: "How many run it jointly (`PARTNER_IN` relationships valid on `asOf`)." })
  partners!: number;
}
