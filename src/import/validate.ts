/**
 * Checks a whole import file before anything is written, and reports every problem at once, each naming
 * the file, line or row, record and field. Two streamed passes: the first checks each record's own fields
 * and collects ids; then the ids the file refers to but does not define are looked up in the database; the
 * second pass checks references (ends, kinds, sources) against the file and the database together.
 */
import type { z } from "zod";
import type { Database } from "../database/index.js";
import {
  ENTITY_KINDS,
  ENTITY_LABEL,
  type EntityKind,
  SOURCE_LABEL,
  defaultRelationshipId,
} from "../graph-data/index.js";
import {
  EntityRecordSchema,
  type KnownIds,
  RelationshipRecordSchema,
  SourceRecordSchema,
  entityProblems,
  relationshipProblems,
} from "../seed/index.js";
import type { RawRecord, ReadProblem, RecordReader, Section } from "./read-records.js";

export const RECORD_SCHEMAS = {
  sources: SourceRecordSchema,
  entities: EntityRecordSchema,
  relationships: RelationshipRecordSchema,
} as const;

export type ParsedRecord<S extends Section> = z.infer<(typeof RECORD_SCHEMAS)[S]>;

export interface ValidationResult {
  readonly problems: readonly string[];
  readonly counts: Readonly<Record<Section, number>>;
}

/** A record's label in messages: `City helsinki`, `relationship a--FUNDS--b`, `source x`. */
export function recordLabel(record: RawRecord): string {
  const value = record.value;
  const id = typeof value.id === "string" ? value.id : `#${record.index + 1}`;
  if (record.section === "sources") return `source ${id}`;
  if (record.section === "entities") return `${typeof value.kind === "string" ? value.kind : "entity"} ${id}`;
  return `relationship ${relationshipIdOf(value)}`;
}

/** The id a relationship record has: its own `id`, else `from--TYPE--to`. */
export function relationshipIdOf(value: Record<string, unknown>): string {
  if (typeof value.id === "string" && value.id.length > 0) return value.id;
  return defaultRelationshipId(String(value.from), String(value.type) as never, String(value.to));
}

export function parseRecord<S extends Section>(record: RawRecord & { section: S }) {
  return RECORD_SCHEMAS[record.section].safeParse(record.value) as z.ZodSafeParseResult<ParsedRecord<S>>;
}

const LOOKUP_BATCH = 10_000;

export async function validateImport(db: Database, reader: RecordReader): Promise<ValidationResult> {
  const problems: string[] = [];
  let unreadable = false;
  const readProblem = (problem: ReadProblem) => {
    if (problem.fatal) unreadable = true;
    problems.push(`${problem.at}: ${problem.message}`);
  };
  const counts: Record<Section, number> = { sources: 0, entities: 0, relationships: 0 };
  const sourceIds = new Set<string>();
  const entityKinds = new Map<string, EntityKind>();
  const relationshipIds = new Set<string>();
  const referencedEntities = new Set<string>();
  const referencedSources = new Set<string>();

  // Pass 1: each record's own fields; ids defined; ids referred to.
  for await (const record of reader.records(readProblem)) {
    counts[record.section]++;
    const parsed = RECORD_SCHEMAS[record.section].safeParse(record.value);
    if (!parsed.success) {
      const refs = rawReferences(record);
      for (const ref of refs) (ref.kind === "entity" ? referencedEntities : referencedSources).add(ref.id);
      for (const issue of parsed.error.issues) {
        const field = issue.path.join(".");
        problems.push(
          `${record.locate(field)}: ${recordLabel(record)}${field ? `, field ${field}` : ""}: ${issue.message}`,
        );
      }
      continue;
    }
    const idTaken = (id: string) =>
      `${record.locate("id")}: ${recordLabel(record)}, field id: id ${id} is used twice in the file`;
    if (record.section === "sources") {
      const source = parsed.data as ParsedRecord<"sources">;
      if (sourceIds.has(source.id) || entityKinds.has(source.id)) problems.push(idTaken(source.id));
      sourceIds.add(source.id);
    } else if (record.section === "entities") {
      const entity = parsed.data as ParsedRecord<"entities">;
      if (entityKinds.has(entity.id) || sourceIds.has(entity.id)) problems.push(idTaken(entity.id));
      entityKinds.set(entity.id, entity.kind);
      for (const id of entity.sources) referencedSources.add(id);
    } else {
      const relationship = parsed.data as ParsedRecord<"relationships">;
      const id = relationshipIdOf(relationship);
      if (relationshipIds.has(id)) {
        problems.push(
          `${record.locate("id")}: relationship ${id}: id is used twice in the file (give one of them an explicit id)`,
        );
      }
      relationshipIds.add(id);
      referencedEntities.add(relationship.from).add(relationship.to);
      for (const citation of relationship.citations) referencedSources.add(citation.source);
    }
  }

  // The database: kinds of entities the file refers to or redefines, and sources it cites but does not define.
  const storedKinds = await lookupEntityKinds(db, [...new Set([...referencedEntities, ...entityKinds.keys()])]);
  const storedSources = await lookupSources(
    db,
    [...referencedSources].filter((id) => !sourceIds.has(id)),
  );
  const known: KnownIds = {
    entityKind: (id) => entityKinds.get(id) ?? storedKinds.get(id),
    hasSource: (id) => sourceIds.has(id) || storedSources.has(id),
  };

  // Pass 2: references, against the file and the database together (records whose own fields failed are skipped).
  if (!unreadable) {
    for await (const record of reader.records(() => undefined)) {
      const parsed = RECORD_SCHEMAS[record.section].safeParse(record.value);
      if (!parsed.success) {
        // Its own fields are wrong, but what it refers to can still be checked, so every problem shows at once.
        for (const ref of rawReferences(record)) {
          const exists = ref.kind === "entity" ? known.entityKind(ref.id) !== undefined : known.hasSource(ref.id);
          if (!exists) {
            problems.push(
              `${record.locate(ref.field)}: ${recordLabel(record)}, field ${ref.field}: unknown ${ref.kind} ${ref.id}`,
            );
          }
        }
        continue;
      }
      const found =
        record.section === "entities"
          ? entityProblems(parsed.data as ParsedRecord<"entities">, known)
          : record.section === "relationships"
            ? relationshipProblems(parsed.data as ParsedRecord<"relationships">, known)
            : [];
      if (record.section === "entities") {
        const entity = parsed.data as ParsedRecord<"entities">;
        const stored = storedKinds.get(entity.id);
        if (stored && stored !== entity.kind) {
          found.push({ field: "kind", message: `${entity.id} is a ${stored} in the database, not a ${entity.kind}` });
        }
      }
      for (const problem of found) {
        problems.push(
          `${record.locate(problem.field)}: ${recordLabel(record)}, field ${problem.field}: ${problem.message}`,
        );
      }
    }
  }
  return { problems, counts };
}

/** The ids a record refers to, read from its raw fields (for records that failed their own checks). */
function rawReferences(record: RawRecord): { kind: "entity" | "source"; id: string; field: string }[] {
  const value = record.value;
  const refs: { kind: "entity" | "source"; id: string; field: string }[] = [];
  if (record.section === "relationships") {
    for (const end of ["from", "to"] as const) {
      if (typeof value[end] === "string") refs.push({ kind: "entity", id: value[end], field: end });
    }
    if (Array.isArray(value.citations)) {
      value.citations.forEach((citation: unknown, index) => {
        const source = (citation as { source?: unknown } | null)?.source;
        if (typeof source === "string") refs.push({ kind: "source", id: source, field: `citations.${index}.source` });
      });
    }
  } else if (record.section === "entities" && Array.isArray(value.sources)) {
    for (const source of value.sources)
      if (typeof source === "string") refs.push({ kind: "source", id: source, field: "sources" });
  }
  return refs;
}

async function lookupEntityKinds(db: Database, ids: readonly string[]): Promise<Map<string, EntityKind>> {
  const kinds = new Map<string, EntityKind>();
  for (let start = 0; start < ids.length; start += LOOKUP_BATCH) {
    const rows = await db.read(async (tx) => {
      const result = await tx.run(
        `UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {id: id})
         RETURN n.id AS id, [l IN labels(n) WHERE l IN $kinds][0] AS kind`,
        { ids: ids.slice(start, start + LOOKUP_BATCH), kinds: [...ENTITY_KINDS] },
      );
      return result.records.map((r) => [r.get("id") as string, r.get("kind") as EntityKind] as const);
    });
    for (const [id, kind] of rows) kinds.set(id, kind);
  }
  return kinds;
}

async function lookupSources(db: Database, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < ids.length; start += LOOKUP_BATCH) {
    const rows = await db.read(async (tx) => {
      const result = await tx.run(`UNWIND $ids AS id MATCH (s:${SOURCE_LABEL} {id: id}) RETURN s.id AS id`, {
        ids: ids.slice(start, start + LOOKUP_BATCH),
      });
      return result.records.map((r) => r.get("id") as string);
    });
    for (const id of rows) found.add(id);
  }
  return found;
}
