import { Field, Int, ObjectType } from "type-graphql";
import { GraphEdge } from "../shared/graph-edge.type.js";
import { KeyCount } from "../dashboard/graph-stats.type.js";
import { GraphNode } from "../shared/graph-node.type.js";

@ObjectType({ description: "A set of entities and the relationships among them." })
export class Subgraph {
  @Field(() => [GraphNode], { description: "The start entity first, then by distance, kind and name." })
  nodes!: GraphNode[];

  @Field(() => [GraphEdge])
  edges!: GraphEdge[];

  @Field(() => Boolean, { description: "True when `limit` cut the neighbourhood short." })
  truncated!: boolean;

  @Field(() => Int, {
    description:
      "How many entities the neighbourhood holds without `limit`, the start included: the number of `nodes` unless `truncated`. Counted up to 1000 (the most `limit` allows): when `totalExact` is false there are more than `total`.",
  })
  total!: number;

  @Field(() => Boolean, {
    description: "False when the neighbourhood holds more entities than `total` (the count stops at 1000).",
  })
  totalExact!: boolean;

  @Field(() => [KeyCount], {
    description:
      "The start's own relationships the walk may follow (valid on `asOf`, cited by `publisherKinds`) by type, whatever `relationshipTypes` keeps: each type with how many entities it reaches in one hop, most first. The types to offer a reader for narrowing a large neighbourhood.",
  })
  firstHopTypes!: KeyCount[];

  @Field(() => Int, {
    description:
      "Relationships without `validFrom` among the entities returned that this answer counted as holding (`undated`).",
  })
  undatedIncluded!: number;

  @Field(() => Int, {
    description:
      "Relationships without `validFrom` among the entities returned that `undated` left out (0 without `asOf` or with INCLUDE).",
  })
  undatedExcluded!: number;
}

@ObjectType({ description: "A path: `edges[i]` joins `nodes[i]` and `nodes[i+1]`, in either direction." })
export class GraphPath {
  @Field(() => [GraphNode], { description: "From `fromId` to `toId`." })
  nodes!: GraphNode[];

  @Field(() => [GraphEdge])
  edges!: GraphEdge[];
}
