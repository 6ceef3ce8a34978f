/**
 * The one checker. Whatever door a record comes through (an import file, the seed, an API mutation), it
 * passes the same checks and gets the same problems:
 * - its own fields (`checkRecord`): the record schema, the vocabulary of relationship kinds, dates in order;
 * - ids within the input (`InputIds`): no id twice, no entity sharing an id with a source;
 * - ids against the graph (`storedIdProblems`): no entity taking a source's id, no kind change, no relationship
 *   id that belongs to other ends;
 * - references (`referenceProblems`): cited sources and relationship ends exist, in the input or the graph,
 *   and the ends are of kinds the relationship type allows;
 * - restricted fields (`restrictedProblems`): only `staff` writes personal contact details.
 * Everything here is pure: what the graph holds comes in through the `GraphIndex` / `StoredIds` lookups.
 */
import type { z } from "zod";
import { endsBefore, firstDayOf, latestPublicationDay } from "./partial-date.js";
import { type FieldProblem, PROBLEM_CODES, ProblemCode } from "./problems.js";
import {
  type EntityRecord,
  type ProblemParams,
  RECORD_SCHEMAS,
  type RelationshipRecord,
  RESTRICTED_FIELD_NAMES,
  type Section,
  type SectionRecord,
  type SourceForm,
  type SourceRecord,
  relationshipIdOf,
} from "./records.js";
import {
  type EntityKind,
  ENTITY_KINDS,
  type RelationshipType,
  isRelationshipType,
  relationshipRule,
} from "./vocabulary.js";

export type CheckResult<S extends Section> =
  { readonly ok: true; readonly record: SectionRecord[S] } | { readonly ok: false; readonly problems: FieldProblem[] };

const problem = (field: string | null, code: ProblemCode, message: string): FieldProblem => ({ field, code, message });

/** Checks one record's own fields; returns the checked record (relationship ids filled in) or its problems. */
export function checkRecord<S extends Section>(section: S, raw: Record<string, unknown>): CheckResult<S> {
  const value = withoutNulls(raw) as Record<string, unknown>;
  const parsed = RECORD_SCHEMAS[section].safeParse(value);
  if (!parsed.success) {
    // A value of the wrong type is one problem: zod also measures a text given for a list against the list's limit.
    const mistyped = new Set(
      parsed.error.issues.filter((issue) => issue.code === "invalid_type").map((issue) => issue.path.join(".")),
    );
    const issues = parsed.error.issues.filter(
      (issue) => !((issue.code === "too_big" || issue.code === "too_small") && mistyped.has(issue.path.join("."))),
    );
    return { ok: false, problems: issues.flatMap((issue) => fromIssue(issue, value)) };
  }
  let record = parsed.data as unknown as SectionRecord[S];
  if (section === "relationships") {
    const relationship = record as RelationshipRecord;
    record = { ...relationship, id: relationshipIdOf(relationship) } as SectionRecord[S];
  }
  const problems = ruleProblems(section, record);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, record };
}

/**
 * A field set to null is an absent field, in every door: the API's input types leave nulls out, a CSV's empty
 * cell is absent, and so is `nameFi:` in YAML or `"nameFi": null` in JSON.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== null)
      .map(([key, field]) => [key, withoutNulls(field)]),
  );
}

/**
 * Rules across fields of one record, or beyond its form: the relationship type's kinds, no relationship from
 * an entity to itself, dates in order, each source cited once, a source published by now.
 */
function ruleProblems(section: Section, record: SectionRecord[Section]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (section === "sources") {
    const { published } = record as SourceRecord;
    const latest = latestPublicationDay();
    if (published && firstDayOf(published) > latest) {
      problems.push(
        problem(
          "published",
          ProblemCode.InvalidValue,
          `must not be after today (no later than ${latest}, the date somewhere on Earth now): a source is cited once it is published`,
        ),
      );
    }
  } else if (section === "entities") {
    const entity = record as EntityRecord;
    const { startDate, endDate } = entity as { startDate?: string; endDate?: string };
    if (startDate && endDate && endsBefore(endDate, startDate)) {
      problems.push(problem("endDate", ProblemCode.DateOrder, "ends before it starts"));
    }
    if (new Set(entity.sources).size !== entity.sources.length) {
      problems.push(problem("sources", ProblemCode.InvalidValue, "names a source more than once"));
    }
  } else if (section === "relationships") {
    const relationship = record as RelationshipRecord;
    // No type joins an entity to itself: a city is not its own partner, an organisation not part of itself.
    // Ends named by external ids are compared once the write path has resolved them to our ids.
    if (relationship.from === relationship.to) {
      problems.push(
        problem("to", ProblemCode.NotAllowed, `${relationship.type} cannot join ${relationship.from} to itself`),
      );
    }
    const rule = relationshipRule(relationship.type);
    if (rule.kinds && relationship.kind !== undefined && !rule.kinds.includes(relationship.kind)) {
      problems.push(
        problem("kind", ProblemCode.InvalidValue, `${relationship.type} kind must be one of ${rule.kinds.join(", ")}`),
      );
    }
    if (
      relationship.validFrom &&
      relationship.validTo &&
      firstDayOf(relationship.validTo) <= firstDayOf(relationship.validFrom)
    ) {
      problems.push(problem("validTo", ProblemCode.DateOrder, "must be after validFrom"));
    }
    const seen = new Set<string>();
    relationship.citations.forEach((citation, index) => {
      if (seen.has(citation.source)) {
        problems.push(
          problem(`citations.${index}.source`, ProblemCode.InvalidValue, `cites ${citation.source} more than once`),
        );
      }
      seen.add(citation.source);
    });
  }
  return problems;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key as string];
  }
  return current;
}

/** A zod issue as problems with codes. Messages written in the record schemas are kept; zod's own are replaced. */
function fromIssue(issue: z.core.$ZodIssue, value: Record<string, unknown>): FieldProblem[] {
  const field = issue.path.length > 0 ? issue.path.map(String).join(".") : null;
  const raw = valueAt(value, issue.path);
  const missing = raw === undefined || raw === null;
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) =>
        problem([...issue.path.map(String), key].join("."), ProblemCode.UnknownField, "is not a field of this record"),
      );
    case "invalid_union":
      // The entity `kind` discriminator.
      return [
        missing
          ? problem(field, ProblemCode.Required, "is required")
          : problem(field, ProblemCode.InvalidValue, `must be one of ${ENTITY_KINDS.join(", ")}`),
      ];
    case "invalid_type":
      return [
        missing
          ? problem(field, ProblemCode.Required, "is required")
          : problem(field, ProblemCode.InvalidValue, typeMessage(issue.expected)),
      ];
    case "too_small":
      return [
        problem(field, issue.origin === "number" ? ProblemCode.InvalidValue : ProblemCode.Required, issue.message),
      ];
    case "too_big":
      return [
        problem(field, issue.origin === "number" ? ProblemCode.InvalidValue : ProblemCode.TooLong, issue.message),
      ];
    case "invalid_value":
      // The relationship `type` (a word of the vocabulary): absent is missing, like the entity `kind`.
      return [
        missing
          ? problem(field, ProblemCode.Required, "is required")
          : problem(field, ProblemCode.InvalidValue, issue.message),
      ];
    case "custom":
      // Rules that are not about a value's form name their own code (records.ts, `ProblemParams`).
      return [problem(field, problemCodeOf(issue.params) ?? ProblemCode.InvalidValue, issue.message)];
    case "invalid_element":
    case "invalid_format":
    case "invalid_key":
    case "not_multiple_of":
      return [problem(field, ProblemCode.InvalidValue, issue.message)];
  }
}

function problemCodeOf(params: Record<string, unknown> | undefined): ProblemCode | undefined {
  const code = (params as Partial<ProblemParams> | undefined)?.problem;
  return code !== undefined && PROBLEM_CODES.includes(code) ? code : undefined;
}

function typeMessage(expected: string): string {
  if (expected === "array") return "must be a list";
  if (expected === "object") return "must be a mapping of fields";
  if (expected === "int") return "must be a whole number";
  return `must be ${expected === "number" ? "a number" : expected === "string" ? "text" : `a ${expected}`}`;
}

// ── Ids within one input.

/** Ids an input defines, to find duplicates and to resolve references to records of the same input. */
export class InputIds {
  readonly sources = new Set<string>();
  readonly entities = new Map<string, EntityKind>();
  readonly relationships = new Set<string>();

  /** Registers a checked record's id; a problem when the input already used it. */
  define(section: Section, record: SectionRecord[Section]): FieldProblem | undefined {
    if (section === "relationships") {
      const { id } = record as RelationshipRecord;
      if (this.relationships.has(id)) {
        return problem("id", ProblemCode.DuplicateId, `${id} is used twice (give one of them an explicit id)`);
      }
      this.relationships.add(id);
      return undefined;
    }
    const { id } = record as { id: string };
    const taken = this.sources.has(id) || this.entities.has(id);
    if (section === "sources") this.sources.add(id);
    else this.entities.set(id, (record as EntityRecord).kind);
    return taken
      ? problem("id", ProblemCode.DuplicateId, `${id} is used twice (entities and sources share ids)`)
      : undefined;
  }
}

// ── What the graph holds, as far as a check needs it.

/** Entities and sources a record may refer to: those of the input and those in the graph. */
export interface GraphIndex {
  entityKind(id: string): EntityKind | undefined;
  hasSource(id: string): boolean;
  /** A source's form (`document` when it says none); undefined for an unknown source. */
  sourceForm?(id: string): SourceForm | undefined;
  /** Ids of input records that failed their own checks: references to them are not reported again. */
  isUnchecked?(id: string): boolean;
}

/** The stored records an input's ids could clash with. */
export interface StoredIds {
  entityKind(id: string): EntityKind | undefined;
  isSource(id: string): boolean;
  relationship(id: string): { type: RelationshipType; from: string; to: string } | undefined;
}

/** An input record whose id the graph already gives to something else. */
export function storedIdProblems(section: Section, record: SectionRecord[Section], stored: StoredIds): FieldProblem[] {
  if (section === "sources") {
    const { id } = record as { id: string };
    const kind = stored.entityKind(id);
    return kind ? [problem("id", ProblemCode.IdTaken, `${id} is the id of a ${kind} in the graph`)] : [];
  }
  if (section === "entities") {
    const entity = record as EntityRecord;
    if (stored.isSource(entity.id)) {
      return [problem("id", ProblemCode.IdTaken, `${entity.id} is the id of a source in the graph`)];
    }
    const kind = stored.entityKind(entity.id);
    return kind && kind !== entity.kind
      ? [problem("kind", ProblemCode.IdTaken, `${entity.id} is a ${kind} in the graph, not a ${entity.kind}`)]
      : [];
  }
  const relationship = record as RelationshipRecord;
  const existing = stored.relationship(relationship.id);
  if (
    existing &&
    (existing.type !== relationship.type || existing.from !== relationship.from || existing.to !== relationship.to)
  ) {
    return [
      problem(
        "id",
        ProblemCode.IdTaken,
        `${relationship.id} belongs to ${existing.from} -${existing.type}-> ${existing.to} in the graph`,
      ),
    ];
  }
  return [];
}

/** The ids a record refers to, with the field that holds each: from checked records or raw values alike. */
export function referencesOf(
  section: Section,
  value: Record<string, unknown>,
): { kind: "entity" | "source"; id: string; field: string }[] {
  const refs: { kind: "entity" | "source"; id: string; field: string }[] = [];
  if (section === "relationships") {
    for (const end of ["from", "to"] as const) {
      if (typeof value[end] === "string") refs.push({ kind: "entity", id: value[end], field: end });
    }
    if (Array.isArray(value.citations)) {
      value.citations.forEach((citation: unknown, index) => {
        const source = (citation as { source?: unknown } | null)?.source;
        if (typeof source === "string") refs.push({ kind: "source", id: source, field: `citations.${index}.source` });
      });
    }
  } else if (section === "sources") {
    if (typeof value.publisherId === "string")
      refs.push({ kind: "entity", id: value.publisherId, field: "publisherId" });
  } else if (section === "entities" && Array.isArray(value.sources)) {
    for (const source of value.sources) {
      if (typeof source === "string") refs.push({ kind: "source", id: source, field: "sources" });
    }
  }
  return refs;
}

/** Unknown sources and ends, and ends of kinds the relationship type does not join. */
export function referenceProblems(section: Section, value: Record<string, unknown>, graph: GraphIndex): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const ref of referencesOf(section, value)) {
    if (graph.isUnchecked?.(ref.id)) continue;
    if (ref.kind === "source") {
      if (!graph.hasSource(ref.id)) {
        problems.push(problem(ref.field, ProblemCode.UnknownReference, `unknown source ${ref.id}`));
      } else if (ref.field.startsWith("citations.")) {
        problems.push(
          ...citationFormProblems(
            ref.field.replace(/\.source$/, ""),
            valueAt(value, ref.field.split(".").slice(0, -1)),
            graph.sourceForm?.(ref.id),
          ),
        );
      }
      continue;
    }
    const kind = graph.entityKind(ref.id);
    if (!kind) {
      problems.push(problem(ref.field, ProblemCode.UnknownReference, `unknown entity ${ref.id}`));
      continue;
    }
    if (!isRelationshipType(String(value.type))) continue;
    const type = value.type as RelationshipType;
    const rule = relationshipRule(type);
    const allowed: readonly EntityKind[] = ref.field === "from" ? rule.from : rule.to;
    if (!allowed.includes(kind)) {
      problems.push(
        problem(
          ref.field,
          ProblemCode.NotAllowed,
          `${type} cannot ${ref.field === "from" ? "start at" : "end at"} a ${kind} (allowed: ${allowed.join(", ")})`,
        ),
      );
    }
  }
  return problems;
}

/**
 * A document is cited by an excerpt (words quoted from it), a dataset by a locator (the statement or row it
 * holds): the rule for documents is not weakened by the datasets' one.
 */
function citationFormProblems(field: string, citation: unknown, form: SourceForm | undefined): FieldProblem[] {
  if (citation === null || typeof citation !== "object") return [];
  const { excerpt, locator } = citation as { excerpt?: unknown; locator?: unknown };
  if ((form ?? "document") === "document") {
    return excerpt === undefined && locator !== undefined
      ? [
          problem(
            `${field}.excerpt`,
            ProblemCode.Required,
            "a document is cited by an excerpt: a few words quoted from it",
          ),
        ]
      : [];
  }
  return locator === undefined
    ? [
        problem(
          `${field}.locator`,
          ProblemCode.Required,
          "a dataset is cited by a locator: the statement or row that holds the fact",
        ),
      ]
    : [];
}

/** Personal contact details may be written by `staff` only; nobody else learns anything about them. */
export function restrictedProblems(section: Section, value: Record<string, unknown>, staff: boolean): FieldProblem[] {
  if (staff || section !== "entities") return [];
  return Object.keys(value)
    .filter((field) => RESTRICTED_FIELD_NAMES.has(field) && value[field] !== undefined && value[field] !== null)
    .map((field) => problem(field, ProblemCode.Restricted, "only the `staff` role may write this field"));
}
