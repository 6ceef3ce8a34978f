/**
 * Writing the history: `Change` records created in the same transaction as the change they describe.
 * Imports build their changes as they diff the file against the graph (src/import); API edits compare a
 * snapshot of the touched records taken before the mutation with one taken after (src/server/history-plugin).
 */
import type { ManagedTransaction, Transaction } from "neo4j-driver";
import { toPlain } from "../database/index.js";
import { CHANGE_LABEL, ENTITY_KINDS, ENTITY_LABEL, SOURCE_LABEL } from "../graph-data/index.js";
import { randomUUID } from "node:crypto";

type Tx = ManagedTransaction | Transaction;
type Properties = Record<string, unknown>;

/** API stamps (who and when): kept on records, but not part of what a change says changed. */
export const AUDIT_FIELDS: ReadonlySet<string> = new Set(["createdAt", "createdBy", "updatedAt", "updatedBy"]);

export interface NewChange {
  readonly actor: string;
  readonly origin: string;
  readonly operation: "create" | "update" | "delete";
  readonly itemType: "source" | "entity" | "relationship";
  readonly itemId: string;
  readonly itemKind: string | null;
  readonly fromId: string | null;
  readonly toId: string | null;
  readonly fields: readonly string[];
  readonly before: Properties | null;
  readonly after: Properties | null;
}

export function withoutAudit(props: Properties): Properties {
  return Object.fromEntries(Object.entries(props).filter(([key]) => !AUDIT_FIELDS.has(key)));
}

/** Writes the changes; each gets the transaction's time. */
export async function writeChanges(tx: Tx, changes: readonly NewChange[]): Promise<void> {
  if (changes.length === 0) return;
  const rows = changes.map((change) => ({
    ...change,
    id: randomUUID(),
    fields: [...change.fields],
    before: change.before ? JSON.stringify(withoutAudit(change.before)) : null,
    after: change.after ? JSON.stringify(withoutAudit(change.after)) : null,
  }));
  await tx.run(`UNWIND $rows AS row CREATE (c:${CHANGE_LABEL}) SET c = row, c.at = datetime.transaction()`, { rows });
}

// ── Snapshots, for edits made through the generated API.

export interface NodeState {
  readonly itemType: "source" | "entity";
  readonly kind: string;
  readonly props: Properties;
}

export interface RelationshipState {
  readonly type: string;
  readonly from: string;
  readonly to: string;
  readonly props: Properties;
}

export interface Snapshot {
  readonly nodes: Map<string, NodeState>;
  readonly relationships: Map<string, RelationshipState>;
}

/** The records with these ids (entities and sources) and every relationship at them. */
export async function snapshot(tx: Tx, ids: readonly string[]): Promise<Snapshot> {
  const nodes = new Map<string, NodeState>();
  const relationships = new Map<string, RelationshipState>();
  if (ids.length === 0) return { nodes, relationships };
  const result = await tx.run(
    `UNWIND $ids AS id
     CALL (id) {
       MATCH (n:${ENTITY_LABEL} {id: id}) RETURN n
       UNION
       MATCH (n:${SOURCE_LABEL} {id: id}) RETURN n
     }
     OPTIONAL MATCH (n)-[r]-(m:${ENTITY_LABEL})
     RETURN n.id AS id, [l IN labels(n) WHERE l IN $kinds][0] AS kind, n:${SOURCE_LABEL} AS isSource,
            properties(n) AS props,
            collect(CASE WHEN r IS NULL THEN null ELSE
              { id: coalesce(r.id, elementId(r)), type: type(r), from: startNode(r).id, to: endNode(r).id, props: properties(r) } END) AS rels`,
    { ids, kinds: [...ENTITY_KINDS] },
  );
  for (const record of result.records) {
    const isSource = record.get("isSource") as boolean;
    nodes.set(record.get("id") as string, {
      itemType: isSource ? "source" : "entity",
      kind: isSource ? SOURCE_LABEL : (record.get("kind") as string),
      props: toPlain(record.get("props")) as Properties,
    });
    for (const rel of toPlain(record.get("rels")) as (RelationshipState & { id: string })[]) {
      relationships.set(rel.id, { type: rel.type, from: rel.from, to: rel.to, props: rel.props });
    }
  }
  return { nodes, relationships };
}

function changedFields(before: Properties | undefined, after: Properties | undefined): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys]
    .filter(
      (key) => !AUDIT_FIELDS.has(key) && JSON.stringify(before?.[key] ?? null) !== JSON.stringify(after?.[key] ?? null),
    )
    .sort();
}

/** What changed between two snapshots of the same records. */
export function diffSnapshots(before: Snapshot, after: Snapshot, meta: { actor: string; origin: string }): NewChange[] {
  const changes: NewChange[] = [];
  for (const id of new Set([...before.nodes.keys(), ...after.nodes.keys()])) {
    const was = before.nodes.get(id);
    const is = after.nodes.get(id);
    const fields = changedFields(was?.props, is?.props);
    if (was && is && fields.length === 0) continue;
    const state = (is ?? was)!;
    changes.push({
      ...meta,
      operation: !was ? "create" : !is ? "delete" : "update",
      itemType: state.itemType,
      itemId: id,
      itemKind: state.kind,
      fromId: null,
      toId: null,
      fields,
      before: was?.props ?? null,
      after: is?.props ?? null,
    });
  }
  for (const id of new Set([...before.relationships.keys(), ...after.relationships.keys()])) {
    const was = before.relationships.get(id);
    const is = after.relationships.get(id);
    const fields = changedFields(was?.props, is?.props);
    if (was && is && fields.length === 0) continue;
    const state = (is ?? was)!;
    changes.push({
      ...meta,
      operation: !was ? "create" : !is ? "delete" : "update",
      itemType: "relationship",
      itemId: id,
      itemKind: state.type,
      fromId: state.from,
      toId: state.to,
      fields,
      before: was?.props ?? null,
      after: is?.props ?? null,
    });
  }
  return changes;
}
