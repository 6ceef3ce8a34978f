/**
 * Where an API request that follows the address stands (pure; the hook is use-request.ts): an answer is kept
 * with the key of the question it answers, so a stale answer is never shown for a newer question.
 */
import type { Lang } from "./i18n-core.js";
import { errorMessage } from "./load-error.js";

export type RequestOutcome<T> =
  | { readonly status: "idle" }
  | { readonly status: "loading" }
  | { readonly status: "done"; readonly data: T }
  | { readonly status: "error"; readonly error: unknown };

/** An outcome with the key of the question it answers. */
export interface KeyedOutcome<T> {
  readonly key: string;
  readonly outcome: RequestOutcome<T>;
}

const IDLE = { status: "idle" } as const;
const LOADING = { status: "loading" } as const;

/** Idle while there is no question (`key` null), loading until the answer to this very key arrives. */
export function outcomeFor<T>(key: string | null, answer: KeyedOutcome<T> | null): RequestOutcome<T> {
  if (key === null) return IDLE;
  return answer?.key === key ? answer.outcome : LOADING;
}

/** The answer, or null while there is none. */
export function dataOf<T>(outcome: RequestOutcome<T>): T | null {
  return outcome.status === "done" ? outcome.data : null;
}

/** What the reader is told of a failure (in `lang`), or null when there is none. */
export function errorOf(outcome: RequestOutcome<unknown>, lang: Lang): string | null {
  return outcome.status === "error" ? errorMessage(outcome.error, lang) : null;
}
