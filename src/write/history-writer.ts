/**
 * The history of every write: one `Change` node per record created, changed or deleted, written in the same
 * transaction as the change, so history and graph can never disagree. Every change of one write shares its
 * `writeId`; `before` and `after` are the record as the model spells it (JSON text), so a change can be read,
 * diffed and put back without knowing how Neo4j stores it.
 */
import { randomUUID } from "node:crypto";
import type { Transaction } from "neo4j-driver";
import { CHANGE_LABEL } from "../graph-data/index.js";
import type { PlannedItem } from "./plan.js";

export interface WriteMeta {
  /** Shared by every change of one write (one transaction). */
  readonly writeId: string;
  /** Who: a token's `sub`, `cli:<user>`, `seed`. */
  readonly actor: string;
  /** From where: `file:<name>`, `graphql:<request id>`. */
  readonly origin: string;
  /** The write this one undid, when it was an undo. */
  readonly reverts?: string;
}

export type ChangeOperation = "create" | "update" | "delete";

/** The history's operation for a planned item, or undefined when it writes nothing. */
export function operationOf(item: PlannedItem): ChangeOperation | undefined {
  return item.write?.op;
}

export async function writeChanges(tx: Transaction, items: readonly PlannedItem[], meta: WriteMeta): Promise<void> {
  const rows = items.flatMap((item) => {
    const operation = operationOf(item);
    if (!operation) return [];
    return [
      {
        id: randomUUID(),
        writeId: meta.writeId,
        actor: meta.actor,
        origin: meta.origin,
        reverts: meta.reverts ?? null,
        operation,
        itemType: item.item,
        itemId: item.id,
        itemKind: item.itemKind,
        fromId: item.fromId,
        toId: item.toId,
        fields: [...item.fields],
        before: item.before ? JSON.stringify(item.before) : null,
        after: operation === "delete" || !item.after ? null : JSON.stringify(item.after),
      },
    ];
  });
  if (rows.length === 0) return;
  await tx.run(`UNWIND $rows AS row CREATE (c:${CHANGE_LABEL}) SET c = row, c.at = datetime.transaction()`, { rows });
}
