/**
 * Entities side by side (the `peers` answer) shaped for reading: connections grouped by relationship type in
 * plain words (networks, partners, events, offices), what is unique grouped by the entity that has it, and
 * since when each peer has a connection written as its sources date it. Pure, tested in test/unit.
 */
import type { PeerConnection, PeerLink } from "./api.js";
import { formatPartialDate } from "./graph-model.js";
import { relationshipLabel } from "./kinds.js";

/** The types `peers` compares on by default, in the order a reader meets them, each as a heading. */
export const PEER_TYPE_GROUPS: Readonly<Record<string, string>> = {
  MEMBER_OF: "Networks (member of)",
  PARTNER_OF: "Partners",
  PARTICIPATES_IN: "Events (took part in)",
  FUNDS: "Offices (funds)",
  PARTNER_IN: "Offices (runs jointly)",
  HOLDS_ROLE_IN: "Roles held",
  FOUNDER_OF: "Founded",
};

export function peerTypeLabel(type: string): string {
  return PEER_TYPE_GROUPS[type] ?? relationshipLabel(type);
}

export interface TypeGroup {
  readonly type: string;
  readonly label: string;
  readonly connections: PeerConnection[];
}

/** Connections grouped by type, the known types in their order and any other after them by name. */
export function groupByType(connections: readonly PeerConnection[]): TypeGroup[] {
  const order = Object.keys(PEER_TYPE_GROUPS);
  const rank = (type: string) => (order.includes(type) ? order.indexOf(type) : order.length);
  const types = [...new Set(connections.map((connection) => connection.type))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  return types.map((type) => ({
    type,
    label: peerTypeLabel(type),
    connections: connections.filter((connection) => connection.type === type),
  }));
}

/** What only one entity has, by that entity (in the order compared), each grouped by type. */
export function uniqueByPeer(
  peers: readonly { id: string; name: string }[],
  unique: readonly PeerConnection[],
): { peer: { id: string; name: string }; groups: TypeGroup[] }[] {
  return peers.map((peer) => ({
    peer,
    groups: groupByType(unique.filter((connection) => connection.links[0]?.peer.id === peer.id)),
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
export function sinceText(link: Pick<PeerLink, "since" | "relationships">): string {
  if (!link.since) return "date not recorded";
  const own = link.relationships
    .map((relationship) => (relationship.validFrom ? startOf(relationship.validFrom) : null))
    .find((start) => start !== null && /^\d{4}(-\d{2}){0,2}$/.test(start) && firstDay(start) === link.since);
  return `since ${formatPartialDate(own ?? link.since) ?? link.since}`;
}
