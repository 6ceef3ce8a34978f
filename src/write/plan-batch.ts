/**
 * Plans a batch of checked records against their stored state: one lookup per batch (nodes by id, relationships
 * by type), then each record by the rules of plan.ts. Shared by the one-transaction write (write-graph.ts) and
 * the batched one (batched-write.ts).
 */
import type { EntityRecord, RelationshipRecord, Section, SectionRecord, SourceRecord } from "../graph-data/index.js";
import {
  type PlanOptions,
  type PlannedItem,
  type StoredRelationship,
  planEntity,
  planRelationship,
  planSource,
  sideBySideId,
} from "./plan.js";
import type { StoredLookup } from "./stored-state.js";

/** Plans a batch of checked records against their stored state. */
export async function planBatch(
  lookup: StoredLookup,
  section: Section,
  batch: readonly SectionRecord[Section][],
  options: PlanOptions,
): Promise<PlannedItem[]> {
  if (section === "relationships") {
    const records = batch as RelationshipRecord[];
    const stored = new Map<string, StoredRelationship>();
    for (const type of new Set(records.map((record) => record.type))) {
      const ofType = records.filter((record) => record.type === type);
      const found = await lookup.relationshipsOfType(
        type,
        ofType.flatMap((record) => [record.id, sideBySideId(record)]),
      );
      for (const [id, relationship] of found) stored.set(id, relationship);
    }
    // Two records of one batch may land on the same side-by-side id: plan them one after the other.
    const planned: PlannedItem[] = [];
    const pending = new Map<string, StoredRelationship>();
    for (const record of records) {
      const item = planRelationship((id) => pending.get(id) ?? stored.get(id), record, options);
      if (item.write && item.write.op !== "delete" && item.write.item === "relationship") {
        pending.set(item.id, { type: record.type, from: record.from, to: record.to, props: item.write.props });
      }
      planned.push(item);
    }
    return planned;
  }
  const records = batch as (SourceRecord | EntityRecord)[];
  const stored = await lookup.nodes(records.map((record) => record.id));
  const at = (id: string) => stored.get(id);
  return section === "sources"
    ? (records as SourceRecord[]).map((record) => planSource(at(record.id), record, options))
    : (records as EntityRecord[]).map((record) => planEntity(at(record.id), record, options));
}
