/**
 * Entities named by an external id instead of our own (`wikidata:Q1757`, `iso3166:FI`): which entity each
 * names, in the graph. Used by `lookup(scheme, value)`, reconciliation, the crowd loader and imports (whose
 * relationships may name their ends this way: write/external-references.ts). A country's ISO code is its
 * `isoCode`; every other scheme is looked up exactly in the `entity_external_ids` full-text index (keyword
 * analyzer: the whole `scheme:value` string is one term).
 */
import type { ManagedTransaction, Transaction } from "neo4j-driver";
import { EXTERNAL_ID_INDEX } from "../database/index.js";
import { ENTITY_LABEL, type ExternalId, formatExternalId } from "../graph-data/index.js";

type Tx = Transaction | ManagedTransaction;

/** Lucene query syntax escaped, so a value is one exact term (a URL is full of special characters). */
function luceneTerm(text: string): string {
  return text.replace(/[+\-&|!(){}[\]^"~*?:\\/\s]/g, (character) => `\\${character}`);
}

/** The ids of the entities each external id names (usually one; more than one is ambiguous). */
export async function entitiesByExternalId(tx: Tx, ids: readonly ExternalId[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const keys = [...new Set(ids.map(formatExternalId))];
  const countries = keys.filter((key) => key.startsWith("iso3166:")).map((key) => key.slice("iso3166:".length));
  if (countries.length > 0) {
    const result = await tx.run(
      `UNWIND $codes AS code MATCH (n:Country) WHERE n.isoCode = code RETURN 'iso3166:' + code AS key, collect(n.id) AS ids`,
      { codes: countries },
    );
    for (const record of result.records) found.set(record.get("key") as string, record.get("ids") as string[]);
  }
  const others = keys.filter((key) => !key.startsWith("iso3166:"));
  if (others.length > 0) {
    const result = await tx.run(
      `UNWIND $keys AS key
       CALL db.index.fulltext.queryNodes('${EXTERNAL_ID_INDEX}', key.term) YIELD node
       WHERE node:${ENTITY_LABEL} AND key.text IN node.externalIds
       RETURN key.text AS key, collect(node.id) AS ids`,
      { keys: others.map((text) => ({ text, term: luceneTerm(text) })) },
    );
    for (const record of result.records) found.set(record.get("key") as string, record.get("ids") as string[]);
  }
  return found;
}
