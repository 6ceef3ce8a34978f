/**
 * Hubs: a neighbourhood with more entities than can be drawn (the crowd layer's St Petersburg has 98
 * partners, two hops reach hundreds). The explorer draws at most `limit` entities (150 unless asked), says how many of how
 * many are shown, and offers ways to narrow what the API walks — relationship types, whose word, the date —
 * so that a narrowed hub is drawn complete. Pure: no React, no fetch, so test/unit checks it without a browser.
 */
import type { PublisherKind } from "./api.js";
import { type Lang, type Message, format, formatNumber, messages } from "./i18n-core.js";
import { RELATIONSHIP_TYPES, typeLabel } from "./kinds.js";
import type { SourcesFilter } from "./url-state.js";

/**
 * The most entities the graph draws at once by default (draw-limit.ts; the address's `limit` changes it). Each
 * neighbourhood is asked for at most that many, and the union of the opened neighbourhoods is cut to it too.
 */
export { DRAW_LIMIT } from "./draw-limit.js";

/** Whose word each choice follows: the publisher kinds passed to the API as `publisherKinds`. */
export const SOURCE_FILTERS: Readonly<Record<SourcesFilter, { kinds: readonly PublisherKind[] }>> = {
  official: { kinds: ["city", "organisation", "government"] },
  "no-crowd": { kinds: ["city", "organisation", "government", "media"] },
  crowd: { kinds: ["crowd"] },
};

/** Each choice's name and what it keeps, in every language. */
const FILTER_WORDS: Readonly<Record<SourcesFilter, { label: Message; explanation: Message }>> = {
  official: messages({
    label: { en: "official sources only", fi: "vain viralliset lähteet", sv: "endast officiella källor" },
    explanation: {
      en: "Only relationships a city, an organisation or a government states (not news media, not Wikidata).",
      fi: "Vain suhteet, jotka kaupunki, järjestö tai valtio ilmoittaa (ei uutismedia, ei Wikidata).",
      sv: "Endast relationer som en stad, en organisation eller en regering uppger (inte nyhetsmedier, inte Wikidata).",
    },
  }),
  "no-crowd": messages({
    label: {
      en: "leave out the crowd (Wikidata)",
      fi: "ilman joukkoistettua tietoa (Wikidata)",
      sv: "utan crowdsourcade uppgifter (Wikidata)",
    },
    explanation: {
      en: "Only relationships some source besides Wikidata's editors states (news media included).",
      fi: "Vain suhteet, jotka jokin muu lähde kuin Wikidatan muokkaajat ilmoittaa (uutismedia mukaan lukien).",
      sv: "Endast relationer som någon annan källa än Wikidatas redaktörer uppger (nyhetsmedier inräknade).",
    },
  }),
  crowd: messages({
    label: {
      en: "what the crowd (Wikidata) states",
      fi: "joukkoistettu tieto (Wikidata)",
      sv: "crowdsourcade uppgifter (Wikidata)",
    },
    explanation: {
      en: "Only relationships Wikidata's editors state, whoever else does.",
      fi: "Vain suhteet, jotka Wikidatan muokkaajat ilmoittavat, ilmoittipa niitä muukin tai ei.",
      sv: "Endast relationer som Wikidatas redaktörer uppger, oavsett vem mer som gör det.",
    },
  }),
};

/** A choice's name in `lang` ("official sources only", "vain viralliset lähteet"). */
export function sourceFilterLabel(filter: SourcesFilter, lang: Lang = "en"): string {
  return FILTER_WORDS[filter].label[lang];
}

/** What a choice keeps, in `lang`. */
export function sourceFilterExplanation(filter: SourcesFilter, lang: Lang = "en"): string {
  return FILTER_WORDS[filter].explanation[lang];
}

const M = messages({
  firstPart: {
    en: "{shown} of {total} entities around {name}",
    fi: "{shown}/{total} kohdetta kohteen {name} ympäriltä",
    sv: "{shown} av {total} entiteter runt {name}",
  },
  firstPartMore: {
    en: "{shown} of more than {total} entities around {name}",
    fi: "{shown}/yli {total} kohdetta kohteen {name} ympäriltä",
    sv: "{shown} av mer än {total} entiteter runt {name}",
  },
  part: {
    en: "{shown} of {total} around {name}",
    fi: "{shown}/{total} kohteen {name} ympäriltä",
    sv: "{shown} av {total} runt {name}",
  },
  partMore: {
    en: "{shown} of more than {total} around {name}",
    fi: "{shown}/yli {total} kohteen {name} ympäriltä",
    sv: "{shown} av mer än {total} runt {name}",
  },
  and: { en: "{list} and {last}", fi: "{list} ja {last}", sv: "{list} och {last}" },
  showing: { en: "Showing {list}.", fi: "Näytetään {list}.", sv: "Visar {list}." },
});

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

/**
 * "Showing 150 of 166 entities around Test Hub.", "… of more than 1,000 …", several joined with "and" (in
 * `lang`); null when every neighbourhood is drawn whole.
 */
export function hubNotice(cut: readonly CutShort[], lang: Lang = "en"): string | null {
  if (cut.length === 0) return null;
  const phrases = cut.map((part, index) =>
    format(lang, index === 0 ? (part.exact ? M.firstPart : M.firstPartMore) : part.exact ? M.part : M.partMore, {
      shown: formatNumber(lang, part.shown),
      total: formatNumber(lang, part.total),
      name: part.name,
    }),
  );
  const listed =
    phrases.length === 1
      ? (phrases[0] ?? "")
      : format(lang, M.and, { list: phrases.slice(0, -1).join(", "), last: phrases.at(-1) ?? "" });
  return format(lang, M.showing, { list: listed });
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

/**
 * What the narrowing in force is, in words ("partner of, member of; official sources only"), in `lang`; null
 * if none.
 */
export function narrowingWords(
  types: readonly string[] | null,
  sources: SourcesFilter | null,
  lang: Lang = "en",
): string | null {
  const parts = [
    ...(types ? [types.map((type) => typeLabel(type, lang)).join(", ")] : []),
    ...(sources ? [sourceFilterLabel(sources, lang)] : []),
  ];
  return parts.length > 0 ? parts.join("; ") : null;
}
