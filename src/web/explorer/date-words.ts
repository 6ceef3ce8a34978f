/**
 * Dates as a reader of each language writes them: "May 2016", "toukokuu 2016", "maj 2016"; uncertain dates
 * (ISO 8601-2 / EDTF, as the data model allows) in words: "2022-02-28/.." → "28 February 2022 or later". The
 * drawing's model (graph-model.ts `formatPartialDate`, `formatValidity`) speaks through these.
 */
import type { GraphEdge } from "./api.js";
import { type Lang, format, locale, messages } from "./i18n-core.js";

const M = messages({
  about: { en: "about {date}", fi: "noin {date}", sv: "omkring {date}" },
  between: { en: "between {from} and {to}", fi: "{from} – {to} välillä", sv: "mellan {from} och {to}" },
  orLater: { en: "{date} or later", fi: "{date} tai myöhemmin", sv: "{date} eller senare" },
  orEarlier: { en: "{date} or earlier", fi: "{date} tai aiemmin", sv: "{date} eller tidigare" },
  range: { en: "{from} – {to}", fi: "{from} – {to}", sv: "{from} – {to}" },
  from: { en: "from {date}", fi: "{date} alkaen", sv: "från {date}" },
  until: { en: "until {date}", fi: "{date} asti", sv: "till {date}" },
});

export function partialDateIn(value: string | null, lang: Lang = "en"): string | null {
  if (!value) return null;
  if (value.endsWith("~")) return format(lang, M.about, { date: partialDateIn(value.slice(0, -1), lang) ?? "" });
  if (value.includes("/")) {
    const [start = "..", end = ".."] = value.split("/");
    const from = start === ".." || start === "" ? null : partialDateIn(start, lang);
    const to = end === ".." || end === "" ? null : partialDateIn(end, lang);
    if (from && to) return format(lang, M.between, { from, to });
    if (from) return format(lang, M.orLater, { date: from });
    if (to) return format(lang, M.orEarlier, { date: to });
    return value;
  }
  const [year, month, day] = value.split("-").map(Number);
  if (!year || Number.isNaN(month ?? 1) || Number.isNaN(day ?? 1)) return value;
  if (!month) return String(year);
  const date = new Date(Date.UTC(year, month - 1, day ?? 1));
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : locale(lang), {
    year: "numeric",
    month: "long",
    ...(day ? { day: "numeric" } : {}),
    timeZone: "UTC",
  }).format(date);
}

/** "from 2007", "2016 – 2019" (in `lang`), or null when the relationship has no dates. */
export function validityIn(edge: Pick<GraphEdge, "validFrom" | "validTo">, lang: Lang = "en"): string | null {
  const from = partialDateIn(edge.validFrom, lang);
  const to = partialDateIn(edge.validTo, lang);
  if (from && to) return format(lang, M.range, { from, to });
  if (from) return format(lang, M.from, { date: from });
  if (to) return format(lang, M.until, { date: to });
  return null;
}
