/**
 * Centrality and communities as the address asks for them: as of the chosen day, over the chosen part of the
 * graph, following the narrowing of the drawing (analysis-model.ts).
 */
import { type Community, type NodeScore, fetchCentrality, fetchCommunities } from "./api.js";
import { analysisScopeOf } from "./analysis-model.js";
import type { Lang } from "./i18n-core.js";
import type { ExplorerState } from "./url-state.js";
import { dataOf, errorOf, useRequest } from "./use-request.js";

export interface Analysis {
  readonly scores: NodeScore[] | null;
  readonly communities: readonly Community[] | null;
  readonly error: string | null;
}

export function useAnalysis(state: ExplorerState, lang: Lang): Analysis {
  const { measure, communities, asOf, undated } = state;
  const scope = analysisScopeOf(state);
  const scopeKey = JSON.stringify([asOf, undated, scope]);
  const scores = useRequest(measure ? `${measure} ${scopeKey}` : null, (signal) =>
    fetchCentrality(measure ?? "DEGREE", asOf, signal, undated, scope),
  );
  const groups = useRequest(communities ? scopeKey : null, (signal) => fetchCommunities(asOf, signal, undated, scope));
  return {
    scores: dataOf(scores),
    communities: dataOf(groups),
    error: errorOf(scores, lang) ?? errorOf(groups, lang),
  };
}
