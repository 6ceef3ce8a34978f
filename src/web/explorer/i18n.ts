/**
 * The reader's language in React: a context set by the app (from the address's `lang`, else the one chosen
 * before, else the browser's); outside the provider it is English. The words themselves: i18n-core.ts (pure,
 * for modules without React and their unit tests), re-exported here for components.
 */
import { createContext, useCallback, useContext } from "react";
import { type Lang, type Message, type PluralMessage, type Vars, format } from "./i18n-core.js";

export * from "./i18n-core.js";

export const LangContext = createContext<Lang>("en");

export function useLang(): Lang {
  return useContext(LangContext);
}

/** The translate function for the reader's language. */
export function useT(): (message: Message | PluralMessage, vars?: Vars) => string {
  const lang = useLang();
  return useCallback((message: Message | PluralMessage, vars?: Vars) => format(lang, message, vars), [lang]);
}
