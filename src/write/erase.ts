/**
 * Erasure of personal data on request (GDPR art. 17): a Person's personal fields — the record model's
 * restricted fields, `email` and `phone` (graph-data/records.ts `personalFields`) — taken out of the graph AND
 * out of the history, so that neither the API, an undo, an export nor a later backup can give them back.
 *
 * One transaction, with the write path's own parts (stored-state, cypher-writer, the history, the graph's
 * version), as one write:
 * 1. the entity's present record loses its personal fields (stamped as an update by the eraser);
 * 2. every recorded change of the entity keeps its `before` and `after` records without those fields, and
 *    says which it lost (`erased`); nothing else in the history changes;
 * 3. an `erase` Change records who, when, why (`reason`) and which entity and fields — never the values;
 * 4. the graph's version goes up, so no cached answer from before is served again.
 * Entities merged with it (mergeEntities) are the same person: the erasure follows merges both ways.
 *
 * An erasure cannot be undone (`refuseUndoingErasure`, checked in every undo's transaction), and undoing an
 * older write cannot bring the data back: the records it would put back no longer hold it. Backups made
 * before still do: see docs/security.md (Personal data).
 */
import { randomUUID } from "node:crypto";
import type { Transaction } from "neo4j-driver";
import type { Database } from "../database/index.js";
import {
  CHANGE_LABEL,
  ENTITY_KINDS,
  type EntityKind,
  ID_PATTERN,
  LIMITS,
  type Problem,
  ProblemCode,
  entityFromProperties,
  hasVisibleText,
  invisibleCharacterMessage,
  isEntityKind,
  personalFields,
  withoutAudit,
} from "../graph-data/index.js";
import { applyWrites } from "./cypher-writer.js";
import { bumpGraphVersion } from "./graph-version.js";
import { announcedWrite } from "./version-announce.js";
import type { Write } from "./plan.js";
import { storedNodes } from "./stored-state.js";
import { RejectedWrite, WriteInterrupted, isInterruption } from "./write-input.js";

/** The history's operation of an erasure (beside `create`, `update`, `delete`). */
export const ERASE_OPERATION = "erase";

export interface ErasureOptions {
  /** Check and report what would be erased; change nothing. */
  readonly dryRun: boolean;
  /** Who erases: a token's `sub`, `cli:<user>`. */
  readonly actor: string;
  /** From where: `graphql:<request id>`, `cli`. */
  readonly origin: string;
  readonly timeoutMs?: number;
}

export interface ErasureReport {
  /** The erasure's write (its `erase` Changes); null for a dry run. */
  readonly writeId: string | null;
  readonly graphVersion: number | null;
  readonly dryRun: boolean;
  readonly entityId: string;
  readonly kind: EntityKind;
  /** The entity and those merged with it: the same person under every id it had. */
  readonly entityIds: readonly string[];
  /** The personal fields whose values were taken out, of the records or the history. */
  readonly fields: readonly string[];
  /** Present records that held personal data. */
  readonly records: number;
  /** Recorded changes whose records held personal data. */
  readonly changes: number;
}

function refuse(id: string, field: string, code: ProblemCode, message: string): never {
  const problem: Problem = { item: "entity", id, field, code, message };
  throw new RejectedWrite([problem]);
}

/** The reason as it is recorded: visible one-paragraph-or-more text of at most LIMITS.longTextLength. */
export function erasureReason(entityId: string, reason: string): string {
  const text = reason.trim();
  const invisible = invisibleCharacterMessage(text, true);
  if (invisible) refuse(entityId, "reason", ProblemCode.InvisibleCharacters, invisible);
  if (!hasVisibleText(text)) {
    refuse(entityId, "reason", ProblemCode.Required, "say why (the request it answers): it is recorded and citable");
  }
  if (text.length > LIMITS.longTextLength) {
    refuse(entityId, "reason", ProblemCode.TooLong, `must be at most ${LIMITS.longTextLength} characters`);
  }
  return text;
}

class DryRunRollback extends Error {
  constructor(readonly report: ErasureReport) {
    super("dry run");
  }
}

/** A record (from the history) without its kind's personal fields, and which it had. */
function withoutPersonal(json: string | null): { json: string | null; erased: string[]; values: unknown[] } {
  if (json === null) return { json, erased: [], values: [] };
  const record = JSON.parse(json) as Record<string, unknown>;
  const kind = record.kind;
  if (typeof kind !== "string" || !isEntityKind(kind)) return { json, erased: [], values: [] };
  const erased = personalFields(kind).filter((field) => record[field] !== undefined && record[field] !== null);
  if (erased.length === 0) return { json, erased, values: [] };
  const values = erased.map((field) => record[field]);
  for (const field of erased) delete record[field];
  return { json: JSON.stringify(record), erased, values };
}

/** The entity and every entity merged into it or it into (origins `…:merge:<merged>><kept>`), to a fixpoint. */
async function mergedWith(tx: Transaction, entityId: string): Promise<string[]> {
  const ids = new Set([entityId]);
  for (let added = [entityId]; added.length > 0;) {
    const result = await tx.run(
      `MATCH (c:${CHANGE_LABEL}) WHERE c.itemId IN $ids AND c.itemType = 'entity' AND c.origin CONTAINS ':merge:'
       RETURN DISTINCT c.origin AS origin`,
      { ids: added },
    );
    added = [];
    for (const record of result.records) {
      const match = /:merge:([a-z0-9-]+)>([a-z0-9-]+)$/.exec(record.get("origin") as string);
      for (const id of match ? [match[1]!, match[2]!] : []) {
        if (!ids.has(id)) {
          ids.add(id);
          added.push(id);
        }
      }
    }
  }
  return [...ids];
}

/** Erases `entityId`'s personal data from the graph and its history, as one recorded write. */
export async function erasePersonalData(
  db: Database,
  entityId: string,
  reason: string,
  options: ErasureOptions,
): Promise<ErasureReport> {
  if (!ID_PATTERN.test(entityId) || entityId.length > LIMITS.idLength) {
    refuse(entityId, "entityId", ProblemCode.InvalidValue, "must be an entity's id (a lowercase slug)");
  }
  const why = erasureReason(entityId, reason);
  return announcedWrite(
    () => eraseOnce(db, entityId, why, options),
    (report) => report.graphVersion !== null,
  );
}

async function eraseOnce(db: Database, entityId: string, why: string, options: ErasureOptions): Promise<ErasureReport> {
  let committing = false;
  try {
    return await db.writeOnce(
      async (tx) => {
        const report = await erase(tx, entityId, why, options);
        if (options.dryRun) throw new DryRunRollback(report);
        committing = true;
        return report;
      },
      options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs },
    );
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    if (isInterruption(error)) throw new WriteInterrupted(error, committing ? "unknown" : "nothing", "");
    throw error;
  }
}

async function erase(
  tx: Transaction,
  entityId: string,
  reason: string,
  options: ErasureOptions,
): Promise<ErasureReport> {
  const own = (await storedNodes(tx, [entityId])).get(entityId);
  if (own?.kind === "Source") {
    refuse(entityId, "entityId", ProblemCode.NotAllowed, `${entityId} is a source: sources hold no personal data`);
  }
  const ids = await mergedWith(tx, entityId);
  const nodes = await storedNodes(tx, ids);
  const history = await tx.run(
    `MATCH (c:${CHANGE_LABEL}) WHERE c.itemId IN $ids AND c.itemType = 'entity'
     RETURN c.id AS id, c.itemId AS itemId, c.itemKind AS itemKind, c.before AS before, c.after AS after,
            c.erased AS erased, c.at AS at
     ORDER BY c.at`,
    { ids },
  );
  // Each id's kind: as stored, else as last recorded (a deleted entity).
  const kinds = new Map<string, EntityKind>();
  for (const record of history.records) {
    const kind = record.get("itemKind") as string | null;
    if (kind && isEntityKind(kind)) kinds.set(record.get("itemId") as string, kind);
  }
  for (const [id, node] of nodes) if (node.kind !== "Source") kinds.set(id, node.kind);
  const kind = kinds.get(entityId);
  if (!kind) refuse(entityId, "entityId", ProblemCode.NotFound, `no entity ${entityId}, now or in the history`);
  if (personalFields(kind).length === 0) {
    const holders = ENTITY_KINDS.filter((each) => personalFields(each).length > 0);
    refuse(
      entityId,
      "entityId",
      ProblemCode.NotAllowed,
      `${entityId} is a ${kind}, which holds no personal data (only a ${holders.join(", ")} has ${[...new Set(holders.flatMap(personalFields))].join(", ")})`,
    );
  }

  const erasedBy = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
  const values: unknown[] = [];
  // 1. The present records.
  const writes: Write[] = [];
  const after = new Map<string, string>();
  for (const [id, node] of nodes) {
    if (node.kind === "Source") continue;
    const props = withoutAudit(node.props);
    const personal = personalFields(node.kind).filter((field) => props[field] !== undefined && props[field] !== null);
    for (const field of personal) {
      erasedBy.get(id)!.add(field);
      values.push(props[field]);
      delete props[field];
    }
    if (personal.length > 0) writes.push({ op: "update", item: "entity", kind: node.kind, id, props });
    after.set(id, JSON.stringify(entityFromProperties(node.kind, props)));
  }
  // 2. The history.
  const scrubbed = history.records.flatMap((record) => {
    const before = withoutPersonal(record.get("before") as string | null);
    const afterState = withoutPersonal(record.get("after") as string | null);
    const erased = [...new Set([...before.erased, ...afterState.erased])];
    if (erased.length === 0) return [];
    const id = record.get("itemId") as string;
    for (const field of erased) erasedBy.get(id)?.add(field);
    values.push(...before.values, ...afterState.values);
    const already = (record.get("erased") as string[] | null) ?? [];
    return [
      {
        id: record.get("id") as string,
        before: before.json,
        after: afterState.json,
        erased: [...new Set([...already, ...erased])].sort(),
      },
    ];
  });
  // The reason is recorded for good: it must not be where the data survives.
  const said = reason.toLowerCase();
  if (values.some((value) => typeof value === "string" && value.trim() && said.includes(value.trim().toLowerCase()))) {
    refuse(entityId, "reason", ProblemCode.InvalidValue, "must not repeat the personal data it erases");
  }

  const writeId = randomUUID();
  await applyWrites(tx, writes, options.actor);
  await tx.run(
    `UNWIND $rows AS row MATCH (c:${CHANGE_LABEL} {id: row.id})
     SET c.before = row.before, c.after = row.after, c.erased = row.erased`,
    { rows: scrubbed },
  );
  // 3. The erasure itself, one change per id the person had.
  const changes = ids
    .filter((id) => kinds.has(id))
    .map((id) => ({
      id: randomUUID(),
      writeId,
      actor: options.actor,
      origin: options.origin,
      operation: ERASE_OPERATION,
      itemType: "entity",
      itemId: id,
      itemKind: kinds.get(id)!,
      fields: [...erasedBy.get(id)!].sort(),
      after: after.get(id) ?? null,
      reason,
    }));
  await tx.run(`UNWIND $rows AS row CREATE (c:${CHANGE_LABEL}) SET c = row, c.at = datetime.transaction()`, {
    rows: changes,
  });
  // 4. Every cached answer from before is stale.
  const graphVersion = await bumpGraphVersion(tx, writeId);
  return {
    writeId: options.dryRun ? null : writeId,
    graphVersion: options.dryRun ? null : graphVersion,
    dryRun: options.dryRun,
    entityId,
    kind,
    entityIds: ids.filter((id) => kinds.has(id)),
    fields: [...new Set([...erasedBy.values()].flatMap((fields) => [...fields]))].sort(),
    records: writes.length,
    changes: scrubbed.length,
  };
}

/**
 * Refuses to undo an erasure (NOT_ALLOWED), inside the undo's transaction: what it erased is gone, and putting
 * back the record it recorded would be a write of its own — an undo must never look like a way to get data back.
 */
export async function refuseUndoingErasure(tx: Transaction, writeId: string): Promise<void> {
  const result = await tx.run(
    `MATCH (c:${CHANGE_LABEL} {writeId: $writeId}) WHERE c.operation = $erase RETURN c.itemId AS itemId LIMIT 1`,
    { writeId, erase: ERASE_OPERATION },
  );
  const itemId = result.records[0]?.get("itemId") as string | undefined;
  if (itemId !== undefined) {
    refuse(
      itemId,
      "id",
      ProblemCode.NotAllowed,
      `the write ${writeId} erased personal data on request: an erasure cannot be undone`,
    );
  }
}
