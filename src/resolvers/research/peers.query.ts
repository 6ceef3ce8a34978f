/**
 * `peers`: two to eight entities side by side — every entity one of them is linked to by a relationship of
 * the asked types valid on `asOf` (either direction; `denied` claims are not ties), grouped by the linked
 * entity and type, with each peer's relationships and the earliest day they count from. Anchored at the
 * peers, so its cost is bounded by their degrees; at most MAX_PEER_CONNECTIONS connections.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { cypherInt } from "../../database/index.js";
import { type UndatedPolicy, firstDayOf, isDateValue, isTieCypher, validOnCypher } from "../../graph-data/index.js";
import {
  type EdgeRow,
  type NodeRow,
  PROJECTION_PARAMS,
  type SourceRow,
  edgeProjection,
  nodeProjection,
  sourcesOfCypher,
  toGraphEdges,
  toGraphNode,
} from "../shared/graph-records.js";
import type { PeerComparison, PeerConnection } from "./peers.type.js";

/** The most connections (linked entity × type) one answer holds. */
export const MAX_PEER_CONNECTIONS = 1000;

const peersCypher = (undated: UndatedPolicy): string => `
  UNWIND range(0, size($ids) - 1) AS position
  MATCH (p:Entity {id: $ids[position]})-[r]-(n:Entity)
  WHERE NOT n.id IN $ids AND type(r) IN $relationshipTypes AND ${isTieCypher("r")} AND ${validOnCypher("r", "$asOf", undated)}
  WITH n, type(r) AS type, position, p, collect(r) AS rels
  ORDER BY type, n.name, n.id, position
  WITH n, type, collect({ position: position, rels: rels }) AS links
  LIMIT $max
  WITH collect({ n: n, type: type, links: links }) AS connections
  WITH connections, reduce(all = [], c IN connections | all + reduce(x = [], l IN c.links | x + l.rels)) AS rels
  ${sourcesOfCypher("rels")}
  RETURN [c IN connections | { node: ${nodeProjection("c.n")}, type: c.type,
          links: [l IN c.links | { position: l.position, rels: [r IN l.rels | ${edgeProjection("r")}] }] }] AS connections,
         sources`;

interface ConnectionRow {
  node: NodeRow;
  type: string;
  links: { position: number | { toNumber(): number }; rels: EdgeRow[] }[];
}

export async function comparePeers(
  tx: ManagedTransaction,
  peers: readonly NodeRow[],
  asOf: string | null,
  relationshipTypes: readonly string[],
  undated: UndatedPolicy = "INCLUDE",
): Promise<PeerComparison> {
  const ids = peers.map((peer) => peer.id);
  const result = await tx.run(peersCypher(undated), {
    ids,
    asOf,
    relationshipTypes,
    max: cypherInt(MAX_PEER_CONNECTIONS),
    ...PROJECTION_PARAMS,
  });
  const record = result.records[0];
  const sources = (record?.get("sources") ?? []) as SourceRow[];
  const rows = (record?.get("connections") ?? []) as ConnectionRow[];
  const peerNodes = peers.map(toGraphNode);
  const connections: PeerConnection[] = rows.map((row) => {
    const links = row.links.map((link) => {
      const position = typeof link.position === "number" ? link.position : link.position.toNumber();
      const relationships = toGraphEdges(link.rels, sources).sort((a, b) =>
        startOf(a.validFrom).localeCompare(startOf(b.validFrom)),
      );
      const dated = relationships.flatMap((edge) => (edge.validFrom ? [startOf(edge.validFrom)] : []));
      return { peer: peerNodes[position]!, relationships, since: dated.length > 0 ? dated.sort()[0]! : null };
    });
    return { node: toGraphNode(row.node), type: row.type, sharedBy: links.length, links };
  });
  const all = peers.length;
  return {
    peers: peerNodes,
    sharedByAll: connections.filter((c) => c.sharedBy === all),
    sharedBySome: connections.filter((c) => c.sharedBy > 1 && c.sharedBy < all),
    unique: connections.filter((c) => c.sharedBy === 1),
  };
}

/** The day a `validFrom` counts from, for ordering ("" for none, so undated comes first). */
function startOf(validFrom: string | null): string {
  return validFrom && isDateValue(validFrom) ? firstDayOf(validFrom) : "";
}
