/**
 * The graph file format (YAML): `sources`, `entities` and `relationships`, as documented in README.md →
 * "Adding facts". `readGraphFile` parses and checks it and returns typed records, or throws a
 * GraphDataError listing every problem at once, each naming the file, line, record and field.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { GraphDataError } from "../errors/index.js";
import {
  ID_PATTERN,
  RELATIONSHIP_TYPES,
  STATUSES,
  type EntityKind,
  type RelationshipType,
  defaultRelationshipId,
  isPartialDate,
  firstDayOf,
  relationshipRule,
} from "../graph-data/index.js";

/** Years written bare in YAML (`validFrom: 2018`) arrive as numbers: accept them as dates. */
const partialDate = z.preprocess(
  (value) => (typeof value === "number" ? String(value) : value),
  z.string().refine(isPartialDate, "must be an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD"),
);
const slug = z.string().regex(ID_PATTERN, "must be a lowercase slug such as `helsinki-eu-office`");
const text = z.string().trim().min(1, "must not be empty");

export const SourceRecordSchema = z.strictObject({
  id: slug,
  title: text,
  titleEn: text.optional(),
  publisher: text.optional(),
  published: partialDate.optional(),
  url: z.url().optional(),
  language: z
    .string()
    .regex(/^[a-z]{2}$/, "must be an ISO 639-1 code such as `fi`")
    .optional(),
  note: text.optional(),
});

const entityBase = {
  id: slug,
  name: text,
  nameFi: text.optional(),
  nameSv: text.optional(),
  nameEn: text.optional(),
  aliases: z.array(text).default([]),
  description: text.optional(),
  sources: z.array(slug).min(1, "must cite at least one source"),
};

export const EntityRecordSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("City"), ...entityBase }),
  z.strictObject({
    kind: z.literal("Country"),
    ...entityBase,
    isoCode: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
  }),
  z.strictObject({
    kind: z.literal("Organization"),
    ...entityBase,
    category: text.optional(),
    founded: partialDate.optional(),
    staffCount: z.number().int().positive().optional(),
  }),
  z.strictObject({ kind: z.literal("Office"), ...entityBase }),
  z.strictObject({ kind: z.literal("Theme"), ...entityBase }),
  z.strictObject({ kind: z.literal("Network"), ...entityBase }),
  z.strictObject({ kind: z.literal("Person"), ...entityBase, email: z.email().optional(), phone: text.optional() }),
  z.strictObject({
    kind: z.literal("Event"),
    ...entityBase,
    category: text.optional(),
    startDate: partialDate.optional(),
    endDate: partialDate.optional(),
  }),
]);

const Citation = z.strictObject({ source: slug, excerpt: text.max(300, "keep excerpts short (≤ 300 characters)") });

export const RelationshipRecordSchema = z.strictObject({
  type: z.enum(RELATIONSHIP_TYPES as [RelationshipType, ...RelationshipType[]]),
  id: z.string().min(1).optional(),
  from: slug,
  to: slug,
  kind: text.optional(),
  status: z.enum(STATUSES).optional(),
  validFrom: partialDate.optional(),
  validTo: partialDate.optional(),
  premises: text.optional(),
  citations: z.array(Citation).min(1, "every relationship must cite a source"),
});

const GraphFile = z.strictObject({
  sources: z.array(SourceRecordSchema).default([]),
  entities: z.array(EntityRecordSchema).default([]),
  relationships: z.array(RelationshipRecordSchema).default([]),
});

export type SourceRecord = z.infer<typeof SourceRecordSchema>;
export type EntityRecord = z.infer<typeof EntityRecordSchema>;
export type RelationshipRecord = z.infer<typeof RelationshipRecordSchema> & { id: string };

export interface GraphData {
  readonly sources: readonly SourceRecord[];
  readonly entities: readonly EntityRecord[];
  readonly relationships: readonly RelationshipRecord[];
}

/** Reads and checks a graph file; throws GraphDataError with every problem found. */
export async function readGraphFile(file: string): Promise<GraphData> {
  return parseGraphText(await readFile(file, "utf8"), path.relative(process.cwd(), file) || file);
}

/** Parses graph text (YAML); `fileName` only labels the messages. */
export function parseGraphText(source: string, fileName: string): GraphData {
  const parsed = parseGraphRecords(source, fileName);
  const problems = checkReferences(parsed.data, parsed.locate);
  if (problems.length > 0) throw new GraphDataError(problems);
  return parsed.data;
}

/**
 * Reads several graph files as ONE graph: each file's records are parsed on their own, then concatenated
 * in the order given and checked together, so a record may refer to a record of another file. Problems
 * still name the file and line they are on.
 */
export async function readGraphFiles(files: readonly string[]): Promise<GraphData> {
  const parts: ParsedGraph[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      parts.push(parseGraphRecords(await readFile(file, "utf8"), path.relative(process.cwd(), file) || file));
    } catch (error) {
      if (!(error instanceof GraphDataError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new GraphDataError(problems);
  const data: GraphData = {
    sources: parts.flatMap((part) => part.data.sources),
    entities: parts.flatMap((part) => part.data.entities),
    relationships: parts.flatMap((part) => part.data.relationships),
  };
  const locate: Locate = (section, index, field) => {
    let offset = index;
    for (const part of parts) {
      const count = part.data[section as keyof GraphData].length;
      if (offset < count) return part.locate(section, offset, field);
      offset -= count;
    }
    return "?";
  };
  const referenceProblems = checkReferences(data, locate);
  if (referenceProblems.length > 0) throw new GraphDataError(referenceProblems);
  return data;
}

interface ParsedGraph {
  readonly data: GraphData;
  readonly locate: Locate;
}

/** Parses one file's text and checks each record on its own; references are checked by the caller. */
function parseGraphRecords(source: string, fileName: string): ParsedGraph {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false });
  const where = (at: readonly PropertyKey[]): string => {
    const keys = at.map((key) => (typeof key === "string" && /^\d+$/.test(key) ? Number(key) : key));
    for (let depth = keys.length; depth >= 0; depth -= 1) {
      const node = document.getIn(keys.slice(0, depth) as unknown[], true) as
        { range?: [number, number, number] } | undefined;
      if (node?.range) return `${fileName}:${lineCounter.linePos(node.range[0]).line}`;
    }
    return fileName;
  };
  if (document.errors.length > 0) {
    throw new GraphDataError(
      document.errors.map(
        (error) =>
          `${fileName}:${lineCounter.linePos(error.pos[0]).line}: not valid YAML: ${error.message.split("\n")[0]}`,
      ),
    );
  }
  const parsed = GraphFile.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    throw new GraphDataError(
      parsed.error.issues.map(
        (issue) => `${where(issue.path)}: ${describePath(document.toJS(), issue.path)}: ${issue.message}`,
      ),
    );
  }
  const data: GraphData = {
    sources: parsed.data.sources,
    entities: parsed.data.entities,
    relationships: parsed.data.relationships.map((r) => ({
      ...r,
      id: r.id ?? defaultRelationshipId(r.from, r.type, r.to),
    })),
  };
  return { data, locate: (section, index, field) => where([section, index, ...(field?.split(".") ?? [])]) };
}

/** `relationships[3].validFrom` → `relationship helsinki--FUNDS--x, field validFrom` when the record has ids. */
function describePath(raw: unknown, at: readonly PropertyKey[]): string {
  const [section, index, ...rest] = at;
  const record = (raw as Record<string, unknown[]> | null)?.[String(section)]?.[Number(index)] as
    Record<string, unknown> | undefined;
  const label =
    typeof record?.id === "string"
      ? `${String(section).replace(/s$/, "").replace(/ie$/, "y")} ${record.id}`
      : record && typeof record.from === "string"
        ? `relationship ${String(record.from)} -${String(record.type)}-> ${String(record.to)}`
        : `${String(section ?? "file")}[${String(index ?? "")}]`;
  return rest.length > 0 ? `${label}, field ${rest.join(".")}` : label;
}

type Locate = (section: string, index: number, field?: string) => string;

/** A problem with one field of one record, before it is located in a file. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** What a record may refer to: entities (with their kind) and sources, from the file or the database. */
export interface KnownIds {
  entityKind(id: string): EntityKind | undefined;
  hasSource(id: string): boolean;
}

/** Problems of one entity that its own fields cannot show: unknown sources, dates out of order. */
export function entityProblems(entity: EntityRecord, known: KnownIds): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const sourceId of entity.sources) {
    if (!known.hasSource(sourceId)) problems.push({ field: "sources", message: `unknown source ${sourceId}` });
  }
  if (
    entity.kind === "Event" &&
    entity.startDate &&
    entity.endDate &&
    firstDayOf(entity.endDate) < firstDayOf(entity.startDate)
  ) {
    problems.push({ field: "endDate", message: "ends before it starts" });
  }
  return problems;
}

/** Problems of one relationship: unknown or wrongly kinded ends, vocabulary, date order, unknown sources. */
export function relationshipProblems(relationship: Omit<RelationshipRecord, "id">, known: KnownIds): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const rule = relationshipRule(relationship.type);
  for (const end of ["from", "to"] as const) {
    const kind = known.entityKind(relationship[end]);
    const allowed: readonly EntityKind[] = end === "from" ? rule.from : rule.to;
    if (!kind) problems.push({ field: end, message: `unknown entity ${relationship[end]}` });
    else if (!allowed.includes(kind)) {
      problems.push({
        field: end,
        message: `${relationship.type} cannot ${end === "from" ? "start at" : "end at"} a ${kind} (allowed: ${allowed.join(", ")})`,
      });
    }
  }
  if (rule.kinds && relationship.kind && !rule.kinds.includes(relationship.kind)) {
    problems.push({ field: "kind", message: `${relationship.type} kind must be one of ${rule.kinds.join(", ")}` });
  }
  if (
    relationship.validFrom &&
    relationship.validTo &&
    firstDayOf(relationship.validTo) <= firstDayOf(relationship.validFrom)
  ) {
    problems.push({ field: "validTo", message: "must be after validFrom" });
  }
  relationship.citations.forEach((citation, index) => {
    if (!known.hasSource(citation.source)) {
      problems.push({ field: `citations.${index}.source`, message: `unknown source ${citation.source}` });
    }
  });
  return problems;
}

/** Checks what one record alone cannot: unique ids, references, endpoint kinds, date order, vocabularies. */
function checkReferences(data: GraphData, locate: Locate): string[] {
  const problems: string[] = [];
  const sourceIds = new Set<string>();
  data.sources.forEach((source, index) => {
    if (sourceIds.has(source.id))
      problems.push(`${locate("sources", index, "id")}: source ${source.id}: id is used twice`);
    sourceIds.add(source.id);
  });
  const kinds = new Map<string, EntityKind>();
  data.entities.forEach((entity, index) => {
    if (kinds.has(entity.id) || sourceIds.has(entity.id)) {
      problems.push(`${locate("entities", index, "id")}: ${entity.kind} ${entity.id}, field id: id is used twice`);
    }
    kinds.set(entity.id, entity.kind);
  });
  const known: KnownIds = { entityKind: (id) => kinds.get(id), hasSource: (id) => sourceIds.has(id) };
  data.entities.forEach((entity, index) => {
    for (const problem of entityProblems(entity, known)) {
      problems.push(
        `${locate("entities", index, problem.field)}: ${entity.kind} ${entity.id}, field ${problem.field}: ${problem.message}`,
      );
    }
  });
  const relationshipIds = new Set<string>();
  data.relationships.forEach((relationship, index) => {
    const at = (field: string): string =>
      `${locate("relationships", index, field)}: relationship ${relationship.id}, field ${field}`;
    if (relationshipIds.has(relationship.id))
      problems.push(`${at("id")}: id is used twice (give one of them an explicit id)`);
    relationshipIds.add(relationship.id);
    for (const problem of relationshipProblems(relationship, known))
      problems.push(`${at(problem.field)}: ${problem.message}`);
  });
  return problems;
}
