/**
 * The record model's words in the reader's language, for the edit forms (pure). The model itself
 * (graph-data/records.ts, vocabulary.ts) is shared with files, the API and the docs, and speaks English: its
 * field descriptions, status meanings and relationship-type meanings are the English here, and these tables
 * give Finnish and Swedish beside them. Each table is keyed by the model's own names, so a field, status or
 * type added to the model without its words here fails the type check. Every word is registered with
 * `messages`, so the languages test checks none is empty or an untranslated copy.
 */
import {
  ENTITY_FIELDS,
  type FieldSpec,
  KIND_FIELDS,
  RELATIONSHIP_FIELDS,
  SOURCE_FIELDS,
} from "../../graph-data/records.js";
import {
  ENTITY_KINDS,
  type EntityKind,
  RELATIONSHIP_RULES,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  STATUS_RULES,
  type Status,
} from "../../graph-data/vocabulary.js";
import { type Lang, type Message, format, messages } from "./i18n-core.js";
import { type FormField, SOURCE_ID_FIELD, fieldLabel, sourceFormFields } from "./record-fields.js";

/** A field's label and hint in Finnish and Swedish; the English is the model's (`fieldLabel`, `description`). */
interface FieldWords {
  readonly label: Omit<Message, "en">;
  readonly hint: Omit<Message, "en">;
}

type Table<Spec> = { readonly [Name in keyof Spec]: FieldWords };

const ID_HINT: FieldWords["hint"] = {
  fi: "Pienillä kirjaimilla kirjoitettu lyhyt tunniste (esim. helsinki-eu-office), ainutkertainen kohteiden ja lähteiden kesken.",
  sv: "En kort identifierare med gemener (t.ex. helsinki-eu-office), unik bland entiteter och källor.",
};

const SOURCE_WORDS: Table<typeof SOURCE_FIELDS> = {
  id: { label: { fi: "Lähteen tunniste", sv: "Källans identifierare" }, hint: ID_HINT },
  title: {
    label: { fi: "Otsikko", sv: "Titel" },
    hint: {
      fi: "Otsikko julkaistussa muodossa, asiakirjan kielellä.",
      sv: "Titeln som den publicerades, på dokumentets språk.",
    },
  },
  titleEn: {
    label: { fi: "Otsikko englanniksi", sv: "Titel på engelska" },
    hint: {
      fi: "Otsikko englanniksi, jos alkuperäinen on muulla kielellä.",
      sv: "Titeln på engelska, om originalet är på ett annat språk.",
    },
  },
  publisher: {
    label: { fi: "Julkaisija", sv: "Utgivare" },
    hint: { fi: "Kuka sen julkaisi.", sv: "Vem som gav ut den." },
  },
  publisherKind: {
    label: { fi: "Julkaisijan laji", sv: "Typ av utgivare" },
    hint: {
      fi: "Millainen julkaisija: city (kaupunki), organisation (organisaatio), government (valtio), media (uutismedia) tai crowd (joukkoistettu).",
      sv: "Vilken typ av utgivare: city (stad), organisation, government (stat), media (nyhetsmedier) eller crowd (crowdsourcing).",
    },
  },
  publisherId: {
    label: { fi: "Julkaisijan tunniste", sv: "Utgivarens id" },
    hint: {
      fi: "Julkaisijan tunniste graafissa, jos julkaisija on siellä kohteena (`helsinki`, `eurocities`).",
      sv: "Utgivarens id i grafen, om utgivaren finns där som entitet (`helsinki`, `eurocities`).",
    },
  },
  form: {
    label: { fi: "Lähteen muoto", sv: "Källans form" },
    hint: {
      fi: "document (asiakirja, johon viitataan lainauksin; oletus) tai dataset (aineisto, johon viitataan paikantimin).",
      sv: "document (ett dokument som citeras med utdrag; standard) eller dataset (en datamängd som citeras med lokaliserare).",
    },
  },
  published: {
    label: { fi: "Julkaistu", sv: "Publicerad" },
    hint: {
      fi: "Julkaisupäivä ISO 8601 -muodossa, myös osittainen (2020, 2020-02), raja tai väli (../2019-05).",
      sv: "Publiceringsdatum enligt ISO 8601, även ofullständigt (2020, 2020-02), en gräns eller ett intervall (../2019-05).",
    },
  },
  url: {
    label: { fi: "Verkko-osoite", sv: "Webbadress" },
    hint: { fi: "Verkko-osoite (http tai https).", sv: "Webbadress (http eller https)." },
  },
  language: {
    label: { fi: "Kieli", sv: "Språk" },
    hint: {
      fi: "Asiakirjan kieli ISO 639-1 -koodina (fi, sv, en).",
      sv: "Dokumentets språk som en ISO 639-1-kod (fi, sv, en).",
    },
  },
  note: {
    label: { fi: "Huomautus", sv: "Anteckning" },
    hint: {
      fi: "Miten lähde saatiin ja missä sen kopiota säilytetään.",
      sv: "Hur källan har erhållits och var en kopia förvaras.",
    },
  },
};

const ENTITY_WORDS: Table<typeof ENTITY_FIELDS> = {
  id: { label: { fi: "Tunniste", sv: "Identifierare" }, hint: ID_HINT },
  name: {
    label: { fi: "Nimi (englanninkielinen näyttönimi)", sv: "Namn (engelskt visningsnamn)" },
    hint: { fi: "Englanninkielinen nimi, jolla kohde näytetään.", sv: "Det engelska namn som entiteten visas med." },
  },
  nameFi: {
    label: { fi: "Nimi suomeksi", sv: "Namn på finska" },
    hint: { fi: "Suomenkielinen nimi, jos sellainen on.", sv: "Namnet på finska, om ett sådant finns." },
  },
  nameSv: {
    label: { fi: "Nimi ruotsiksi", sv: "Namn på svenska" },
    hint: { fi: "Ruotsinkielinen nimi, jos sellainen on.", sv: "Namnet på svenska, om ett sådant finns." },
  },
  nameEn: {
    label: { fi: "Nimi englanniksi", sv: "Namn på engelska" },
    hint: { fi: "Englanninkielinen nimi, jos sellainen on.", sv: "Namnet på engelska, om ett sådant finns." },
  },
  aliases: {
    label: { fi: "Muut nimet (yksi kullekin riville)", sv: "Alias (ett per rad)" },
    hint: {
      fi: "Muut nimet: lyhenteet, entiset nimet, yleiset kirjoitusasut.",
      sv: "Andra namn: förkortningar, tidigare namn, vanliga stavningar.",
    },
  },
  description: {
    label: { fi: "Kuvaus", sv: "Beskrivning" },
    hint: { fi: "Yhden rivin kuvaus omin sanoin.", sv: "En beskrivning på en rad, med egna ord." },
  },
  externalIds: {
    label: { fi: "Ulkoiset tunnisteet", sv: "Externa id:n" },
    hint: {
      fi: "Millä tunnisteilla kohde tunnetaan muualla: enintään yksi kustakin järjestelmästä (wikidata, geonames, url; maan ISO 3166 -koodi on sen kentässä isoCode).",
      sv: "Hur entiteten är känd på andra håll: högst ett id per system (wikidata, geonames, url; ett lands ISO 3166-kod står i fältet isoCode).",
    },
  },
  sources: {
    label: { fi: "Lähteet", sv: "Källor" },
    hint: { fi: "Kohdetta tukevien lähteiden tunnisteet.", sv: "Id:n för de källor som stöder entiteten." },
  },
};

const LOCATION_WORDS: FieldWords = {
  label: { fi: "Sijainti", sv: "Läge" },
  hint: {
    fi: "Missä paikka on: leveys- ja pituusaste asteina (WGS 84).",
    sv: "Var platsen ligger: latitud och longitud i grader (WGS 84).",
  },
};

const DATE_FORMS = {
  fi: "ISO 8601 -muodossa, myös osittainen, raja tai väli",
  sv: "enligt ISO 8601, även ofullständigt, en gräns eller ett intervall",
};

const KIND_WORDS: { readonly [Kind in EntityKind]: Table<(typeof KIND_FIELDS)[Kind]> } = {
  City: { location: LOCATION_WORDS },
  Country: {
    isoCode: {
      label: { fi: "ISO 3166 -koodi", sv: "ISO 3166-kod" },
      hint: { fi: "ISO 3166-1 alpha-2 -maakoodi (FI).", sv: "Landskod enligt ISO 3166-1 alpha-2 (FI)." },
    },
  },
  Organization: {
    category: {
      label: { fi: "Luokka", sv: "Kategori" },
      hint: {
        fi: "Millainen organisaatio (EU-virasto, kaupungin yksikkö …).",
        sv: "Vilken typ av organisation (EU-myndighet, kommunal enhet …).",
      },
    },
    founded: {
      label: { fi: "Perustettu", sv: "Grundad" },
      hint: { fi: `Milloin se perustettiin, ${DATE_FORMS.fi}.`, sv: `När den grundades, ${DATE_FORMS.sv}.` },
    },
    staffCount: {
      label: { fi: "Henkilöstön määrä", sv: "Antal anställda" },
      hint: { fi: "Henkilöstön määrä, jos lähde kertoo sen.", sv: "Antal anställda, om en källa anger det." },
    },
  },
  Office: { location: LOCATION_WORDS },
  Theme: {},
  Network: {},
  Person: {
    email: {
      label: { fi: "Sähköposti", sv: "E-post" },
      hint: { fi: "Sähköpostiosoite (vain roolille `staff`).", sv: "E-postadress (endast för rollen `staff`)." },
    },
    phone: {
      label: { fi: "Puhelin", sv: "Telefon" },
      hint: { fi: "Puhelinnumero (vain roolille `staff`).", sv: "Telefonnummer (endast för rollen `staff`)." },
    },
  },
  Event: {
    category: {
      label: { fi: "Luokka", sv: "Kategori" },
      hint: {
        fi: "Millainen tapahtuma (tapahtumasarja, konferenssi …).",
        sv: "Vilken typ av evenemang (evenemangsserie, konferens …).",
      },
    },
    startDate: {
      label: { fi: "Alkamispäivä", sv: "Startdatum" },
      hint: { fi: `Milloin se alkoi, ${DATE_FORMS.fi}.`, sv: `När det började, ${DATE_FORMS.sv}.` },
    },
    endDate: {
      label: { fi: "Päättymispäivä", sv: "Slutdatum" },
      hint: { fi: `Milloin se päättyi, ${DATE_FORMS.fi}.`, sv: `När det slutade, ${DATE_FORMS.sv}.` },
    },
  },
  Place: { location: LOCATION_WORDS },
};

const RELATIONSHIP_WORDS: Table<typeof RELATIONSHIP_FIELDS> = {
  id: {
    label: { fi: "Tunniste", sv: "Identifierare" },
    hint: {
      fi: "Pysyvä tunniste; ilman sitä `<from>--<TYPE>--<to>`. Anna kullekin jaksolle oma, kun suhde muuttuu.",
      sv: "Beständigt id; utan det `<from>--<TYPE>--<to>`. Ge varje period ett eget när en relation ändras.",
    },
  },
  from: {
    label: { fi: "Mistä", sv: "Från" },
    hint: {
      fi: "Kohde, josta suhde lähtee: sen tunniste tai tuonnissa ulkoinen tunniste, kuten `wikidata:Q1757`.",
      sv: "Entiteten där relationen börjar: dess id, eller vid import ett externt id som `wikidata:Q1757`.",
    },
  },
  to: {
    label: { fi: "Mihin", sv: "Till" },
    hint: {
      fi: "Kohde, johon suhde päättyy: sen tunniste tai tuonnissa ulkoinen tunniste, kuten `wikidata:Q1757`.",
      sv: "Entiteten där relationen slutar: dess id, eller vid import ett externt id som `wikidata:Q1757`.",
    },
  },
  kind: {
    label: { fi: "Laji", sv: "Slag" },
    hint: {
      fi: "Rooli tai laji (bilateral, key-theme, johtajan nimike …).",
      sv: "Roll eller slag (bilateral, key-theme, en chefs titel …).",
    },
  },
  status: {
    label: { fi: "Tila", sv: "Status" },
    hint: {
      fi: "active, suspended, ended, closing, denied tai jäsenyyttä edeltävä vaihe: preparing, applied, decided.",
      sv: "active, suspended, ended, closing, denied eller ett steg före medlemskap: preparing, applied, decided.",
    },
  },
  validFrom: {
    label: { fi: "Voimassa alkaen", sv: "Giltig från" },
    hint: {
      fi: "Milloin se alkoi, ISO 8601 -muodossa, myös osittainen, raja (`../2019-05-29`: siihen mennessä) tai väli (`A/B`).",
      sv: "När den började, enligt ISO 8601, även ofullständigt, en gräns (`../2019-05-29`: senast då) eller ett intervall (`A/B`).",
    },
  },
  validTo: {
    label: { fi: "Voimassa asti (päivä ei sisälly)", sv: "Giltig till (dagen ej inräknad)" },
    hint: {
      fi: `Milloin se lakkasi (päivä ei sisälly), ${DATE_FORMS.fi}.`,
      sv: `När den upphörde (dagen ej inräknad), ${DATE_FORMS.sv}.`,
    },
  },
  premises: {
    label: { fi: "Toimitilat", sv: "Lokaler" },
    hint: { fi: "Suhteelle LOCATED_IN: rakennus.", sv: "För LOCATED_IN: byggnaden." },
  },
  citations: {
    label: { fi: "Lähdeviitteet", sv: "Källhänvisningar" },
    hint: { fi: "Vähintään yksi lähde, kukin lainauksen kanssa.", sv: "Minst en källa, var och en med ett utdrag." },
  },
};

/** Each status's name and meaning in Finnish and Swedish; the English meaning is the vocabulary's. */
const STATUS_WORDS: { readonly [S in Status]: Omit<Message, "en"> } = {
  active: { fi: "voimassa", sv: "gäller" },
  suspended: {
    fi: "keskeytetty jakson ajaksi (uusi tietue keskeyttämispäivästä alkaen)",
    sv: "avbruten för perioden (en ny post från den dag den avbröts)",
  },
  ended: {
    fi: "päättynyt; `validFrom`–`validTo` kertoo, milloin se oli voimassa",
    sv: "avslutad; `validFrom`–`validTo` anger när den gällde",
  },
  preparing: {
    fi: "liittymistä valmistellaan (esim. valtuusto palautti asian valmisteluun)",
    sv: "anslutningen bereds (t.ex. återremitterade fullmäktige frågan)",
  },
  applied: {
    fi: "jäsenyyttä on haettu, sitä ei ole (vielä) myönnetty",
    sv: "medlemskap har sökts men (ännu) inte beviljats",
  },
  decided: {
    fi: "liittymisestä on päätetty; lähde ei kerro jäsenyyden alkaneen",
    sv: "beslut om anslutning har fattats; källan säger inte att medlemskapet började",
  },
  closing: { fi: "voimassa, kun sen lopettamista valmistellaan", sv: "gäller medan avvecklingen förbereds" },
  denied: {
    fi: "lähteen mukaan tätä yhteyttä ei ole (kaupunki, joka ei nimeä ystävyyskaupunkeja); väite, ei koskaan voimassa",
    sv: "källan säger att förbindelsen inte finns (en stad som inte utser vänorter); ett påstående, aldrig i kraft",
  },
};

/** What each relationship type means, in Finnish and Swedish; the English is the vocabulary's. */
const TYPE_MEANINGS: { readonly [T in RelationshipType]: Omit<Message, "en"> } = {
  PARTNER_OF: {
    fi: "kumppanuus tai sopimus kahden kaupungin, organisaation tai paikan välillä; `kind` kertoo, miksi lähde sitä kutsuu: bilateral, special-historical, twin-city, cooperation-agreement tai partnership-agreement (päivämäärät ovat sopimuksen), resolution (yhteistyöpäätös) tai focus-city (vuoden painopistekaupunki)",
    sv: "ett partnerskap eller avtal mellan två städer, organisationer eller platser; `kind` anger vad källan kallar det: bilateral, special-historical, twin-city, cooperation-agreement eller partnership-agreement (datumen är avtalets), resolution (beslut om samarbete) eller focus-city (årets fokusstad)",
  },
  FUNDS: {
    fi: "kaupunki tai organisaatio rahoittaa toimistoa",
    sv: "en stad eller organisation finansierar ett kontor",
  },
  PARTNER_IN: { fi: "osapuoli yhdessä ylläpidetyssä toimistossa", sv: "en partner i ett gemensamt drivet kontor" },
  LOCATED_IN: {
    fi: "missä toimisto sijaitsee; `premises` nimeää rakennuksen",
    sv: "var ett kontor ligger; `premises` anger byggnaden",
  },
  REPRESENTS: { fi: "toimisto edustaa kaupunkia ulkomailla", sv: "ett kontor representerar en stad utomlands" },
  HOSTED_IN: {
    fi: "kaupunki isännöi organisaatiota `validFrom`-päivästä alkaen",
    sv: "en organisation som en stad är värd för, från `validFrom`",
  },
  PART_OF: {
    fi: "organisaatioyksikkö on osa suurempaa yksikköä tai kaupunkia",
    sv: "en organisatorisk enhet är en del av en större enhet eller av staden",
  },
  HEADS: { fi: "henkilö johtaa yksikköä; `kind` on nimike", sv: "en person leder en enhet; `kind` är titeln" },
  PRIORITISES: {
    fi: "painopisteteema (`key-theme`) tai tavoite (`goal`)",
    sv: "ett prioriterat tema (`key-theme`) eller mål (`goal`)",
  },
  MEMBER_OF: {
    fi: "verkoston jäsenyys; `status` erottaa jäsenyyden sitä edeltävistä vaiheista (preparing, applied, decided)",
    sv: "medlemskap i ett nätverk; `status` skiljer medlemskapet från stegen före det (preparing, applied, decided)",
  },
  PARTICIPATES_IN: {
    fi: "osallistuu verkostoon, kampanjaan tai ohjelmaan olematta jäsen, tai kokoukseen tai yhteiseen julistukseen (Event); `kind` kertoo miten (signatory, selected, observer, expert co-operation, host, participant)",
    sv: "deltar i ett nätverk, en kampanj eller ett program utan att vara medlem, eller i ett möte eller en gemensam deklaration (Event); `kind` anger hur (signatory, selected, observer, expert co-operation, host, participant)",
  },
  HOLDS_ROLE_IN: {
    fi: "toimikautinen tehtävä verkoston toimielimissä; `kind` nimeää tehtävän, päivämäärät ovat toimikausi",
    sv: "har en roll med mandatperiod i ett nätverks organ; `kind` anger rollen, datumen är mandatperioden",
  },
  HELD_IN: { fi: "missä tapahtuma järjestettiin", sv: "var ett evenemang hölls" },
  ORGANISED_BY: {
    fi: "kuka tapahtuman järjesti; `kind` kertoo miten (`joint project`)",
    sv: "vem som organiserade ett evenemang; `kind` anger hur (`joint project`)",
  },
  IN_COUNTRY: { fi: "kaupunki tai paikka sijaitsee maassa", sv: "en stad eller plats ligger i ett land" },
  FOUNDED_IN: {
    fi: "missä verkosto tai organisaatio perustettiin; `validFrom` on perustamispäivä",
    sv: "var ett nätverk eller en organisation grundades; `validFrom` är grundandedatumet",
  },
  FOUNDER_OF: {
    fi: "verkoston tai organisaation perustaja; `validFrom` on perustamispäivä",
    sv: "en grundare av ett nätverk eller en organisation; `validFrom` är grundandedatumet",
  },
};

/** The tables above with the model's English, registered as the explorer's words. */
function withEnglish<Key extends string>(
  prefix: string,
  english: (key: Key) => string,
  table: Readonly<Record<Key, Omit<Message, "en">>>,
): Record<string, Message> {
  return Object.fromEntries(
    (Object.entries(table) as [Key, Omit<Message, "en">][]).map(([key, words]) => [
      `${prefix}${key}`,
      { en: english(key), ...words },
    ]),
  );
}

function fieldMessages(
  owner: string,
  specs: Readonly<Record<string, FieldSpec>>,
  table: Readonly<Record<string, FieldWords>>,
  label: (name: string) => string = fieldLabel,
): Record<string, Message> {
  const labels = Object.fromEntries(Object.entries(table).map(([name, words]) => [name, words.label]));
  const hints = Object.fromEntries(Object.entries(table).map(([name, words]) => [name, words.hint]));
  return {
    ...withEnglish(`${owner}.label.`, label, labels),
    ...withEnglish(`${owner}.hint.`, (name) => specs[name]?.description ?? "", hints),
  };
}

const WORDS: Readonly<Record<string, Message>> = messages({
  ...fieldMessages("source", SOURCE_FIELDS, SOURCE_WORDS, (name) => (name === "id" ? "Source id" : fieldLabel(name))),
  ...fieldMessages("entity", ENTITY_FIELDS, ENTITY_WORDS, (name) => (name === "id" ? "Id" : fieldLabel(name))),
  ...Object.fromEntries(
    ENTITY_KINDS.flatMap((kind) =>
      Object.entries(fieldMessages(kind, KIND_FIELDS[kind] as Readonly<Record<string, FieldSpec>>, KIND_WORDS[kind])),
    ),
  ),
  ...fieldMessages("relationship", RELATIONSHIP_FIELDS, RELATIONSHIP_WORDS),
  ...withEnglish("status.", (status: Status) => STATUS_RULES[status].meaning, STATUS_WORDS),
  ...withEnglish("type.", (type: RelationshipType) => RELATIONSHIP_RULES[type].meaning, TYPE_MEANINGS),
});

const M = messages({
  required: { en: "{label} (required)", fi: "{label} (pakollinen)", sv: "{label} (obligatorisk)" },
  citation: { en: "Citation {n}", fi: "Lähdeviite {n}", sv: "Källhänvisning {n}" },
  citationExcerpt: { en: "Citation {n}, excerpt", fi: "Lähdeviite {n}, lainaus", sv: "Källhänvisning {n}, utdrag" },
  citationSource: { en: "Citation {n}, source", fi: "Lähdeviite {n}, lähde", sv: "Källhänvisning {n}, källa" },
  source: { en: "Source {n}", fi: "Lähde {n}", sv: "Källa {n}" },
  type: { en: "Type", fi: "Suhteen laji", sv: "Relationstyp" },
  date: { en: "From", fi: "Alkaen", sv: "Från och med" },
});

/** Where a form field's words are: its owner's table, an entity kind's own before the common ones. */
function fieldKey(field: FormField, part: "label" | "hint"): string | undefined {
  const own = field.owner === "entity" && field.kind ? `${field.kind}.${part}.${field.name}` : undefined;
  if (own && WORDS[own]) return own;
  const common = `${field.owner}.${part}.${field.name}`;
  return WORDS[common] ? common : undefined;
}

/** A form field's label in `lang` ("Valid from", "Voimassa alkaen"), with "(required)" when it is. */
export function fieldLabelIn(field: FormField, lang: Lang, required = field.spec.required === true): string {
  const key = fieldKey(field, "label");
  const label = key ? WORDS[key]![lang] : field.label;
  return required ? format(lang, M.required, { label }) : label;
}

/** A form field's hint in `lang`: the model's description, translated. */
export function fieldHintIn(field: FormField, lang: Lang): string {
  const key = fieldKey(field, "hint");
  return key ? WORDS[key]![lang] : field.spec.description;
}

/** What a status means, in `lang` ("in force", "voimassa"). */
export function statusMeaningIn(status: Status, lang: Lang): string {
  return WORDS[`status.${status}`]![lang];
}

/** What a relationship type means, in `lang`; null for a type the vocabulary does not have. */
export function typeMeaningIn(type: string, lang: Lang): string | null {
  return (RELATIONSHIP_TYPES as readonly string[]).includes(type) ? WORDS[`type.${type}`]![lang] : null;
}

/**
 * The field a problem of the API concerns, in the reader's words: a form field's label ("Valid from"), a
 * citation or source by its place ("Citation 2, excerpt"), the relationship's type, ends or date; else the
 * field's path as the API gave it; null for a problem with the record as a whole. `fields` are the form's
 * own record's fields; a new source's problems are named by the source's fields.
 */
export function problemFieldIn(
  problem: { readonly item: string; readonly field?: string | null | undefined },
  fields: readonly FormField[],
  lang: Lang,
): string | null {
  if (!problem.field) return null;
  const [first = "", second, third] = problem.field.split(".");
  const place = Number(second) + 1;
  if (problem.item === "source") {
    const field = [SOURCE_ID_FIELD, ...sourceFormFields()].find((candidate) => candidate.name === first);
    return field ? fieldLabelIn(field, lang, false) : problem.field;
  }
  if (first === "citations" && Number.isInteger(place)) {
    const words = third === "excerpt" ? M.citationExcerpt : third === "source" ? M.citationSource : M.citation;
    return format(lang, words, { n: place });
  }
  if (first === "sources" && Number.isInteger(place)) return format(lang, M.source, { n: place });
  if (first === "type") return format(lang, M.type);
  if (first === "date") return format(lang, M.date);
  const field = fields.find((candidate) => candidate.name === first);
  if (field) return fieldLabelIn(field, lang, false);
  const relationshipField = WORDS[`relationship.label.${first}`];
  return relationshipField ? relationshipField[lang] : problem.field;
}

/**
 * A record's field by its model name, in `lang` (a write report's changed and removed fields): a source's,
 * a relationship's, an entity's common field or else the first kind's that has it; else the name as given.
 */
export function recordFieldIn(item: string, name: string, lang: Lang): string {
  const owners =
    item === "source" || item === "relationship" ? [item] : item === "entity" ? ["entity", ...ENTITY_KINDS] : [];
  for (const owner of owners) {
    const words = WORDS[`${owner}.label.${name}`];
    if (words) return words[lang];
  }
  return name;
}
