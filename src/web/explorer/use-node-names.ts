/** Entities named by id, from the drawn graph or (for ids not drawn) from the API, in the reader's language. */
import { useEffect, useMemo, useState } from "react";
import { type GraphNode, fetchNode } from "./api.js";
import { inLang } from "./entity-names.js";
import type { DrawnGraph } from "./graph-model.js";
import type { Lang } from "./i18n-core.js";

export function useNodeNames(graph: DrawnGraph, lang: Lang, ids: readonly (string | null)[]): Map<string, GraphNode> {
  const [fetched, setFetched] = useState<Map<string, GraphNode>>(new Map());
  const missing = ids.filter((id): id is string => id !== null && !graph.nodes.has(id) && !fetched.has(id));
  const missingKey = [...new Set(missing)].sort().join(",");
  useEffect(() => {
    if (!missingKey) return;
    const controller = new AbortController();
    Promise.all(missingKey.split(",").map((id) => fetchNode(id, controller.signal))).then(
      (nodes) =>
        setFetched((current) => {
          const next = new Map(current);
          for (const node of nodes) if (node) next.set(node.id, node);
          return next;
        }),
      () => undefined,
    );
    return () => controller.abort();
  }, [missingKey]);
  return useMemo(
    () => new Map([...[...fetched].map(([id, node]) => [id, inLang(node, lang)] as const), ...graph.nodes]),
    [fetched, graph, lang],
  );
}
