/**
 * Hubs: a neighbourhood with more entities than can be drawn (the crowd layer's St Petersburg has 98
 * partners, two hops reach hundreds). The explorer draws at most `limit` entities (150 unless asked), says how many of how
 * many are shown, and offers ways to narrow what the API walks — relationship types, whose word, the date —
 * so that a narrowed hub is drawn complete. Pure: no React, no fetch, so test/unit checks it without a browser.
 */
import type { PublisherKind } from "./api.js";
import { RELATIONSHIP_TYPES, relationshipLabel } from "./kinds.js";
import type { SourcesFilter } from "./url-state.js";

/**
 * The most entities the graph draws at once by default (draw-limit.ts; the address's `limit` changes it). Each
 * neighbourhood is asked for at most that many, and the union of the opened neighbourhoods is cut to it too.
 */
export { DRAW_LIMIT } from "./draw-limit.js";

/** Whose word each choice follows: the publisher kinds passed to the API as `publisherKinds`. */
export const SOURCE_FILTERS: Readonly<
  Record<SourcesFilter, { label: string; explanation: string; kinds: readonly PublisherKind[] }>
> = {
  official: {
    label: "official sources only",
    explanation: "Only relationships a city, an organisation or a government states (not news media, not Wikidata).",
    kinds: ["city", "organisation", "government"],
  },
  "no-crowd": {
    label: "leave out the crowd (Wikidata)",
    explanation: "Only relationships some source besides Wikidata's editors states (news media included).",
    kinds: ["city", "organisation", "government", "media"],
  },
  crowd: {
    label: "what the crowd (Wikidata) states",
    explanation: "Only relationships Wikidata's editors state, whoever else does.",
    kinds: ["crowd"],
  },
};

/** The API's `publisherKinds` for a choice; null (any source) for none. */
export function publisherKindsOf(filter: SourcesFilter | null): PublisherKind[] | null {
  return filter ? [...SOURCE_FILTERS[filter].kinds] : null;
}

/** A neighbourhood drawn only in part: around which entity, how many of its entities are drawn, of how many. */
export interface CutShort {
  readonly id: string;
  readonly name: string;
  readonly shown: number;
  readonly total: number;
  /** False when the API counted up to its bound and there are more than `total`. */
  readonly exact: boolean;
}

const count = (value: number) => value.toLocaleString("en-GB");

/**
 * "Showing 150 of 166 entities around Test Hub.", "… of more than 1,000 …", several joined with "and";
 * null when every neighbourhood is drawn whole.
 */
export function hubNotice(cut: readonly CutShort[]): string | null {
  if (cut.length === 0) return null;
  const phrases = cut.map(
    (part, index) =>
      `${count(part.shown)} of ${part.exact ? "" : "more than "}${count(part.total)}${index === 0 ? " entities" : ""} around ${part.name}`,
  );
  const listed = phrases.length === 1 ? phrases[0] : `${phrases.slice(0, -1).join(", ")} and ${phrases.at(-1)}`;
  return `Showing ${listed}.`;
}

/** The relationship types to offer: those seen and those chosen, in the vocabulary's order (others after). */
export function typesToOffer(seen: Iterable<string>, chosen: readonly string[] | null): string[] {
  const all = new Set([...seen, ...(chosen ?? [])]);
  const known = RELATIONSHIP_TYPES.filter((type) => all.has(type));
  return [...known, ...[...all].filter((type) => !RELATIONSHIP_TYPES.includes(type)).sort()];
}

/**
 * The types chosen after ticking or unticking `type` among `offered`: null when that leaves every offered
 * type ticked (no narrowing); never none (the last ticked type stays).
 */
export function toggleType(
  offered: readonly string[],
  chosen: readonly string[] | null,
  type: string,
): readonly string[] | null {
  const ticked = new Set(chosen ?? offered);
  if (ticked.has(type)) ticked.delete(type);
  else ticked.add(type);
  if (ticked.size === 0) return chosen;
  if (offered.every((offer) => ticked.has(offer))) return null;
  return typesToOffer(ticked, null);
}

/** The types chosen by "only `type`": that type alone, or null (no narrowing) when it is the only one offered. */
export function onlyType(offered: readonly string[], type: string): readonly string[] | null {
  return offered.length === 1 && offered[0] === type ? null : [type];
}

/** What the narrowing in force is, in words ("partner of, member of; official sources only"); null if none. */
export function narrowingWords(types: readonly string[] | null, sources: SourcesFilter | null): string | null {
  const parts = [
    ...(types ? [types.map(relationshipLabel).join(", ")] : []),
    ...(sources ? [SOURCE_FILTERS[sources].label] : []),
  ];
  return parts.length > 0 ? parts.join("; ") : null;
}
