/**
 * What the research fields cost in the query-cost model (src/server/query-limits.ts reads `complexity` from
 * a field's extensions): lists without a `limit` argument are priced at the most they can return, and a
 * graph algorithm run carries a surcharge so that one request holds at most three of them under the default
 * MAX_QUERY_COST (1,000,000); a question that reads the whole graph carries a smaller one. Measured costs: README → Research over time, docs/benchmarks.md.
 */
import type { ComplexityEstimatorArgs } from "graphql-query-complexity";

/** The surcharge of one centrality or communities run (project + algorithm + drop). */
export const GDS_RUN_COST = 250_000;

/**
 * The surcharge of a question that reads every relationship once (`compare` or `activitySeries` without
 * `entityId`): about 1.5 s at 100,000 nodes, so at most nine fit in one request.
 */
export const WHOLE_GRAPH_SCAN_COST = 100_000;

/** `listOf(items)` plus the whole-graph surcharge when the field is not scoped to an entity. */
export function scanOf(items: number): (args: ComplexityEstimatorArgs) => number {
  return (estimate) => listOf(items)(estimate) + (estimate.args.entityId ? 0 : WHOLE_GRAPH_SCAN_COST);
}

/** `1 + items × children`, the list rule of listSizeEstimator, for a field whose size is fixed. */
export function listOf(items: number): (args: ComplexityEstimatorArgs) => number {
  return ({ childComplexity }) => 1 + items * childComplexity;
}
