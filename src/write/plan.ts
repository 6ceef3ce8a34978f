/**
 * What a write does to each record, decided without touching the database: given the stored state and a
 * checked incoming record, `planSource` / `planEntity` / `planRelationship` say whether it is new, changed,
 * unchanged, corroborated or in conflict, and what to write. These are the rules every door shares (import
 * files, the seed, the API), so they are pure and unit-tested on their own.
 *
 * Conflicting claims are kept side by side, never silently overwritten:
 * - a record restated by (at least) the sources behind the stored one replaces it (a corrected file, an
 *   editor's edit citing the same sources);
 * - a relationship making the same claim (dates, status, kind, premises) from new sources gains their
 *   citations: corroborated;
 * - a relationship making a different claim from other sources is written next to the stored one, with id
 *   `<id>~<first new source>`, each citing its own sources: conflict;
 * - an entity described by new sources gets the fields it lacked, their aliases and sources; fields that
 *   contradict the stored ones are kept as stored and reported: conflict (or corroborated when it only adds
 *   sources and aliases).
 * The seed (`keepOthersEdits`) never overwrites what someone else wrote since: such records are kept as
 * stored and reported as conflicts.
 *
 * Each planned item also says which fields it removes (`removed`): fields that held data and hold none after
 * the write — in REPLACE mode the fields a record written again leaves out, in PATCH mode the ones it clears
 * (patch-input.ts completes a patch before it gets here, so the rules above are the same in both modes).
 */
import {
  AUDIT_FIELDS,
  type EntityKind,
  type EntityRecord,
  type GraphRecord,
  type ItemKind,
  type Properties,
  RESTRICTED_FIELD_NAMES,
  type RelationshipRecord,
  type RelationshipType,
  type SourceRecord,
  entityFromProperties,
  entityToProperties,
  relationshipFromProperties,
  relationshipToProperties,
  sourceFromProperties,
  sourceToProperties,
  withoutAudit,
} from "../graph-data/index.js";

export type ChangeKind = "new" | "changed" | "unchanged" | "corroborated" | "conflict" | "deleted";

/** A record as the graph holds it. */
export interface StoredNode {
  readonly kind: EntityKind | "Source";
  readonly props: Properties;
}

export interface StoredRelationship {
  readonly type: RelationshipType;
  readonly from: string;
  readonly to: string;
  readonly props: Properties;
}

/** What to do in Neo4j for one record. */
export type Write =
  | { readonly op: "create" | "update"; readonly item: "source"; readonly id: string; readonly props: Properties }
  | {
      readonly op: "create" | "update";
      readonly item: "entity";
      readonly kind: EntityKind;
      readonly id: string;
      readonly props: Properties;
    }
  | {
      readonly op: "create" | "update";
      readonly item: "relationship";
      readonly type: RelationshipType;
      readonly id: string;
      readonly from: string;
      readonly to: string;
      readonly props: Properties;
    }
  | { readonly op: "delete"; readonly item: "source" | "entity"; readonly id: string }
  | { readonly op: "delete"; readonly item: "relationship"; readonly type: RelationshipType; readonly id: string };

/** One record's fate: reported to the writer, recorded in the history (before/after as records). */
export interface PlannedItem {
  readonly item: ItemKind;
  readonly id: string;
  readonly change: ChangeKind;
  /** Fields that changed (new records: none listed). */
  readonly fields: readonly string[];
  /** Fields that held data and hold none after the write (by the record's names; a subset of `fields`). */
  readonly removed: readonly string[];
  /** How a conflicting claim was kept, when there was one. */
  readonly conflict?: string;
  readonly write?: Write;
  readonly before: GraphRecord | null;
  readonly after: GraphRecord | null;
  /** For the history of relationships: type and ends; for entities: the kind. */
  readonly itemKind: string | null;
  readonly fromId: string | null;
  readonly toId: string | null;
}

/** A planned item before its removed fields are worked out. */
type Planned = Omit<PlannedItem, "removed">;

export interface PlanOptions {
  /** Who writes (recorded as `createdBy` / `updatedBy`). */
  readonly actor: string;
  /** The writer may write restricted fields (`staff`); otherwise stored values are kept untouched. */
  readonly staff: boolean;
  /** Keep records someone other than `actor` wrote last (the seed reloading over later edits). */
  readonly keepOthersEdits: boolean;
  /**
   * Put each record exactly as given, whatever sources the stored one cites (undoing a change puts records
   * back as they were): no merging, no claims kept side by side, restricted fields included (they come from
   * the history; `fields` still names them to `staff` only).
   */
  readonly replace?: boolean;
}

/** What makes two relationships between the same ends the same claim. */
export const CLAIM_FIELDS = ["validFrom", "validTo", "status", "kind", "premises"] as const;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Fields (properties, stamps aside) whose values differ. */
export function changedFields(before: Properties | undefined, after: Properties): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...keys].filter((key) => !AUDIT_FIELDS.has(key) && !same(before?.[key], after[key])).sort();
}

/** Fields that say which record it is (an entity's kind; a relationship's type and ends): never "removed". */
const ENTITY_IDENTITY: ReadonlySet<string> = new Set(["id", "kind"]);
const RELATIONSHIP_IDENTITY: ReadonlySet<string> = new Set(["id", "type", "from", "to"]);

/** A value that is something: not absent, null, empty text or an empty list. */
export function holdsData(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return false;
  return !(Array.isArray(value) && value.length === 0);
}

/**
 * Fields (by the record's names) that hold data in `before` and none in `after`; none for a new or a deleted
 * record. Restricted fields are never named to a writer without `staff` (the plan keeps them for such a writer).
 */
export function removedFields(before: GraphRecord | null, after: GraphRecord | null, staff: boolean): string[] {
  if (!before || !after) return [];
  const held = before as unknown as Record<string, unknown>;
  const kept = after as unknown as Record<string, unknown>;
  const identity = "type" in held ? RELATIONSHIP_IDENTITY : ENTITY_IDENTITY;
  return Object.keys(held)
    .filter(
      (field) =>
        !identity.has(field) &&
        (staff || !RESTRICTED_FIELD_NAMES.has(field)) &&
        holdsData(held[field]) &&
        !holdsData(kept[field]),
    )
    .sort();
}

function withRemoved(item: Planned, options: PlanOptions): PlannedItem {
  return { ...item, removed: removedFields(item.before, item.after, options.staff) };
}

/** The last writer of a stored record, from its stamps; undefined for records written before stamps existed. */
function lastWriter(props: Properties): string | undefined {
  const writer = props.updatedBy ?? props.createdBy;
  return typeof writer === "string" ? writer : undefined;
}

function editedByOthers(props: Properties, options: PlanOptions): string | undefined {
  if (!options.keepOthersEdits) return undefined;
  const writer = lastWriter(props);
  return writer !== undefined && writer !== options.actor ? writer : undefined;
}

/** A record someone else wrote since, which the seed keeps as they left it. */
function keptAsWritten<B extends object>(base: B, editor: string, before: GraphRecord) {
  return {
    ...base,
    change: "conflict" as const,
    fields: [],
    conflict: `kept as ${editor} last wrote it`,
    before,
    after: before,
  };
}

/** Field names as a record calls them (`sourceIds` → `sources`, `excerpts` → `citations`). */
function recordFieldNames(fields: readonly string[], item: ItemKind): string[] {
  const renamed = fields.map((field) =>
    field === "sourceIds"
      ? item === "relationship"
        ? "citations"
        : "sources"
      : field === "excerpts" || field === "locators"
        ? "citations"
        : field,
  );
  return [...new Set(renamed)].sort();
}

// ── Sources: a source record describes itself, so the input's version replaces the stored one.

export function planSource(stored: StoredNode | undefined, record: SourceRecord, options: PlanOptions): PlannedItem {
  return withRemoved(sourcePlan(stored, record, options), options);
}

function sourcePlan(stored: StoredNode | undefined, record: SourceRecord, options: PlanOptions): Planned {
  const props = sourceToProperties(record);
  const base = { item: "source" as const, id: record.id, itemKind: "Source", fromId: null, toId: null };
  if (!stored) {
    return {
      ...base,
      change: "new",
      fields: Object.keys(props).sort(),
      before: null,
      after: { ...record },
      write: { op: "create", item: "source", id: record.id, props },
    };
  }
  const before = sourceFromProperties(stored.props);
  const editor = editedByOthers(stored.props, options);
  const fields = changedFields(withoutAudit(stored.props), props);
  if (fields.length === 0) return { ...base, change: "unchanged", fields: [], before, after: before };
  if (editor) return keptAsWritten(base, editor, before);
  return {
    ...base,
    change: "changed",
    fields: recordFieldNames(fields, "source"),
    before,
    after: { ...record },
    write: { op: "update", item: "source", id: record.id, props },
  };
}

// ── Entities.

/** Restricted fields the writer may not touch keep their stored values (an undo puts them back as they were). */
function keepRestricted(stored: Properties, props: Properties, options: PlanOptions): Properties {
  if (options.staff || options.replace === true) return props;
  const kept = { ...props };
  for (const field of RESTRICTED_FIELD_NAMES) {
    delete kept[field];
    if (stored[field] !== undefined && stored[field] !== null) kept[field] = stored[field];
  }
  return kept;
}

export function planEntity(stored: StoredNode | undefined, record: EntityRecord, options: PlanOptions): PlannedItem {
  return withRemoved(entityPlan(stored, record, options), options);
}

function entityPlan(stored: StoredNode | undefined, record: EntityRecord, options: PlanOptions): Planned {
  const incoming = entityToProperties(record);
  const base = { item: "entity" as const, id: record.id, itemKind: record.kind, fromId: null, toId: null };
  const write = (op: "create" | "update", props: Properties): Write => ({
    op,
    item: "entity",
    kind: record.kind,
    id: record.id,
    props,
  });
  if (!stored) {
    return {
      ...base,
      change: "new",
      fields: recordFieldNames(Object.keys(incoming), "entity"),
      before: null,
      after: entityFromProperties(record.kind, incoming),
      write: write("create", incoming),
    };
  }
  const storedProps = withoutAudit(stored.props);
  const before = entityFromProperties(record.kind, storedProps);
  const editor = editedByOthers(stored.props, options);
  const storedSources = (storedProps.sourceIds as string[] | undefined) ?? [];
  const restates = options.replace === true || storedSources.every((source) => record.sources.includes(source));
  let after: Properties;
  let contradicted: string[] = [];
  if (restates) {
    after = keepRestricted(storedProps, incoming, options);
  } else {
    // New sources describe a stored entity: fill gaps, add aliases and sources, keep contradictions as stored.
    after = { ...storedProps };
    for (const [field, value] of Object.entries(keepRestricted(storedProps, incoming, options))) {
      if (field === "aliases" || field === "sourceIds") {
        after[field] = [...new Set([...((storedProps[field] as string[] | undefined) ?? []), ...(value as string[])])];
      } else if (field === "externalIds") {
        // One id per scheme: a scheme the entity lacks is added; another value for one it has is a contradiction.
        const ids = [...((storedProps.externalIds as string[] | undefined) ?? [])];
        for (const id of value as string[]) {
          const scheme = id.slice(0, id.indexOf(":") + 1);
          const held = ids.find((stored) => stored.startsWith(scheme));
          if (held === undefined) ids.push(id);
          else if (held !== id) contradicted.push("externalIds");
        }
        after.externalIds = ids;
      } else if (after[field] === undefined) {
        after[field] = value;
      } else if (!same(after[field], value)) {
        contradicted.push(field);
      }
    }
    contradicted = recordFieldNames(contradicted, "entity");
  }
  const fields = changedFields(storedProps, after);
  const visible = recordFieldNames(fields, "entity").filter(
    (field) => options.staff || !RESTRICTED_FIELD_NAMES.has(field),
  );
  if (fields.length === 0 && contradicted.length === 0)
    return { ...base, change: "unchanged", fields: [], before, after: before };
  if (editor) return keptAsWritten(base, editor, before);
  const afterRecord = entityFromProperties(record.kind, after);
  const planned = fields.length > 0 ? { write: write("update", after) } : {};
  if (contradicted.length > 0) {
    return {
      ...base,
      ...planned,
      change: "conflict",
      fields: visible,
      conflict: `kept as stored (the input's sources disagree): ${contradicted.join(", ")}`,
      before,
      after: afterRecord,
    };
  }
  const onlyCorroborates = visible.every((field) => field === "sources" || field === "aliases");
  return {
    ...base,
    ...planned,
    change: restates || !onlyCorroborates ? "changed" : "corroborated",
    fields: visible,
    before,
    after: afterRecord,
  };
}

// ── Relationships.

/** The id of a different claim kept next to the stored one: `<id>~<first new source>`. */
export function sideBySideId(record: RelationshipRecord): string {
  return `${record.id}~${record.citations[0]?.source ?? "unsourced"}`;
}

/**
 * `stored` finds a stored relationship by id (the record's own and its side-by-side id are both asked for).
 * The ends and type were checked to match the stored relationship's (an id belonging to other ends is
 * refused by the checker).
 */
export function planRelationship(
  stored: (id: string) => StoredRelationship | undefined,
  record: RelationshipRecord,
  options: PlanOptions,
): PlannedItem {
  return withRemoved(relationshipPlan(stored, record, options), options);
}

function relationshipPlan(
  stored: (id: string) => StoredRelationship | undefined,
  record: RelationshipRecord,
  options: PlanOptions,
): Planned {
  const ends = { itemKind: record.type, fromId: record.from, toId: record.to };
  const toRecord = (props: Properties) => relationshipFromProperties(record.type, record.from, record.to, props);
  const plan = (
    id: string,
    target: StoredRelationship | undefined,
    props: Properties,
    kind?: ChangeKind,
    conflict?: string,
  ): Planned => {
    const base = { item: "relationship" as const, id, ...ends, ...(conflict ? { conflict } : {}) };
    const write = (op: "create" | "update"): Write => ({
      op,
      item: "relationship",
      type: record.type,
      id,
      from: record.from,
      to: record.to,
      props: { ...props, id },
    });
    if (!target) {
      return {
        ...base,
        change: kind ?? "new",
        fields: recordFieldNames(Object.keys(props), "relationship"),
        before: null,
        after: toRecord({ ...props, id }),
        write: write("create"),
      };
    }
    const storedProps = withoutAudit(target.props);
    const before = toRecord(storedProps);
    const fields = changedFields(storedProps, { ...props, id });
    if (fields.length === 0)
      return { ...base, change: kind === "conflict" ? "conflict" : "unchanged", fields: [], before, after: before };
    const editor = editedByOthers(target.props, options);
    if (editor) return keptAsWritten(base, editor, before);
    return {
      ...base,
      change: kind ?? "changed",
      fields: recordFieldNames(fields, "relationship"),
      before,
      after: toRecord({ ...props, id }),
      write: write("update"),
    };
  };

  const incoming = relationshipToProperties(record);
  const existing = stored(record.id);
  if (!existing) return plan(record.id, undefined, incoming);
  const storedSources = (existing.props.sourceIds as string[] | undefined) ?? [];
  const incomingSources = incoming.sourceIds as string[];
  if (options.replace === true || storedSources.every((source) => incomingSources.includes(source))) {
    return plan(record.id, existing, incoming);
  }
  if (CLAIM_FIELDS.every((field) => same(existing.props[field], incoming[field]))) {
    return plan(record.id, existing, corroborate(existing.props, incoming), "corroborated");
  }
  const id = sideBySideId(record);
  return plan(
    id,
    stored(id),
    incoming,
    "conflict",
    `differs from ${record.id} (${storedSources.join(", ")}); kept side by side`,
  );
}

/** The same claim from more sources: the stored relationship gains the new citations. */
function corroborate(stored: Properties, incoming: Properties): Properties {
  const sourceIds = [...((stored.sourceIds as string[] | undefined) ?? [])];
  const excerpts = [...((stored.excerpts as string[] | undefined) ?? [])];
  const storedLocators = stored.locators as string[] | undefined;
  const incomingLocators = incoming.locators as string[] | undefined;
  const locators = sourceIds.map((_, index) => storedLocators?.[index] ?? "");
  (incoming.sourceIds as string[]).forEach((source, index) => {
    if (sourceIds.includes(source)) return;
    sourceIds.push(source);
    excerpts.push((incoming.excerpts as string[])[index] ?? "");
    locators.push(incomingLocators?.[index] ?? "");
  });
  // Locators are stored only when a citation has one (properties.ts).
  return locators.some((locator) => locator !== "")
    ? { ...withoutAudit(stored), sourceIds, excerpts, locators }
    : { ...withoutAudit(stored), sourceIds, excerpts };
}

// ── Deletions.

export function planNodeDeletion(id: string, stored: StoredNode): PlannedItem {
  const isSource = stored.kind === "Source";
  const before = isSource ? sourceFromProperties(stored.props) : entityFromProperties(stored.kind, stored.props);
  return {
    item: isSource ? "source" : "entity",
    id,
    change: "deleted",
    fields: [],
    before,
    after: null,
    removed: [],
    itemKind: stored.kind,
    fromId: null,
    toId: null,
    write: { op: "delete", item: isSource ? "source" : "entity", id },
  };
}

export function planRelationshipDeletion(id: string, stored: StoredRelationship): PlannedItem {
  return {
    item: "relationship",
    id,
    change: "deleted",
    fields: [],
    before: relationshipFromProperties(stored.type, stored.from, stored.to, withoutAudit(stored.props)),
    after: null,
    removed: [],
    itemKind: stored.type,
    fromId: stored.from,
    toId: stored.to,
    write: { op: "delete", item: "relationship", type: stored.type, id },
  };
}
