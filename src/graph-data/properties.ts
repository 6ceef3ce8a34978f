/**
 * The one mapping between records and what Neo4j stores. A source is stored as it is; an entity as its
 * fields with `sources` kept as `sourceIds` and its kind as a label; a relationship as its fields with its
 * citations kept as parallel lists, `sourceIds[i]` cited by `excerpts[i]` and, when any citation locates a
 * fact in a dataset, `locators[i]` (an empty string where a citation has none: Neo4j lists hold no nulls;
 * the generated API's `Fact` type), its type as the relationship type and its ends as the nodes it joins. Every writer and reader
 * (the write path, exports, the history) goes through these functions.
 *
 * Who-and-when stamps (`createdAt` …) are stored too but are not facts: they never enter a record.
 */
import neo4j from "neo4j-driver";
import { type ExternalId, formatExternalId, parseExternalId } from "./external-ids.js";
import {
  CITATION_FIELDS,
  type Citation,
  type EntityRecord,
  type RelationshipRecord,
  RELATIONSHIP_FIELDS,
  SOURCE_FIELDS,
  type SourceRecord,
  entityFields,
} from "./records.js";
import type { EntityKind, RelationshipType } from "./vocabulary.js";

export type Properties = Record<string, unknown>;

/** Stamps the write path puts on what it writes: who and when, not part of any fact. */
export const AUDIT_FIELDS: ReadonlySet<string> = new Set(["createdAt", "createdBy", "updatedAt", "updatedBy"]);

function present(entries: [string, unknown][]): Properties {
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined && value !== null));
}

export function sourceToProperties(record: SourceRecord): Properties {
  return present(Object.keys(SOURCE_FIELDS).map((field) => [field, record[field as keyof SourceRecord]]));
}

/** WGS 84 in two dimensions: Neo4j's spatial reference for latitude/longitude points. */
const WGS84 = 4326;

/** A record field's value as Neo4j stores it (external ids as `scheme:value` strings, a location as a point). */
function storedValue(field: string, value: unknown): unknown {
  if (field === "externalIds") {
    const ids = (value as ExternalId[] | undefined) ?? [];
    return ids.length > 0 ? ids.map(formatExternalId) : undefined;
  }
  if (field === "location" && value) {
    const { lat, lon } = value as { lat: number; lon: number };
    return new neo4j.types.Point(WGS84, lon, lat);
  }
  return value;
}

/** A stored value as the record field holds it. */
function recordValue(field: string, value: unknown): unknown {
  if (field === "externalIds") {
    const ids = ((value as string[] | undefined) ?? []).flatMap((text) => parseExternalId(text) ?? []);
    return ids.length > 0 ? ids : undefined;
  }
  if (field === "location" && value && typeof value === "object") {
    const { x, y } = value as { x: number; y: number };
    return { lat: Number(y), lon: Number(x) };
  }
  return value;
}

export function entityToProperties(record: EntityRecord): Properties {
  return present(
    Object.keys(entityFields(record.kind)).map((field) => [
      field === "sources" ? "sourceIds" : field,
      storedValue(field, record[field]),
    ]),
  );
}

export function relationshipToProperties(record: RelationshipRecord): Properties {
  return present(
    Object.keys(RELATIONSHIP_FIELDS)
      .filter((field) => field !== "from" && field !== "to")
      .flatMap((field): [string, unknown][] =>
        field === "citations"
          ? [
              ["sourceIds", record.citations.map((citation) => citation.source)],
              ["excerpts", record.citations.map((citation) => citation.excerpt ?? "")],
              [
                "locators",
                record.citations.some((citation) => citation.locator !== undefined)
                  ? record.citations.map((citation) => citation.locator ?? "")
                  : undefined,
              ],
            ]
          : [[field, record[field as keyof RelationshipRecord]]],
      ),
  );
}

/** A stored source as a record (fields in the model's order; stamps and unknown properties left out). */
export function sourceFromProperties(props: Properties): SourceRecord {
  return present(Object.keys(SOURCE_FIELDS).map((field) => [field, props[field]])) as unknown as SourceRecord;
}

/** A stored entity as a record; empty `aliases` are left out, so exports stay small. */
export function entityFromProperties(kind: EntityKind, props: Properties): EntityRecord {
  const record = present([
    ["kind", kind],
    ...Object.keys(entityFields(kind)).map((field): [string, unknown] => [
      field,
      field === "sources" ? (props.sourceIds ?? []) : recordValue(field, props[field]),
    ]),
  ]);
  if (Array.isArray(record.aliases) && record.aliases.length === 0) delete record.aliases;
  return record as unknown as EntityRecord;
}

/** A stored relationship as a record, its citations rebuilt from the two parallel lists. */
export function relationshipFromProperties(
  type: RelationshipType,
  from: string,
  to: string,
  props: Properties,
): RelationshipRecord {
  const sourceIds = (props.sourceIds as string[] | undefined) ?? [];
  const excerpts = (props.excerpts as string[] | undefined) ?? [];
  const locators = (props.locators as string[] | undefined) ?? [];
  const citations: Citation[] = sourceIds.map(
    (source, index) =>
      present([
        ["source", source],
        ["excerpt", excerpts[index] || undefined],
        ["locator", locators[index] || undefined],
      ]) as unknown as Citation,
  );
  return present([
    ["type", type],
    ...Object.keys(RELATIONSHIP_FIELDS).map((field): [string, unknown] => [
      field,
      field === "from" ? from : field === "to" ? to : field === "citations" ? citations : props[field],
    ]),
  ]) as unknown as RelationshipRecord;
}

/** The citation fields, for writers that spell citations out (CSV: `sources` and `excerpts`). */
export const CITATION_FIELD_NAMES = Object.keys(CITATION_FIELDS);

/** Properties without the who-and-when stamps. */
export function withoutAudit(props: Properties): Properties {
  return Object.fromEntries(Object.entries(props).filter(([key]) => !AUDIT_FIELDS.has(key)));
}
