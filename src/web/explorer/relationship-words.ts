/**
 * A relationship type in the reader's language, read from the side of the entity whose panel it heads
 * ("Funded by" on Helsinki Centre's, "Funds" on Tampere's), and a state in words. The English is the words of
 * kinds.ts (`relationshipLabel`, `INVERSE_LABELS`) and graph-data's `RELATIONSHIP_STATE_WORDS` with a capital:
 * a unit test checks the copies agree, and that every type of the vocabulary has both sides.
 */
import type { RelationshipState } from "../../graph-data/relationship-state.js";
import { type Message, messages } from "./i18n-core.js";
import { inverseRelationshipLabel, relationshipLabel } from "./kinds.js";
import type { GroupDirection, PeriodDates } from "./relationship-groups.js";

interface BothSides {
  /** From the entity the relationship starts at. */
  readonly out: Message;
  /** From the entity it ends at. */
  readonly in: Message;
}

export const RELATIONSHIP_HEADINGS: Readonly<Record<string, BothSides>> = {
  PARTNER_OF: {
    out: { en: "Partner of", fi: "Kumppanina", sv: "Partner med" },
    in: { en: "Partner of", fi: "Kumppanina", sv: "Partner med" },
  },
  FUNDS: {
    out: { en: "Funds", fi: "Rahoittaa", sv: "Finansierar" },
    in: { en: "Funded by", fi: "Rahoittajat", sv: "Finansieras av" },
  },
  PARTNER_IN: {
    out: { en: "Partner in", fi: "Osakkaana", sv: "Delägare i" },
    in: { en: "Run jointly with", fi: "Ylläpitäjät", sv: "Drivs gemensamt av" },
  },
  LOCATED_IN: {
    out: { en: "Located in", fi: "Sijaitsee", sv: "Ligger i" },
    in: { en: "Site of", fi: "Täällä sijaitsevat", sv: "Här ligger" },
  },
  REPRESENTS: {
    out: { en: "Represents", fi: "Edustaa", sv: "Representerar" },
    in: { en: "Represented by", fi: "Edustajat", sv: "Representeras av" },
  },
  HOSTED_IN: {
    out: { en: "Hosted in", fi: "Kotipaikka", sv: "Har sitt säte i" },
    in: { en: "Hosts", fi: "Isännöi", sv: "Värd för" },
  },
  PART_OF: {
    out: { en: "Part of", fi: "Osa kokonaisuutta", sv: "Del av" },
    in: { en: "Includes", fi: "Sisältää", sv: "Omfattar" },
  },
  HEADS: {
    out: { en: "Heads", fi: "Johtaa", sv: "Leder" },
    in: { en: "Headed by", fi: "Johtajat", sv: "Leds av" },
  },
  PRIORITISES: {
    out: { en: "Prioritises", fi: "Painopisteet", sv: "Prioriterar" },
    in: { en: "A priority of", fi: "Painopisteenä", sv: "Prioriteras av" },
  },
  MEMBER_OF: {
    out: { en: "Member of", fi: "Jäsenenä", sv: "Medlem i" },
    in: { en: "Has member", fi: "Jäsenet", sv: "Medlemmar" },
  },
  PARTICIPATES_IN: {
    out: { en: "Participates in", fi: "Osallistuu", sv: "Deltar i" },
    in: { en: "Has participant", fi: "Osallistujat", sv: "Deltagare" },
  },
  HOLDS_ROLE_IN: {
    out: { en: "Holds role in", fi: "Tehtävässä", sv: "Har en roll i" },
    in: { en: "Has a role holder", fi: "Tehtävien hoitajat", sv: "Rollinnehavare" },
  },
  HELD_IN: {
    out: { en: "Held in", fi: "Pitopaikka", sv: "Hölls i" },
    in: { en: "Venue of", fi: "Tapahtumapaikkana", sv: "Plats för" },
  },
  ORGANISED_BY: {
    out: { en: "Organised by", fi: "Järjestäjä", sv: "Arrangeras av" },
    in: { en: "Organiser of", fi: "Järjestää", sv: "Arrangerar" },
  },
  IN_COUNTRY: {
    out: { en: "In country", fi: "Maa", sv: "Land" },
    in: { en: "Country of", fi: "Maassa sijaitsevat", sv: "I landet ligger" },
  },
  FOUNDED_IN: {
    out: { en: "Founded in", fi: "Perustamispaikka", sv: "Grundad i" },
    in: { en: "Founding place of", fi: "Täällä perustettu", sv: "Grundplats för" },
  },
  FOUNDER_OF: {
    out: { en: "Founder of", fi: "Perustanut", sv: "Grundare av" },
    in: { en: "Founded by", fi: "Perustajat", sv: "Grundad av" },
  },
};

function capitalised(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The heading of a group: the type from the entity's side; an unknown type in kinds.ts's English words. */
export function relationshipHeading(type: string, direction: GroupDirection): Message {
  const known = RELATIONSHIP_HEADINGS[type];
  if (known) return direction === "in" ? known.in : known.out;
  const words = capitalised(direction === "in" ? inverseRelationshipLabel(type) : relationshipLabel(type));
  return { en: words, fi: words, sv: words };
}

export const STATE_WORDS: Readonly<Record<RelationshipState, Message>> = {
  CURRENT: { en: "in force", fi: "voimassa", sv: "i kraft" },
  UNDATED: { en: "in force, start unknown", fi: "voimassa, alkamisaika ei tiedossa", sv: "i kraft, början okänd" },
  FUTURE: { en: "not yet started", fi: "ei vielä alkanut", sv: "har inte börjat ännu" },
  PAST: { en: "ended", fi: "päättynyt", sv: "avslutad" },
  SUSPENDED: { en: "suspended", fi: "keskeytetty", sv: "avbruten" },
  PENDING: {
    en: "not yet in force (a step before membership)",
    fi: "ei vielä voimassa (jäsenyyttä edeltävä vaihe)",
    sv: "inte i kraft ännu (ett steg före medlemskap)",
  },
  DENIED: { en: "denied by a source", fi: "lähde kiistää", sv: "en källa förnekar" },
};

export const DATE_WORDS = messages({
  between: { en: "{from}–{to}", fi: "{from}–{to}", sv: "{from}–{to}" },
  from: { en: "from {from}", fi: "{from} alkaen", sv: "från {from}" },
  until: { en: "until {to}", fi: "{to} asti", sv: "till {to}" },
  undated: { en: "undated", fi: "ei päivämääriä", sv: "odaterad" },
});

/** The message and values that word a record's dates (`periodDates`). */
export function datesMessage(dates: PeriodDates): { message: Message; vars: Record<string, string> } {
  switch (dates.kind) {
    case "between":
      return { message: DATE_WORDS.between, vars: { from: dates.from, to: dates.to } };
    case "from":
      return { message: DATE_WORDS.from, vars: { from: dates.from } };
    case "until":
      return { message: DATE_WORDS.until, vars: { to: dates.to } };
    case "undated":
      return { message: DATE_WORDS.undated, vars: {} };
  }
}

/**
 * Several records of one tie, said rather than listed as look-alike lines: the tie's periods (Helsinki–Moscow
 * until 2022-03, then suspended), or several sources' claims about it.
 */
export const RECORD_WORDS = messages({
  count: {
    one: { en: "{count} record", fi: "{count} kirjaus", sv: "{count} post" },
    other: { en: "{count} records", fi: "{count} kirjausta", sv: "{count} poster" },
  },
  why: {
    en: "Several records of this tie: its periods, or several sources' claims. Each opens with its sources.",
    fi: "Tästä suhteesta on useita kirjauksia: sen eri jaksot tai eri lähteiden tiedot. Kukin avautuu lähteineen.",
    sv: "Flera poster om den här relationen: dess perioder eller olika källors uppgifter. Var och en öppnas med sina källor.",
  },
});
