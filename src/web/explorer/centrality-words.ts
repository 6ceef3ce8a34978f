/**
 * What the centrality panel says (pure): each measure in one plain sentence, scores as ranks and as a share of
 * the top score (a raw "1506.216" means nothing to a reader, and its scale differs by measure and by graph),
 * what the measures ran over and as of when, and the communities with their members, largest first.
 */
import type { Community } from "./api.js";
import { whenWords } from "./dashboard-words.js";
import { type Lang, type Message, format, messages } from "./i18n-core.js";
import { communityColor } from "./kinds.js";
import type { Measure, Scope, Undated } from "./url-state.js";

const M = messages({
  DEGREE: { en: "Degree (relationships)", fi: "Aste (suhteet)", sv: "Grad (relationer)" },
  BETWEENNESS: { en: "Betweenness (brokers)", fi: "Välillisyys (välittäjät)", sv: "Mellanhet (förmedlare)" },
  CLOSENESS: { en: "Closeness", fi: "Läheisyys", sv: "Närhet" },
  PAGERANK: { en: "PageRank", fi: "PageRank", sv: "PageRank" },
  sentenceDEGREE: {
    en: "Degree: how many relationships an entity has — the well connected.",
    fi: "Aste: kuinka monta suhdetta kohteella on – hyvin verkottuneet.",
    sv: "Grad: hur många relationer en entitet har – de välförbundna.",
  },
  sentenceBETWEENNESS: {
    en: "Betweenness: how often an entity lies on the shortest paths between two others — the brokers.",
    fi: "Välillisyys: kuinka usein kohde on kahden muun välisellä lyhimmällä polulla – välittäjät.",
    sv: "Mellanhet: hur ofta en entitet ligger på de kortaste vägarna mellan två andra – förmedlarna.",
  },
  sentenceCLOSENESS: {
    en: "Closeness: how few steps an entity needs to reach the others it is connected to — the ones at the centre.",
    fi: "Läheisyys: kuinka vähin askelin kohde tavoittaa muut, joihin se on yhteydessä – keskellä olevat.",
    sv: "Närhet: hur få steg en entitet behöver för att nå de andra den är förbunden med – de som står i mitten.",
  },
  sentencePAGERANK: {
    en: "PageRank: how much an entity is tied to by entities that are well tied themselves — the influential.",
    fi: "PageRank: kuinka paljon kohteeseen liittyy kohteita, jotka ovat itse hyvin verkottuneita – vaikutusvaltaiset.",
    sv: "PageRank: hur mycket en entitet är knuten till entiteter som själva är väl förbundna – de inflytelserika.",
  },
  wholeGraph: {
    en: "Over the whole graph, {when}",
    fi: "Koko graafista, {when}",
    sv: "Över hela grafen, {when}",
  },
  around1: {
    en: "Over one step around {names}, {when}",
    fi: "Yhden askeleen säteellä kohteista {names}, {when}",
    sv: "Inom ett steg från {names}, {when}",
  },
  around2: {
    en: "Over two steps around {names}, {when}",
    fi: "Kahden askeleen säteellä kohteista {names}, {when}",
    sv: "Inom två steg från {names}, {when}",
  },
  around3: {
    en: "Over three steps around {names}, {when}",
    fi: "Kolmen askeleen säteellä kohteista {names}, {when}",
    sv: "Inom tre steg från {names}, {when}",
  },
  narrowed: { en: "; only {narrowing}", fi: "; vain {narrowing}", sv: "; endast {narrowing}" },
  shareOfTop: {
    en: "Score: a share of the top score ({top} = 100).",
    fi: "Pisteet: osuus suurimmasta ({top} = 100).",
    sv: "Poäng: andel av den högsta ({top} = 100).",
  },
  community: { en: "Community {id}", fi: "Yhteisö {id}", sv: "Gemenskap {id}" },
});

/** The measure's name, as the select offers it. */
export function measureLabel(lang: Lang, measure: Measure): string {
  return format(lang, M[measure]);
}

/** The measure in one plain sentence. */
export function measureSentence(lang: Lang, measure: Measure): string {
  return format(lang, M[`sentence${measure}`]);
}

const AROUND: Readonly<Record<Exclude<Scope, 0>, Message>> = { 1: M.around1, 2: M.around2, 3: M.around3 };

/** What the measures ran over and as of when: "Over two steps around Helsinki, in force on 2019-12-31 (…)." */
export function analysisScopeWords(
  lang: Lang,
  scope: Scope,
  around: readonly string[],
  narrowing: string | null,
  asOf: string | null,
  undated: Undated,
): string {
  const when = whenWords(lang, asOf, undated);
  const part =
    scope === 0 || around.length === 0
      ? format(lang, M.wholeGraph, { when })
      : format(lang, AROUND[scope], { names: around.join(", "), when });
  return `${part}${narrowing ? format(lang, M.narrowed, { narrowing }) : ""}.`;
}

export interface RankedRow {
  readonly id: string;
  readonly name: string;
  /** 1, 2, 3…; ties share a rank (the API's). */
  readonly rank: number;
  /** The score as a share of the top one, 0–100, rounded. */
  readonly share: number;
  readonly score: number;
}

/** The first `limit` scores as ranks and shares of the top score. */
export function rankedRows(
  scores: readonly {
    readonly node: { readonly id: string; readonly name: string };
    readonly score: number;
    readonly rank: number;
  }[],
  limit: number,
): RankedRow[] {
  const top = Math.max(0, ...scores.map((row) => row.score));
  return scores.slice(0, limit).map((row) => ({
    id: row.node.id,
    name: row.node.name,
    rank: row.rank,
    share: top > 0 ? Math.round((100 * row.score) / top) : 0,
    score: row.score,
  }));
}

/** How the share is read, naming the entity at 100. */
export function shareWords(lang: Lang, rows: readonly RankedRow[]): string | null {
  const top = rows[0];
  return top ? format(lang, M.shareOfTop, { top: top.name }) : null;
}

export interface CommunityRow {
  readonly id: number;
  readonly label: string;
  readonly colour: string;
  readonly size: number;
  /** The first members to name (all when `expanded`). */
  readonly shown: readonly { readonly id: string; readonly name: string }[];
  /** How many more it holds than are named. */
  readonly more: number;
  /** Whether the answer lists members not yet named (it lists at most 500 per community). */
  readonly expandable: boolean;
  /** Whether it holds the focus. */
  readonly holdsFocus: boolean;
}

/**
 * The communities largest first, each with its colour and its first `shown` members (the focus first where it
 * is one), for the panel and the legend.
 */
export function communityRows(
  lang: Lang,
  communities: readonly Community[],
  focus: string | null,
  shown: number,
  expanded: ReadonlySet<number> = new Set(),
): CommunityRow[] {
  return [...communities]
    .sort((a, b) => b.size - a.size || a.id - b.id)
    .map((community) => {
      const holdsFocus = focus !== null && community.members.some((member) => member.id === focus);
      const members = holdsFocus
        ? [...community.members.filter((m) => m.id === focus), ...community.members.filter((m) => m.id !== focus)]
        : community.members;
      const named = expanded.has(community.id) ? members : members.slice(0, shown);
      return {
        id: community.id,
        label: format(lang, M.community, { id: community.id }),
        colour: communityColor(community.id),
        size: community.size,
        shown: named.map((member) => ({ id: member.id, name: member.name })),
        more: Math.max(0, community.size - named.length),
        expandable: named.length < members.length,
        holdsFocus,
      };
    });
}
