/** Compare two days: the focused entity's relationships that started or ended between them. */
import { type GraphDiff, fetchCompare } from "./api.js";
import type { Lang } from "./i18n-core.js";
import type { ExplorerState } from "./url-state.js";
import { dataOf, errorOf, useRequest } from "./use-request.js";

export interface Comparison {
  readonly diff: GraphDiff | null;
  readonly error: string | null;
}

export function useCompare(
  state: Pick<ExplorerState, "compareFrom" | "compareTo" | "focus" | "undated">,
  lang: Lang,
): Comparison {
  const { compareFrom, compareTo, focus, undated } = state;
  const key = compareFrom && compareTo ? JSON.stringify([compareFrom, compareTo, focus, undated]) : null;
  const outcome = useRequest(key, (signal) => fetchCompare(compareFrom ?? "", compareTo ?? "", focus, signal, undated));
  return { diff: dataOf(outcome), error: errorOf(outcome, lang) };
}
