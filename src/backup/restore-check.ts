/**
 * What a restore checks before it writes anything. A backup is the graph coming back, not a write of new
 * facts, but a file can be edited or crafted, so every fact in it passes the write path's own checker
 * (graph-data/check.ts) exactly as an import would:
 * - each source, entity and relationship: its labels or type from the model, its properties exactly the
 *   model's fields as Neo4j stores them (personal data only where the model has it: a Person's email, never a
 *   City's), every value as the record model checks it, ids unique across the file;
 * - references: cited sources, a source's publisher and relationship ends are in the file, and each
 *   relationship joins kinds its type allows;
 * - the history: each `Change` has the shape the history writer gives it (who, when, which operation on which
 *   record, `before`/`after` as records of that kind holding only its fields), and the `GraphVersion` is one.
 * Values in the history are not held to today's rules: a change records what was valid when it was written.
 * Every problem is collected, with its line, and any problem refuses the whole restore.
 */
import {
  AUDIT_FIELDS,
  CHANGE_LABEL,
  ENTITY_LABEL,
  type EntityKind,
  type FieldProblem,
  type GraphIndex,
  InputIds,
  type ItemKind,
  type Problem,
  ProblemCode,
  ProblemList,
  RELATIONSHIP_FIELDS,
  RESTRICTED_FIELD_NAMES,
  SECTION_ITEM,
  SOURCE_FIELDS,
  SOURCE_LABEL,
  type Section,
  type SourceForm,
  checkRecord,
  entityFields,
  entityFromProperties,
  isEntityKind,
  isRelationshipType,
  parseExternalId,
  referenceProblems,
  relationshipFromProperties,
  relationshipIdOf,
  sourceFromProperties,
} from "../graph-data/index.js";
import { type BackupInput, type BackupLine, type Properties, backupLines, decodeProps } from "./backup-format.js";
import { GRAPH_VERSION_LABEL } from "../write/index.js";

/** What a node's labels make it. */
type NodeRole =
  | { readonly role: "source" }
  | { readonly role: "entity"; readonly kind: EntityKind }
  | { readonly role: "change" }
  | { readonly role: "version" };

export function nodeRole(labels: readonly string[]): NodeRole | undefined {
  if (new Set(labels).size !== labels.length) return undefined;
  if (labels.length === 1) {
    if (labels[0] === SOURCE_LABEL) return { role: "source" };
    if (labels[0] === CHANGE_LABEL) return { role: "change" };
    if (labels[0] === GRAPH_VERSION_LABEL) return { role: "version" };
    return undefined;
  }
  if (labels.length === 2 && labels.includes(ENTITY_LABEL)) {
    const kind = labels.find((label) => label !== ENTITY_LABEL)!;
    if (isEntityKind(kind)) return { role: "entity", kind };
  }
  return undefined;
}

const problem = (field: string | null, code: ProblemCode, message: string): FieldProblem => ({ field, code, message });

// ── Values: what Neo4j stores, as the backup spells it.

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const isInteger = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value);

function dateTimeProblem(value: unknown): string | undefined {
  const parts = isObject(value) && Object.keys(value).length === 1 ? value.$datetime : undefined;
  if (!Array.isArray(parts) || parts.length !== 8 || !parts.every(isInteger)) {
    return "must be a date-time: {$datetime: [year, month, day, hour, minute, second, nanosecond, offset seconds]}";
  }
  const [year, month, day, hour, minute, second, nanosecond, offset] = parts;
  const date = new Date(Date.UTC(year!, month! - 1, day));
  const real =
    year! >= 1 &&
    year! <= 9999 &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    hour! >= 0 &&
    hour! <= 23 &&
    minute! >= 0 &&
    minute! <= 59 &&
    second! >= 0 &&
    second! <= 59 &&
    nanosecond! >= 0 &&
    nanosecond! <= 999_999_999 &&
    Math.abs(offset!) <= 18 * 3600;
  return real ? undefined : "must be a real date and time";
}

/** A value Neo4j can store as the backup spells it: text, a number, a boolean, a list of one of them, a date-time, a point. */
function valueProblem(value: unknown): string | undefined {
  if (typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : "must be a finite number";
  if (Array.isArray(value)) {
    const types = new Set(value.map((item) => typeof item));
    const fine =
      types.size === 0 ||
      (types.size === 1 &&
        ["string", "number", "boolean"].includes([...types][0]!) &&
        value.every((item) => typeof item !== "number" || Number.isFinite(item)));
    return fine ? undefined : "must be a list of texts, of numbers or of booleans";
  }
  if (isObject(value) && "$datetime" in value) return dateTimeProblem(value);
  if (isObject(value) && "$point" in value) {
    const parts = Object.keys(value).length === 1 ? value.$point : undefined;
    return Array.isArray(parts) &&
      (parts.length === 3 || parts.length === 4) &&
      isInteger(parts[0]) &&
      parts.slice(1).every((part) => typeof part === "number" && Number.isFinite(part))
      ? undefined
      : "must be a point: {$point: [srid, x, y]}";
  }
  return "is not a value Neo4j stores (text, a number, a boolean, a list of one of them, a date-time, a point)";
}

/** Every value's form, and the who-and-when stamps of a fact. */
function valueProblems(props: Properties, stamped: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(props)) {
    const wrong = valueProblem(value);
    if (wrong) problems.push(problem(key, ProblemCode.InvalidValue, wrong));
    else if (stamped && (key === "createdAt" || key === "updatedAt")) {
      const date = dateTimeProblem(value);
      if (date) problems.push(problem(key, ProblemCode.InvalidValue, date));
    } else if (stamped && (key === "createdBy" || key === "updatedBy") && (typeof value !== "string" || !value)) {
      problems.push(problem(key, ProblemCode.InvalidValue, "must name who wrote the record"));
    }
  }
  return problems;
}

// ── Facts: the properties Neo4j stores for each record kind.

const SOURCE_PROPERTIES = new Set(Object.keys(SOURCE_FIELDS));
const entityProperties = (kind: EntityKind) =>
  new Set(Object.keys(entityFields(kind)).map((field) => (field === "sources" ? "sourceIds" : field)));
const RELATIONSHIP_PROPERTIES = new Set([
  ...Object.keys(RELATIONSHIP_FIELDS).filter((field) => !["from", "to", "citations"].includes(field)),
  "sourceIds",
  "excerpts",
  "locators",
]);

function unknownProperties(props: Properties, known: ReadonlySet<string>, what: string): FieldProblem[] {
  return Object.keys(props)
    .filter((key) => !known.has(key) && !AUDIT_FIELDS.has(key))
    .map((key) =>
      RESTRICTED_FIELD_NAMES.has(key)
        ? problem(key, ProblemCode.NotAllowed, `personal data has no place on a ${what}: only a Person holds ${key}`)
        : problem(key, ProblemCode.UnknownField, `is not a property of a ${what}`),
    );
}

/** A fact line as the record it stores, with the problems of its properties that the record would hide. */
interface Fact {
  readonly section: Section;
  readonly id: string | null;
  readonly value: Record<string, unknown>;
  readonly problems: FieldProblem[];
  /** Not a record of the model at all (an unknown type): its fields are not checked further. */
  readonly foreign?: boolean;
}

const withoutStamps = (props: Properties): Properties =>
  Object.fromEntries(Object.entries(props).filter(([key]) => !AUDIT_FIELDS.has(key)));

function sourceFact(props: Properties): Fact {
  const problems = [...valueProblems(props, true), ...unknownProperties(props, SOURCE_PROPERTIES, "Source")];
  const value = sourceFromProperties(withoutStamps(props)) as unknown as Record<string, unknown>;
  return { section: "sources", id: typeof props.id === "string" ? props.id : null, value, problems };
}

function entityFact(kind: EntityKind, props: Properties): Fact {
  const problems = [...valueProblems(props, true), ...unknownProperties(props, entityProperties(kind), kind)];
  const stored = withoutStamps(props);
  let location = true;
  if (stored.location !== undefined) {
    const point = isObject(stored.location) ? stored.location.$point : undefined;
    location =
      Array.isArray(point) && point[0] === 4326 && point.length === 3 && valueProblem(stored.location) === undefined;
    if (!location) {
      problems.push(
        problem("location", ProblemCode.InvalidValue, "must be a WGS 84 point: {$point: [4326, lon, lat]}"),
      );
    }
  }
  if (stored.externalIds !== undefined) {
    const ids = Array.isArray(stored.externalIds) ? stored.externalIds : [stored.externalIds];
    ids.forEach((id, index) => {
      if (typeof id !== "string" || parseExternalId(id) === undefined) {
        problems.push(
          problem(`externalIds.${index}`, ProblemCode.InvalidValue, "must be `scheme:value` of a known scheme"),
        );
      }
    });
  }
  // Values already found wrong stay out of the record (reported once); the rest as Neo4j would hold them.
  const storable = Object.entries(stored).filter(
    ([key, value]) => valueProblem(value) === undefined && (key !== "location" || location),
  );
  const value = entityFromProperties(kind, decodeProps(Object.fromEntries(storable))) as unknown as Record<
    string,
    unknown
  >;
  return { section: "entities", id: typeof props.id === "string" ? props.id : null, value, problems };
}

function relationshipFact(type: string, from: string, to: string, props: Properties): Fact {
  const problems = valueProblems(props, true);
  if (!isRelationshipType(type)) {
    return {
      section: "relationships",
      id: typeof props.id === "string" ? props.id : null,
      value: { type, from, to },
      problems: [problem("type", ProblemCode.InvalidValue, `${type} is not a relationship type of the model`)],
      foreign: true,
    };
  }
  problems.push(...unknownProperties(props, RELATIONSHIP_PROPERTIES, `${type} relationship`));
  if (typeof props.id !== "string")
    problems.push(problem("id", ProblemCode.Required, "a stored relationship has its id"));
  const sourceIds = Array.isArray(props.sourceIds) ? props.sourceIds : [];
  for (const list of ["excerpts", "locators"] as const) {
    const values = props[list];
    if (values === undefined && list === "locators") continue;
    if (!Array.isArray(values) || values.length !== sourceIds.length) {
      problems.push(
        problem(list, ProblemCode.InvalidValue, `must be a list with one entry per cited source (sourceIds)`),
      );
    }
  }
  const value = relationshipFromProperties(type, from, to, withoutStamps(props)) as unknown as Record<string, unknown>;
  return { section: "relationships", id: typeof props.id === "string" ? props.id : null, value, problems };
}

function factOf(line: BackupLine): Fact | undefined {
  if (line.kind === "relationship") return relationshipFact(line.type, line.from, line.to, line.props);
  const role = nodeRole(line.labels);
  if (role?.role === "source") return sourceFact(line.props);
  if (role?.role === "entity") return entityFact(role.kind, line.props);
  return undefined;
}

// ── The history and the graph's version.

const OPERATIONS = ["create", "update", "delete", "erase"] as const;
const ITEM_TYPES = ["source", "entity", "relationship"] as const;

type PropertyForm = "text" | "texts" | "datetime" | "json";
/** The properties a Change has (history-writer.ts), with whether each is required. */
const CHANGE_PROPERTIES: Record<string, { form: PropertyForm; required: boolean }> = {
  id: { form: "text", required: true },
  writeId: { form: "text", required: false },
  actor: { form: "text", required: true },
  origin: { form: "text", required: true },
  reverts: { form: "text", required: false },
  operation: { form: "text", required: true },
  itemType: { form: "text", required: true },
  itemId: { form: "text", required: true },
  itemKind: { form: "text", required: false },
  fromId: { form: "text", required: false },
  toId: { form: "text", required: false },
  fields: { form: "texts", required: false },
  before: { form: "json", required: false },
  after: { form: "json", required: false },
  at: { form: "datetime", required: true },
  /** An erasure's reason (erase.ts). */
  reason: { form: "text", required: false },
  /** The personal fields whose values an erasure took out of this change's records. */
  erased: { form: "texts", required: false },
};

/** The fields a record of the change's item may hold, by kind. */
function recordFields(itemType: ItemKind, kind: string): Set<string> | undefined {
  if (itemType === "source") return new Set(Object.keys(SOURCE_FIELDS));
  if (itemType === "entity")
    return isEntityKind(kind) ? new Set(["kind", ...Object.keys(entityFields(kind))]) : undefined;
  return isRelationshipType(kind) ? new Set(["type", ...Object.keys(RELATIONSHIP_FIELDS)]) : undefined;
}

/** A change's `before` or `after`: a record of its item's kind, with only that kind's fields and its id. */
function historyRecordProblems(field: "before" | "after", text: string, change: Properties): FieldProblem[] {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return [problem(field, ProblemCode.InvalidValue, "must be a record as JSON")];
  }
  if (!isObject(record)) return [problem(field, ProblemCode.InvalidValue, "must be a record as JSON")];
  const itemType = change.itemType as ItemKind;
  const kind = itemType === "entity" ? record.kind : itemType === "relationship" ? record.type : "Source";
  const fields = typeof kind === "string" ? recordFields(itemType, kind) : undefined;
  if (!fields) {
    return [
      problem(
        field,
        ProblemCode.InvalidValue,
        `must be a ${itemType} record with its ${itemType === "entity" ? "kind" : "type"}`,
      ),
    ];
  }
  const problems: FieldProblem[] = [];
  if (change.itemKind !== undefined && itemType !== "source" && change.itemKind !== kind) {
    problems.push(
      problem(
        field,
        ProblemCode.InvalidValue,
        `is a ${String(kind)}, the change says ${JSON.stringify(change.itemKind)}`,
      ),
    );
  }
  for (const key of Object.keys(record)) {
    if (fields.has(key)) continue;
    problems.push(
      RESTRICTED_FIELD_NAMES.has(key)
        ? problem(
            `${field}.${key}`,
            ProblemCode.NotAllowed,
            `personal data has no place on a ${String(kind)}: only a Person holds ${key}`,
          )
        : problem(`${field}.${key}`, ProblemCode.UnknownField, `is not a field of a ${String(kind)}`),
    );
  }
  const id = itemType === "relationship" ? relationshipIdOf(record) : record.id;
  if (id !== change.itemId) {
    problems.push(
      problem(`${field}.id`, ProblemCode.InvalidValue, `is not the changed record's id (${String(change.itemId)})`),
    );
  }
  if (itemType === "relationship" && (record.from !== change.fromId || record.to !== change.toId)) {
    problems.push(problem(field, ProblemCode.InvalidValue, "joins other ends than the change says (fromId, toId)"));
  }
  return problems;
}

export function changeProblems(props: Properties): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(props)) {
    if (!(key in CHANGE_PROPERTIES))
      problems.push(problem(key, ProblemCode.UnknownField, "is not a property of a Change"));
  }
  for (const [key, { form, required }] of Object.entries(CHANGE_PROPERTIES)) {
    const value = props[key];
    if (value === undefined) {
      if (required) problems.push(problem(key, ProblemCode.Required, "is required"));
      continue;
    }
    const wrong =
      form === "datetime"
        ? dateTimeProblem(value)
        : form === "texts"
          ? Array.isArray(value) && value.every((item) => typeof item === "string")
            ? undefined
            : "must be a list of texts"
          : typeof value === "string" && value !== ""
            ? undefined
            : "must be text";
    if (wrong) problems.push(problem(key, ProblemCode.InvalidValue, wrong));
  }
  if (problems.length > 0) return problems;
  const operation = props.operation as string;
  if (!(OPERATIONS as readonly string[]).includes(operation)) {
    return [problem("operation", ProblemCode.InvalidValue, `must be one of ${OPERATIONS.join(", ")}`)];
  }
  if (!(ITEM_TYPES as readonly string[]).includes(props.itemType as string)) {
    return [problem("itemType", ProblemCode.InvalidValue, `must be one of ${ITEM_TYPES.join(", ")}`)];
  }
  // What each operation records: a creation has no `before`, a deletion no `after`, an update both.
  const expected: Record<(typeof OPERATIONS)[number], { before: boolean | null; after: boolean | null }> = {
    create: { before: false, after: true },
    update: { before: true, after: true },
    delete: { before: true, after: false },
    // An erasure names the record it erased from; `after` is the record as it stood then, if it existed.
    erase: { before: false, after: null },
  };
  for (const side of ["before", "after"] as const) {
    const want = expected[operation as (typeof OPERATIONS)[number]][side];
    const has = props[side] !== undefined;
    if (want === true && !has)
      problems.push(problem(side, ProblemCode.Required, `a ${operation} records the record ${side} it`));
    if (want === false && has)
      problems.push(problem(side, ProblemCode.InvalidValue, `a ${operation} records no record ${side} it`));
    if (has) problems.push(...historyRecordProblems(side, props[side] as string, props));
  }
  if (operation === "erase") {
    if (props.itemType !== "entity")
      problems.push(problem("itemType", ProblemCode.InvalidValue, "an erasure is of an entity"));
    if (props.reason === undefined) problems.push(problem("reason", ProblemCode.Required, "an erasure records why"));
  }
  return problems;
}

function versionProblems(props: Properties): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(props)) {
    if (!["id", "version", "writeId", "at"].includes(key)) {
      problems.push(problem(key, ProblemCode.UnknownField, "is not a property of the GraphVersion"));
    }
  }
  if (props.id !== "graph") problems.push(problem("id", ProblemCode.InvalidValue, "must be `graph`"));
  if (!isInteger(props.version) || props.version < 0) {
    problems.push(problem("version", ProblemCode.InvalidValue, "must be a whole number, 0 or more"));
  }
  if (props.writeId !== undefined && typeof props.writeId !== "string") {
    problems.push(problem("writeId", ProblemCode.InvalidValue, "must be text"));
  }
  if (props.at !== undefined) {
    const wrong = dateTimeProblem(props.at);
    if (wrong) problems.push(problem("at", ProblemCode.InvalidValue, wrong));
  }
  return problems;
}

// ── The whole file.

export interface BackupCheck {
  readonly problems: ProblemList;
  /** Lines that are nodes and relationships. */
  readonly nodes: number;
  readonly relationships: number;
}

/** Checks a whole backup in two readings (own fields and ids, then references); never touches a database. */
export async function checkBackup(input: BackupInput): Promise<BackupCheck> {
  const problems = new ProblemList();
  let fatal = false;
  const onProblem = (found: Problem, isFatal: boolean) => {
    fatal ||= isFatal;
    problems.add(found);
  };
  const at = (line: number, item: ItemKind | "file", id: string | null, found: FieldProblem): Problem => ({
    file: input.name,
    line,
    item,
    id,
    ...found,
  });
  const ids = new InputIds();
  const unchecked = new Set<string>();
  const datasets = new Set<string>();
  const changes = new Set<string>();
  let versions = 0;
  let nodes = 0;
  let relationships = 0;

  // Reading 1: every line on its own; the ids it defines.
  for await (const line of backupLines(input, onProblem)) {
    if (line.kind === "relationship") relationships++;
    else nodes++;
    const role = line.kind === "node" ? nodeRole(line.labels) : undefined;
    if (line.kind === "node" && !role) {
      problems.add(
        at(
          line.line,
          "file",
          null,
          problem(null, ProblemCode.InvalidFile, `labels ${line.labels.join(":")} are not the model's`),
        ),
      );
      continue;
    }
    if (role?.role === "change") {
      const id = typeof line.props.id === "string" ? line.props.id : null;
      const found = [...valueProblems(line.props, false), ...changeProblems(line.props)];
      for (const each of found) {
        problems.add(
          at(line.line, "file", id, { ...each, message: `Change ${id ?? "without an id"}: ${each.message}` }),
        );
      }
      if (id !== null && changes.has(id)) {
        problems.add(
          at(line.line, "file", id, problem("id", ProblemCode.DuplicateId, `Change ${id} is in the file twice`)),
        );
      }
      if (id !== null) changes.add(id);
      continue;
    }
    if (role?.role === "version") {
      versions++;
      for (const each of [...valueProblems(line.props, false), ...versionProblems(line.props)]) {
        problems.add(at(line.line, "file", null, { ...each, message: `GraphVersion: ${each.message}` }));
      }
      if (versions === 2) {
        problems.add(
          at(line.line, "file", null, problem(null, ProblemCode.DuplicateId, "a second GraphVersion: a graph has one")),
        );
      }
      continue;
    }
    const fact = factOf(line)!;
    const item = SECTION_ITEM[fact.section];
    for (const each of fact.problems) problems.add(at(line.line, item, fact.id, each));
    if (fact.foreign) continue;
    const result = checkRecord(fact.section, fact.value);
    if (!result.ok || fact.problems.length > 0) {
      if (!result.ok) for (const each of result.problems) problems.add(at(line.line, item, fact.id, each));
      if (fact.id !== null && fact.section !== "relationships") unchecked.add(fact.id);
      if (!result.ok) continue;
    }
    if (fact.section === "sources" && (result.record as { form?: SourceForm }).form === "dataset") {
      datasets.add(fact.id!);
    }
    const duplicate = ids.define(fact.section, result.record);
    if (duplicate) problems.add(at(line.line, item, fact.id, duplicate));
  }
  if (fatal) return { problems, nodes, relationships };

  // Reading 2: what each fact refers to is in the file, of a kind its type allows.
  const graph: GraphIndex = {
    entityKind: (id) => ids.entities.get(id),
    hasSource: (id) => ids.sources.has(id),
    sourceForm: (id) => (datasets.has(id) ? "dataset" : "document"),
    isUnchecked: (id) => unchecked.has(id) && !ids.entities.has(id) && !ids.sources.has(id),
  };
  for await (const line of backupLines(input, () => undefined)) {
    const fact = factOf(line);
    if (!fact || fact.foreign) continue;
    for (const each of referenceProblems(fact.section, fact.value, graph)) {
      problems.add(at(line.line, SECTION_ITEM[fact.section], fact.id, each));
    }
  }
  return { problems, nodes, relationships };
}
