/**
 * Reads an import file as a stream of raw records, each able to say where it is in the file, so every
 * problem can name the file, the line (YAML, JSON) or row (CSV), and the field. Reading is repeatable:
 * the importer passes over a file more than once rather than holding it in memory.
 *
 * - YAML and JSON: the graph file format (`sources`, `entities`, `relationships`); JSON is read with the
 *   YAML parser (JSON is YAML) so its records have line numbers too.
 * - CSV: one record per row, its kind in the `record` column (see README → Importing facts).
 */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { parse as parseCsv } from "csv-parse";
import { LineCounter, isMap, isSeq, parseDocument } from "yaml";

export type Section = "sources" | "entities" | "relationships";
export const SECTIONS: readonly Section[] = ["sources", "entities", "relationships"];

export type ImportFormat = "yaml" | "json" | "csv";

export interface RawRecord {
  readonly section: Section;
  /** Position within its section (0-based), for ids that default from it. */
  readonly index: number;
  readonly value: Record<string, unknown>;
  /** "file:line" (or "file:row N") of a field (dotted path) or of the record itself. */
  locate(field?: string): string;
}

/** A problem that is about the file as a whole or a record that could not be read at all. */
export interface ReadProblem {
  readonly at: string;
  readonly message: string;
  /** The file could not be read as a whole (bad syntax): its records cannot be trusted for further checks. */
  readonly fatal?: boolean;
}

export interface RecordReader {
  readonly fileName: string;
  readonly format: ImportFormat;
  /** Every record, in file order; problems with the file's structure go to `onProblem`. */
  records(onProblem: (problem: ReadProblem) => void): AsyncIterable<RawRecord>;
}

export function formatOf(fileName: string, explicit?: string): ImportFormat {
  const format = (explicit ?? path.extname(fileName).slice(1)).toLowerCase();
  if (format === "yaml" || format === "yml") return "yaml";
  if (format === "json") return "json";
  if (format === "csv") return "csv";
  throw new Error(`Cannot tell the format of ${fileName}: use a .yaml, .json or .csv file, or --format.`);
}

/** A reader over a file on disk. */
export function fileReader(file: string, format = formatOf(file), fileName = file): RecordReader {
  if (format === "csv") return csvReader(fileName, () => createReadStream(file));
  return documentReader(fileName, format, () => readFile(file, "utf8"));
}

/** A reader over text already in memory (the GraphQL import mutation). */
export function textReader(text: string, fileName: string, format: ImportFormat): RecordReader {
  if (format === "csv") return csvReader(fileName, () => Readable.from([text]));
  return documentReader(fileName, format, () => Promise.resolve(text));
}

function documentReader(fileName: string, format: ImportFormat, load: () => Promise<string>): RecordReader {
  return {
    fileName,
    format,
    async *records(onProblem) {
      const lineCounter = new LineCounter();
      const document = parseDocument(await load(), { lineCounter, prettyErrors: false, uniqueKeys: true });
      const line = (offset: number): string => `${fileName}:${lineCounter.linePos(offset).line}`;
      if (document.errors.length > 0) {
        for (const error of document.errors) {
          onProblem({
            at: line(error.pos[0]),
            message: `not valid ${format.toUpperCase()}: ${error.message.split("\n")[0]}`,
            fatal: true,
          });
        }
        return;
      }
      const root = document.contents;
      if (root !== null && !isMap(root)) {
        onProblem({
          at: `${fileName}:1`,
          message: "the file must be a mapping with sources, entities, relationships",
          fatal: true,
        });
        return;
      }
      for (const item of root?.items ?? []) {
        const key = textOf((item.key as { value?: unknown } | null)?.value);
        if (key === "format") continue;
        if (!(SECTIONS as readonly string[]).includes(key)) {
          const offset = (item.key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
          onProblem({ at: line(offset), message: `unknown section ${key} (expected ${SECTIONS.join(", ")})` });
        }
      }
      for (const section of SECTIONS) {
        const list = document.get(section, true);
        if (list === undefined || list === null) continue;
        if (!isSeq(list)) {
          onProblem({ at: line((list as { range?: number[] }).range?.[0] ?? 0), message: `${section} must be a list` });
          continue;
        }
        for (let index = 0; index < list.items.length; index++) {
          const node = list.items[index] as { range?: [number, number, number]; toJSON?: () => unknown } | null;
          const recordAt = line(node?.range?.[0] ?? 0);
          if (!isMap(node)) {
            onProblem({ at: recordAt, message: `${section}[${index}] must be a mapping` });
            continue;
          }
          yield {
            section,
            index,
            value: (node as unknown as { toJS(doc: unknown): Record<string, unknown> }).toJS(document),
            locate(field) {
              if (!field) return recordAt;
              const keys = field.split(".").map((key) => (/^\d+$/.test(key) ? Number(key) : key));
              for (let depth = keys.length; depth > 0; depth--) {
                const found = document.getIn([section, index, ...keys.slice(0, depth)], true) as
                  { range?: [number, number, number] } | undefined;
                if (found?.range) return line(found.range[0]);
              }
              return recordAt;
            },
          };
        }
      }
    },
  };
}

function textOf(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
}

/** CSV columns whose cells hold several values, separated by `|`. */
const LIST_COLUMNS = new Set(["aliases", "sources", "excerpts"]);
/** CSV columns holding numbers. */
const NUMBER_COLUMNS = new Set(["staffCount"]);

const RECORD_SECTIONS: Record<string, Section> = {
  source: "sources",
  entity: "entities",
  relationship: "relationships",
};

function csvReader(fileName: string, open: () => NodeJS.ReadableStream): RecordReader {
  return {
    fileName,
    format: "csv",
    async *records(onProblem) {
      const source = open();
      const parser = parseCsv({
        columns: true,
        bom: true,
        skip_empty_lines: true,
        trim: true,
        info: true,
        relax_column_count: false,
      });
      // `pipe` does not pass on the file's own errors (missing, unreadable): hand them to the parser.
      source.on("error", (error: Error) => parser.destroy(error));
      source.pipe(parser);
      const counters: Record<Section, number> = { sources: 0, entities: 0, relationships: 0 };
      try {
        for await (const { record, info } of parser as AsyncIterable<{
          record: Record<string, string>;
          info: { lines: number };
        }>) {
          const at = `${fileName}:${info.lines}`;
          const section = RECORD_SECTIONS[(record.record ?? "").toLowerCase()];
          if (!section) {
            onProblem({
              at,
              message: `column record must be source, entity or relationship (got "${record.record ?? ""}")`,
            });
            continue;
          }
          const value = csvRowToRecord(section, record);
          yield {
            section,
            index: counters[section]++,
            value,
            locate: (field) => (field ? `${at} (column ${csvColumnOf(field)})` : at),
          };
        }
      } catch (error) {
        const info = error as { message?: string; lines?: number; code?: string };
        const unreadable = typeof info.code === "string" && !info.code.startsWith("CSV_");
        onProblem({
          at: `${fileName}${info.lines ? `:${info.lines}` : ""}`,
          message: `${unreadable ? "cannot be read" : "not valid CSV"}: ${info.message ?? String(error)}`,
          fatal: true,
        });
      } finally {
        (source as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      }
    },
  };
}

/** A CSV row as the same record shape the YAML format has: empty cells left out, lists split. */
function csvRowToRecord(section: Section, row: Record<string, string>): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(row)) {
    if (column === "record" || cell === "") continue;
    if (LIST_COLUMNS.has(column)) value[column] = splitList(cell);
    else if (NUMBER_COLUMNS.has(column) && /^\d+$/.test(cell)) value[column] = Number(cell);
    else value[column] = cell;
  }
  if (section === "relationships") {
    const sources = (value.sources as string[] | undefined) ?? [];
    const excerpts = (value.excerpts as string[] | undefined) ?? [];
    delete value.sources;
    delete value.excerpts;
    value.citations = sources.map((source, index) => ({ source, excerpt: excerpts[index] ?? "" }));
  }
  return value;
}

/** `a|b\|c` → ["a", "b|c"]: `|` separates values; `\|` is a `|` inside a value. */
export function splitList(cell: string): string[] {
  return cell.split(/(?<!\\)\|/).map((part) => part.replace(/\\\|/g, "|").trim());
}

/** Record field → the CSV column it came from (`citations.0.excerpt` → `excerpts`). */
function csvColumnOf(field: string): string {
  if (field.startsWith("citations")) return field.endsWith("excerpt") ? "excerpts" : "sources";
  return field.split(".")[0] ?? field;
}
