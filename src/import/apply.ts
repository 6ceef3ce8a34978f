/**
 * Applies a checked import file in ONE write transaction, and says what changed: each source, entity and
 * relationship is new, changed or unchanged. Every change is recorded as a `Change` node in the same
 * transaction (who, when, from which file, before and after), so the history can never disagree with
 * the graph. A dry run does all of it and rolls back, so what it reports is exactly what would happen.
 *
 * Conflicting claims are kept side by side, never silently overwritten:
 * - a relationship restated by (at least) the sources that support the stored one is updated;
 * - the same claim (dates, status, kind) from a new source gains that source as another citation;
 * - a different claim from a different source becomes a second relationship, id `<id>~<source>`, next to
 *   the first, each citing its own source;
 * - an entity described differently by a new source gets the fields it lacked, the new aliases and the new
 *   source; fields that contradict the stored ones are kept as stored and reported as conflicts.
 */
import { Neo4jError, type Transaction } from "neo4j-driver";
import { type Database, toNumber, toPlain } from "../database/index.js";
import { GraphDataError } from "../errors/index.js";
import { AUDIT_FIELDS, type NewChange, withoutAudit, writeChanges } from "../history/index.js";
import { ENTITY_LABEL, RELATIONSHIP_TYPES, SOURCE_LABEL } from "../graph-data/index.js";
import { entityProperties, relationshipProperties, sourceProperties } from "../seed/index.js";
import type { RecordReader, Section } from "./read-records.js";
import { type ParsedRecord, RECORD_SCHEMAS, relationshipIdOf } from "./validate.js";

export type ItemKind = "source" | "entity" | "relationship";
export type ChangeKind = "new" | "changed" | "unchanged";

/** One line of the import report. */
export interface ItemReport {
  readonly item: ItemKind;
  readonly id: string;
  readonly change: ChangeKind;
  /** Fields that changed (for `changed`). */
  readonly fields?: readonly string[];
  /** A claim kept side by side with this stored one, or fields kept as stored because the file contradicts them. */
  readonly conflict?: string;
}

export interface ImportCounts {
  readonly new: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly conflicts: number;
}

export interface ApplyOptions {
  readonly dryRun: boolean;
  /** Who imports: a token's `sub`, or `cli:<user>`. */
  readonly actor: string;
  /** Where the data came from: `file:<name>` or `graphql:<request id>`. */
  readonly origin: string;
  /** At most this many items are listed one by one in the report (all are counted). */
  readonly maxListed?: number;
  readonly timeoutMs?: number;
  readonly onProgress?: (done: number) => void;
}

export interface ApplyResult {
  readonly counts: Readonly<Record<ItemKind, ImportCounts>>;
  readonly items: readonly ItemReport[];
  /** True when more items changed than the report lists. */
  readonly truncated: boolean;
}

const BATCH = 1_000;
/** What a relationship claims, beyond its ends and type: two records agreeing on these say the same thing. */
const CLAIM_FIELDS = ["validFrom", "validTo", "status", "kind", "premises"] as const;

/**
 * `SET x = row.props` that keeps the API's who-and-when stamps (`createdAt` …) as they are: they are not in
 * import files, and reading them into JavaScript would turn their DateTime values into strings.
 */
const KEEPING_AUDIT = (x: string) =>
  `WITH ${x}, row, ${x} { ${[...AUDIT_FIELDS].map((field) => `.${field}`).join(", ")} } AS audit SET ${x} = row.props SET ${x} += audit`;

/** Thrown inside the transaction to roll a dry run back; carries the result out. */
class DryRunRollback extends Error {
  constructor(readonly result: ApplyResult) {
    super("dry run");
  }
}

type Properties = Record<string, unknown>;

interface Tally {
  counts: Record<ItemKind, { new: number; changed: number; unchanged: number; conflicts: number }>;
  items: ItemReport[];
  truncated: boolean;
  changes: NewChange[];
  done: number;
}

export async function applyImport(db: Database, reader: RecordReader, options: ApplyOptions): Promise<ApplyResult> {
  const maxListed = options.maxListed ?? 1_000;
  try {
    return await db.writeOnce(
      async (tx) => {
        const tally: Tally = {
          counts: {
            source: { new: 0, changed: 0, unchanged: 0, conflicts: 0 },
            entity: { new: 0, changed: 0, unchanged: 0, conflicts: 0 },
            relationship: { new: 0, changed: 0, unchanged: 0, conflicts: 0 },
          },
          items: [],
          truncated: false,
          changes: [],
          done: 0,
        };
        const note = (report: ItemReport) => {
          const counts = tally.counts[report.item];
          counts[report.change]++;
          if (report.conflict) counts.conflicts++;
          if (report.change === "unchanged" && !report.conflict) return;
          if (tally.items.length < maxListed) tally.items.push(report);
          else tally.truncated = true;
        };
        const context: BatchContext = { tx, note, options, tally };
        // Sources, then entities, then relationships, whatever order the file has them in.
        for (const section of ["sources", "entities", "relationships"] as const) {
          let batch: ParsedRecord<typeof section>[] = [];
          for await (const record of reader.records(() => undefined)) {
            if (record.section !== section) continue;
            const parsed = RECORD_SCHEMAS[section].safeParse(record.value);
            if (!parsed.success) throw new GraphDataError([`${record.locate()}: changed while importing`]);
            batch.push(parsed.data);
            if (batch.length >= BATCH) {
              await applyBatch(context, section, batch);
              batch = [];
            }
          }
          if (batch.length > 0) await applyBatch(context, section, batch);
        }
        await flushChanges(context);
        const result: ApplyResult = {
          counts: tally.counts,
          items: tally.items,
          truncated: tally.truncated,
        };
        if (options.dryRun) throw new DryRunRollback(result);
        return result;
      },
      { timeoutMs: options.timeoutMs ?? 60 * 60 * 1000 },
    );
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result;
    if (error instanceof Neo4jError && error.code === "Neo.TransientError.General.MemoryPoolOutOfMemoryError") {
      throw new GraphDataError([
        `${reader.fileName}: too large for one transaction with this Neo4j's memory (its transaction memory limit was reached); nothing was changed. Give Neo4j more heap (NEO4J_LOCAL_HEAP for the local one; about 6 KB per record) or split the file.`,
      ]);
    }
    throw error;
  }
}

interface BatchContext {
  readonly tx: Transaction;
  readonly note: (report: ItemReport) => void;
  readonly options: ApplyOptions;
  readonly tally: Tally;
}

async function applyBatch(context: BatchContext, section: Section, batch: readonly unknown[]): Promise<void> {
  if (section === "sources") await applySources(context, batch as ParsedRecord<"sources">[]);
  else if (section === "entities") await applyEntities(context, batch as ParsedRecord<"entities">[]);
  else await applyRelationships(context, batch as ParsedRecord<"relationships">[]);
  context.tally.done += batch.length;
  context.options.onProgress?.(context.tally.done);
  if (context.tally.changes.length >= BATCH) await flushChanges(context);
}

// ── Sources: a source record describes itself, so the file's version replaces the stored one.

async function applySources(context: BatchContext, records: ParsedRecord<"sources">[]): Promise<void> {
  const stored = await storedNodes(
    context.tx,
    SOURCE_LABEL,
    records.map((r) => r.id),
  );
  const writes: { id: string; props: Properties }[] = [];
  for (const record of records) {
    const props = sourceProperties(record);
    const before = stored.get(record.id);
    const change = compare(before, props);
    context.note({ item: "source", id: record.id, change: change.kind, ...fieldsOf(change) });
    if (change.kind === "unchanged") continue;
    const after = props;
    writes.push({ id: record.id, props: after });
    record_(context, "source", record.id, before, after, change.fields);
  }
  if (writes.length > 0) {
    await context.tx.run(`UNWIND $rows AS row MERGE (s:${SOURCE_LABEL} {id: row.id}) ${KEEPING_AUDIT("s")}`, {
      rows: writes,
    });
  }
}

// ── Entities.

async function applyEntities(context: BatchContext, records: ParsedRecord<"entities">[]): Promise<void> {
  const stored = await storedNodes(
    context.tx,
    ENTITY_LABEL,
    records.map((r) => r.id),
  );
  const creates = new Map<string, Properties[]>();
  const updates: { id: string; props: Properties }[] = [];
  for (const record of records) {
    const props = entityProperties(record);
    const before = stored.get(record.id);
    if (!before) {
      creates.set(record.kind, [...(creates.get(record.kind) ?? []), props]);
      context.note({ item: "entity", id: record.id, change: "new" });
      record_(context, "entity", record.id, undefined, props, Object.keys(props), { kind: record.kind });
      continue;
    }
    const storedSources = (before.sourceIds as string[] | undefined) ?? [];
    const restates = storedSources.every((id) => record.sources.includes(id));
    const { after, conflicts } = restates ? { after: props, conflicts: [] } : mergeEntity(before, props);
    const change = compare(before, after);
    const conflict =
      conflicts.length > 0 ? `kept as stored (the file's sources disagree): ${conflicts.join(", ")}` : undefined;
    context.note({
      item: "entity",
      id: record.id,
      change: change.kind,
      ...fieldsOf(change),
      ...(conflict ? { conflict } : {}),
    });
    if (change.kind === "unchanged") continue;
    const full = after;
    updates.push({ id: record.id, props: full });
    record_(context, "entity", record.id, before, full, change.fields, { kind: record.kind });
  }
  for (const [kind, rows] of creates) {
    // `kind` was checked against the model's kinds by the record schema.
    await context.tx.run(`UNWIND $rows AS row CREATE (n:${kind}:${ENTITY_LABEL}) SET n = row`, { rows });
  }
  if (updates.length > 0) {
    await context.tx.run(`UNWIND $rows AS row MATCH (n:${ENTITY_LABEL} {id: row.id}) ${KEEPING_AUDIT("n")}`, {
      rows: updates,
    });
  }
}

/** A new source's description of a stored entity: fill gaps, add aliases and sources, keep contradictions as stored. */
function mergeEntity(stored: Properties, incoming: Properties): { after: Properties; conflicts: string[] } {
  const after: Properties = { ...withoutAudit(stored) };
  const conflicts: string[] = [];
  for (const [key, value] of Object.entries(incoming)) {
    if (key === "aliases" || key === "sourceIds") {
      after[key] = [...new Set([...((stored[key] as string[] | undefined) ?? []), ...(value as string[])])];
    } else if (after[key] === undefined) {
      after[key] = value;
    } else if (!same(after[key], value)) {
      conflicts.push(key);
    }
  }
  return { after, conflicts };
}

// ── Relationships.

async function applyRelationships(context: BatchContext, records: ParsedRecord<"relationships">[]): Promise<void> {
  const ids = records.flatMap((record) => {
    const id = relationshipIdOf(record);
    return [id, conflictIdOf(id, record)];
  });
  const stored = await storedRelationships(context.tx, ids);
  const creates = new Map<string, { from: string; to: string; props: Properties }[]>();
  const updates = new Map<string, { id: string; props: Properties }[]>();
  for (const record of records) {
    const id = relationshipIdOf(record);
    const props = relationshipProperties({ ...record, id });
    const existing = stored.get(id);
    let target = id;
    let targetProps = props;
    let before = existing?.props;
    let conflict: string | undefined;
    if (existing && (existing.type !== record.type || existing.from !== record.from || existing.to !== record.to)) {
      throw new GraphDataError([
        `relationship ${id}: the id belongs to ${existing.from} -${existing.type}-> ${existing.to} in the database`,
      ]);
    }
    if (existing) {
      const storedSources = (existing.props.sourceIds as string[] | undefined) ?? [];
      const incomingSources = props.sourceIds as string[];
      const restates = storedSources.every((source) => incomingSources.includes(source));
      if (!restates) {
        if (CLAIM_FIELDS.every((field) => same(existing.props[field], props[field]))) {
          targetProps = corroborate(existing.props, props);
        } else {
          // A different claim from another source: side by side, under its own id.
          target = conflictIdOf(id, record);
          targetProps = { ...props, id: target };
          before = stored.get(target)?.props;
          conflict = `differs from ${id} (${storedSources.join(", ")}); kept side by side`;
        }
      }
    }
    const change = compare(before, targetProps);
    context.note({
      item: "relationship",
      id: target,
      change: change.kind,
      ...fieldsOf(change),
      ...(conflict ? { conflict } : {}),
    });
    if (change.kind === "unchanged") continue;
    const full = targetProps;
    if (before) updates.set(record.type, [...(updates.get(record.type) ?? []), { id: target, props: full }]);
    else
      creates.set(record.type, [
        ...(creates.get(record.type) ?? []),
        { from: record.from, to: record.to, props: full },
      ]);
    record_(context, "relationship", target, before, full, change.fields, {
      kind: record.type,
      fromId: record.from,
      toId: record.to,
    });
  }
  for (const type of RELATIONSHIP_TYPES) {
    const rows = creates.get(type);
    if (rows) {
      const result = await context.tx.run(
        `UNWIND $rows AS row
         MATCH (a:${ENTITY_LABEL} {id: row.from}) MATCH (b:${ENTITY_LABEL} {id: row.to})
         CREATE (a)-[r:${type}]->(b) SET r = row.props
         RETURN count(r) AS written`,
        { rows },
      );
      if (toNumber(result.records[0]?.get("written")) !== rows.length) {
        // An end was deleted since the file was checked: stop, and the transaction changes nothing.
        throw new GraphDataError([
          `${type}: ${rows.length - toNumber(result.records[0]?.get("written"))} relationship(s) point at entities no longer in the database; nothing was changed`,
        ]);
      }
    }
    const changed = updates.get(type);
    if (changed) {
      await context.tx.run(`UNWIND $rows AS row MATCH ()-[r:${type} {id: row.id}]->() ${KEEPING_AUDIT("r")}`, {
        rows: changed,
      });
    }
  }
}

function conflictIdOf(id: string, record: ParsedRecord<"relationships">): string {
  return `${id}~${record.citations[0]?.source ?? "unsourced"}`;
}

/** The same claim from more sources: the stored relationship gains the new citations. */
function corroborate(stored: Properties, incoming: Properties): Properties {
  const sourceIds = [...((stored.sourceIds as string[] | undefined) ?? [])];
  const excerpts = [...((stored.excerpts as string[] | undefined) ?? [])];
  (incoming.sourceIds as string[]).forEach((source, index) => {
    if (sourceIds.includes(source)) return;
    sourceIds.push(source);
    excerpts.push((incoming.excerpts as string[])[index] ?? "");
  });
  return { ...withoutAudit(stored), sourceIds, excerpts };
}

// ── Reading what is stored.

async function storedNodes(tx: Transaction, label: string, ids: readonly string[]): Promise<Map<string, Properties>> {
  const result = await tx.run(
    `UNWIND $ids AS id MATCH (n:${label} {id: id}) RETURN n.id AS id, properties(n) AS props`,
    {
      ids,
    },
  );
  return new Map(result.records.map((r) => [r.get("id") as string, toPlain(r.get("props")) as Properties]));
}

interface StoredRelationship {
  type: string;
  from: string;
  to: string;
  props: Properties;
}

async function storedRelationships(tx: Transaction, ids: readonly string[]): Promise<Map<string, StoredRelationship>> {
  const found = new Map<string, StoredRelationship>();
  for (const type of RELATIONSHIP_TYPES) {
    const result = await tx.run(
      `UNWIND $ids AS id MATCH (a)-[r:${type} {id: id}]->(b)
       RETURN r.id AS id, a.id AS from, b.id AS to, properties(r) AS props`,
      { ids },
    );
    for (const r of result.records) {
      found.set(r.get("id") as string, {
        type,
        from: r.get("from") as string,
        to: r.get("to") as string,
        props: toPlain(r.get("props")) as Properties,
      });
    }
  }
  return found;
}

// ── Comparing.

interface Comparison {
  kind: ChangeKind;
  fields: string[];
}

function compare(before: Properties | undefined, after: Properties): Comparison {
  if (!before) return { kind: "new", fields: Object.keys(after) };
  const keys = new Set([...Object.keys(withoutAudit(before)), ...Object.keys(after)]);
  const fields = [...keys].filter((key) => !AUDIT_FIELDS.has(key) && !same(before[key], after[key])).sort();
  return { kind: fields.length === 0 ? "unchanged" : "changed", fields };
}

function fieldsOf(change: Comparison): { fields?: string[] } {
  return change.kind === "changed" ? { fields: change.fields } : {};
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

// ── History.

function record_(
  context: BatchContext,
  item: ItemKind,
  itemId: string,
  before: Properties | undefined,
  after: Properties,
  fields: readonly string[],
  extra: { kind?: string; fromId?: string; toId?: string } = {},
): void {
  context.tally.changes.push({
    actor: context.options.actor,
    origin: context.options.origin,
    operation: before ? "update" : "create",
    itemType: item,
    itemId,
    itemKind: extra.kind ?? null,
    fromId: extra.fromId ?? null,
    toId: extra.toId ?? null,
    fields: [...fields],
    before: before ?? null,
    after,
  });
}

async function flushChanges(context: BatchContext): Promise<void> {
  await writeChanges(context.tx, context.tally.changes.splice(0));
}
