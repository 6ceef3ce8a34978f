/**
 * The reader's language: the address's, else the one chosen before, else the browser's (language-choice.ts).
 * The page's `lang` and title follow it; a choice is kept for the next visit and written into the address.
 */
import { useEffect, useState } from "react";
import { type Lang, format, messages } from "./i18n-core.js";
import { chooseLang, storeLang, storedLang } from "./language-choice.js";
import type { Address } from "./use-address.js";

const M = messages({
  title: {
    en: "Explorer · Helsinki international relations",
    fi: "Tutkimusnäkymä · Helsingin kansainväliset suhteet",
    sv: "Utforskaren · Helsingfors internationella relationer",
  },
});

export function useReaderLang({ state, update }: Address): { lang: Lang; chooseLang: (lang: Lang) => void } {
  const [otherwiseLang, setOtherwiseLang] = useState<Lang>(() =>
    chooseLang({ address: null, stored: storedLang(), browser: navigator.languages }),
  );
  const lang = state.lang ?? otherwiseLang;
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = format(lang, M.title);
    if (state.lang) storeLang(state.lang);
  }, [lang, state.lang]);
  const choose = (chosen: Lang) => {
    storeLang(chosen);
    setOtherwiseLang(chosen);
    update({ lang: chosen }, "replace");
  };
  return { lang, chooseLang: choose };
}
