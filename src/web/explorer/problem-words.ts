/**
 * What the API's codes mean, in the reader's language (pure). The API's messages stay English (they are the
 * one write path's, shared with files and the command line); the edit forms show each problem's code as
 * words in the reader's language beside the field it concerns, and the message after it. Keyed by the closed
 * set of problem codes, so a new code without its words fails the type check.
 */
import type { ProblemCode } from "../../graph-data/problems.js";
import { type Lang, type Message, format, messages } from "./i18n-core.js";

const PROBLEM_WORDS: { readonly [Code in ProblemCode]: Message } = messages({
  INVALID_FILE: {
    en: "The input cannot be read",
    fi: "Syötettä ei voi lukea",
    sv: "Indata kan inte läsas",
  },
  UNKNOWN_FIELD: {
    en: "A field this kind of record does not have",
    fi: "Kenttä, jota tällaisessa tietueessa ei ole",
    sv: "Ett fält som den här typen av post inte har",
  },
  REQUIRED: {
    en: "Required, and missing or empty",
    fi: "Pakollinen tieto puuttuu",
    sv: "Obligatoriska uppgifter saknas",
  },
  INVALID_VALUE: {
    en: "A value of the wrong form",
    fi: "Arvo on väärässä muodossa",
    sv: "Värdet har fel form",
  },
  INVISIBLE_CHARACTERS: {
    en: "Holds characters nobody can see",
    fi: "Sisältää näkymättömiä merkkejä",
    sv: "Innehåller tecken som inte syns",
  },
  TOO_LONG: { en: "Too long or too many", fi: "Liian pitkä tai liian monta", sv: "För lång eller för många" },
  DUPLICATE_ID: {
    en: "The same id twice",
    fi: "Sama tunniste kahdesti",
    sv: "Samma identifierare två gånger",
  },
  ID_TAKEN: {
    en: "The id belongs to another record",
    fi: "Tunniste kuuluu toiselle tietueelle",
    sv: "Identifieraren tillhör en annan post",
  },
  UNKNOWN_REFERENCE: {
    en: "Refers to something not in the graph",
    fi: "Viittaa johonkin, mitä graafissa ei ole",
    sv: "Hänvisar till något som inte finns i grafen",
  },
  NOT_ALLOWED: {
    en: "Not allowed between these kinds of entity",
    fi: "Ei sallittu näiden kohdelajien välillä",
    sv: "Inte tillåtet mellan dessa typer av entiteter",
  },
  DATE_ORDER: {
    en: "Dates out of order",
    fi: "Päivämäärät väärässä järjestyksessä",
    sv: "Datumen är i fel ordning",
  },
  STILL_CITED: {
    en: "Still cited or used by other records",
    fi: "Muut tietueet viittaavat siihen yhä",
    sv: "Andra poster hänvisar fortfarande till den",
  },
  RESTRICTED: {
    en: "Only a role you do not have may write this",
    fi: "Vain rooli, jota sinulla ei ole, voi kirjoittaa tämän",
    sv: "Bara en roll som du inte har får skriva detta",
  },
  NOT_FOUND: { en: "No such record", fi: "Tietuetta ei ole", sv: "Posten finns inte" },
  TOO_LARGE: {
    en: "Too large for one transaction",
    fi: "Liian suuri yhdelle tapahtumalle",
    sv: "För stort för en transaktion",
  },
  CHANGED_SINCE: {
    en: "Changed since by a later write",
    fi: "Myöhempi muutos on muuttanut sitä",
    sv: "En senare ändring har ändrat den",
  },
  TOO_MANY_DELETES: {
    en: "More deletions than your role allows",
    fi: "Enemmän poistoja kuin roolisi sallii",
    sv: "Fler borttagningar än din roll tillåter",
  },
});

/** The API's error codes the edit forms meet, in words; any other is said as "the API refused it". */
const ERROR_WORDS: Readonly<Record<string, Message>> = messages({
  UNAUTHENTICATED: {
    en: "Your sign-in has ended or was not accepted.",
    fi: "Kirjautumisesi on päättynyt tai sitä ei hyväksytty.",
    sv: "Din inloggning har upphört eller godtogs inte.",
  },
  FORBIDDEN: {
    en: "Your role may not make this change.",
    fi: "Roolisi ei salli tätä muutosta.",
    sv: "Din roll får inte göra den här ändringen.",
  },
  RATE_LIMITED: {
    en: "Too many requests: wait a moment and try again.",
    fi: "Liian monta pyyntöä: odota hetki ja yritä uudelleen.",
    sv: "För många förfrågningar: vänta en stund och försök igen.",
  },
  SERVICE_UNAVAILABLE: {
    en: "The database is not available just now: try again shortly.",
    fi: "Tietokanta ei ole juuri nyt käytettävissä: yritä pian uudelleen.",
    sv: "Databasen är inte tillgänglig just nu: försök igen om en stund.",
  },
  QUERY_TIMEOUT: {
    en: "The database took too long: try again.",
    fi: "Tietokanta ei vastannut ajoissa: yritä uudelleen.",
    sv: "Databasen svarade inte i tid: försök igen.",
  },
  BAD_USER_INPUT: {
    en: "The API refused the input.",
    fi: "Rajapinta hylkäsi syötteen.",
    sv: "API:t avvisade indata.",
  },
});

const M = messages({
  refused: { en: "The API refused it.", fi: "Rajapinta hylkäsi sen.", sv: "API:t avvisade det." },
  unreachable: {
    en: "The API cannot be reached.",
    fi: "Rajapintaan ei saada yhteyttä.",
    sv: "Det går inte att nå API:t.",
  },
});

/** Whether `code` is one of the write path's problem codes (and so has words in PROBLEM_WORDS). */
export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_WORDS, code);
}

/**
 * Why the API refused, in `lang`: a write problem's code as its meaning ("CHANGED_SINCE" → "Myöhempi muutos
 * on muuttanut sitä"), any other code as what the request's failure means (`requestErrorWords`).
 */
export function refusalWords(code: string | undefined, lang: Lang): string {
  return code !== undefined && isProblemCode(code) ? problemCodeWords(code, lang) : requestErrorWords(code, lang);
}

/** A problem code as words in `lang` ("DATE_ORDER" → "Päivämäärät väärässä järjestyksessä"); else the code. */
export function problemCodeWords(code: string, lang: Lang): string {
  const words = (PROBLEM_WORDS as Readonly<Record<string, Message>>)[code];
  return words ? words[lang] : code;
}

/**
 * What went wrong with a request, in `lang`: that the API cannot be reached (`NETWORK_ERROR`, the client's
 * code for no answer), the meaning of the API's code when it is one the forms meet, else that it refused it.
 */
export function requestErrorWords(code: string | undefined, lang: Lang): string {
  if (code === "NETWORK_ERROR") return format(lang, M.unreachable);
  return format(lang, (code === undefined ? undefined : ERROR_WORDS[code]) ?? M.refused);
}
