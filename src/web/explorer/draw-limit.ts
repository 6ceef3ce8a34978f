/**
 * How many entities the graph draws at once (the address's `limit`). 150 by default (on a laptop's canvas their
 * labels still read and the layout settles quickly); a reader may ask for 25 to 1000 — the API's own bound on
 * `neighbourhood(limit:)` — so no link can make a page draw more than that.
 */
export const DRAW_LIMIT = 150;
export const MIN_DRAW_LIMIT = 25;
export const MAX_DRAW_LIMIT = 1000;
/** The choices the "Draw up to" control offers (an address may name any number between the bounds). */
export const DRAW_LIMIT_CHOICES: readonly number[] = [50, 150, 300, 600, 1000];

/** The address's `limit`: a whole number held within the bounds; the default when absent or not a number. */
export function parseDrawLimit(value: string | null): number {
  if (value === null || !/^\d{1,7}$/.test(value)) return DRAW_LIMIT;
  return Math.min(MAX_DRAW_LIMIT, Math.max(MIN_DRAW_LIMIT, Number(value)));
}

/** The choices to offer: the usual ones and the one in force, in order. */
export function drawLimitChoices(current: number): number[] {
  return [...new Set([...DRAW_LIMIT_CHOICES, current])].sort((a, b) => a - b);
}
