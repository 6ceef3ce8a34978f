/** How each kind of entity and relationship looks: one colour and one shape per kind, shared by graph and legend. */
import {
  RELATIONSHIP_STATE_WORDS_BY_LANG,
  type RelationshipState,
  relationshipState,
  todayUtc,
} from "../../graph-data/relationship-state.js";
import { type Lang, type Message, messages } from "./i18n-core.js";

export interface KindStyle {
  readonly color: string;
  readonly shape: "ellipse" | "round-rectangle" | "rectangle" | "diamond" | "hexagon" | "star" | "triangle" | "barrel";
  readonly label: string;
}

export const KIND_STYLES: Readonly<Record<string, KindStyle>> = {
  City: { color: "#1f6fb4", shape: "ellipse", label: "City" },
  Country: { color: "#6b6b6b", shape: "round-rectangle", label: "Country" },
  Organization: { color: "#2a8a3a", shape: "rectangle", label: "Organisation" },
  Office: { color: "#c0392b", shape: "diamond", label: "Office" },
  Theme: { color: "#7d4bb3", shape: "hexagon", label: "Theme" },
  Network: { color: "#a0522d", shape: "star", label: "Network" },
  Person: { color: "#c2407f", shape: "barrel", label: "Person" },
  Event: { color: "#c06a16", shape: "triangle", label: "Event" },
  Place: { color: "#5d8aa8", shape: "ellipse", label: "Place (from a dataset)" },
};

export const UNKNOWN_KIND: KindStyle = { color: "#444444", shape: "ellipse", label: "Other" };

export function kindStyle(kind: string): KindStyle {
  return KIND_STYLES[kind] ?? UNKNOWN_KIND;
}

/** The kinds' names in each language (KIND_STYLES' `label` is the English one). */
const KIND_LABELS: Readonly<Record<string, Message>> = messages({
  City: { en: "City", fi: "Kaupunki", sv: "Stad" },
  Country: { en: "Country", fi: "Maa", sv: "Land" },
  Organization: { en: "Organisation", fi: "Organisaatio", sv: "Organisation" },
  Office: { en: "Office", fi: "Toimisto", sv: "Kontor" },
  Theme: { en: "Theme", fi: "Teema", sv: "Tema" },
  Network: { en: "Network", fi: "Verkosto", sv: "Nätverk" },
  Person: { en: "Person", fi: "Henkilö", sv: "Person" },
  Event: { en: "Event", fi: "Tapahtuma", sv: "Evenemang" },
  Place: { en: "Place (from a dataset)", fi: "Paikka (aineistosta)", sv: "Plats (från en datamängd)" },
  Other: { en: "Other", fi: "Muu", sv: "Annan" },
});

/** A known kind's name in `lang`; null for a kind the table does not know. */
export function knownKindLabel(kind: string, lang: Lang = "en"): string | null {
  return KIND_LABELS[kind]?.[lang] ?? null;
}

/** A kind's name in `lang`: "Office" is "Toimisto" in Finnish. */
export function kindLabel(kind: string, lang: Lang = "en"): string {
  const words = KIND_LABELS[kind];
  return words ? words[lang] : lang === "en" ? kindStyle(kind).label : KIND_LABELS["Other"]![lang];
}

/**
 * Each type read from its `from` end, in Finnish and Swedish (English is the type itself, lower case). Finnish
 * cases do not fit "A — type → B" every time; these are the forms that read best in a list.
 */
const TYPE_LABELS: Readonly<Record<string, Omit<Message, "en">>> = {
  PARTNER_OF: { fi: "kumppani", sv: "partner till" },
  FUNDS: { fi: "rahoittaa", sv: "finansierar" },
  PARTNER_IN: { fi: "osapuolena", sv: "partner i" },
  LOCATED_IN: { fi: "sijaitsee", sv: "ligger i" },
  REPRESENTS: { fi: "edustaa", sv: "representerar" },
  HOSTED_IN: { fi: "sijaitsee isäntänä", sv: "har säte i" },
  PART_OF: { fi: "osa", sv: "del av" },
  HEADS: { fi: "johtaa", sv: "leder" },
  PRIORITISES: { fi: "painottaa", sv: "prioriterar" },
  MEMBER_OF: { fi: "jäsen", sv: "medlem i" },
  PARTICIPATES_IN: { fi: "osallistuu", sv: "deltar i" },
  HOLDS_ROLE_IN: { fi: "tehtävässä", sv: "har en roll i" },
  HELD_IN: { fi: "järjestetään paikassa", sv: "hålls i" },
  ORGANISED_BY: { fi: "järjestäjänä", sv: "organiseras av" },
  IN_COUNTRY: { fi: "maassa", sv: "i landet" },
  FOUNDED_IN: { fi: "perustettu paikassa", sv: "grundad i" },
  FOUNDER_OF: { fi: "perustaja", sv: "grundare av" },
};

/** `PARTNER_OF` → "partner of": the type read from its `from` end (English; `typeLabel` for other languages). */
export function relationshipLabel(type: string): string {
  return type.toLowerCase().replaceAll("_", " ");
}

/** The type read from its `from` end in `lang`; an unknown type as its English words. */
export function typeLabel(type: string, lang: Lang = "en"): string {
  return lang === "en" ? relationshipLabel(type) : (TYPE_LABELS[type]?.[lang] ?? relationshipLabel(type));
}

/**
 * Each type read from its `to` end: Tampere FUNDS Helsinki Centre, so Helsinki Centre is "funded by" Tampere;
 * European Chemicals Agency HOSTED_IN Helsinki, so Helsinki "hosts" it. A unit test checks every type of the
 * vocabulary has one.
 */
export const INVERSE_LABELS: Readonly<Record<string, string>> = {
  PARTNER_OF: "partner of",
  FUNDS: "funded by",
  PARTNER_IN: "run jointly with",
  LOCATED_IN: "site of",
  REPRESENTS: "represented by",
  HOSTED_IN: "hosts",
  PART_OF: "includes",
  HEADS: "headed by",
  PRIORITISES: "a priority of",
  MEMBER_OF: "has member",
  PARTICIPATES_IN: "has participant",
  HOLDS_ROLE_IN: "has a role holder",
  HELD_IN: "venue of",
  ORGANISED_BY: "organiser of",
  IN_COUNTRY: "country of",
  FOUNDED_IN: "founding place of",
  FOUNDER_OF: "founded by",
};

/** INVERSE_LABELS in Finnish and Swedish. */
const INVERSE_WORDS: Readonly<Record<string, Omit<Message, "en">>> = {
  PARTNER_OF: { fi: "kumppani", sv: "partner till" },
  FUNDS: { fi: "rahoittajana", sv: "finansieras av" },
  PARTNER_IN: { fi: "yhteistyössä", sv: "drivs tillsammans med" },
  LOCATED_IN: { fi: "sijaintipaikka kohteelle", sv: "plats för" },
  REPRESENTS: { fi: "edustajana", sv: "representeras av" },
  HOSTED_IN: { fi: "isännöi", sv: "är värd för" },
  PART_OF: { fi: "sisältää", sv: "omfattar" },
  HEADS: { fi: "johtajana", sv: "leds av" },
  PRIORITISES: { fi: "painopisteenä kohteelle", sv: "prioriteras av" },
  MEMBER_OF: { fi: "jäsenenä", sv: "har medlemmen" },
  PARTICIPATES_IN: { fi: "osallistujana", sv: "har deltagaren" },
  HOLDS_ROLE_IN: { fi: "tehtävässä toimii", sv: "har en rollinnehavare" },
  HELD_IN: { fi: "tapahtumapaikka kohteelle", sv: "plats för evenemanget" },
  ORGANISED_BY: { fi: "järjestää", sv: "organiserar" },
  IN_COUNTRY: { fi: "sijaintimaa kohteelle", sv: "land för" },
  FOUNDED_IN: { fi: "perustamispaikka kohteelle", sv: "grundningsort för" },
  FOUNDER_OF: { fi: "perustajana", sv: "grundad av" },
};

const FROM_END = messages({
  fromEnd: { en: "{type} (from)", fi: "{type} (toisesta päästä)", sv: "{type} (från andra hållet)" },
});

/** The type read from its `to` end ("funded by"); an unknown type as "<type> (from)" so it never reads backwards. */
export function inverseRelationshipLabel(type: string, lang: Lang = "en"): string {
  const words = lang === "en" ? INVERSE_LABELS[type] : INVERSE_WORDS[type]?.[lang];
  return words ?? FROM_END.fromEnd[lang].replace("{type}", typeLabel(type, lang));
}

/** Whether `entityId` is where the relationship starts ("out") or ends ("in"). */
export function directionFrom(edge: { readonly fromId: string }, entityId: string): "out" | "in" {
  return edge.fromId === entityId ? "out" : "in";
}

/**
 * The relationship as the entity `entityId` reads it, to be followed by the other end's name: Helsinki Centre's
 * FUNDS from Tampere is "funded by" (Tampere); Tampere's is "funds" (Helsinki Centre).
 */
export function relationshipLabelFrom(
  edge: { readonly type: string; readonly fromId: string },
  entityId: string,
  lang: Lang = "en",
) {
  return directionFrom(edge, entityId) === "out"
    ? typeLabel(edge.type, lang)
    : inverseRelationshipLabel(edge.type, lang);
}

/**
 * One colour per relationship type (timeline bars, activity chart, map arcs): Tableau 20 (Maureen Stone's
 * categorical palette for Tableau), without its three palest, the strong half given to the commonest types. A unit
 * test keeps every pair at least ΔE00 10 apart (colour-distance.ts); the type's name is always written beside it.
 */
const TYPE_COLORS: Readonly<Record<string, string>> = {
  PARTNER_OF: "#1f77b4",
  FUNDS: "#2ca02c",
  PARTNER_IN: "#17becf",
  LOCATED_IN: "#8c564b",
  REPRESENTS: "#e377c2",
  HOSTED_IN: "#d62728",
  PART_OF: "#bcbd22",
  HEADS: "#aec7e8",
  PRIORITISES: "#ffbb78",
  MEMBER_OF: "#ff7f0e",
  PARTICIPATES_IN: "#9467bd",
  HOLDS_ROLE_IN: "#98df8a",
  HELD_IN: "#ff9896",
  ORGANISED_BY: "#c5b0d5",
  IN_COUNTRY: "#7f7f7f",
  FOUNDED_IN: "#c49c94",
  FOUNDER_OF: "#9edae5",
};

export function typeColor(type: string): string {
  return TYPE_COLORS[type] ?? "#444444";
}

export const RELATIONSHIP_TYPES = Object.keys(TYPE_COLORS);

/**
 * Colours for communities 1–20: the first ten from Sasha Trubetskoy's "20 distinct colours", the next ten
 * chosen to stand as far as possible from all before them (CIEDE2000), each 3:1 against the page and none
 * near black. A unit test keeps every pair at least ΔE00 15 apart.
 */
export const COMMUNITY_COLORS = [
  "#e6194b",
  "#3cb44b",
  "#4363d8",
  "#f58231",
  "#911eb4",
  "#42d4f4",
  "#f032e6",
  "#9a6324",
  "#469990",
  "#808000",
  "#006633",
  "#0099ee",
  "#883355",
  "#aa2200",
  "#9988cc",
  "#cc7799",
  "#555522",
  "#bb7766",
  "#007799",
  "#ff2200",
] as const;

/** `hsl(h, s%, l%)` as `#rrggbb`. */
function hslHex(hue: number, saturation: number, lightness: number): string {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/**
 * Community `id`'s colour (ids count from 1). Past the twenty above, a colour of its own by the golden-angle
 * rule: the hue turns 137.5° per community, at two lightnesses in turn, so no colour repeats (in the first
 * few hundred), though they come closer together than the first twenty; the legend names each community.
 */
export function communityColor(id: number): string {
  const listed = COMMUNITY_COLORS[id - 1];
  if (listed) return listed;
  const past = Math.max(0, id - COMMUNITY_COLORS.length - 1);
  return hslHex((past * 137.508) % 360, 0.7, past % 2 === 0 ? 0.32 : 0.24);
}

/**
 * A relationship's state on the explorer's day (the date control's, else today), by the one rule the API's
 * `state` and the exports use (graph-data/relationship-state.ts): an agreement stored `active` whose `validTo`
 * has passed is PAST, so it is drawn dashed under "All dates" too.
 */
export function edgeState(
  edge: { readonly validFrom: string | null; readonly validTo: string | null; readonly status: string | null },
  asOf: string | null,
): RelationshipState {
  return relationshipState(edge, asOf ?? todayUtc());
}

/** How each state is drawn: a CSS class of `.line` (the legend, the map's arcs, the graph's stylesheet). */
export const STATE_LINES: Readonly<Record<RelationshipState, string>> = {
  CURRENT: "solid",
  UNDATED: "undated",
  FUTURE: "faint",
  PAST: "dashed",
  SUSPENDED: "dotted",
  PENDING: "faint",
  DENIED: "faint",
};

/** A state in the reader's words ("ended", "päättynyt", "avslutad"). */
export function stateWords(state: RelationshipState, lang: Lang = "en"): string {
  return RELATIONSHIP_STATE_WORDS_BY_LANG[lang][state];
}

const LINE_WORDS = messages({
  dashed: {
    en: "ended (by the chosen day; under All dates, by today)",
    fi: "päättynyt (valittuun päivään mennessä; kaikki päivät -tilassa tähän päivään mennessä)",
    sv: "avslutad (senast den valda dagen; under Alla datum, senast i dag)",
  },
  dotted: { en: "suspended", fi: "keskeytetty", sv: "avbruten" },
  undated: {
    en: "undated: in force, start unknown",
    fi: "päiväämätön: voimassa, alkamisaika tuntematon",
    sv: "odaterad: gäller, startdatum okänt",
  },
  faint: {
    en: "not yet in force (starts later, or only applied for)",
    fi: "ei vielä voimassa (alkaa myöhemmin tai vasta haettu)",
    sv: "gäller ännu inte (börjar senare eller har bara sökts)",
  },
  "crowd-only": {
    en: "only Wikidata (the crowd) says so: lighter, dash-dotted",
    fi: "vain Wikidatan (joukkoistettu) tieto: vaaleampi, pistekatkoviiva",
    sv: "bara Wikidata (crowdsourcat) säger så: ljusare, streckprickad",
  },
  started: {
    en: "started between the compared days",
    fi: "alkoi verrattujen päivien välillä",
    sv: "började mellan de jämförda dagarna",
  },
  "ended-between": { en: "ended between them", fi: "päättyi niiden välillä", sv: "avslutades mellan dem" },
  changed: {
    en: "status changed between them (suspended, resumed)",
    fi: "tila muuttui niiden välillä (keskeytetty, jatkunut)",
    sv: "status ändrades mellan dem (avbruten, återupptagen)",
  },
});

/** The legend's lines in `lang` (LINE_LEGEND is the English one). */
export function lineLegend(lang: Lang = "en"): readonly { readonly line: string; readonly label: string }[] {
  return (Object.keys(LINE_WORDS) as (keyof typeof LINE_WORDS)[]).map((line) => ({
    line,
    label: LINE_WORDS[line][lang],
  }));
}

/**
 * How a relationship's line reads, for the legend: each a CSS class of `.line` beside the words. The graph's
 * stylesheet (graph-view.tsx) and the map draw the same marks; none is told by colour alone.
 */
export const LINE_LEGEND: readonly { readonly line: string; readonly label: string }[] = lineLegend("en");
