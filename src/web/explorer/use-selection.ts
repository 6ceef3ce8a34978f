/**
 * What the reader has selected and focused, as entities and relationships to show: found in the drawing, else
 * among the relationships opened from a list (timeline, compare, shared, corroboration) that the graph may not
 * draw, else fetched by id (use-node-names.ts). Also names the ids the panels show (path ends, peers).
 */
import { useCallback, useState } from "react";
import type { GraphEdge, GraphNode } from "./api.js";
import type { DrawnGraph } from "./graph-model.js";
import type { Lang } from "./i18n-core.js";
import { selectChange } from "./selection-model.js";
import type { Address } from "./use-address.js";
import { useNodeNames } from "./use-node-names.js";
import type { Selection } from "./url-state.js";

export interface Selected {
  readonly node: GraphNode | undefined;
  readonly edge: GraphEdge | undefined;
  /** The entity the graph is drawn around. */
  readonly focusNode: GraphNode | undefined;
  /** An entity by id, drawn or fetched; undefined while not known. */
  readonly nodeOf: (id: string) => GraphNode | undefined;
  /** An entity's name in the reader's language, or its id while the name is not known. */
  readonly nameOf: (id: string) => string;
  /** Select something drawn (an entity not yet opened is expanded). */
  readonly select: (selection: Selection) => void;
  readonly selectNode: (id: string) => void;
  /** Select a relationship from a list, drawn or not. */
  readonly selectListedEdge: (edge: GraphEdge) => void;
}

export function useSelection({ state, update }: Address, graph: DrawnGraph, lang: Lang): Selected {
  const [listedEdges, setListedEdges] = useState<ReadonlyMap<string, GraphEdge>>(new Map());
  const selectListedEdge = useCallback(
    (edge: GraphEdge) => {
      setListedEdges((current) => new Map(current).set(edge.id, edge));
      update({ select: { type: "edge", id: edge.id } });
    },
    [update],
  );
  const edge =
    state.select?.type === "edge" ? (graph.edges.get(state.select.id) ?? listedEdges.get(state.select.id)) : undefined;
  const names = useNodeNames(graph, lang, [
    state.from,
    state.to,
    state.focus,
    state.select?.type === "node" ? state.select.id : null,
    edge?.fromId ?? null,
    edge?.toId ?? null,
    ...state.peers,
  ]);
  const { focus, expand } = state;
  const select = useCallback(
    (selection: Selection) => update(selectChange({ focus, expand }, selection)),
    [focus, expand, update],
  );
  const nodeOf = useCallback((id: string) => names.get(id), [names]);
  const nameOf = useCallback((id: string) => names.get(id)?.name ?? id, [names]);
  const node =
    state.select?.type === "node" ? (graph.nodes.get(state.select.id) ?? names.get(state.select.id)) : undefined;
  return {
    node,
    edge,
    focusNode: focus ? (graph.nodes.get(focus) ?? names.get(focus)) : undefined,
    nodeOf,
    nameOf,
    select,
    selectNode: (id) => select({ type: "node", id }),
    selectListedEdge,
  };
}
