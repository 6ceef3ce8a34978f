/**
 * Entities side by side (the `peers` answer) shaped for reading: connections grouped by relationship type in
 * plain words (networks, partners, events, offices), what is unique grouped by the entity that has it, and
 * since when each peer has a connection written as its sources date it. Pure, tested in test/unit.
 */
import type { PeerConnection, PeerLink } from "./api.js";
import { partialDateIn } from "./date-words.js";
import { type Lang, type Message, format, messages } from "./i18n-core.js";
import { typeLabel } from "./kinds.js";

/** The types `peers` compares on by default, in the order a reader meets them, each as a heading. */
const PEER_TYPE_WORDS: Readonly<Record<string, Message>> = messages({
  MEMBER_OF: { en: "Networks (member of)", fi: "Verkostot (jäsenenä)", sv: "Nätverk (medlem i)" },
  PARTNER_OF: { en: "Partners", fi: "Kumppanit", sv: "Partner" },
  PARTICIPATES_IN: { en: "Events (took part in)", fi: "Tapahtumat (osallistui)", sv: "Evenemang (deltog i)" },
  FUNDS: { en: "Offices (funds)", fi: "Toimistot (rahoittaa)", sv: "Kontor (finansierar)" },
  PARTNER_IN: {
    en: "Offices (runs jointly)",
    fi: "Toimistot (yhteisesti ylläpidetty)",
    sv: "Kontor (drivs gemensamt)",
  },
  HOLDS_ROLE_IN: { en: "Roles held", fi: "Tehtävät", sv: "Roller" },
  FOUNDER_OF: { en: "Founded", fi: "Perustanut", sv: "Grundat" },
});

/** PEER_TYPE_WORDS in English. */
export const PEER_TYPE_GROUPS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(PEER_TYPE_WORDS).map(([type, words]) => [type, words.en]),
);

const M = messages({
  notRecorded: { en: "date not recorded", fi: "päivämäärää ei ole kirjattu", sv: "datum inte registrerat" },
  since: { en: "since {date}", fi: "{date} alkaen", sv: "sedan {date}" },
});

export function peerTypeLabel(type: string, lang: Lang = "en"): string {
  return PEER_TYPE_WORDS[type]?.[lang] ?? typeLabel(type, lang);
}

export interface TypeGroup {
  readonly type: string;
  readonly label: string;
  readonly connections: PeerConnection[];
}

/** Connections grouped by type, the known types in their order and any other after them by name. */
export function groupByType(connections: readonly PeerConnection[], lang: Lang = "en"): TypeGroup[] {
  const order = Object.keys(PEER_TYPE_WORDS);
  const rank = (type: string) => (order.includes(type) ? order.indexOf(type) : order.length);
  const types = [...new Set(connections.map((connection) => connection.type))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  return types.map((type) => ({
    type,
    label: peerTypeLabel(type, lang),
    connections: connections.filter((connection) => connection.type === type),
  }));
}

/** What only one entity has, by that entity (in the order compared), each grouped by type. */
export function uniqueByPeer(
  peers: readonly { id: string; name: string }[],
  unique: readonly PeerConnection[],
  lang: Lang = "en",
): { peer: { id: string; name: string }; groups: TypeGroup[] }[] {
  return peers.map((peer) => ({
    peer,
    groups: groupByType(
      unique.filter((connection) => connection.links[0]?.peer.id === peer.id),
      lang,
    ),
  }));
}

/** "1993" → "1993-01-01", "1993-05" → "1993-05-01": the first day a partial date stands for. */
function firstDay(value: string): string {
  const [year = "", month = "01", day = "01"] = value.split("-");
  return `${year}-${month}-${day}`;
}

/** The start a `validFrom` counts from: "../2019" counts from 2019, "2018/2019" from 2018. */
function startOf(validFrom: string): string {
  return validFrom.startsWith("..") ? validFrom.slice(2).replace(/^\//, "") : (validFrom.split("/")[0] ?? validFrom);
}

/**
 * Since when a peer has a connection, in words: the API gives the first day ("1993-01-01"); where a
 * relationship's own date is coarser ("1993") that is what is written, so a year is not shown as 1 January.
 */
export function sinceText(link: Pick<PeerLink, "since" | "relationships">, lang: Lang = "en"): string {
  if (!link.since) return format(lang, M.notRecorded);
  const own = link.relationships
    .map((relationship) => (relationship.validFrom ? startOf(relationship.validFrom) : null))
    .find((start) => start !== null && /^\d{4}(-\d{2}){0,2}$/.test(start) && firstDay(start) === link.since);
  return format(lang, M.since, { date: partialDateIn(own ?? link.since, lang) ?? link.since });
}
