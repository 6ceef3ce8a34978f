/**
 * The explorer's languages: English, Finnish and Swedish. Each module declares its own words next to the code
 * that shows them, every word in all three languages (a missing translation is a type error):
 *
 *   const M = messages({ noMatch: { en: "No match for “{q}”", fi: "Ei osumia haulle ”{q}”", sv: "Inga träffar för ”{q}”" } });
 *   const t = useT();  …  t(M.noMatch, { q: text })
 *
 * This module is pure (no React), so pure modules and their unit tests use it; the hooks are in i18n.ts.
 */

export const LANGS = ["en", "fi", "sv"] as const;
export type Lang = (typeof LANGS)[number];

/** One piece of text in every language; `{name}` marks a value put in by `format`. */
export type Message = Readonly<Record<Lang, string>>;

/** Plural forms, chosen with Intl.PluralRules (all three languages use `one` and `other`). */
export interface PluralMessage {
  readonly one: Message;
  readonly other: Message;
}

export type Vars = Readonly<Record<string, string | number>>;

const DECLARED: Readonly<Record<string, Message | PluralMessage>>[] = [];

/**
 * Declares a module's words; checks their shape (every language present) and keeps the table, so a unit test
 * can check every declared word is really translated (`declaredMessages`).
 */
export function messages<const T extends Readonly<Record<string, Message | PluralMessage>>>(table: T): T {
  DECLARED.push(table);
  return table;
}

/** Every table `messages` was given, in the order the modules were loaded. */
export function declaredMessages(): readonly Readonly<Record<string, Message | PluralMessage>>[] {
  return DECLARED;
}

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

/** A number as the language writes it: 1 506,2 in Finnish and Swedish, 1,506.2 in English. */
export function formatNumber(lang: Lang, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(LOCALES[lang], options).format(value);
}

const LOCALES: Readonly<Record<Lang, string>> = { en: "en-GB", fi: "fi-FI", sv: "sv-FI" };

export function locale(lang: Lang): string {
  return LOCALES[lang];
}

/** `message` in `lang`, with each `{name}` replaced by `vars.name` (numbers formatted for the language). */
export function format(lang: Lang, message: Message | PluralMessage, vars: Vars = {}): string {
  const chosen = isPlural(message) ? pluralForm(lang, message, vars["count"]) : message;
  return chosen[lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? formatNumber(lang, value) : value;
  });
}

function isPlural(message: Message | PluralMessage): message is PluralMessage {
  return "one" in message && "other" in message;
}

function pluralForm(lang: Lang, message: PluralMessage, count: string | number | undefined): Message {
  const n = typeof count === "number" ? count : Number(count);
  return new Intl.PluralRules(LOCALES[lang]).select(Number.isFinite(n) ? n : 0) === "one" ? message.one : message.other;
}
