/**
 * The edit forms' fields, derived from the one record model (src/graph-data/records.ts and vocabulary.ts):
 * which fields a source, each kind of entity and a relationship have, which are required, which only `staff`
 * may write, their descriptions, the kinds, types, statuses and what each relationship type may join. A field
 * added to the model appears in the forms; nothing here restates it. The checks themselves are the API's
 * (every draft is sent as a dry run), so the forms never judge a value on their own.
 *
 * Form values are strings as typed (a number half-typed is still text); `toRecord` turns them into the
 * import format the mutations take, `fromRecord` the reverse.
 */
import { LISTED_SCHEMES } from "../../graph-data/external-ids.js";
import {
  ENTITY_FIELDS,
  type FieldSpec,
  RELATIONSHIP_FIELDS,
  SOURCE_FIELDS,
  type FieldTable,
  entityFields,
} from "../../graph-data/records.js";
import {
  ENTITY_KINDS,
  type EntityKind,
  RELATIONSHIP_RULES,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  STATUSES,
  STATUS_RULES,
  isEntityKind,
  isRelationshipType,
} from "../../graph-data/vocabulary.js";

export { ENTITY_KINDS, LISTED_SCHEMES, RELATIONSHIP_TYPES, STATUSES, STATUS_RULES, isEntityKind, isRelationshipType };
export type { EntityKind, FieldSpec, RelationshipType };

export interface FormField {
  readonly name: string;
  readonly spec: FieldSpec;
  /** The English label; field-words.ts gives it in the reader's language. */
  readonly label: string;
  /** Whose field it is, and for an entity's field the kind: where its words are (field-words.ts). */
  readonly owner: "source" | "entity" | "relationship";
  readonly kind?: EntityKind;
}

/** Form values: one string per input (`location.lat`, `externalIds.wikidata` for the parts of compound fields). */
export type FormValues = Readonly<Record<string, string>>;

const LABELS: Record<string, string> = {
  name: "Name (English display name)",
  nameFi: "Name in Finnish",
  nameSv: "Name in Swedish",
  nameEn: "Name in English",
  aliases: "Aliases (one per line)",
  externalIds: "External ids",
  isoCode: "ISO 3166 code",
  staffCount: "Staff count",
  startDate: "Start date",
  endDate: "End date",
  validFrom: "Valid from",
  validTo: "Valid to (exclusive)",
  titleEn: "Title in English",
  url: "Web address",
  published: "Published",
};

/** `staffCount` → "Staff count", unless the table above names it better. */
export function fieldLabel(name: string): string {
  return (
    LABELS[name] ??
    `${name.charAt(0).toUpperCase()}${name
      .slice(1)
      .replace(/([A-Z])/g, " $1")
      .toLowerCase()}`
  );
}

function formFields(
  table: FieldTable,
  leaveOut: readonly string[],
  staff: boolean,
  owner: Pick<FormField, "owner" | "kind">,
): FormField[] {
  return Object.entries(table)
    .filter(([name, spec]) => !leaveOut.includes(name) && (staff || !spec.restricted))
    .map(([name, spec]) => ({ name, spec, label: fieldLabel(name), ...owner }));
}

/** An entity's own fields for its kind (`id` and `sources` have widgets of their own). */
export function entityFormFields(kind: EntityKind, staff: boolean): FormField[] {
  return formFields(entityFields(kind), ["id", "sources"], staff, { owner: "entity", kind });
}

/** A new source's fields (its `id` is made from the title, editable). */
export function sourceFormFields(): FormField[] {
  return formFields(SOURCE_FIELDS, ["id"], true, { owner: "source" });
}

/** The id fields, with the model's own rules as their hints. */
export const SOURCE_ID_FIELD: FormField = { name: "id", spec: SOURCE_FIELDS.id, label: "Source id", owner: "source" };
export const ENTITY_ID_FIELD: FormField = { name: "id", spec: ENTITY_FIELDS.id, label: "Id", owner: "entity" };

/** A relationship's own fields (`type`, ends, `id` and citations have widgets of their own). */
export function relationshipFormFields(): FormField[] {
  return formFields(RELATIONSHIP_FIELDS, ["id", "from", "to", "citations"], true, { owner: "relationship" });
}

export function relationshipRuleOf(type: string) {
  return isRelationshipType(type) ? RELATIONSHIP_RULES[type] : undefined;
}

/** The input names a field occupies in the form. */
function inputNames(field: FormField): string[] {
  if (field.spec.type === "location") return [`${field.name}.lat`, `${field.name}.lon`];
  if (field.spec.type === "externalIds") return LISTED_SCHEMES.map((scheme) => `${field.name}.${scheme}`);
  return [field.name];
}

/** The form values as a record in the import format: empty inputs are absent fields. */
export function toRecord(fields: readonly FormField[], values: FormValues): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const value = (name: string) => (values[name] ?? "").trim();
  // Numbers not yet numbers are sent as typed, so the API names the problem (INVALID_VALUE) like any other.
  const number = (text: string) => (text === "" || Number.isNaN(Number(text)) ? text : Number(text));
  for (const field of fields) {
    const type = field.spec.type;
    if (type === "texts") {
      const lines = (values[field.name] ?? "")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "");
      if (lines.length > 0) record[field.name] = lines;
    } else if (type === "location") {
      const lat = value(`${field.name}.lat`);
      const lon = value(`${field.name}.lon`);
      if (lat !== "" || lon !== "") record[field.name] = { lat: number(lat), lon: number(lon) };
    } else if (type === "externalIds") {
      const ids = LISTED_SCHEMES.map((scheme) => ({ scheme, value: value(`${field.name}.${scheme}`) })).filter(
        (id) => id.value !== "",
      );
      if (ids.length > 0) record[field.name] = ids;
    } else {
      const text = value(field.name);
      if (text !== "") record[field.name] = type === "count" && /^-?\d+$/.test(text) ? Number(text) : text;
    }
  }
  return record;
}

/**
 * What an edit changes, as a patch (the API's mode PATCH): the fields of `edited` whose value differs from
 * `loaded` (the record as the form loaded it, in the same form), a field emptied since as null (clear it).
 * Fields left as they were are left out, so they keep what the graph holds — also when someone else changed
 * them after the form was loaded.
 */
export function recordPatch(
  loaded: Readonly<Record<string, unknown>>,
  edited: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(edited)) {
    if (JSON.stringify(value) !== JSON.stringify(loaded[field])) patch[field] = value;
  }
  for (const field of Object.keys(loaded)) if (!(field in edited)) patch[field] = null;
  return patch;
}

/** A primitive as form text; anything else as JSON (never `[object Object]`). */
function asText(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : JSON.stringify(value);
}

/** A stored record (import format) as form values for these fields. */
export function fromRecord(fields: readonly FormField[], record: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = record[field.name];
    if (value === undefined || value === null) continue;
    const type = field.spec.type;
    if (type === "texts") {
      values[field.name] = Array.isArray(value) ? value.map(asText).join("\n") : asText(value);
    } else if (type === "location") {
      const point = value as { lat?: unknown; lon?: unknown };
      values[`${field.name}.lat`] = point.lat === undefined ? "" : asText(point.lat);
      values[`${field.name}.lon`] = point.lon === undefined ? "" : asText(point.lon);
    } else if (type === "externalIds") {
      for (const id of Array.isArray(value) ? (value as { scheme?: unknown; value?: unknown }[]) : []) {
        if (typeof id.scheme === "string") values[`${field.name}.${id.scheme}`] = asText(id.value ?? "");
      }
    } else {
      values[field.name] = asText(value);
    }
  }
  return values;
}

/** Every input name the fields occupy (for tests and for matching problems to inputs). */
export function formInputNames(fields: readonly FormField[]): string[] {
  return fields.flatMap(inputNames);
}

/** A readable slug for a new record from its name or title: `Tampere City Report 2024` → `tampere-city-report-2024`. */
export function slugFrom(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
}
