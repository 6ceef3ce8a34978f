/**
 * What an undo (revert.ts) checks in its own transaction before it writes anything, so that it never loses
 * or breaks later work, whoever did it and through whichever door. Undoing a write W removes what W created
 * and puts back what W changed or deleted; it is refused with CHANGED_SINCE — every problem at once, each
 * naming in `writeIds` (and its message) the later writes to undo first, newest first — when:
 * 1. a record W touched is no longer as W left it: a later write changed, deleted or re-created it;
 * 2. a record a later write created or changed depends on one the undo would delete: a relationship attached
 *    to an entity, an entity or relationship citing a source, a source naming an entity as its publisher
 *    (records of W itself are no obstacle: the undo puts every one of them back);
 * 3. a record a later write created or changed cites a source whose form (document or dataset, which decides
 *    how it is cited) the undo would change back;
 * 4. a record the undo would put back refers to one a later write deleted: a relationship's end, a cited
 *    source, a publisher (named, rather than refused later as an unknown reference).
 * Other fields the undo changes back (a name, a date, aliases, sources of an entity) are not depended on:
 * work attached to an entity the undo only edits does not block it.
 *
 * The later writes are read from the history: for each record in the way, the writes since W (since its
 * latest creation, for a record W did not touch) that still stand — a write and its undo cancel out.
 */
import type { Transaction } from "neo4j-driver";
import { cypherInt, toPlain } from "../database/index.js";
import {
  CHANGE_LABEL,
  ENTITY_LABEL,
  type GraphRecord,
  type ItemKind,
  MAX_PROBLEMS,
  type Problem,
  ProblemCode,
  RELATIONSHIP_TYPES,
  SOURCE_LABEL,
  entityFromProperties,
  referencesOf,
  relationshipFromProperties,
  sourceFromProperties,
  withoutAudit,
} from "../graph-data/index.js";
import type { StoredLookup } from "./stored-state.js";
import { RejectedWrite } from "./write-input.js";

/** A record's state the undo expects to find: as the undone write left it (null: it should not exist). */
export interface ExpectedState {
  readonly item: ItemKind;
  readonly id: string;
  readonly record: GraphRecord | null;
}

/** What undoing a write needs: the records to put back, the ids to delete, the states to find first. */
export interface UndoPlan {
  readonly writeId: string;
  /** When the undone write was made (its changes' `at`). */
  readonly at: string;
  readonly records: Record<"sources" | "entities" | "relationships", Record<string, unknown>[]>;
  readonly deletions: string[];
  readonly expected: ExpectedState[];
}

/** One change of a later write, as far as naming that write goes. */
export interface LaterChange {
  readonly itemId: string;
  readonly writeId: string;
  readonly reverts: string | null;
  readonly operation: "create" | "update" | "delete";
  readonly actor: string;
  readonly at: string;
}

/** A record in the undo's way, and why. */
interface Obstacle {
  readonly item: ItemKind;
  readonly id: string;
  readonly field: string | null;
  /** What it is about the record, without the writes (they are added once known). */
  readonly reason: string;
  /** The later writes: those that still stand on the record (`since`), or the one that deleted what it needs. */
  readonly writes: LaterChange[];
}

/** Throws RejectedWrite (CHANGED_SINCE) when anything stands in the way of the undo `plan`. */
export async function checkUndo(tx: Transaction, lookup: StoredLookup, plan: UndoPlan): Promise<void> {
  const own = new Set(plan.expected.map((entry) => entry.id));
  const obstacles: Obstacle[] = [];

  // 1. Every record as the undone write left it.
  const changed = await changedRecords(lookup, plan.expected);
  // 2. and 3. Later records that depend on what the undo removes or changes.
  const itemOf = new Map(plan.expected.map((entry) => [entry.id, entry.item]));
  const deleted = plan.deletions.filter((id) => itemOf.get(id) !== "relationship");
  const reformed = formChanges(plan);
  const dependents = (
    await dependentsOf(
      tx,
      deleted.filter((id) => itemOf.get(id) === "entity"),
      [...deleted.filter((id) => itemOf.get(id) === "source"), ...reformed.keys()],
    )
  ).filter((row) => !own.has(row.id));
  const history = await laterChanges(
    tx,
    [...changed.map((entry) => entry.id), ...dependents.map((row) => row.id)],
    plan,
  );

  for (const entry of changed) {
    const writes = standing(history.get(entry.id) ?? [], false);
    obstacles.push({
      item: entry.item,
      id: entry.id,
      field: null,
      reason: "is no longer as this write left it",
      writes,
    });
  }
  const byDependent = new Map<string, { item: ItemKind; removed: string[]; reformed: string[] }>();
  for (const row of dependents) {
    const form = reformed.get(row.target);
    // A record citing a source the undo only re-forms depends on its form when a later write made it so.
    if (form && standing(history.get(row.id) ?? [], true).length === 0) continue;
    const entry = byDependent.get(row.id) ?? { item: row.item, removed: [], reformed: [] };
    byDependent.set(row.id, entry);
    if (form) entry.reformed.push(`cites ${row.target}, which this undo would turn back into a ${form}`);
    else
      entry.removed.push(
        row.reason === "attached"
          ? `is attached to ${row.target}`
          : row.reason === "publisher"
            ? `names ${row.target} as its publisher`
            : `cites ${row.target}`,
      );
  }
  for (const [id, entry] of byDependent) {
    const removed = entry.removed.length > 0 ? [`${joined(entry.removed)}, which this undo would delete`] : [];
    obstacles.push({
      item: entry.item,
      id,
      field: null,
      reason: [...removed, ...entry.reformed].join("; "),
      writes: standing(history.get(id) ?? [], true),
    });
  }
  // 4. What the undo puts back refers only to records that are there.
  obstacles.push(...(await missingReferences(tx, lookup, plan)));

  if (obstacles.length === 0) return;
  const problems: Problem[] = obstacles.slice(0, MAX_PROBLEMS).map((obstacle) => ({
    item: obstacle.item,
    id: obstacle.id,
    field: obstacle.field,
    code: ProblemCode.ChangedSince,
    message: `${obstacle.reason}: ${undoFirst(obstacle.writes)}`,
    writeIds: obstacle.writes.map((write) => write.writeId),
  }));
  const all = newestFirst(obstacles.flatMap((obstacle) => obstacle.writes)).map((write) => write.writeId);
  throw new RejectedWrite(
    problems,
    obstacles.length - problems.length,
    all.length > 0
      ? `Later writes stand in the undo's way: undo them first, newest first: ${all.join(", ")}.`
      : undefined,
  );
}

function joined(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

function undoFirst(writes: readonly LaterChange[]): string {
  if (writes.length === 0) return "no recorded later write did it (the graph was changed outside the write path)";
  const named = writes.map((write) => `${write.writeId} (${write.actor}, ${write.at})`);
  return writes.length === 1
    ? `undo the later write ${named[0]} first`
    : `undo the later writes ${named.join(", ")} first, newest first`;
}

/** Each write once, newest first. */
function newestFirst(changes: readonly LaterChange[]): LaterChange[] {
  const byWrite = new Map<string, LaterChange>();
  for (const change of changes) {
    const seen = byWrite.get(change.writeId);
    if (!seen || seen.at < change.at) byWrite.set(change.writeId, change);
  }
  return [...byWrite.values()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/**
 * The writes that still stand on one record, newest first, from its later changes (newest first): a write
 * and a later undo of it cancel out. `sinceCreated`: only since the record was last created (undoing that
 * write removes it again), for records the undone write did not touch.
 */
export function standing(changes: readonly LaterChange[], sinceCreated: boolean): LaterChange[] {
  let relevant = changes;
  if (sinceCreated) {
    const created = changes.findIndex((change) => change.operation === "create");
    if (created >= 0) relevant = changes.slice(0, created + 1);
  }
  const writes = new Set(relevant.map((change) => change.writeId));
  const cancelled = new Set<string>();
  const kept: LaterChange[] = [];
  for (const change of relevant) {
    if (cancelled.has(change.writeId)) continue;
    if (change.reverts !== null && writes.has(change.reverts)) {
      cancelled.add(change.reverts);
      cancelled.add(change.writeId);
      continue;
    }
    kept.push(change);
  }
  return newestFirst(kept);
}

// ── 1. As the undone write left it.

/** JSON with keys sorted at every level: two records compare equal whatever order their fields came in. */
function canonical(value: unknown): string {
  const sort = (entry: unknown): unknown =>
    Array.isArray(entry)
      ? entry.map(sort)
      : entry !== null && typeof entry === "object"
        ? Object.fromEntries(
            Object.entries(entry)
              .filter(([, field]) => field !== undefined && field !== null)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([key, field]) => [key, sort(field)]),
          )
        : entry;
  return JSON.stringify(sort(value));
}

/** The expected states the graph does not hold. */
async function changedRecords(lookup: StoredLookup, expected: readonly ExpectedState[]): Promise<ExpectedState[]> {
  const nodes = await lookup.nodes(expected.filter((entry) => entry.item !== "relationship").map((entry) => entry.id));
  const relationships = await lookup.relationships(
    expected.filter((entry) => entry.item === "relationship").map((entry) => entry.id),
  );
  return expected.filter((entry) => {
    let current: GraphRecord | null = null;
    if (entry.item === "relationship") {
      const stored = relationships.get(entry.id);
      if (stored) current = relationshipFromProperties(stored.type, stored.from, stored.to, withoutAudit(stored.props));
    } else {
      const stored = nodes.get(entry.id);
      if (stored) {
        current =
          stored.kind === "Source"
            ? sourceFromProperties(stored.props)
            : entityFromProperties(stored.kind, withoutAudit(stored.props));
      }
    }
    return canonical(current) !== canonical(entry.record);
  });
}

// ── 2. and 3. What depends on what the undo removes or re-forms.

const formOf = (record: Record<string, unknown> | null | undefined) =>
  record?.form === "dataset" ? "dataset" : "document";

/** Sources whose form the undo would change back: id → the form it would have again. */
function formChanges(plan: UndoPlan): Map<string, string> {
  const left = new Map(plan.expected.map((entry) => [entry.id, entry.record as Record<string, unknown> | null]));
  const changes = new Map<string, string>();
  for (const source of plan.records.sources) {
    const id = source.id as string;
    const after = left.get(id);
    if (after && formOf(after) !== formOf(source)) changes.set(id, formOf(source));
  }
  return changes;
}

interface Dependent {
  /** The record depended on. */
  readonly target: string;
  readonly id: string;
  readonly item: ItemKind;
  readonly reason: "attached" | "publisher" | "cites";
}

/** Dependents read at most (one record may depend on several targets); the rest show once these are undone. */
const DEPENDENTS_READ = MAX_PROBLEMS * 4;

/**
 * Records at these entities (their relationships, sources naming them as publisher) and records citing these
 * sources: a scan for the citations and publishers, as for deleting a source (stored-state.ts).
 */
async function dependentsOf(
  tx: Transaction,
  entities: readonly string[],
  sources: readonly string[],
): Promise<Dependent[]> {
  const branches = [
    ...(entities.length === 0
      ? []
      : [
          `UNWIND $entities AS target
           MATCH (:${ENTITY_LABEL} {id: target})-[r]-(:${ENTITY_LABEL}) WHERE type(r) IN $types
           RETURN target, r.id AS id, 'relationship' AS item, 'attached' AS reason`,
          `UNWIND $entities AS target
           MATCH (s:${SOURCE_LABEL}) WHERE s.publisherId = target
           RETURN target, s.id AS id, 'source' AS item, 'publisher' AS reason`,
        ]),
    ...(sources.length === 0
      ? []
      : [
          `MATCH (n:${ENTITY_LABEL}) WHERE any(source IN n.sourceIds WHERE source IN $sources)
           UNWIND [source IN n.sourceIds WHERE source IN $sources] AS target
           RETURN target, n.id AS id, 'entity' AS item, 'cites' AS reason`,
          `MATCH (:${ENTITY_LABEL})-[r]->(:${ENTITY_LABEL})
           WHERE type(r) IN $types AND any(source IN r.sourceIds WHERE source IN $sources)
           UNWIND [source IN r.sourceIds WHERE source IN $sources] AS target
           RETURN target, r.id AS id, 'relationship' AS item, 'cites' AS reason`,
        ]),
  ];
  if (branches.length === 0) return [];
  const result = await tx.run(
    `CALL () { ${branches.join(" UNION ALL ")} }
     RETURN target, id, item, reason ORDER BY id, target LIMIT $limit`,
    { entities, sources, types: [...RELATIONSHIP_TYPES], limit: cypherInt(DEPENDENTS_READ) },
  );
  return result.records.map((record) => record.toObject() as unknown as Dependent);
}

/** The changes of writes after the undone one to these records, by record, newest first. */
async function laterChanges(
  tx: Transaction,
  ids: readonly string[],
  plan: UndoPlan,
): Promise<Map<string, LaterChange[]>> {
  const byId = new Map<string, LaterChange[]>();
  if (ids.length === 0) return byId;
  const result = await tx.run(
    `UNWIND $ids AS id
     MATCH (c:${CHANGE_LABEL} {itemId: id})
     WHERE c.at >= datetime($at) AND c.writeId <> $writeId
     RETURN c.itemId AS itemId, c.writeId AS writeId, c.reverts AS reverts, c.operation AS operation,
       c.actor AS actor, c.at AS at
     ORDER BY c.at DESC`,
    { ids: [...new Set(ids)], at: plan.at, writeId: plan.writeId },
  );
  for (const record of result.records) {
    const change = toPlain(record.toObject()) as LaterChange;
    byId.set(change.itemId, [...(byId.get(change.itemId) ?? []), { ...change, reverts: change.reverts ?? null }]);
  }
  return byId;
}

// ── 4. What the undo puts back refers to records that are there.

const SECTION_ITEM = { sources: "source", entities: "entity", relationships: "relationship" } as const;

async function missingReferences(tx: Transaction, lookup: StoredLookup, plan: UndoPlan): Promise<Obstacle[]> {
  const putBack = new Set(Object.values(plan.records).flatMap((records) => records.map((record) => record.id)));
  const references = (["sources", "entities", "relationships"] as const).flatMap((section) =>
    plan.records[section].flatMap((record) =>
      referencesOf(section, record)
        .filter((ref) => !putBack.has(ref.id))
        .map((ref) => ({ ...ref, item: SECTION_ITEM[section], recordId: record.id as string })),
    ),
  );
  if (references.length === 0) return [];
  const present = await lookup.nodes([...new Set(references.map((ref) => ref.id))]);
  const missing = references.filter((ref) => !present.has(ref.id));
  if (missing.length === 0) return [];
  // The later write that deleted each: the newest delete since the undone write.
  const result = await tx.run(
    `UNWIND $ids AS id
     CALL (id) {
       MATCH (c:${CHANGE_LABEL} {itemId: id})
       WHERE c.operation = 'delete' AND c.at >= datetime($at) AND c.writeId <> $writeId
       RETURN c ORDER BY c.at DESC LIMIT 1
     }
     RETURN id, c.writeId AS writeId, c.reverts AS reverts, c.operation AS operation, c.actor AS actor, c.at AS at`,
    { ids: [...new Set(missing.map((ref) => ref.id))], at: plan.at, writeId: plan.writeId },
  );
  const deletedBy = new Map(
    result.records.map((record) => {
      const row = toPlain(record.toObject()) as LaterChange & { id: string };
      return [row.id, { ...row, itemId: row.id, reverts: row.reverts ?? null }] as const;
    }),
  );
  // A reference no recorded write deleted is left to the input's checks (UNKNOWN_REFERENCE).
  return missing.flatMap((ref) => {
    const write = deletedBy.get(ref.id);
    if (!write) return [];
    const what =
      ref.field === "from" || ref.field === "to"
        ? "its end"
        : ref.field === "publisherId"
          ? "its publisher"
          : "the source";
    return [
      {
        item: ref.item,
        id: ref.recordId,
        field: ref.field,
        reason: `cannot be put back: ${what} ${ref.id} was deleted by a later write`,
        writes: [write],
      },
    ];
  });
}
