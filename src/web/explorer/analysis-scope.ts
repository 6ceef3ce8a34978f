/**
 * What the dashboard's comparison of the chosen cities counts (pure). What centrality and communities run
 * over is said by centrality-words.ts.
 */
import { type Lang, format, messages } from "./i18n-core.js";
import { typeLabel } from "./kinds.js";
import type { Undated } from "./url-state.js";

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
