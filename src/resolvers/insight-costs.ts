/**
 * What the research fields cost in the query-cost model (src/server/query-limits.ts reads `complexity` from
 * a field's extensions): lists without a `limit` argument are priced at the most they can return, and a
 * graph algorithm run carries a surcharge so that one request holds at most three of them under the default
 * MAX_QUERY_COST (1,000,000). Measured costs: README → Research over time, docs/benchmarks.md.
 */
import type { ComplexityEstimatorArgs } from "graphql-query-complexity";

/** The surcharge of one centrality or communities run (project + algorithm + drop). */
export const GDS_RUN_COST = 250_000;

/** `1 + items × children`, the list rule of listSizeEstimator, for a field whose size is fixed. */
export function listOf(items: number): (args: ComplexityEstimatorArgs) => number {
  return ({ childComplexity }) => 1 + items * childComplexity;
}
