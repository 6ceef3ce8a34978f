/**
 * The crowd layer's stable ids (crowd-records.ts says why they are stable): used by the records, by placing
 * (crowd-places.ts) and by the loader.
 */

/** The id of the Place an item becomes when no entity holds it (`Q1899` → `wd-q1899`). */
export const placeIdOf = (qid: string): string => `wd-${qid.toLowerCase()}`;

/** The stable id of a pair's relationship. */
export const pairIdOf = (a: string, b: string): string => `p190--${a}--${b}`;
