/**
 * The one list-size policy. Every list the API returns is bounded: generated lists by the SDL's
 * `@limit(default: 50, max: 1000)` (a schema test checks the SDL agrees with these numbers), hand-written
 * fields by their `limit` argument, write mutations by the records they take; the query-cost limit prices
 * lists by the same numbers.
 */

/** Items a list returns when no `limit` / `first` is given. */
export const DEFAULT_LIST_SIZE = 50;
/** The most any list can hold or return, in queries and in write mutations alike. */
export const MAX_LIST_SIZE = 1000;
