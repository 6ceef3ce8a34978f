import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphNode } from "../shared/graph-node.type.js";

/** The centrality measures, each computed by Neo4j Graph Data Science (see gds.query.ts). */
export enum CentralityAlgorithm {
  DEGREE = "DEGREE",
  BETWEENNESS = "BETWEENNESS",
  CLOSENESS = "CLOSENESS",
  PAGERANK = "PAGERANK",
}

registerEnumType(CentralityAlgorithm, {
  name: "CentralityAlgorithm",
  description: "How central an entity is in the graph as of a day (relationships read in either direction).",
  valuesConfig: {
    DEGREE: { description: "How many relationships it has." },
    BETWEENNESS: {
      description: "How often it lies on shortest paths between others: the brokers (sampled on large graphs).",
    },
    CLOSENESS: { description: "How near it is to every entity it can reach (Wasserman–Faust)." },
    PAGERANK: { description: "PageRank: linked to by entities that are themselves well linked." },
  },
});

@ObjectType({ description: "An entity's score under a centrality measure, and its rank (1 = most central)." })
export class NodeScore {
  @Field(() => GraphNode)
  node!: GraphNode;

  @Field(() => Float)
  score!: number;

  @Field(() => Int, { description: "1 for the highest score; equal scores share a rank." })
  rank!: number;
}
