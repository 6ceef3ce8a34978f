/**
 * Relationship ends named by an external id instead of our own (`wikidata:Q1757`, `iso3166:FI`) in an input:
 * each resolved against the input's own entities and the graph (src/graph-reads/external-ids.ts).
 */
import type { ManagedTransaction, Transaction } from "neo4j-driver";
import {
  type ExternalId,
  type Problem,
  ProblemCode,
  type RecordReader,
  parseExternalId,
  recordIdOf,
} from "../graph-data/index.js";
import { entitiesByExternalId } from "../graph-reads/index.js";

type Tx = Transaction | ManagedTransaction;

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
