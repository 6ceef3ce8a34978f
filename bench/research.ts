/**
 * The research fields at scale: each question is asked through the GraphQL schema in-process (T3), one
 * request at a time, as a researcher would; the graph algorithm runs include projecting the graph as of the
 * day and dropping it. Their query-cost estimate is recorded beside the time, so the docs can say what
 * each costs at a given size. (They are not in the T1/T3/T4 comparison: centrality and communities have no
 * hand-written Cypher twin, and the API lets one algorithm run at a time, so a concurrency-16 load would be
 * refused by design.)
 */
import { type GraphQLSchema, graphql, parse } from "graphql";
import { createRequire } from "node:module";
import type { getComplexity as GetComplexity } from "graphql-query-complexity";
import { costEstimators } from "../src/admission/index.js";
import { summarise, timeSequential } from "./latency.js";
import { type GraphPlan, entityId } from "./synthetic-graph.js";

const { getComplexity } = createRequire(import.meta.url)("graphql-query-complexity") as {
  getComplexity: typeof GetComplexity;
};

export interface ResearchResult {
  description: string;
  runs: number;
  p50_ms: number;
  max_ms: number;
  /** The query-cost estimate of the operation (MAX_QUERY_COST defaults to 1,000,000). */
  cost: number;
  /** A short summary of the answer, to show the work was real (rows returned). */
  rows: number;
  /** Why the question could not be answered at this size (then the times are those of the failed attempt). */
  error?: string;
}

/** A question asked in-process: its GraphQL text, aliased `r`, and how many timed runs after a warm-up. */
export interface ResearchQuestion {
  readonly name: string;
  readonly description: string;
  readonly runs: number;
  readonly source: string;
}

interface SyntheticQuestion extends Omit<ResearchQuestion, "source"> {
  readonly query: (plan: GraphPlan) => string;
}

/** The research questions on the synthetic graph of `npm run bench`. */
export function syntheticQuestions(plan: GraphPlan): ResearchQuestion[] {
  return QUESTIONS.map(({ query, ...question }) => ({ ...question, source: query(plan) }));
}

const QUESTIONS: readonly SyntheticQuestion[] = [
  {
    name: "compare (one entity)",
    description: "what changed for one city between 2005 and 2015",
    runs: 20,
    query: (plan) =>
      `{ r: compare(from: "2005-01-01", to: "2015-01-01", entityId: "${entityId("City", plan.counts.City - 1)}") { started { id sources { excerpt } } ended { id } } }`,
  },
  {
    name: "timeline",
    description: "a capital's 200 first relationships by start",
    runs: 20,
    query: () =>
      `{ r: timeline(entityId: "${entityId("City", 0)}") { edge { id validFrom sources { title } } other { id } } }`,
  },
  {
    name: "sharedConnections",
    description: "what two capitals share, as of 2015",
    runs: 20,
    query: () =>
      `{ r: sharedConnections(aId: "${entityId("City", 0)}", bId: "${entityId("City", 1)}", asOf: "2015-06-30") { node { id } fromA { id } fromB { id } } }`,
  },
  {
    name: "activitySeries (whole graph)",
    description: "relationships in force per year 1990–2025, every relationship",
    runs: 5,
    query: () => `{ r: activitySeries(fromYear: 1990, toYear: 2025) { year active started ended } }`,
  },
  {
    name: "centrality DEGREE",
    description: "top 20 by degree, as of 2015 (project, run, drop)",
    runs: 3,
    query: () => `{ r: centrality(algorithm: DEGREE, asOf: "2015-06-30") { node { id } score rank } }`,
  },
  {
    name: "centrality PAGERANK",
    description: "top 20 by PageRank, as of 2015",
    runs: 3,
    query: () => `{ r: centrality(algorithm: PAGERANK, asOf: "2015-06-30") { node { id } score rank } }`,
  },
  {
    name: "centrality BETWEENNESS",
    description: "top 20 organisations by betweenness (sampled to a work budget), as of 2015",
    runs: 3,
    query: () =>
      `{ r: centrality(algorithm: BETWEENNESS, asOf: "2015-06-30", kinds: ["Organization"]) { node { id } score rank } }`,
  },
  {
    name: "communities",
    description: "Louvain communities as of 2015 (50 largest, 500 members each)",
    runs: 3,
    query: () => `{ r: communities(asOf: "2015-06-30") { id size members { id } } }`,
  },
];

export async function timeResearch(
  schema: GraphQLSchema,
  context: () => object,
  questions: readonly ResearchQuestion[],
  log: (message: string) => void,
): Promise<Record<string, ResearchResult>> {
  const results: Record<string, ResearchResult> = {};
  for (const question of questions) {
    const source = question.source;
    let rows = 0;
    const run = async (): Promise<void> => {
      const result = await graphql({ schema, source, contextValue: context() });
      if (result.errors) throw new Error(`${question.name}: ${result.errors[0]!.message}`);
      const answer = (result.data as { r: unknown }).r;
      rows = Array.isArray(answer) ? answer.length : Object.values(answer as object).flat().length;
    };
    const cost = getComplexity({ schema, query: parse(source), variables: {}, estimators: costEstimators });
    const started = performance.now();
    try {
      await run(); // warm-up, and the answer's size
      const samples = summarise(await timeSequential(question.runs, run));
      results[question.name] = {
        description: question.description,
        runs: question.runs,
        p50_ms: Math.round(samples.p50),
        max_ms: Math.round(Math.max(samples.p99, samples.p50)),
        cost,
        rows,
      };
    } catch (error) {
      // One question failing at this size (a timeout, memory) is a finding: record it, keep the rest of the run.
      const ms = Math.round(performance.now() - started);
      results[question.name] = {
        description: question.description,
        runs: 0,
        p50_ms: ms,
        max_ms: ms,
        cost,
        rows: 0,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    log(`  ${question.name}: ${JSON.stringify(results[question.name])}`);
  }
  return results;
}
