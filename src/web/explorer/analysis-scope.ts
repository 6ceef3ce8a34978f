/**
 * What the explorer's research panels say (pure): what centrality and communities run over, the focus's
 * community, and what the dashboard's comparison of the chosen cities counts.
 */
import type { Community } from "./api.js";
import { type Lang, format, messages } from "./i18n.js";
import { typeLabel } from "./kinds.js";
import type { Scope, Undated } from "./url-state.js";

/** The community holding the focus, if the answer lists it. */
export function focusCommunity(communities: readonly Community[] | null, focus: string | null): Community | null {
  if (!communities || !focus) return null;
  return communities.find((community) => community.members.some((member) => member.id === focus)) ?? null;
}

/** What the measures run over, in words. */
export function scopeWords(scope: Scope, around: readonly string[], narrowing: string | null): string {
  const part =
    scope === 0 || around.length === 0
      ? "the whole graph"
      : `${around.join(", ")} and what lies within ${scope === 1 ? "one step" : `${scope === 2 ? "two" : "three"} steps`}`;
  return `Computed over ${part}${narrowing ? ` (${narrowing})` : ""}.`;
}

const UNDATED_WORDS = messages({
  INCLUDE: {
    en: "undated claims counted every year",
    fi: "päiväämättömät väitteet laskettu joka vuodelle",
    sv: "odaterade påståenden räknade varje år",
  },
  EXCLUDE: {
    en: "undated claims left out",
    fi: "päiväämättömät väitteet jätetty pois",
    sv: "odaterade påståenden utelämnade",
  },
  ATTESTED: {
    en: "undated claims counted from when a source first states them",
    fi: "päiväämättömät väitteet laskettu siitä, kun lähde ensi kerran mainitsee ne",
    sv: "odaterade påståenden räknade från när en källa först nämner dem",
  },
});

const M = messages({
  all: { en: "all relationships", fi: "kaikki suhteet", sv: "alla relationer" },
  title: {
    en: "In force on 1 July, per year: {names} ({what}; {undated})",
    fi: "Voimassa 1. heinäkuuta, vuosittain: {names} ({what}; {undated})",
    sv: "Gällande den 1 juli, per år: {names} ({what}; {undated})",
  },
});

/** The chart's title: what is counted, for whom (pure; exported for tests). */
export function peersActivityTitle(
  names: readonly string[],
  types: readonly string[] | null,
  undated: Undated,
  lang: Lang = "en",
): string {
  const what = types ? types.map((type) => typeLabel(type, lang)).join(", ") : format(lang, M.all);
  return format(lang, M.title, { names: names.join(", "), what, undated: UNDATED_WORDS[undated][lang] });
}
