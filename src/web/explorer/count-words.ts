/** "12 entities, 30 relationships" in the reader's language: the graph's status line and its lists (pure). */
import { type Lang, format, messages } from "./i18n-core.js";

export const COUNT_WORDS = messages({
  entities: {
    one: { en: "{count} entity", fi: "{count} kohde", sv: "{count} entitet" },
    other: { en: "{count} entities", fi: "{count} kohdetta", sv: "{count} entiteter" },
  },
  relationships: {
    one: { en: "{count} relationship", fi: "{count} suhde", sv: "{count} relation" },
    other: { en: "{count} relationships", fi: "{count} suhdetta", sv: "{count} relationer" },
  },
  counts: { en: "{entities}, {relationships}", fi: "{entities}, {relationships}", sv: "{entities}, {relationships}" },
});

/** The two counts as words, to put into a sentence (`{entities}`, `{relationships}`). */
export function countWords(lang: Lang, entities: number, relationships: number) {
  return {
    entities: format(lang, COUNT_WORDS.entities, { count: entities }),
    relationships: format(lang, COUNT_WORDS.relationships, { count: relationships }),
  };
}

/** "12 entities, 30 relationships". */
export function countsLine(lang: Lang, entities: number, relationships: number): string {
  return format(lang, COUNT_WORDS.counts, countWords(lang, entities, relationships));
}
