/**
 * What the graph draws: the loaded neighbourhoods with the path found and the relationships that ended between
 * the compared days (where both ends are drawn), in the reader's language; nodes sized by centrality and
 * coloured by community; relationships marked by the comparison.
 */
import { useMemo } from "react";
import type { Community, GraphDiff, NodeScore, Subgraph } from "./api.js";
import { nodeColorsOf, nodeSizesOf } from "./analysis-model.js";
import { changeMarks } from "./compare-model.js";
import { graphInLang } from "./entity-names.js";
import { type DrawnGraph, mergeGraphs } from "./graph-model.js";
import type { Lang } from "./i18n-core.js";
import type { PathResult } from "./path-finder.js";

export interface Drawing {
  readonly graph: DrawnGraph;
  readonly nodeSizes: ReadonlyMap<string, number> | undefined;
  readonly nodeColors: ReadonlyMap<string, string> | undefined;
  readonly edgeMarks: ReturnType<typeof changeMarks>;
}

export function useDrawing(options: {
  readonly parts: readonly Subgraph[];
  readonly path: PathResult;
  readonly diff: GraphDiff | null;
  readonly scores: readonly NodeScore[] | null;
  readonly communities: readonly Community[] | null;
  readonly limit: number;
  readonly lang: Lang;
}): Drawing {
  const { parts, path, diff, scores, communities, limit, lang } = options;
  const graph = useMemo(
    () =>
      graphInLang(
        mergeGraphs(
          diff ? [...parts, { nodes: [], edges: diff.ended }] : parts,
          path.status === "found" ? path : null,
          limit,
        ),
        lang,
      ),
    [parts, path, diff, lang, limit],
  );
  const nodeSizes = useMemo(() => nodeSizesOf(scores), [scores]);
  const nodeColors = useMemo(() => nodeColorsOf(communities), [communities]);
  const edgeMarks = useMemo(() => changeMarks(diff), [diff]);
  return { graph, nodeSizes, nodeColors, edgeMarks };
}
