/**
 * What each dashboard chart counts, for whom and as of when, in the reader's language (pure): the captions
 * follow the focus, the date control ("All dates" said as such) and the undated choice, so a figure can be
 * quoted with its caption. Where the partners chart and the per-year chart would seem to disagree (6 partner
 * cities, 9 partnership relationships), the partners caption says why.
 */
import { type Lang, format, messages } from "./i18n-core.js";
import type { PartnerCount } from "../../graph-data/partner-count.js";
import type { Undated } from "./url-state.js";

const M = messages({
  kindsTitle: { en: "Entities by kind", fi: "Kohteet lajeittain", sv: "Entiteter efter typ" },
  kindsCaption: {
    en: "Every entity stored in the graph, by kind, whatever its dates; sources are not counted. The date control does not apply here.",
    fi: "Kaikki graafiin tallennetut kohteet lajeittain niiden päivämääristä riippumatta; lähteitä ei lasketa. Päivämäärän valinta ei vaikuta tähän.",
    sv: "Alla entiteter som finns i grafen, efter typ, oberoende av datum; källor räknas inte. Datumvalet påverkar inte detta.",
  },
  typesTitle: { en: "Relationships by type", fi: "Suhteet tyypeittäin", sv: "Relationer efter typ" },
  typesCaption: {
    en: "Every relationship stored in the graph, by type: all dates and states, ended, suspended and denied ones too. The date control does not apply here.",
    fi: "Kaikki graafiin tallennetut suhteet tyypeittäin: kaikki päivämäärät ja tilat, myös päättyneet, keskeytetyt ja kiistetyt. Päivämäärän valinta ei vaikuta tähän.",
    sv: "Alla relationer som finns i grafen, efter typ: alla datum och lägen, även avslutade, avbrutna och förnekade. Datumvalet påverkar inte detta.",
  },
  fundersTitle: { en: "Funders per office", fi: "Rahoittajat toimistoittain", sv: "Finansiärer per kontor" },
  fundersCaption: {
    en: "Funding relationships of each office, {when}. A funder with several periods or claims counts once for each.",
    fi: "Kunkin toimiston rahoitussuhteet, {when}. Rahoittaja, jolla on useita jaksoja tai väitteitä, lasketaan kerran kustakin.",
    sv: "Varje kontors finansieringsrelationer, {when}. En finansiär med flera perioder eller uppgifter räknas en gång för var och en.",
  },
  partnersTitle: {
    en: "Partner cities of {city} by country",
    fi: "{city}: kumppanikaupungit maittain",
    sv: "{city}: partnerstäder efter land",
  },
  partnersCaption: {
    one: {
      en: "{count} partner city of {city}, {when}, by the country it lies in (cities only). Each partner counts once, however many relationships tie it to {city}.",
      fi: "{city}: {count} kumppanikaupunki, {when}, maittain (vain kaupungit). Kukin kumppani lasketaan kerran, vaikka suhteita olisi useita.",
      sv: "{city}: {count} partnerstad, {when}, efter land (endast städer). Varje partner räknas en gång, även om det finns flera relationer.",
    },
    other: {
      en: "{count} partner cities of {city}, {when}, by the country each lies in (cities only). Each partner counts once, however many relationships tie it to {city}.",
      fi: "{city}: {count} kumppanikaupunkia, {when}, maittain (vain kaupungit). Kukin kumppani lasketaan kerran, vaikka suhteita olisi useita.",
      sv: "{city}: {count} partnerstäder, {when}, efter land (endast städer). Varje partner räknas en gång, även om det finns flera relationer.",
    },
  },
  partnersTies: {
    en: "They are {count} partnership relationships, as some partners have several periods or claims ({repeated}): the per-year chart below counts relationships.",
    fi: "Kumppanuussuhteita on {count}, koska osalla kumppaneista on useita jaksoja tai väitteitä ({repeated}): alla oleva vuosikaavio laskee suhteet.",
    sv: "Partnerskapsrelationerna är {count}, eftersom vissa partner har flera perioder eller uppgifter ({repeated}): diagrammet per år nedan räknar relationer.",
  },
  partnersNotCities: {
    en: "Left out as not cities: {names}.",
    fi: "Jätetty pois, koska eivät ole kaupunkeja: {names}.",
    sv: "Utelämnade eftersom de inte är städer: {names}.",
  },
  noCountry: { en: "Country not recorded", fi: "Maata ei ole kirjattu", sv: "Land inte registrerat" },
  activityTitle: {
    en: "Relationships of {name} in force per year, by type",
    fi: "{name}: voimassa olevat suhteet vuosittain tyypeittäin",
    sv: "{name}: gällande relationer per år, efter typ",
  },
  activityCaption: {
    en: "Relationships of {name} in force on 1 July of each year, {from}–{to}, by type ({undated}). A relationship with several periods or claims counts once for each, so one partner may count twice. Every year is shown whatever the date control says.",
    fi: "Kohteen {name} suhteet, jotka ovat voimassa kunkin vuoden 1. heinäkuuta, {from}–{to}, tyypeittäin ({undated}). Suhde, jolla on useita jaksoja tai väitteitä, lasketaan kerran kustakin, joten sama kumppani voi tulla lasketuksi kahdesti. Kaikki vuodet näytetään päivämäärän valinnasta riippumatta.",
    sv: "Relationer för {name} som gäller den 1 juli varje år, {from}–{to}, efter typ ({undated}). En relation med flera perioder eller uppgifter räknas en gång för var och en, så samma partner kan räknas två gånger. Alla år visas oberoende av datumvalet.",
  },
  onDay: { en: "in force on {date} ({undated})", fi: "voimassa {date} ({undated})", sv: "gällande {date} ({undated})" },
  allDates: {
    en: "across all dates (All dates: ended ones too)",
    fi: "kaikilta ajoilta (Kaikki päivät: myös päättyneet)",
    sv: "under alla datum (Alla datum: även avslutade)",
  },
  undatedINCLUDE: {
    en: "undated claims counted as in force",
    fi: "päiväämättömät tiedot lasketaan voimassa oleviksi",
    sv: "odaterade uppgifter räknas som gällande",
  },
  undatedEXCLUDE: {
    en: "undated claims left out",
    fi: "päiväämättömät tiedot jätetään pois",
    sv: "odaterade uppgifter utelämnas",
  },
  undatedATTESTED: {
    en: "undated claims counted from when a source first states them",
    fi: "päiväämättömät tiedot lasketaan siitä, kun lähde ensimmäisen kerran mainitsee ne",
    sv: "odaterade uppgifter räknas från när en källa först nämner dem",
  },
  table: { en: "Table", fi: "Taulukko", sv: "Tabell" },
  year: { en: "Year", fi: "Vuosi", sv: "År" },
  loading: { en: "Loading…", fi: "Ladataan…", sv: "Laddar…" },
  nothing: { en: "Nothing to count.", fi: "Ei laskettavaa.", sv: "Inget att räkna." },
  barChart: { en: "{title}: bar chart", fi: "{title}: pylväskaavio", sv: "{title}: stapeldiagram" },
  stackedChart: {
    en: "{title}: stacked bar chart",
    fi: "{title}: pinottu pylväskaavio",
    sv: "{title}: staplat stapeldiagram",
  },
});

/** Words of the dashboard that are not captions (headers, states), for its components. */
export const DASHBOARD_WORDS = {
  table: M.table,
  year: M.year,
  loading: M.loading,
  nothing: M.nothing,
  barChart: M.barChart,
  stackedChart: M.stackedChart,
};

export function undatedWords(lang: Lang, undated: Undated): string {
  return format(lang, M[`undated${undated}`]);
}

/** "in force on 2019-12-31 (undated claims …)" or "across all dates …". */
export function whenWords(lang: Lang, asOf: string | null, undated: Undated): string {
  return asOf ? format(lang, M.onDay, { date: asOf, undated: undatedWords(lang, undated) }) : format(lang, M.allDates);
}

export interface ChartWords {
  readonly title: string;
  /** What is counted, for whom, as of when: each sentence a paragraph. */
  readonly caption: readonly string[];
}

export function kindsChart(lang: Lang): ChartWords {
  return { title: format(lang, M.kindsTitle), caption: [format(lang, M.kindsCaption)] };
}

export function typesChart(lang: Lang): ChartWords {
  return { title: format(lang, M.typesTitle), caption: [format(lang, M.typesCaption)] };
}

export function fundersChart(lang: Lang, asOf: string | null, undated: Undated): ChartWords {
  return {
    title: format(lang, M.fundersTitle),
    caption: [format(lang, M.fundersCaption, { when: whenWords(lang, asOf, undated) })],
  };
}

/** The partners chart's words; `partners` null while loading. */
export function partnersChart(
  lang: Lang,
  city: string,
  asOf: string | null,
  undated: Undated,
  partners: PartnerCount | null,
): ChartWords {
  const title = format(lang, M.partnersTitle, { city });
  if (!partners) return { title, caption: [] };
  const caption = [
    format(lang, M.partnersCaption, { count: partners.cities, city, when: whenWords(lang, asOf, undated) }),
  ];
  if (partners.relationships > partners.cities) {
    const repeated = partners.repeated.map((partner) => `${partner.name} ${partner.relationships}`).join(", ");
    caption.push(format(lang, M.partnersTies, { count: partners.relationships, repeated }));
  }
  if (partners.notCities.length > 0)
    caption.push(format(lang, M.partnersNotCities, { names: partners.notCities.join(", ") }));
  return { title, caption };
}

/** The partners' rows with "" (no country) put in words. */
export function partnerRows(lang: Lang, partners: PartnerCount): { key: string; count: number }[] {
  return partners.byCountry.map((row) => ({ key: row.key || format(lang, M.noCountry), count: row.count }));
}

export function activityChart(lang: Lang, name: string, undated: Undated, from: number, to: number): ChartWords {
  return {
    title: format(lang, M.activityTitle, { name }),
    caption: [
      format(lang, M.activityCaption, {
        name,
        from: String(from),
        to: String(to),
        undated: undatedWords(lang, undated),
      }),
    ],
  };
}
