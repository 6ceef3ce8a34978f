/**
 * How the address changes when the reader picks something (pure): selecting an entity in the drawing also
 * opens its neighbourhood; picking a search hit or focusing an entity starts a new drawing around it.
 */
import type { ExplorerState, Selection } from "./url-state.js";

/** Select `selection`; an entity not yet opened is expanded too (its neighbourhood drawn beside the focus's). */
export function selectChange(
  state: Pick<ExplorerState, "focus" | "expand">,
  selection: Selection,
): Partial<ExplorerState> {
  return selection.type === "node" && selection.id !== state.focus && !state.expand.includes(selection.id)
    ? { select: selection, expand: [...state.expand, selection.id] }
    : { select: selection };
}

/** Draw the graph around `id` afresh, keeping what is selected. */
export function focusChange(id: string): Partial<ExplorerState> {
  return { focus: id, expand: [], view: "graph" };
}

/** A search hit: draw the graph around it, and select it. */
export function searchPickChange(id: string): Partial<ExplorerState> {
  return { ...focusChange(id), select: { type: "node", id } };
}

/**
 * After a save, show what was saved: a new entity becomes the focus when nothing is focused, anything else
 * is selected; nothing changes when the form names nothing to show.
 */
export function savedChange(
  state: Pick<ExplorerState, "focus">,
  select: Selection | null | undefined,
): Partial<ExplorerState> | null {
  if (select?.type === "node" && !state.focus) return { focus: select.id, select };
  return select ? { select } : null;
}
