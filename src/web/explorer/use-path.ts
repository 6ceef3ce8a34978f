/** The path finder's answers: the shortest path between `from` and `to` as of the chosen day, and what they share. */
import { useMemo } from "react";
import { type SharedConnection, fetchSharedConnections, fetchShortestPath } from "./api.js";
import type { Lang } from "./i18n-core.js";
import type { PathResult } from "./path-finder.js";
import type { ExplorerState } from "./url-state.js";
import { dataOf, errorOf, useRequest } from "./use-request.js";

export interface PathAnswers {
  readonly path: PathResult;
  /** What the two ends share (null while loading or when there is no pair of two). */
  readonly shared: SharedConnection[] | null;
  readonly sharedError: string | null;
}

export function usePath(state: Pick<ExplorerState, "from" | "to" | "asOf" | "undated">, lang: Lang): PathAnswers {
  const { from, to, asOf, undated } = state;
  const pathKey = from && to ? JSON.stringify([from, to, asOf, undated]) : null;
  const found = useRequest(pathKey, (signal) => fetchShortestPath(from ?? "", to ?? "", asOf, signal, undated));
  const path = useMemo<PathResult>(() => {
    switch (found.status) {
      case "idle":
      case "loading":
        return found;
      case "done":
        return found.data ? { status: "found", ...found.data } : { status: "none" };
      case "error":
        return { status: "error", message: errorOf(found, lang) ?? "" };
    }
  }, [found, lang]);
  const sharedKey = from && to && from !== to ? pathKey : null;
  const shared = useRequest(sharedKey, (signal) => fetchSharedConnections(from ?? "", to ?? "", asOf, signal, undated));
  return { path, shared: dataOf(shared), sharedError: errorOf(shared, lang) };
}
