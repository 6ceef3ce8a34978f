/**
 * What the graph view asks the API for, and what it keeps from the answers (pure): the focus at the chosen
 * depth and each expanded entity one hop out, each at most `limit` entities and narrowed as the address says;
 * the relationship types met around the focus (offered for narrowing even once narrowed away); whether the
 * chosen day has nothing in force around the focus.
 */
import type { NeighbourhoodOptions, Subgraph } from "./api.js";
import { publisherKindsOf } from "./hub.js";
import type { ExplorerState } from "./url-state.js";

/** One neighbourhood to load: whose, and how. */
export interface NeighbourhoodRequest {
  readonly id: string;
  readonly options: NeighbourhoodOptions;
}

/** The neighbourhoods the address draws: the focus's first, then each expanded entity's. */
export function neighbourhoodRequests(state: ExplorerState): NeighbourhoodRequest[] {
  const ids = [state.focus, ...state.expand].filter((id): id is string => id !== null);
  return ids.map((id, index) => ({
    id,
    options: {
      depth: index === 0 ? state.depth : 1,
      asOf: state.asOf,
      undated: state.undated,
      relationshipTypes: state.types,
      publisherKinds: publisherKindsOf(state.sources),
      limit: state.limit,
    },
  }));
}

/**
 * What the neighbourhoods depend on, as one key (arrays in the state are new on every parse of the address,
 * so they are compared by their text); `revision` counts the writes that may have changed them.
 */
export function neighbourhoodKey(state: ExplorerState, revision: number): string {
  return JSON.stringify([neighbourhoodRequests(state), revision]);
}

/** The pause before a load, so that a run of quick changes (typing a date, clicking through types) asks once. */
export const LOAD_DELAY_MS = 120;

/**
 * How long to wait before loading for `focus` when `loadedFocus` was asked for last (undefined: nothing yet):
 * no pause for a new focus (one deliberate choice: a search hit, a link followed), the short one otherwise.
 */
export function loadDelay(loadedFocus: string | null | undefined, focus: string | null): number {
  return focus !== loadedFocus ? 0 : LOAD_DELAY_MS;
}

/** The relationship types met around one focus. */
export interface SeenTypes {
  readonly focus: string | null;
  readonly types: ReadonlySet<string>;
}

export const NO_TYPES_SEEN: SeenTypes = { focus: null, types: new Set() };

/** The types seen so far around `focus`, with those of the neighbourhoods just loaded (a new focus starts afresh). */
export function seenTypesAfter(current: SeenTypes, focus: string | null, loaded: readonly Subgraph[]): SeenTypes {
  const types = new Set(current.focus === focus ? current.types : []);
  for (const part of loaded) {
    for (const type of part.firstHopTypes) types.add(type.key);
    for (const edge of part.edges) types.add(edge.type);
  }
  return { focus, types };
}

/** How many entities each relationship type reaches from the focus (its first hop). */
export function firstHopCounts(parts: readonly Subgraph[]): Map<string, number> {
  return new Map((parts[0]?.firstHopTypes ?? []).map((type) => [type.key, type.count]));
}

/** Whether a chosen day has nothing in force around the focus, once its neighbourhood has loaded. */
export function nothingInForce(
  state: Pick<ExplorerState, "asOf" | "focus">,
  loaded: { readonly loading: boolean; readonly error: string | null; readonly parts: readonly Subgraph[] },
): boolean {
  return (
    state.asOf !== null &&
    state.focus !== null &&
    !loaded.loading &&
    !loaded.error &&
    loaded.parts.length > 0 &&
    loaded.parts[0]?.edges.length === 0
  );
}
