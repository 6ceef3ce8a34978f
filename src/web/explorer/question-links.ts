/**
 * Where a dashboard chart's numbers can be taken as a table: the saved question that answers the same numbers
 * (`GET /questions/<name>.csv` and `.json`, see docs/dashboards.md), with the chart's own parameters in the
 * address, so the download is the figure the reader sees, at an address a spreadsheet can refresh. Pure.
 */
import { messages } from "./i18n-core.js";
import type { Undated } from "./url-state.js";

export const QUESTION_LINK_WORDS = messages({
  download: { en: "Download the numbers:", fi: "Lataa luvut:", sv: "Ladda ner siffrorna:" },
  downloadRelationships: { en: "Download the relationships:", fi: "Lataa suhteet:", sv: "Ladda ner relationerna:" },
  csvLabel: {
    en: "{title} as CSV (for a spreadsheet)",
    fi: "{title} CSV-muodossa (taulukkolaskentaan)",
    sv: "{title} som CSV (för kalkylprogram)",
  },
  jsonLabel: {
    en: "{title} as JSON (for a program)",
    fi: "{title} JSON-muodossa (ohjelmille)",
    sv: "{title} som JSON (för program)",
  },
  sources: { en: "sources (CSV)", fi: "lähteet (CSV)", sv: "källor (CSV)" },
  sourcesLabel: {
    en: "{title}: the sources, a row per relationship and source (CSV)",
    fi: "{title}: lähteet, rivi kutakin suhdetta ja lähdettä kohden (CSV)",
    sv: "{title}: källorna, en rad per relation och källa (CSV)",
  },
});

/** A saved question and the parameters a chart asks it with (null: left out, the question's default). */
export interface QuestionLink {
  readonly name: string;
  readonly parameters: Readonly<Record<string, string | number | null>>;
}

/**
 * The address of a saved question's answer: `/questions/<name>.<format>?…`, parameters in a stable order;
 * `sources`: the second table, one row per relationship and source.
 */
export function questionUrl(link: QuestionLink, format: "csv" | "json", sources = false): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(link.parameters)) {
    if (value !== null) query.set(name, String(value));
  }
  if (sources) query.set("table", "sources");
  const search = query.toString();
  return `/questions/${encodeURIComponent(link.name)}.${format}${search ? `?${search}` : ""}`;
}

/** The saved question behind an entity's timeline: its relationships with their sources. */
export function timelineQuestion(entityId: string): QuestionLink {
  return { name: "timeline", parameters: { entity: entityId } };
}

/** The saved question behind a comparison of two days: what started and ended, with sources. */
export function changesQuestion(entityId: string | null, from: string, to: string, undated: Undated): QuestionLink {
  return { name: "changes", parameters: { from, to, entity: entityId, undated } };
}

/** The dashboard's charts and the saved questions that answer their numbers. */
export const DASHBOARD_QUESTIONS = {
  kinds: (): QuestionLink => ({ name: "entities-by-kind", parameters: {} }),
  types: (): QuestionLink => ({ name: "relationships-by-type", parameters: {} }),
  funders: (asOf: string | null, undated: Undated): QuestionLink => ({
    name: "funders-per-office",
    parameters: { asOf, undated },
  }),
  partners: (cityId: string, asOf: string | null, undated: Undated): QuestionLink => ({
    name: "partners-by-country",
    parameters: { entity: cityId, asOf, undated },
  }),
  activity: (entityId: string, undated: Undated, fromYear: number, toYear: number): QuestionLink => ({
    name: "activity-by-type",
    parameters: { entity: entityId, fromYear, toYear, undated },
  }),
} as const;
