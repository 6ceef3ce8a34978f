/**
 * Entities named by an external id instead of our own (`wikidata:Q1757`, `iso3166:FI`): which entity each
 * names, in the graph. Used by `lookup(scheme, value)` and by imports, whose relationships may name their ends
 * this way. A country's ISO code is its `isoCode`; every other scheme is looked up exactly in the
 * `entity_external_ids` full-text index (keyword analyzer: the whole `scheme:value` string is one term).
 */
import type { ManagedTransaction, Transaction } from "neo4j-driver";
import { EXTERNAL_ID_INDEX } from "../database/index.js";
import {
  ENTITY_LABEL,
  type ExternalId,
  type Problem,
  ProblemCode,
  type RecordReader,
  formatExternalId,
  parseExternalId,
  recordIdOf,
} from "../graph-data/index.js";

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

/**
 * Reads the input once for relationship ends named by external id and resolves each against the input's own
 * entities (their `externalIds`) and the graph: exactly one entity must carry it. Returns a reader that hands
 * on the records with those ends replaced by our ids, and a problem for every end that names nothing or more
 * than one entity (`UNKNOWN_REFERENCE`, at the end's position).
 */
export async function resolveExternalReferences(
  tx: Tx,
  reader: RecordReader,
): Promise<{ reader: RecordReader; problems: Problem[] }> {
  const wanted = new Map<string, ExternalId>();
  const inInput = new Map<string, Set<string>>();
  for await (const record of reader.records(() => undefined)) {
    if (record.section === "entities" && typeof record.value.id === "string") {
      const ids = Array.isArray(record.value.externalIds)
        ? [...(record.value.externalIds as { scheme?: unknown; value?: unknown }[])]
        : [];
      // A country's ISO code is its `isoCode`, as in the graph (entitiesByExternalId).
      if (record.value.kind === "Country" && typeof record.value.isoCode === "string") {
        ids.push({ scheme: "iso3166", value: record.value.isoCode });
      }
      for (const id of ids) {
        if (typeof id?.scheme !== "string" || typeof id.value !== "string") continue;
        const key = `${id.scheme}:${id.value}`;
        inInput.set(key, (inInput.get(key) ?? new Set()).add(record.value.id));
      }
    }
    if (record.section === "relationships") {
      for (const end of ["from", "to"] as const) {
        const value = record.value[end];
        const external = typeof value === "string" ? parseExternalId(value) : undefined;
        if (external) wanted.set(value as string, external);
      }
    }
  }
  if (wanted.size === 0) return { reader, problems: [] };
  const stored = await entitiesByExternalId(tx, [...wanted.values()]);
  const resolved = new Map<string, string>();
  const trouble = new Map<string, string>();
  for (const key of wanted.keys()) {
    const candidates = [...new Set([...(inInput.get(key) ?? []), ...(stored.get(key) ?? [])])];
    if (candidates.length === 1) resolved.set(key, candidates[0]!);
    else if (candidates.length === 0) trouble.set(key, `no entity has the external id ${key}`);
    else
      trouble.set(key, `${key} names ${candidates.length} entities (${candidates.slice(0, 5).join(", ")}): use our id`);
  }
  const problems: Problem[] = [];
  const resolving: RecordReader = {
    fileName: reader.fileName,
    format: reader.format,
    async *records(onProblem) {
      for await (const record of reader.records(onProblem)) {
        if (record.section !== "relationships") {
          yield record;
          continue;
        }
        const value = { ...record.value };
        for (const end of ["from", "to"] as const) {
          const name = value[end];
          if (typeof name === "string" && resolved.has(name)) value[end] = resolved.get(name);
        }
        yield { ...record, value };
      }
    },
  };
  if (trouble.size > 0) {
    for await (const record of reader.records(() => undefined)) {
      if (record.section !== "relationships") continue;
      // The id the checks will give the record (its other end resolved): the check's own UNKNOWN_REFERENCE
      // for the same end is then the same problem, reported once (ProblemList), with this clearer message.
      const value = { ...record.value };
      for (const end of ["from", "to"] as const) {
        const name = value[end];
        if (typeof name === "string" && resolved.has(name)) value[end] = resolved.get(name);
      }
      for (const end of ["from", "to"] as const) {
        const message = trouble.get(record.value[end] as string);
        if (message) {
          problems.push({
            ...record.locate(end),
            item: "relationship",
            id: recordIdOf("relationships", value),
            field: end,
            code: ProblemCode.UnknownReference,
            message,
          });
        }
      }
    }
  }
  return { reader: resolving, problems };
}
