/**
 * One API request that follows the address: sent when its key changes (null: nothing to ask), the one before
 * cancelled; request-outcome.ts says where it stands.
 */
import { useEffect, useRef, useState } from "react";
import { type KeyedOutcome, type RequestOutcome, outcomeFor } from "./request-outcome.js";

export { type RequestOutcome, dataOf, errorOf } from "./request-outcome.js";

/** `key` names the question (the values `start` reads, as text); `start` asks it. */
export function useRequest<T>(key: string | null, start: (signal: AbortSignal) => Promise<T>): RequestOutcome<T> {
  const [answer, setAnswer] = useState<KeyedOutcome<T> | null>(null);
  const startRef = useRef(start);
  startRef.current = start;
  useEffect(() => {
    if (key === null) {
      setAnswer(null);
      return;
    }
    const controller = new AbortController();
    startRef.current(controller.signal).then(
      (data) => setAnswer({ key, outcome: { status: "done", data } }),
      (error: unknown) => {
        if (!controller.signal.aborted) setAnswer({ key, outcome: { status: "error", error } });
      },
    );
    return () => controller.abort();
  }, [key]);
  return outcomeFor(key, answer);
}
