/**
 * `corroboration`: every claim about a tie between two entities (`PARTNER_OF`, any direction, any status),
 * grouped by the pair and classified by who says what. The rules, in `classifyTie` (pure, unit-tested):
 * - a source is **crowd** when its publisher kind is `crowd`, **third party** when `media`, and **official**
 *   otherwise (a city, organisation or government; a curated source that names no kind counts as official);
 * - a claim is a relationship record; it is the crowd's when every source it cites is crowd, official when
 *   one is official;
 * - BACKED / BACKED_AS_OTHER_KIND: the crowd states a kind (`twin-city`) and an official, non-denied claim
 *   has the same / another kind;
 * - CONTRADICTED: a `denied` claim, cited by an official source or by a party (its publisher is an end),
 *   of a kind another claim states; DENIED when nothing else is claimed;
 * - OUTDATED: the crowd states it, an official claim ended or was suspended after the crowd's snapshot (the
 *   crowd source's `published`), and no official claim is in force on `today`;
 * - CROWD_ONLY, THIRD_PARTY_ONLY, OFFICIAL_ONLY: who alone states it.
 * The pairs are read in one query anchored at the entity, or over every `PARTNER_OF` for the whole graph
 * (the crowd layer: 17,401 pairs, a few MB), and paged in memory.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { STATUS_RULES, type Status, firstDayOf, isDateValue } from "../../graph-data/index.js";
import { CorroborationClass } from "./corroboration-class.js";
import type { Corroboration, TieCorroboration } from "./corroboration.type.js";
import type { Citation, GraphEdge } from "../shared/graph-edge.type.js";
import {
  type EdgeRow,
  type SourceRow,
  edgeProjection,
  sourcesOfCypher,
  toGraphEdges,
} from "../shared/graph-records.js";

/** The classes in the order a tie's verdict is chosen. */
export const VERDICT_ORDER: readonly CorroborationClass[] = [
  CorroborationClass.CONTRADICTED,
  CorroborationClass.OUTDATED,
  CorroborationClass.BACKED,
  CorroborationClass.BACKED_AS_OTHER_KIND,
  CorroborationClass.CROWD_ONLY,
  CorroborationClass.THIRD_PARTY_ONLY,
  CorroborationClass.OFFICIAL_ONLY,
  CorroborationClass.DENIED,
];

type SourceStanding = "crowd" | "third-party" | "official";

function standing(citation: Citation): SourceStanding {
  if (citation.publisherKind === "crowd") return "crowd";
  if (citation.publisherKind === "media") return "third-party";
  return "official";
}

const isCrowdClaim = (edge: GraphEdge) =>
  edge.sources.length > 0 && edge.sources.every((citation) => standing(citation) === "crowd");
const isOfficialClaim = (edge: GraphEdge) => edge.sources.some((citation) => standing(citation) === "official");
const isDenial = (edge: GraphEdge) => edge.status === "denied";

function inForceOn(edge: GraphEdge, day: string): boolean {
  const status = edge.status as Status | null;
  if (status && !STATUS_RULES[status]?.inForce) return false;
  if (edge.validFrom && isDateValue(edge.validFrom) && firstDayOf(edge.validFrom) > day) return false;
  return !(edge.validTo && isDateValue(edge.validTo) && firstDayOf(edge.validTo) <= day);
}

/** The day the crowd's claims were taken: the latest publication day of the crowd sources they cite. */
function snapshotOf(crowd: readonly GraphEdge[]): string | null {
  const days = crowd.flatMap((edge) =>
    edge.sources.flatMap((citation) =>
      citation.published && isDateValue(citation.published) ? [firstDayOf(citation.published)] : [],
    ),
  );
  return days.length > 0 ? days.sort().at(-1)! : null;
}

/** Every class the claims about one tie put it in, each with the claims behind it (by relationship id). */
export function classifyTie(claims: readonly GraphEdge[], today: string): Map<CorroborationClass, string[]> {
  const classes = new Map<CorroborationClass, string[]>();
  const add = (name: CorroborationClass, edges: readonly GraphEdge[]) => {
    if (edges.length > 0) classes.set(name, [...new Set([...(classes.get(name) ?? []), ...edges.map((e) => e.id)])]);
  };
  const denials = claims.filter(isDenial);
  const affirmed = claims.filter((edge) => !isDenial(edge));
  const crowd = affirmed.filter(isCrowdClaim);
  const official = affirmed.filter(isOfficialClaim);
  const crowdKinds = new Set(crowd.map((edge) => edge.kind));

  for (const denial of denials) {
    const weighty = denial.sources.some((citation) => citation.party || standing(citation) === "official");
    if (!weighty) continue;
    const denied = affirmed.filter((edge) => denial.kind === null || edge.kind === denial.kind);
    if (denied.length > 0) add(CorroborationClass.CONTRADICTED, [denial, ...denied]);
  }
  if (crowd.length > 0) {
    const sameKind = official.filter((edge) => crowdKinds.has(edge.kind));
    const otherKind = official.filter((edge) => !crowdKinds.has(edge.kind));
    add(CorroborationClass.BACKED, sameKind.length > 0 ? [...crowd, ...sameKind] : []);
    add(CorroborationClass.BACKED_AS_OTHER_KIND, otherKind.length > 0 ? [...crowd, ...otherKind] : []);
    const snapshot = snapshotOf(crowd);
    if (snapshot && !official.some((edge) => inForceOn(edge, today))) {
      const endedSince = official.filter(
        (edge) =>
          (edge.validTo && isDateValue(edge.validTo) && firstDayOf(edge.validTo) > snapshot) ||
          ((edge.status === "suspended" || edge.status === "ended") &&
            edge.validFrom &&
            isDateValue(edge.validFrom) &&
            firstDayOf(edge.validFrom) > snapshot),
      );
      add(CorroborationClass.OUTDATED, endedSince.length > 0 ? [...crowd, ...endedSince] : []);
    }
    if (official.length === 0) add(CorroborationClass.CROWD_ONLY, crowd);
  } else if (official.length > 0) {
    add(CorroborationClass.OFFICIAL_ONLY, official);
  } else if (affirmed.length > 0) {
    add(CorroborationClass.THIRD_PARTY_ONLY, affirmed);
  }
  if (classes.size === 0 && denials.length > 0) add(CorroborationClass.DENIED, denials);
  return classes;
}

interface PairRow {
  aId: string;
  aName: string;
  aKind: string;
  bId: string;
  bName: string;
  bKind: string;
  rels: EdgeRow[];
}

/** One row per pair: the entity's pairs (it is `a`), or every pair once (`a` has the smaller id). */
const PAIRS = `
  MATCH (x:Entity)-[r:PARTNER_OF]-(y:Entity)
  WHERE CASE WHEN $entityId IS NULL THEN x.id < y.id ELSE x.id = $entityId END
  WITH x, y, collect(r) AS pairRels
  WITH collect({ a: x, b: y, rels: pairRels }) AS pairs
  WITH pairs, reduce(all = [], pair IN pairs | all + pair.rels) AS rels
  ${sourcesOfCypher("rels")}
  RETURN [pair IN pairs | { aId: pair.a.id, aName: pair.a.name, aKind: [l IN labels(pair.a) WHERE l <> 'Entity'][0],
          bId: pair.b.id, bName: pair.b.name, bKind: [l IN labels(pair.b) WHERE l <> 'Entity'][0],
          rels: [r IN pair.rels | ${edgeProjection("r")}] }] AS pairs, sources`;

export interface CorroborationQuery {
  readonly entityId: string | null;
  readonly classes: readonly CorroborationClass[] | null;
  readonly limit: number;
  readonly offset: number;
  /** The day "in force now" is judged on (today, in tests a fixed day). */
  readonly today: string;
}

export async function findCorroboration(tx: ManagedTransaction, query: CorroborationQuery): Promise<Corroboration> {
  const result = await tx.run(PAIRS, { entityId: query.entityId });
  const record = result.records[0];
  const sources = (record?.get("sources") ?? []) as SourceRow[];
  const pairs = (record?.get("pairs") ?? []) as PairRow[];
  const ties: TieCorroboration[] = pairs.map((pair) => {
    const claims = toGraphEdges(pair.rels, sources).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const classes = classifyTie(claims, query.today);
    const findings = VERDICT_ORDER.filter((name) => classes.has(name)).map((name) => ({
      class: name,
      relationshipIds: classes.get(name)!,
    }));
    return {
      fromId: pair.aId,
      fromName: pair.aName,
      fromKind: pair.aKind,
      toId: pair.bId,
      toName: pair.bName,
      toKind: pair.bKind,
      verdict: findings[0]?.class ?? CorroborationClass.DENIED,
      classes: findings,
      claims,
    };
  });
  const wanted = query.classes && query.classes.length > 0 ? new Set(query.classes) : null;
  const matching = wanted ? ties.filter((tie) => tie.classes.some((finding) => wanted.has(finding.class))) : ties;
  const rank = (tie: TieCorroboration) => VERDICT_ORDER.indexOf(tie.verdict);
  matching.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.toName.localeCompare(b.toName, "en") ||
      a.fromName.localeCompare(b.fromName, "en") ||
      (a.toId < b.toId ? -1 : a.toId > b.toId ? 1 : 0),
  );
  const counts = VERDICT_ORDER.map((name) => ({
    class: name,
    ties: matching.filter((tie) => tie.classes.some((finding) => finding.class === name)).length,
  })).filter((count) => count.ties > 0);
  return { total: matching.length, counts, ties: matching.slice(query.offset, query.offset + query.limit) };
}
