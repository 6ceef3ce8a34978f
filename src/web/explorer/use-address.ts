/**
 * The explorer's state, kept in the address (url-state.ts) so a link reproduces the view: read on load and on
 * the browser's back and forward, written on every change.
 */
import { useCallback, useEffect, useState } from "react";
import { type ExplorerState, changedAddress, parseState } from "./url-state.js";

/** Changes the state and the address: a new history entry (`push`), or the current one rewritten (`replace`). */
export type UpdateAddress = (change: Partial<ExplorerState>, mode?: "push" | "replace") => void;

export interface Address {
  readonly state: ExplorerState;
  readonly update: UpdateAddress;
}

export function useAddress(): Address {
  const [state, setState] = useState<ExplorerState>(() => parseState(window.location.search));
  const update = useCallback<UpdateAddress>((change, mode = "push") => {
    setState((current) => {
      const { next, url } = changedAddress(current, change, window.location);
      if (url !== null) {
        if (mode === "push") window.history.pushState(null, "", url);
        else window.history.replaceState(null, "", url);
      }
      return next;
    });
  }, []);
  useEffect(() => {
    const onPop = () => setState(parseState(window.location.search));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  return { state, update };
}
