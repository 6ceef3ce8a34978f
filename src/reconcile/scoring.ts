/**
 * Reconciliation scores, pure so they are unit-tested: how well each candidate the index found fits a query.
 *
 * - Name: the best similarity between the query and any of the candidate's names (display name, Finnish,
 *   Swedish, English, every alias), compared as folded keys (accents, case and punctuation ignored) by
 *   Levenshtein distance (fastest-levenshtein): 1 − distance / longer length. "Tallin" → "Tallinn" is 0.86; "Pietari" is St
 *   Petersburg's Finnish name, so 1. A query that is the entity's id or one of its external ids scores 1.
 * - Properties: each one the candidate has and agrees with keeps the score; one it has and contradicts
 *   halves it; one it lacks takes a fifth off.
 * - Score: 0–100. `match` is true for a unique confident hit only: the best candidate scores at least
 *   MATCH_SCORE, contradicts no property, and the next one scores at least MATCH_MARGIN less.
 * Every ingredient is also returned as a matching feature, so a client can weigh them its own way.
 */
import { distance } from "fastest-levenshtein";
import { type EntityKind, entityNames, foldText, nameKey, parseExternalId } from "../graph-data/index.js";
import type { ReconcileQuery } from "./reconcile-request.js";

export const MATCH_SCORE = 85;
export const MATCH_MARGIN = 10;
/** Names are compared on at most this many characters (bounds the work per pair). */
const COMPARED_LENGTH = 64;

/** A candidate as read from the graph. */
export interface CandidateEntity {
  readonly id: string;
  readonly kind: EntityKind;
  readonly name: string;
  readonly nameFi?: string | null;
  readonly nameSv?: string | null;
  readonly nameEn?: string | null;
  readonly aliases: readonly string[];
  readonly description?: string | null;
  /** `scheme:value` strings. */
  readonly externalIds: readonly string[];
  readonly isoCode?: string | null;
  /** The countries its IN_COUNTRY relationships name. */
  readonly countries: readonly CandidateCountry[];
}

export interface CandidateCountry {
  readonly id: string;
  readonly name: string;
  readonly nameFi?: string | null;
  readonly nameSv?: string | null;
  readonly nameEn?: string | null;
  readonly aliases?: readonly string[] | null;
  readonly isoCode?: string | null;
}

export interface Feature {
  readonly id: string;
  readonly value: number | boolean;
}

export interface ScoredCandidate {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly type: readonly { readonly id: string; readonly name: string }[];
  readonly score: number;
  readonly features: readonly Feature[];
  readonly match: boolean;
}

/** 1 for the same key, 0 for nothing in common. */
export function nameSimilarity(a: string, b: string): number {
  const [x, y] = [a.slice(0, COMPARED_LENGTH), b.slice(0, COMPARED_LENGTH)];
  const longer = Math.max(x.length, y.length);
  return longer === 0 ? 0 : 1 - distance(x, y) / longer;
}

/** Whether the query text is the candidate's own id or one of its external ids (`wikidata:Q1757` or `Q1757`). */
function namesCandidate(query: string, candidate: CandidateEntity): boolean {
  if (query === candidate.id) return true;
  const external = parseExternalId(query);
  const ids = [...candidate.externalIds, ...(candidate.isoCode ? [`iso3166:${candidate.isoCode}`] : [])];
  if (external) return ids.includes(`${external.scheme}:${external.value}`);
  return ids.some((id) => id.slice(id.indexOf(":") + 1) === query && /^Q\d+$/.test(query));
}

type PropertyFit = "agrees" | "contradicts" | "unknown";

function propertyFit(pid: string, values: readonly string[], candidate: CandidateEntity): PropertyFit {
  if (pid === "country") {
    if (candidate.countries.length === 0) return "unknown";
    const agrees = candidate.countries.some((country) =>
      values.some(
        (value) =>
          value === country.id ||
          value.toUpperCase() === country.isoCode ||
          entityNames(country).some((name) => nameKey(name) === nameKey(value)),
      ),
    );
    return agrees ? "agrees" : "contradicts";
  }
  if (pid === "iso3166") {
    if (!candidate.isoCode) return "unknown";
    return values.some((value) => value.toUpperCase() === candidate.isoCode) ? "agrees" : "contradicts";
  }
  const held = candidate.externalIds.filter((id) => id.startsWith(`${pid}:`));
  if (held.length === 0) return "unknown";
  return values.some((value) => held.includes(`${pid}:${value}`)) ? "agrees" : "contradicts";
}

const PROPERTY_FACTOR: Record<PropertyFit, number> = { agrees: 1, contradicts: 0.5, unknown: 0.8 };

function describe(candidate: CandidateEntity): string | undefined {
  const where = candidate.countries.map((country) => country.name).join(", ");
  const parts = [where ? `${candidate.kind} in ${where}` : candidate.kind, candidate.description ?? undefined];
  return parts.filter((part): part is string => !!part).join(". ");
}

/** Scores and orders the candidates of one query (best first, at most `query.limit`). */
export function scoreCandidates(query: ReconcileQuery, candidates: readonly CandidateEntity[]): ScoredCandidate[] {
  const wanted = query.query === undefined ? undefined : nameKey(query.query);
  const scored = candidates.map((candidate) => {
    const features: Feature[] = [];
    let similarity = 1;
    if (query.query !== undefined && wanted !== undefined) {
      const byId = namesCandidate(query.query.trim(), candidate);
      const keys = entityNames(candidate).map(nameKey);
      let best = 0;
      for (const key of keys) {
        // A difference in length alone bounds the similarity: skip names that cannot beat the best.
        const bound = 1 - Math.abs(key.length - wanted.length) / Math.max(key.length, wanted.length, 1);
        if (bound > best) best = Math.max(best, nameSimilarity(wanted, key));
      }
      similarity = byId ? 1 : best;
      features.push({ id: "name_similarity", value: Math.round(best * 1000) / 1000 });
      features.push({ id: "exact_name", value: keys.includes(wanted) || foldText(candidate.id) === wanted });
      if (byId) features.push({ id: "id_match", value: true });
    }
    let factor = 1;
    let contradicted = false;
    for (const property of query.properties) {
      if (property.values.length === 0) continue;
      const fit = propertyFit(property.pid, property.values, candidate);
      factor *= PROPERTY_FACTOR[fit];
      contradicted ||= fit === "contradicts";
      features.push({ id: `property_${property.pid}`, value: fit === "agrees" });
    }
    const description = describe(candidate);
    return {
      id: candidate.id,
      name: candidate.name,
      ...(description ? { description } : {}),
      type: [{ id: candidate.kind, name: candidate.kind }],
      score: Math.round(100 * similarity * factor * 10) / 10,
      features,
      contradicted,
    };
  });
  scored.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const [best, next] = scored;
  const confident =
    best !== undefined &&
    best.score >= MATCH_SCORE &&
    !best.contradicted &&
    (next === undefined || next.score <= best.score - MATCH_MARGIN);
  return scored.slice(0, query.limit).map(({ contradicted: _contradicted, ...candidate }, index) => ({
    ...candidate,
    match: confident && index === 0,
  }));
}
