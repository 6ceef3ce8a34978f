/**
 * Which language the explorer speaks: the address's `lang` first (a shared link keeps its language), else the
 * one the reader chose before (kept in localStorage), else the first of the browser's languages that is
 * English, Finnish or Swedish, else English.
 */
import { LANGS, type Lang, isLang } from "./i18n-core.js";

const STORAGE_KEY = "explorer.lang";

/** The page's localStorage (typed here, so the module also loads in a unit test, which has none). */
function storage(): { getItem(key: string): string | null; setItem(key: string, value: string): void } | undefined {
  return (globalThis as { localStorage?: ReturnType<typeof storage> }).localStorage;
}

/** The first of the browser's languages (`navigator.languages`: "fi-FI", "sv", …) that the explorer speaks. */
export function browserLang(languages: readonly string[]): Lang | null {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split("-")[0];
    if (isLang(primary)) return primary;
  }
  return null;
}

export function chooseLang(choices: {
  readonly address: Lang | null;
  readonly stored: string | null;
  readonly browser: readonly string[];
}): Lang {
  return choices.address ?? (isLang(choices.stored) ? choices.stored : null) ?? browserLang(choices.browser) ?? "en";
}

/** The language chosen before; null when none was, or storage is closed to the page. */
export function storedLang(): Lang | null {
  try {
    const value = storage()?.getItem(STORAGE_KEY) ?? null;
    return isLang(value) ? value : null;
  } catch {
    return null;
  }
}

export function storeLang(lang: Lang): void {
  try {
    storage()?.setItem(STORAGE_KEY, lang);
  } catch {
    // Private windows may refuse storage: the address still carries the choice.
  }
}

/** Each language named in itself, as the chooser offers it. */
export const LANG_NAMES: Readonly<Record<Lang, string>> = { fi: "Suomi", sv: "Svenska", en: "English" };

/** The chooser's order: the national languages first, as Finnish public services list them. */
export const CHOOSER_ORDER: readonly Lang[] = ["fi", "sv", "en"];

export { LANGS };
