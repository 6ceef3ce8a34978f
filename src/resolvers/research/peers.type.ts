import { Field, Int, ObjectType } from "type-graphql";
import { GraphEdge } from "../shared/graph-edge.type.js";
import { GraphNode } from "../shared/graph-node.type.js";

@ObjectType({
  description: "One compared entity's relationships with a connection (more than one when periods or claims differ).",
})
export class PeerLink {
  @Field(() => GraphNode, { description: "The compared entity." })
  peer!: GraphNode;

  @Field(() => [GraphEdge], {
    description: "Its relationships of this type with the connection, earliest first, with sources.",
  })
  relationships!: GraphEdge[];

  @Field(() => String, {
    nullable: true,
    description:
      "The earliest day any of them counts from (`validFrom`'s first day; `../D` counts from D); null when none is dated.",
  })
  since!: string | null;
}

@ObjectType({
  description: "An entity that one or more of the compared entities are linked to by one relationship type.",
})
export class PeerConnection {
  @Field(() => GraphNode, { description: "The network, partner, office, country … they are linked to." })
  node!: GraphNode;

  @Field(() => String, { description: "The relationship type (`MEMBER_OF`, `PARTNER_OF` …)." })
  type!: string;

  @Field(() => Int, { description: "How many of the compared entities have it." })
  sharedBy!: number;

  @Field(() => [PeerLink], { description: "Each compared entity that has it, in the order they were asked for." })
  links!: PeerLink[];
}

@ObjectType({
  description: "Two or more entities side by side: what all of them share, what some share, what is unique to each.",
})
export class PeerComparison {
  @Field(() => [GraphNode], { description: "The compared entities, in the order asked." })
  peers!: GraphNode[];

  @Field(() => [PeerConnection], { description: "Connections every compared entity has, by type, then name." })
  sharedByAll!: PeerConnection[];

  @Field(() => [PeerConnection], {
    description: "Connections more than one but not all of them have (with three or more).",
  })
  sharedBySome!: PeerConnection[];

  @Field(() => [PeerConnection], { description: "Connections only one of them has." })
  unique!: PeerConnection[];
}
