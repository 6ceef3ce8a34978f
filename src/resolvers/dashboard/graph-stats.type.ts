import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A count under a key." })
export class KeyCount {
  @Field(() => String)
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "Sizes of the graph." })
export class GraphStats {
  @Field(() => Int, { description: "Entities plus source records." })
  nodes!: number;

  @Field(() => Int, { description: "Relationships." })
  edges!: number;

  @Field(() => [KeyCount], { description: "Node counts by kind (entity kinds and `Source`), largest first." })
  nodesByKind!: KeyCount[];

  @Field(() => [KeyCount], { description: "Relationship counts by type, largest first." })
  edgesByType!: KeyCount[];
}
