/**
 * What the research fields cost in the query-cost model (src/admission/query-limits.ts reads `complexity` from
 * a field's extensions): lists without a `limit` argument are priced at the most they can return, and a
 * graph algorithm run carries a surcharge so that one request holds at most three of them under the default
 * MAX_QUERY_COST (1,000,000); a question that reads the whole graph carries a smaller one. Measured costs: docs/research.md, docs/benchmarks.md.
 */
import { Kind, type SelectionSetNode } from "graphql";
import type { ComplexityEstimatorArgs } from "graphql-query-complexity";
import { MAX_LIST_SIZE } from "../../config/list-size.js";

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

/**
 * `neighbourhood`: the list rule (`1 + limit × children`, limit 1–1000, 200 by default), plus the count's walk
 * of up to MAX_LIST_SIZE entities when the request asks for `total` or `totalExact` — priced like the largest
 * neighbourhood one may fetch, whatever the limit. A selection that spreads a named fragment is assumed to ask.
 */
export function neighbourhoodCost({ args, node, childComplexity }: ComplexityEstimatorArgs): number {
  const asked = args.limit as unknown;
  const items = Math.min(Math.max(typeof asked === "number" && Number.isFinite(asked) ? asked : 200, 1), MAX_LIST_SIZE);
  return 1 + items * childComplexity + (countsTotal(node.selectionSet) ? MAX_LIST_SIZE : 0);
}

function countsTotal(set: SelectionSetNode | undefined): boolean {
  return (set?.selections ?? []).some((selection) =>
    selection.kind === Kind.FIELD
      ? selection.name.value === "total" || selection.name.value === "totalExact"
      : selection.kind === Kind.INLINE_FRAGMENT
        ? countsTotal(selection.selectionSet)
        : true,
  );
}
