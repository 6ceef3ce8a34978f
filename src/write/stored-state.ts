/**
 * What the write path reads of the graph, inside its own transaction: which ids are taken and by what, the
 * stored records a batch is compared with, what cites a source, and the relationships at an entity. One
 * query per question, batched by id, each branch using its uniqueness constraint or id index.
 * `StoredLookup` is the same questions as an interface, so checks and plans also run against a graph held
 * in memory (`memoryLookup`: unit tests, checking the curated graph without a database).
 */
import type { ManagedTransaction, Transaction } from "neo4j-driver";
import { type Database, cypherInt, toPlain } from "../database/index.js";
import {
  ENTITY_KINDS,
  ENTITY_LABEL,
  type EntityKind,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  SOURCE_LABEL,
} from "../graph-data/index.js";
import type { StoredNode, StoredRelationship } from "./plan.js";

type Properties = Record<string, unknown>;
/** Explicit (the write path's) or managed (a plain read) transactions alike. */
type Tx = Transaction | ManagedTransaction;

const LOOKUP_BATCH = 10_000;

async function inBatches<T>(ids: readonly string[], work: (batch: string[]) => Promise<T[]>): Promise<T[]> {
  const found: T[] = [];
  for (let start = 0; start < ids.length; start += LOOKUP_BATCH) {
    found.push(...(await work(ids.slice(start, start + LOOKUP_BATCH))));
  }
  return found;
}

/** Entities and sources stored under these ids, with their kind (`Source` for sources) and properties. */
export async function storedNodes(tx: Tx, ids: readonly string[]): Promise<Map<string, StoredNode>> {
  const rows = await inBatches(ids, async (batch) => {
    const result = await tx.run(
      `UNWIND $ids AS id
       CALL (id) {
         MATCH (n:${ENTITY_LABEL} {id: id}) RETURN [l IN labels(n) WHERE l IN $kinds][0] AS kind, properties(n) AS props
         UNION ALL
         MATCH (n:${SOURCE_LABEL} {id: id}) RETURN '${SOURCE_LABEL}' AS kind, properties(n) AS props
       }
       RETURN id, kind, props`,
      { ids: batch, kinds: [...ENTITY_KINDS] },
    );
    return result.records.map(
      (record) =>
        [
          record.get("id") as string,
          { kind: record.get("kind") as EntityKind | "Source", props: toPlain(record.get("props")) as Properties },
        ] as const,
    );
  });
  return new Map(rows);
}

const RELATIONSHIP_BY_ID = RELATIONSHIP_TYPES.map(
  (type) =>
    `MATCH (a:${ENTITY_LABEL})-[r:${type} {id: id}]->(b:${ENTITY_LABEL}) RETURN '${type}' AS type, a.id AS from, b.id AS to, properties(r) AS props`,
).join(" UNION ALL ");

/** Relationships stored under these ids. */
export async function storedRelationships(tx: Tx, ids: readonly string[]): Promise<Map<string, StoredRelationship>> {
  const rows = await inBatches(ids, async (batch) => {
    const result = await tx.run(
      `UNWIND $ids AS id CALL (id) { ${RELATIONSHIP_BY_ID} } RETURN id, type, from, to, props`,
      { ids: batch },
    );
    return result.records.map(
      (record) =>
        [
          record.get("id") as string,
          {
            type: record.get("type") as RelationshipType,
            from: record.get("from") as string,
            to: record.get("to") as string,
            props: toPlain(record.get("props")) as Properties,
          },
        ] as const,
    );
  });
  return new Map(rows);
}

/** Relationships of one type stored under these ids (cheaper than `storedRelationships` when the type is known). */
export async function storedRelationshipsOfType(
  tx: Tx,
  type: RelationshipType,
  ids: readonly string[],
): Promise<Map<string, StoredRelationship>> {
  if (!(RELATIONSHIP_TYPES as readonly string[]).includes(type)) throw new Error(`not a relationship type: ${type}`);
  const rows = await inBatches(ids, async (batch) => {
    const result = await tx.run(
      `UNWIND $ids AS id MATCH (a:${ENTITY_LABEL})-[r:${type} {id: id}]->(b:${ENTITY_LABEL})
       RETURN id, a.id AS from, b.id AS to, properties(r) AS props`,
      { ids: batch },
    );
    return result.records.map(
      (record) =>
        [
          record.get("id") as string,
          {
            type,
            from: record.get("from") as string,
            to: record.get("to") as string,
            props: toPlain(record.get("props")) as Properties,
          },
        ] as const,
    );
  });
  return new Map(rows);
}

/** Every relationship at an entity (either direction), by id. */
export async function relationshipsAt(tx: Tx, entityId: string): Promise<Map<string, StoredRelationship>> {
  const result = await tx.run(
    `MATCH (n:${ENTITY_LABEL} {id: $id})-[r]-(:${ENTITY_LABEL})
     WHERE type(r) IN $types
     RETURN r.id AS id, type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, properties(r) AS props`,
    { id: entityId, types: [...RELATIONSHIP_TYPES] },
  );
  return new Map(
    result.records.map((record) => [
      record.get("id") as string,
      {
        type: record.get("type") as RelationshipType,
        from: record.get("from") as string,
        to: record.get("to") as string,
        props: toPlain(record.get("props")) as Properties,
      },
    ]),
  );
}

/**
 * Records that cite a source (entities through `sourceIds`, relationships through their citations), at most
 * `limit`. A scan of the graph: deleting a source is rare, and nothing cheaper can answer it exactly.
 */
export async function recordsCiting(tx: Tx, sourceId: string, limit: number): Promise<string[]> {
  const result = await tx.run(
    `CALL () {
       MATCH (n:${ENTITY_LABEL}) WHERE $id IN n.sourceIds RETURN n.id AS id
       UNION ALL
       MATCH (:${ENTITY_LABEL})-[r]->(:${ENTITY_LABEL}) WHERE type(r) IN $types AND $id IN r.sourceIds RETURN r.id AS id
     }
     RETURN id LIMIT $limit`,
    { id: sourceId, types: [...RELATIONSHIP_TYPES], limit: cypherInt(limit) },
  );
  return result.records.map((record) => record.get("id") as string);
}

/** One relationship by id, read in a transaction of its own (for requests that name one). */
export async function storedRelationshipById(db: Database, id: string): Promise<StoredRelationship | undefined> {
  return db.read(async (tx) => (await storedRelationships(tx, [id])).get(id));
}

/** The questions the write path asks of the graph. */
export interface StoredLookup {
  nodes(ids: readonly string[]): Promise<Map<string, StoredNode>>;
  /** By id, whatever their type. */
  relationships(ids: readonly string[]): Promise<Map<string, StoredRelationship>>;
  /** By id, of one type. */
  relationshipsOfType(type: RelationshipType, ids: readonly string[]): Promise<Map<string, StoredRelationship>>;
  relationshipsAt(entityId: string): Promise<Map<string, StoredRelationship>>;
  recordsCiting(sourceId: string, limit: number): Promise<string[]>;
}

/** The lookup inside a transaction. */
export function transactionLookup(tx: Tx): StoredLookup {
  return {
    nodes: (ids) => storedNodes(tx, ids),
    relationships: (ids) => storedRelationships(tx, ids),
    relationshipsOfType: (type, ids) => storedRelationshipsOfType(tx, type, ids),
    relationshipsAt: (id) => relationshipsAt(tx, id),
    recordsCiting: (id, limit) => recordsCiting(tx, id, limit),
  };
}

/** A lookup over stored state held in memory: by id, nodes (entities and sources) and relationships. */
export function memoryLookup(
  nodes: ReadonlyMap<string, StoredNode> = new Map(),
  relationships: ReadonlyMap<string, StoredRelationship> = new Map(),
): StoredLookup {
  const pick = <T>(map: ReadonlyMap<string, T>, ids: readonly string[]) =>
    new Map(ids.flatMap((id) => (map.has(id) ? [[id, map.get(id)!] as const] : [])));
  return {
    nodes: async (ids) => pick(nodes, ids),
    relationships: async (ids) => pick(relationships, ids),
    relationshipsOfType: async (type, ids) => new Map([...pick(relationships, ids)].filter(([, r]) => r.type === type)),
    relationshipsAt: async (id) => new Map([...relationships].filter(([, r]) => r.from === id || r.to === id)),
    recordsCiting: async (sourceId, limit) =>
      [
        ...[...nodes]
          .filter(([, n]) => ((n.props.sourceIds as string[] | undefined) ?? []).includes(sourceId))
          .map(([id]) => id),
        ...[...relationships]
          .filter(([, r]) => ((r.props.sourceIds as string[] | undefined) ?? []).includes(sourceId))
          .map(([id]) => id),
      ].slice(0, limit),
  };
}
