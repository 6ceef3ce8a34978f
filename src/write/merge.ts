/**
 * Merging two entities found to be the same (a Wikidata place that is a curated city; a duplicate typed
 * twice), as ONE write of the one write path: the kept entity restated with what the other adds, every
 * relationship of the other re-pointed to the kept one, sources it published re-attributed, and the other
 * deleted — checked, recorded in the history under one write id, and undoable with `revertChange`.
 *
 * - The kept entity keeps its own fields; it gains the other's name, names and aliases as aliases, its
 *   external ids, its sources, and any field it lacked. Two different ids of one scheme (two Wikidata items)
 *   are refused: they are not the same entity, or one id is wrong (MERGE_CONFLICT as INVALID_VALUE).
 * - A re-pointed relationship gets a new id: the other's id replaced by the kept one's where it contains it
 *   (`a--PARTNER_OF--b` → `a--PARTNER_OF--c`), else its id with `~<kept id>` appended (the write path cannot
 *   write and delete one id at once). Where the kept entity already has the same claim, the write path's rules
 *   apply: the same claim from other sources becomes one relationship with both citations only when ids meet,
 *   so claims are kept side by side otherwise, each cited. A relationship between the two is dropped (reported).
 * - A Place (known only from a dataset) may merge into any kind; otherwise both must be of one kind.
 */
import type { Database } from "../database/index.js";
import {
  type EntityRecord,
  type Problem,
  ProblemCode,
  type RelationshipRecord,
  SOURCE_LABEL,
  entityFromProperties,
  formatExternalId,
  recordsReader,
  relationshipFromProperties,
  sourceFromProperties,
  withoutAudit,
} from "../graph-data/index.js";
import { relationshipsAt, storedNodes } from "./stored-state.js";
import { RejectedWrite, type WriteOptions, type WriteReport, writeGraph } from "./write-graph.js";

function refuse(field: string, code: ProblemCode, message: string, id: string): never {
  const problem: Problem = { item: "entity", id, field, code, message };
  throw new RejectedWrite([problem]);
}

/** The kept entity with what the merged one adds (pure). */
export function mergedEntity(keep: EntityRecord, merge: EntityRecord): EntityRecord {
  const names = new Set(
    [keep.name, keep.nameFi, keep.nameSv, keep.nameEn, ...(keep.aliases ?? [])]
      .filter(Boolean)
      .map((n) => n!.toLowerCase()),
  );
  const aliases = [...(keep.aliases ?? [])];
  for (const name of [merge.name, merge.nameFi, merge.nameSv, merge.nameEn, ...(merge.aliases ?? [])]) {
    if (name && !names.has(name.toLowerCase())) {
      names.add(name.toLowerCase());
      aliases.push(name);
    }
  }
  const externalIds = [...(keep.externalIds ?? [])];
  for (const id of merge.externalIds ?? []) {
    const same = externalIds.find((existing) => existing.scheme === id.scheme);
    if (!same) externalIds.push(id);
    else if (same.value !== id.value) {
      refuse(
        "externalIds",
        ProblemCode.InvalidValue,
        `${keep.id} is ${formatExternalId(same)} and ${merge.id} is ${formatExternalId(id)}: not the same entity, or one id is wrong`,
        merge.id,
      );
    }
  }
  const filled: Record<string, unknown> = { ...keep };
  for (const [field, value] of Object.entries(merge)) {
    if (["kind", "id", "name", "aliases", "externalIds", "sources"].includes(field)) continue;
    if (filled[field] === undefined && value !== undefined) filled[field] = value;
  }
  return {
    ...(filled as EntityRecord),
    aliases: aliases.slice(0, 100),
    ...(externalIds.length > 0 ? { externalIds } : {}),
    sources: [...new Set([...keep.sources, ...merge.sources])],
  };
}

/** A relationship of the merged entity, pointing at the kept one instead (pure). */
export function repointed(relationship: RelationshipRecord, mergeId: string, keepId: string): RelationshipRecord {
  const from = relationship.from === mergeId ? keepId : relationship.from;
  const to = relationship.to === mergeId ? keepId : relationship.to;
  const parts = relationship.id.split("--");
  const id = parts.includes(mergeId)
    ? parts.map((part) => (part === mergeId ? keepId : part)).join("--")
    : `${relationship.id}~${keepId}`;
  return { ...relationship, id, from, to };
}

export async function mergeEntities(
  db: Database,
  keepId: string,
  mergeId: string,
  options: WriteOptions,
): Promise<WriteReport & { dropped: string[] }> {
  if (keepId === mergeId)
    refuse("mergeId", ProblemCode.InvalidValue, "an entity cannot be merged into itself", mergeId);
  const state = await db.read(async (tx) => {
    const nodes = await storedNodes(tx, [keepId, mergeId]);
    const relationships = await relationshipsAt(tx, mergeId);
    const published = await tx.run(`MATCH (s:${SOURCE_LABEL} {publisherId: $id}) RETURN properties(s) AS props`, {
      id: mergeId,
    });
    return { nodes, relationships, published: published.records.map((r) => r.get("props") as Record<string, unknown>) };
  });
  const keepNode = state.nodes.get(keepId);
  const mergeNode = state.nodes.get(mergeId);
  if (!keepNode || keepNode.kind === "Source") refuse("keepId", ProblemCode.NotFound, `no entity ${keepId}`, keepId);
  if (!mergeNode || mergeNode.kind === "Source")
    refuse("mergeId", ProblemCode.NotFound, `no entity ${mergeId}`, mergeId);
  const keepKind = keepNode.kind;
  const mergeKind = mergeNode.kind;
  if (mergeKind !== keepKind && mergeKind !== "Place") {
    refuse("mergeId", ProblemCode.NotAllowed, `a ${mergeKind} cannot be merged into a ${keepKind}`, mergeId);
  }
  const keep = entityFromProperties(keepKind, withoutAudit(keepNode.props));
  const merge = entityFromProperties(mergeKind, withoutAudit(mergeNode.props));
  const dropped: string[] = [];
  const relationships: RelationshipRecord[] = [];
  for (const [id, stored] of state.relationships) {
    if ((stored.from === keepId && stored.to === mergeId) || (stored.from === mergeId && stored.to === keepId)) {
      dropped.push(id);
      continue;
    }
    const record = relationshipFromProperties(stored.type, stored.from, stored.to, withoutAudit(stored.props));
    relationships.push(repointed(record, mergeId, keepId));
  }
  const sources = state.published.map((props) => ({ ...sourceFromProperties(props), publisherId: keepId }));
  const report = await writeGraph(
    db,
    {
      reader: recordsReader({
        sources,
        entities: [mergedEntity(keep, merge)],
        relationships: relationships as unknown as Record<string, unknown>[],
      }),
      deletions: [mergeId],
    },
    {
      ...options,
      origin: `${options.origin}:merge:${mergeId}>${keepId}`,
      // A re-pointed relationship is deleted and written again under its new id in the same write: only the
      // merged entity and what is dropped count against a role's deletion limit, so an editor can merge a hub.
      ...(options.maxDeletes === undefined ? {} : { maxDeletes: options.maxDeletes + relationships.length }),
    },
  );
  return { ...report, dropped };
}
