/**
 * When the chosen day has nothing in force around the focus: the nearest day that has something, from the
 * focus's timeline (empty-states.ts), so the reader can go there in one click.
 */
import { fetchTimeline } from "./api.js";
import { dayWithSomething } from "./empty-states.js";
import type { ExplorerState } from "./url-state.js";
import { type RequestOutcome, useRequest } from "./use-request.js";

/** Loading while looking; then the day found, or null when no day has anything (or the look failed). */
export type OtherDay = { readonly status: "looking" } | { readonly status: "found"; readonly day: string | null };

export function useOtherDay(
  state: Pick<ExplorerState, "focus" | "asOf" | "undated">,
  nothingInForce: boolean,
): OtherDay {
  const { focus, asOf, undated } = state;
  const key = nothingInForce && focus && asOf ? JSON.stringify([focus, asOf, undated]) : null;
  const outcome: RequestOutcome<string | null> = useRequest(key, async (signal) => {
    const entries = await fetchTimeline(focus ?? "", signal);
    return dayWithSomething(
      asOf ?? "",
      entries.map((entry) => entry.edge),
      undated,
    );
  });
  switch (outcome.status) {
    case "done":
      return { status: "found", day: outcome.data };
    case "error":
      return { status: "found", day: null };
    case "idle":
    case "loading":
      return { status: "looking" };
  }
}
