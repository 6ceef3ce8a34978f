import { Field, Int, ObjectType } from "type-graphql";
import { GraphEdge } from "../shared/graph-edge.type.js";

@ObjectType({ description: "What changed between two days: relationships that began to hold, and that stopped." })
export class GraphDiff {
  @Field(() => String, { description: "The earlier day (YYYY-MM-DD)." })
  from!: string;

  @Field(() => String, { description: "The later day (YYYY-MM-DD)." })
  to!: string;

  @Field(() => [GraphEdge], {
    description: "Relationships valid on `to` but not on `from`, with their sources; by start date, then id.",
  })
  started!: GraphEdge[];

  @Field(() => [GraphEdge], {
    description: "Relationships valid on `from` but not on `to`, with their sources; by end date, then id.",
  })
  ended!: GraphEdge[];

  @Field(() => Int, {
    description: "Relationships in scope without `validFrom` that this answer counted as holding on `from` or `to`.",
  })
  undatedIncluded!: number;

  @Field(() => Int, {
    description: "Relationships in scope without `validFrom` that would hold on `from` or `to` but `undated` left out.",
  })
  undatedExcluded!: number;
}
