/**
 * The history of the graph, read back: every write leaves `Change` records (who, when, from which file or
 * request, which fields, the record before and after, in the record model's own form), written in the same
 * transaction by the write path (src/write/history-writer.ts). Here: the changes since a date or about one
 * entity, and a record as it stood on a day.
 */
import { type Database, cypherInt, toPlain } from "../database/index.js";
import {
  CHANGE_LABEL,
  ENTITY_KINDS,
  ENTITY_LABEL,
  type EntityKind,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  SOURCE_LABEL,
  entityFromProperties,
  relationshipFromProperties,
  sourceFromProperties,
  withoutAudit,
} from "../graph-data/index.js";

export interface ChangeRecord {
  readonly id: string;
  /** Shared by every change of one write (one transaction). */
  readonly writeId: string | null;
  /** The write this change's write undid, when it was an undo. */
  readonly reverts: string | null;
  /** ISO 8601 date-time of the transaction that made the change. */
  readonly at: string;
  readonly actor: string;
  readonly origin: string;
  /** `erase`: personal data erased on request (src/write/erase.ts), with `reason`. */
  readonly operation: "create" | "update" | "delete" | "erase";
  readonly itemType: "source" | "entity" | "relationship";
  readonly itemId: string;
  /** Entity kind or relationship type. */
  readonly itemKind: string | null;
  readonly fromId: string | null;
  readonly toId: string | null;
  readonly fields: readonly string[];
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  /** Why, for an erasure. */
  readonly reason?: string | null;
  /** Personal fields an erasure took out of `before` and `after` (their values are gone from the history). */
  readonly erased?: readonly string[];
}

export interface ChangeQuery {
  /** A day or a date-time (ISO 8601): changes at or after it. */
  readonly since: string | null;
  /** Changes to this entity, and to relationships that start or end at it. */
  readonly entityId: string | null;
  readonly limit: number;
}

/**
 * Who made a change, as text whatever was recorded. Versions before tokens' `sub` was checked recorded a
 * token's number, boolean or list as it came (`42`, `true`, `["x"]`); the history is append-only, so such an
 * actor stays, and is shown as its JSON text rather than making every read of the history fail.
 */
export function actorText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "unknown";
  if (typeof value === "bigint") return value.toString();
  return JSON.stringify(value) ?? "unknown";
}

function toChange(row: Record<string, unknown>): ChangeRecord {
  const plain = toPlain(row) as Record<string, unknown>;
  return {
    id: plain.id as string,
    writeId: (plain.writeId as string | undefined) ?? null,
    reverts: (plain.reverts as string | undefined) ?? null,
    at: plain.at as string,
    actor: actorText(plain.actor),
    origin: plain.origin as string,
    operation: plain.operation as ChangeRecord["operation"],
    itemType: plain.itemType as ChangeRecord["itemType"],
    itemId: plain.itemId as string,
    itemKind: (plain.itemKind as string | undefined) ?? null,
    fromId: (plain.fromId as string | undefined) ?? null,
    toId: (plain.toId as string | undefined) ?? null,
    fields: (plain.fields as string[] | undefined) ?? [],
    before: typeof plain.before === "string" ? (JSON.parse(plain.before) as Record<string, unknown>) : null,
    after: typeof plain.after === "string" ? (JSON.parse(plain.after) as Record<string, unknown>) : null,
    reason: (plain.reason as string | undefined) ?? null,
    erased: (plain.erased as string[] | undefined) ?? [],
  };
}

/** `2019` / `2019-06` / `2019-06-01` / a full date-time, as a Cypher datetime expression over `$since`. */
const SINCE = "datetime(CASE size($since) WHEN 4 THEN $since + '-01-01' WHEN 7 THEN $since + '-01' ELSE $since END)";

/** The present state of whatever has this id: each branch can use its id constraint or index. */
const PRESENT_STATE = [
  `MATCH (n:${ENTITY_LABEL} {id: $id}) RETURN properties(n) AS props, 'entity' AS itemType, [l IN labels(n) WHERE l IN $kinds][0] AS kind, null AS from, null AS to`,
  `MATCH (n:${SOURCE_LABEL} {id: $id}) RETURN properties(n) AS props, 'source' AS itemType, null AS kind, null AS from, null AS to`,
  ...RELATIONSHIP_TYPES.map(
    (type) =>
      `MATCH (a)-[r:${type} {id: $id}]->(b) RETURN properties(r) AS props, 'relationship' AS itemType, '${type}' AS kind, a.id AS from, b.id AS to`,
  ),
].join(" UNION ALL ");

/** A stored record's properties in the record model's form (what the history holds). */
function presentRecord(row: {
  props: Record<string, unknown>;
  itemType: string;
  kind: string | null;
  from: string | null;
  to: string | null;
}) {
  const props = withoutAudit(row.props);
  if (row.itemType === "source") return sourceFromProperties(props);
  if (row.itemType === "entity") return entityFromProperties(row.kind as EntityKind, props);
  return relationshipFromProperties(row.kind as RelationshipType, row.from ?? "", row.to ?? "", props);
}

/** Newest first. */
export async function listChanges(db: Database, query: ChangeQuery): Promise<ChangeRecord[]> {
  return db.read(async (tx) => {
    const about =
      query.entityId === null ? "" : "AND (c.itemId = $entityId OR c.fromId = $entityId OR c.toId = $entityId)";
    const result = await tx.run(
      `MATCH (c:${CHANGE_LABEL})
       WHERE ($since IS NULL OR c.at >= ${SINCE}) ${about}
       RETURN properties(c) AS change ORDER BY c.at DESC, c.itemType, c.itemId LIMIT $limit`,
      { since: query.since, entityId: query.entityId, limit: cypherInt(query.limit) },
    );
    return result.records.map((record) => toChange(record.get("change") as Record<string, unknown>));
  });
}

export interface DeletedQuery extends ChangeQuery {
  /** Only deleted records of this kind. */
  readonly itemType: ChangeRecord["itemType"] | null;
}

/**
 * Records that are gone: the deleting change of every source, entity or relationship whose last recorded
 * change is a delete (an erasure since does not count: the record is still gone), newest first. Its `before`
 * is the whole record as it was, and its `writeId` is what `revertChange` takes to bring it back (with what
 * the same write deleted along with it).
 */
export async function listDeletedRecords(db: Database, query: DeletedQuery): Promise<ChangeRecord[]> {
  return db.read(async (tx) => {
    const about =
      query.entityId === null ? "" : "AND (c.itemId = $entityId OR c.fromId = $entityId OR c.toId = $entityId)";
    const result = await tx.run(
      `MATCH (c:${CHANGE_LABEL})
       WHERE c.operation = 'delete' AND ($since IS NULL OR c.at >= ${SINCE}) ${about}
         AND ($itemType IS NULL OR c.itemType = $itemType)
         AND NOT EXISTS { MATCH (later:${CHANGE_LABEL} {itemId: c.itemId}) WHERE later.at > c.at AND later.operation <> 'erase' }
       RETURN properties(c) AS change ORDER BY c.at DESC, c.itemType, c.itemId LIMIT $limit`,
      {
        since: query.since,
        entityId: query.entityId,
        itemType: query.itemType,
        limit: cypherInt(query.limit),
      },
    );
    return result.records.map((record) => toChange(record.get("change") as Record<string, unknown>));
  });
}

/**
 * Every change of one write, oldest first: `id` is a write's id, or the id of one of its changes (undoing a
 * change undoes the write it was part of, so a deleted entity comes back with its relationships).
 */
export async function changesOfWrite(db: Database, id: string): Promise<ChangeRecord[]> {
  return db.read(async (tx) => {
    const result = await tx.run(
      `OPTIONAL MATCH (one:${CHANGE_LABEL} {id: $id})
       WITH coalesce(one.writeId, $id) AS writeId
       MATCH (c:${CHANGE_LABEL} {writeId: writeId})
       RETURN properties(c) AS change ORDER BY c.at, c.itemType, c.itemId`,
      { id },
    );
    return result.records.map((record) => toChange(record.get("change") as Record<string, unknown>));
  });
}

/**
 * A source, entity or relationship as it stood at the end of day `at` (YYYY-MM-DD): the state after the
 * last change recorded on or before it; null when it did not exist yet or had been deleted. `recorded` is
 * false when no change was ever recorded for it (it came with the curated graph): then `record` is its
 * present state, if it exists.
 */
export async function recordAsOf(
  db: Database,
  id: string,
  at: string,
): Promise<{
  itemType: string | null;
  record: Record<string, unknown> | null;
  recorded: boolean;
  change: ChangeRecord | null;
}> {
  return db.read(async (tx) => {
    const result = await tx.run(
      `MATCH (c:${CHANGE_LABEL} {itemId: $id}) WHERE c.at < datetime($at) + duration('P1D')
       RETURN properties(c) AS change ORDER BY c.at DESC LIMIT 1`,
      { id, at },
    );
    const row = result.records[0]?.get("change") as Record<string, unknown> | undefined;
    if (row) {
      const change = toChange(row);
      return { itemType: change.itemType, record: change.after, recorded: true, change };
    }
    // Nothing recorded by then: the first later change says what it was before (or that it did not exist).
    const later = await tx.run(
      `MATCH (c:${CHANGE_LABEL} {itemId: $id}) RETURN properties(c) AS change ORDER BY c.at ASC LIMIT 1`,
      { id },
    );
    const first = later.records[0]?.get("change") as Record<string, unknown> | undefined;
    if (first) {
      const change = toChange(first);
      // An erasure records the record as it stood (less what it erased), and no `before`.
      const record = change.operation === "create" ? null : change.operation === "erase" ? change.after : change.before;
      return { itemType: change.itemType, record, recorded: true, change: null };
    }
    const present = await tx.run(PRESENT_STATE, { id, kinds: [...ENTITY_KINDS] });
    const found = present.records[0];
    if (!found) return { itemType: null, record: null, recorded: false, change: null };
    const record = presentRecord(toPlain(found.toObject()) as Parameters<typeof presentRecord>[0]);
    return {
      itemType: found.get("itemType") as string,
      record: record as unknown as Record<string, unknown>,
      recorded: false,
      change: null,
    };
  });
}

/**
 * Every erasure of personal data (src/write/erase.ts), oldest first: the register to keep beside backups,
 * since a backup made before an erasure still holds what it erased (`kg erasures`, `kg erase --replay`).
 */
export async function listErasures(db: Database): Promise<ChangeRecord[]> {
  return db.read(async (tx) => {
    const result = await tx.run(
      `MATCH (c:${CHANGE_LABEL}) WHERE c.operation = 'erase' RETURN properties(c) AS change ORDER BY c.at, c.itemId`,
    );
    return result.records.map((record) => toChange(record.get("change") as Record<string, unknown>));
  });
}
