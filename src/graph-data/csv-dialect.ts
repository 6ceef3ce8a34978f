/**
 * Records as CSV rows: one record per row, its kind in the `record` column (`source`, `entity`,
 * `relationship`), every other column a field of the record model (derived from the field tables in
 * records.ts, so a new field is a new column without touching this file). Lists (`aliases`, `sources`)
 * are `|`-separated, a `|` inside a value written `\|`; a relationship's citations are its `sources` and
 * `excerpts` (and `locators`, for datasets), in the same order. Empty cells are absent fields.
 *
 * Cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) are
 * written with a leading `'`, and the reader takes one leading `'` off again, so the file is both safe to
 * open and lossless (a value that itself starts with `'` before such a character is escaped the same way).
 */
import {
  ENTITY_FIELDS,
  type FieldSpec,
  type FieldTable,
  KIND_FIELDS,
  RELATIONSHIP_FIELDS,
  SECTION_ITEM,
  SOURCE_FIELDS,
  type Section,
  type SectionRecord,
} from "./records.js";
import { ENTITY_KINDS } from "./vocabulary.js";

const RECORD_COLUMN = "record";

/** Field tables per section, in the order their columns appear. */
const TABLES: Record<Section, FieldTable[]> = {
  sources: [SOURCE_FIELDS],
  entities: [ENTITY_FIELDS, ...ENTITY_KINDS.map((kind) => KIND_FIELDS[kind] as FieldTable)],
  relationships: [RELATIONSHIP_FIELDS],
};

/** Field name → how its cells are read and written (the first definition wins; kinds agree on shared names). */
const FIELD_SPECS = new Map<string, FieldSpec>();
for (const tables of Object.values(TABLES)) {
  for (const table of tables)
    for (const [name, spec] of Object.entries(table)) if (!FIELD_SPECS.has(name)) FIELD_SPECS.set(name, spec);
}

/** Every column, in a stable, readable order: what a record is, its ends, names, then the rest. */
export const CSV_COLUMNS: readonly string[] = (() => {
  const columns = [RECORD_COLUMN, "id", "kind", "type", "from", "to"];
  for (const section of ["entities", "sources", "relationships"] as const) {
    for (const table of TABLES[section]) {
      for (const name of Object.keys(table)) {
        const names =
          name === "citations" ? ["sources", "excerpts", "locators"] : name === "location" ? ["lat", "lon"] : [name];
        for (const column of names) if (!columns.includes(column)) columns.push(column);
      }
    }
  }
  return columns;
})();

const LIST_SEPARATOR = "|";

/** `a|b\|c` → ["a", "b|c"]. */
export function splitList(cell: string): string[] {
  return cell.split(/(?<!\\)\|/).map((part) => part.replace(/\\\|/g, "|").trim());
}

export function joinList(values: readonly string[]): string {
  return values.map((value) => value.replaceAll(LIST_SEPARATOR, `\\${LIST_SEPARATOR}`)).join(LIST_SEPARATOR);
}

const FORMULA_START = /^'*[=+\-@\t\r]/;

/** A cell a spreadsheet would run as a formula gets a leading `'`. */
export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function unescapeCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;
}

/** The section a row belongs to (its `record` cell), or undefined. */
export function sectionOfRow(row: Record<string, string>): Section | undefined {
  const kind = (row[RECORD_COLUMN] ?? "").trim().toLowerCase();
  return (Object.keys(SECTION_ITEM) as Section[]).find((section) => SECTION_ITEM[section] === kind);
}

/** A CSV row as the raw record value the YAML form would give (unchecked: the checker decides). */
export function rowToRecord(section: Section, row: Record<string, string>): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [column, rawCell] of Object.entries(row)) {
    if (column === RECORD_COLUMN || rawCell === "") continue;
    const cell = unescapeCell(rawCell);
    const spec = FIELD_SPECS.get(column);
    if (spec?.type === "texts" || spec?.type === "slugs" || column === "excerpts" || column === "locators")
      value[column] = splitList(cell);
    else if (spec?.type === "externalIds") {
      // `wikidata:Q1757|geonames:658225`; a part without a scheme is kept whole, for the checker to refuse.
      value[column] = splitList(cell).map((part) => {
        const colon = part.indexOf(":");
        return colon > 0 ? { scheme: part.slice(0, colon), value: part.slice(colon + 1) } : { scheme: part, value: "" };
      });
    } else if (spec?.type === "count" && /^\d+$/.test(cell)) value[column] = Number(cell);
    else if (column === "lat" || column === "lon") {
      value.location = {
        ...(value.location as object | undefined),
        [column]: /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell,
      };
    } else value[column] = cell;
  }
  if (
    section === "relationships" &&
    (value.sources !== undefined || value.excerpts !== undefined || value.locators !== undefined)
  ) {
    const sources = (value.sources as string[] | undefined) ?? [];
    const excerpts = (value.excerpts as string[] | undefined) ?? [];
    const locators = (value.locators as string[] | undefined) ?? [];
    delete value.sources;
    delete value.excerpts;
    delete value.locators;
    // A source without its excerpt (or the reverse) lacks that part, as a YAML citation would: REQUIRED. An
    // empty place in one list (`a||c`) is an absent part: a dataset's citation has a locator, not an excerpt.
    const part = (list: string[], index: number) => (list[index] === "" ? undefined : list[index]);
    value.citations = Array.from(
      { length: Math.max(sources.length, excerpts.length, locators.length) },
      (_, index) => ({
        ...(sources[index] !== undefined ? { source: sources[index] } : {}),
        ...(part(excerpts, index) !== undefined ? { excerpt: part(excerpts, index) } : {}),
        ...(part(locators, index) !== undefined ? { locator: part(locators, index) } : {}),
      }),
    );
  }
  return value;
}

/** A record as a CSV row (every column present, absent fields empty). */
export function recordToRow<S extends Section>(section: S, record: SectionRecord[S]): string[] {
  const cells: Record<string, string> = { [RECORD_COLUMN]: SECTION_ITEM[section] };
  for (const [field, value] of Object.entries(record as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    if (field === "citations") {
      const citations = value as { source: string; excerpt?: string; locator?: string }[];
      cells.sources = joinList(citations.map((citation) => citation.source));
      cells.excerpts = joinList(citations.map((citation) => citation.excerpt ?? ""));
      if (citations.some((citation) => citation.locator !== undefined)) {
        cells.locators = joinList(citations.map((citation) => citation.locator ?? ""));
      }
    } else if (field === "externalIds") {
      cells.externalIds = joinList(
        (value as { scheme: string; value: string }[]).map((id) => `${id.scheme}:${id.value}`),
      );
    } else if (field === "location") {
      const { lat, lon } = value as { lat: number; lon: number };
      cells.lat = String(lat);
      cells.lon = String(lon);
    } else if (Array.isArray(value)) {
      cells[field] = joinList(value as string[]);
    } else {
      cells[field] = typeof value === "number" ? String(value) : (value as string);
    }
  }
  return CSV_COLUMNS.map((column) => spreadsheetSafe(cells[column] ?? ""));
}

/** The CSV column a record field is read from (`citations.0.excerpt` → `excerpts`). */
export function columnOfField(field: string): string {
  if (field.startsWith("citations"))
    return field.endsWith("excerpt") ? "excerpts" : field.endsWith("locator") ? "locators" : "sources";
  if (field.startsWith("location")) return field.endsWith("lon") ? "lon" : "lat";
  return field.split(".")[0] ?? field;
}
