/**
 * Reading reconciliation candidates: read-only, parameterised Cypher, bounded per query.
 * - By name, through the `entity_names` full-text index (every name in every language and every alias,
 *   accent-folding): the text is cut into plain words exactly as search does (graph-reads/search.ts), so no
 *   Lucene syntax from a client is ever interpreted, and each of its first MAX_WORDS words is looked for whole,
 *   as a prefix, and — when it has 4 to 20 letters — one edit away ("tallin" finds "tallinn"). At most
 *   CANDIDATES hits per query.
 * - By identifier: a query that is an entity's id or one of its external ids, and external-id properties
 *   (`wikidata`, `geonames`, `url`, `iso3166`), through the keyword index the `lookup` field uses.
 * Each candidate comes with the countries its IN_COUNTRY relationships name, for the `country` property.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { ENTITY_NAME_INDEX, cypherInt, toPlain } from "../database/index.js";
import { ENTITY_KINDS, ENTITY_LABEL, ID_PATTERN, type ExternalId, parseExternalId } from "../graph-data/index.js";
import { entitiesByExternalId, searchWords } from "../graph-reads/index.js";
import type { ReconcileQuery } from "./reconcile-request.js";
import type { CandidateEntity } from "./scoring.js";

/** Index hits read per query before scoring. */
export const CANDIDATES = 30;

/** Words of a query looked for (names rarely have more). */
export const MAX_WORDS = 8;
/**
 * Fuzzy terms cost Lucene an automaton per word, growing with its length: words of 4–20 letters are looked for
 * one edit away (with every word fuzzy, a batch of long queries took seconds even on a tiny graph), longer ones
 * whole and as prefixes only.
 */
const FUZZY_LENGTH = { min: 4, max: 20 } as const;

/** Lucene text for the words: whole, prefix, and one edit away for words of 4–20 letters. */
export function fuzzyLuceneQuery(words: readonly string[]): string {
  return words
    .slice(0, MAX_WORDS)
    .map((word) => {
      const fuzzy = word.length >= FUZZY_LENGTH.min && word.length <= FUZZY_LENGTH.max;
      return `(${word} OR ${word}*${fuzzy ? ` OR ${word}~1` : ""})`;
    })
    .join(" OR ");
}

const CANDIDATE_PROJECTION = `n { .id, .name, .nameFi, .nameSv, .nameEn, .description, .isoCode,
  aliases: coalesce(n.aliases, []), externalIds: coalesce(n.externalIds, []),
  kind: [l IN labels(n) WHERE l IN $kinds][0],
  countries: COLLECT { MATCH (n)-[:IN_COUNTRY]->(c:Country)
    RETURN c { .id, .name, .nameFi, .nameSv, .nameEn, .isoCode, aliases: coalesce(c.aliases, []) } } }`;

function toCandidate(row: unknown): CandidateEntity {
  return toPlain(row) as CandidateEntity;
}

/** Candidates for one query (unscored, each entity once). */
export async function findCandidates(tx: ManagedTransaction, query: ReconcileQuery): Promise<CandidateEntity[]> {
  const found = new Map<string, CandidateEntity>();
  const types = query.types.length > 0 ? [...query.types] : [...ENTITY_KINDS];
  const words = query.query === undefined ? [] : searchWords(query.query);
  if (words.length > 0) {
    const result = await tx.run(
      `CALL db.index.fulltext.queryNodes($index, $lucene, { limit: $candidates }) YIELD node AS n
       WHERE any(label IN labels(n) WHERE label IN $types)
       RETURN ${CANDIDATE_PROJECTION} AS candidate`,
      {
        index: ENTITY_NAME_INDEX,
        lucene: fuzzyLuceneQuery(words),
        // Hits of other types are dropped after the index: read more when only some types are wanted.
        candidates: cypherInt(query.types.length > 0 ? CANDIDATES * 3 : CANDIDATES),
        types,
        kinds: [...ENTITY_KINDS],
      },
    );
    for (const record of result.records.slice(0, CANDIDATES)) {
      const candidate = toCandidate(record.get("candidate"));
      found.set(candidate.id, candidate);
    }
  }
  // Identifiers: the query text itself, and external-id properties.
  const text = query.query?.trim() ?? "";
  const externalIds: ExternalId[] = [];
  const textId = parseExternalId(text);
  if (textId) externalIds.push(textId);
  else if (/^Q[1-9]\d{0,11}$/.test(text)) externalIds.push({ scheme: "wikidata", value: text });
  for (const property of query.properties) {
    if (property.pid === "country") continue;
    for (const value of property.values) {
      const id = parseExternalId(`${property.pid}:${property.pid === "iso3166" ? value.toUpperCase() : value}`);
      if (id) externalIds.push(id);
    }
  }
  const ids = new Set<string>();
  if (ID_PATTERN.test(text) && text.length <= 100) ids.add(text);
  if (externalIds.length > 0) {
    for (const matches of (await entitiesByExternalId(tx, externalIds)).values()) {
      for (const id of matches.slice(0, CANDIDATES)) ids.add(id);
    }
  }
  const missing = [...ids].filter((id) => !found.has(id));
  if (missing.length > 0) {
    const result = await tx.run(
      `MATCH (n:${ENTITY_LABEL}) WHERE n.id IN $ids AND any(label IN labels(n) WHERE label IN $types)
       RETURN ${CANDIDATE_PROJECTION} AS candidate`,
      { ids: missing, types, kinds: [...ENTITY_KINDS] },
    );
    for (const record of result.records) {
      const candidate = toCandidate(record.get("candidate"));
      found.set(candidate.id, candidate);
    }
  }
  return [...found.values()];
}

/** One entity for the preview, with its location; null when there is none. */
export async function findEntityForPreview(
  tx: ManagedTransaction,
  id: string,
): Promise<(CandidateEntity & { lat: number | null; lon: number | null }) | null> {
  const result = await tx.run(
    `MATCH (n:${ENTITY_LABEL} {id: $id})
     RETURN ${CANDIDATE_PROJECTION} AS candidate, n.location.y AS lat, n.location.x AS lon`,
    { id, kinds: [...ENTITY_KINDS] },
  );
  const record = result.records[0];
  if (!record) return null;
  return {
    ...toCandidate(record.get("candidate")),
    lat: (record.get("lat") as number | null) ?? null,
    lon: (record.get("lon") as number | null) ?? null,
  };
}
