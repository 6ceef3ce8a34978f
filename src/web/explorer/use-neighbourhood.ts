/**
 * The neighbourhoods the graph draws (neighbourhood-model.ts says which): loaded at once for a new focus, else
 * after a short pause, so a run of quick changes (typing a date, clicking through types) asks once
 * (`loadDelay`); the last drawing stays while the next loads. Loading from the first render when the address names something to draw (never "0 entities"
 * meanwhile).
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { type Subgraph, fetchNeighbourhood } from "./api.js";
import { typesToOffer } from "./hub.js";
import type { Lang } from "./i18n-core.js";
import { errorMessage } from "./load-error.js";
import {
  NO_TYPES_SEEN,
  type SeenTypes,
  firstHopCounts,
  loadDelay,
  neighbourhoodKey,
  neighbourhoodRequests,
  nothingInForce,
  seenTypesAfter,
} from "./neighbourhood-model.js";
import { TIMING_MARKS, markTiming } from "./timing-marks.js";
import type { ExplorerState } from "./url-state.js";

export interface Neighbourhoods {
  readonly parts: readonly Subgraph[];
  readonly loading: boolean;
  /** Why the last load failed (in the reader's language), or null. */
  readonly error: string | null;
  /** The relationship types to offer for narrowing, and how many entities each reaches from the focus. */
  readonly offeredTypes: readonly string[];
  readonly typeCounts: ReadonlyMap<string, number>;
  /** The chosen day has nothing in force around the focus. */
  readonly nothingInForce: boolean;
}

/** `revision` counts the writes: each reloads what is drawn. */
export function useNeighbourhood(state: ExplorerState, revision: number, lang: Lang): Neighbourhoods {
  const [parts, setParts] = useState<Subgraph[]>([]);
  const [seenTypes, setSeenTypes] = useState<SeenTypes>(NO_TYPES_SEEN);
  const [loading, setLoading] = useState(() => state.focus !== null || state.expand.length > 0);
  const [error, setError] = useState<string | null>(null);
  const langRef = useRef(lang);
  langRef.current = lang;
  const key = neighbourhoodKey(state, revision);
  const stateRef = useRef(state);
  stateRef.current = state;
  const loadedFocus = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    const { focus } = stateRef.current;
    const delay = loadDelay(loadedFocus.current, focus);
    loadedFocus.current = focus;
    const requests = neighbourhoodRequests(stateRef.current);
    const controller = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      markTiming(TIMING_MARKS.requested);
      Promise.all(requests.map(({ id, options }) => fetchNeighbourhood(id, options, controller.signal))).then(
        (loaded) => {
          markTiming(TIMING_MARKS.fetched);
          setParts(loaded);
          setSeenTypes((current) => seenTypesAfter(current, focus, loaded));
          setError(null);
          setLoading(false);
        },
        (failure: unknown) => {
          if (controller.signal.aborted) return;
          setError(errorMessage(failure, langRef.current));
          setLoading(false);
        },
      );
    }, delay);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key]);
  const offeredTypes = useMemo(
    () => typesToOffer(seenTypes.focus === state.focus ? seenTypes.types : [], state.types),
    [seenTypes, state.focus, state.types],
  );
  const typeCounts = useMemo(() => firstHopCounts(parts), [parts]);
  return {
    parts,
    loading,
    error,
    offeredTypes,
    typeCounts,
    nothingInForce: nothingInForce(state, { loading, error, parts }),
  };
}
