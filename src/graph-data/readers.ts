/**
 * Readers: graph data as a stream of raw (unchecked) records, each able to say where it stands, so every
 * problem can name the file, line and column (YAML, JSON), the row and column (CSV), or the position in a
 * list (API input). Reading is repeatable: the write path passes over an input more than once rather than
 * holding a whole file's records in memory.
 *
 * - YAML and JSON: three lists, `sources`, `entities`, `relationships` (JSON is read with the YAML parser —
 *   JSON is YAML — so its records have lines too); `format` and `asOf` (what an export writes) are allowed.
 * - CSV: one record per row (csv-dialect.ts).
 * - In memory: records already parsed (API mutations, tests).
 */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { parse as parseCsv } from "csv-parse";
import { LineCounter, isMap, isSeq, parseDocument } from "yaml";
import { CSV_COLUMNS, columnOfField, rowToRecord, sectionOfRow } from "./csv-dialect.js";
import { type Position, type Problem, ProblemCode } from "./problems.js";
import { SECTIONS, type Section } from "./records.js";

export type InputFormat = "yaml" | "json" | "csv";
export const INPUT_FORMATS: readonly InputFormat[] = ["yaml", "json", "csv"];

export interface RawRecord {
  readonly section: Section;
  /** Position within its section (0-based). */
  readonly index: number;
  readonly value: Record<string, unknown>;
  /** Where a field (dotted path) or, without one, the record itself stands. */
  locate(field?: string | null): Position;
}

export interface RecordReader {
  /** Names the input in problems and in the history (`file:<name>`); empty for API input. */
  readonly fileName: string;
  readonly format: InputFormat | "records";
  /**
   * Every record, in input order. Problems with the input's structure go to `onProblem`; one marked
   * `fatal` means the input could not be read as a whole, and its records cannot be trusted.
   */
  records(onProblem: (problem: Problem, fatal: boolean) => void): AsyncIterable<RawRecord>;
}

/** Keys a graph file may have besides the three lists (an export's header). */
const META_KEYS = new Set(["format", "asOf"]);

export function formatOf(fileName: string, explicit?: string): InputFormat | undefined {
  const format = (explicit ?? path.extname(fileName).slice(1)).toLowerCase();
  if (format === "yaml" || format === "yml") return "yaml";
  if (format === "json") return "json";
  if (format === "csv") return "csv";
  return undefined;
}

/** A reader over a file on disk. */
export function fileReader(file: string, format: InputFormat, fileName = file): RecordReader {
  if (format === "csv") return csvReader(fileName, () => createReadStream(file));
  return documentReader(fileName, format, () => readFile(file, "utf8"));
}

/** A reader over text already in memory (the importGraph mutation). */
export function textReader(text: string, fileName: string, format: InputFormat): RecordReader {
  if (format === "csv") return csvReader(fileName, () => Readable.from([text]));
  return documentReader(fileName, format, () => Promise.resolve(text));
}

/** A reader over records already parsed, by section (API mutations, the seed in tests). */
export function recordsReader(records: Partial<Record<Section, readonly Record<string, unknown>[]>>): RecordReader {
  return {
    fileName: "",
    format: "records",
    async *records() {
      for (const section of SECTIONS) {
        const list = records[section] ?? [];
        for (let index = 0; index < list.length; index++) {
          yield { section, index, value: list[index]!, locate: () => ({ index }) };
        }
      }
    },
  };
}

/** Several readers as one (the seed: every file in seed/), checked and written together. */
export function concatReaders(readers: readonly RecordReader[], fileName: string): RecordReader {
  return {
    fileName,
    format: "records",
    async *records(onProblem) {
      for (const reader of readers) yield* reader.records(onProblem);
    },
  };
}

const fileProblem = (position: Position, message: string): Problem => ({
  ...position,
  item: "file",
  id: null,
  field: null,
  code: ProblemCode.InvalidFile,
  message,
});

function documentReader(fileName: string, format: InputFormat, load: () => Promise<string>): RecordReader {
  return {
    fileName,
    format,
    async *records(onProblem) {
      let text: string;
      try {
        text = await load();
      } catch (error) {
        onProblem(fileProblem({ file: fileName }, `cannot be read: ${(error as Error).message}`), true);
        return;
      }
      const lineCounter = new LineCounter();
      const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
      const at = (offset: number): Position => {
        const { line, col } = lineCounter.linePos(offset);
        return { file: fileName, line, column: col };
      };
      if (document.errors.length > 0) {
        for (const error of document.errors) {
          onProblem(
            fileProblem(at(error.pos[0]), `not valid ${format.toUpperCase()}: ${error.message.split("\n")[0]}`),
            true,
          );
        }
        return;
      }
      const root = document.contents;
      if (root !== null && !isMap(root)) {
        onProblem(
          fileProblem({ file: fileName, line: 1 }, "must be a mapping with sources, entities and relationships"),
          true,
        );
        return;
      }
      for (const item of root?.items ?? []) {
        const keyNode = item.key as { value?: unknown; range?: [number, number, number] } | null;
        const key = String(keyNode?.value);
        if (!META_KEYS.has(key) && !(SECTIONS as readonly string[]).includes(key)) {
          onProblem(
            fileProblem(at(keyNode?.range?.[0] ?? 0), `unknown section ${key} (expected ${SECTIONS.join(", ")})`),
            false,
          );
        }
      }
      for (const section of SECTIONS) {
        const list = document.get(section, true);
        if (list === undefined || list === null) continue;
        if (!isSeq(list)) {
          onProblem(
            fileProblem(at((list as { range?: number[] }).range?.[0] ?? 0), `${section} must be a list`),
            false,
          );
          continue;
        }
        for (let index = 0; index < list.items.length; index++) {
          const node = list.items[index] as { range?: [number, number, number] } | null;
          const recordAt = at(node?.range?.[0] ?? 0);
          if (!isMap(node)) {
            onProblem(fileProblem(recordAt, `${section}[${index}] must be a mapping of fields`), false);
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
                if (found?.range) return at(found.range[0]);
              }
              return recordAt;
            },
          };
        }
      }
    },
  };
}

function csvReader(fileName: string, open: () => NodeJS.ReadableStream): RecordReader {
  return {
    fileName,
    format: "csv",
    async *records(onProblem) {
      const source = open();
      const parser = parseCsv({ columns: true, bom: true, skip_empty_lines: true, trim: true, info: true });
      // `pipe` does not pass on the file's own errors (missing, unreadable): hand them to the parser.
      source.on("error", (error: Error) => parser.destroy(error));
      source.pipe(parser);
      const counters: Record<Section, number> = { sources: 0, entities: 0, relationships: 0 };
      let header: string[] | undefined;
      try {
        for await (const { record: row, info } of parser as AsyncIterable<{
          record: Record<string, string>;
          info: { lines: number; columns: { name: string }[] | boolean };
        }>) {
          if (!header) {
            header = Array.isArray(info.columns) ? info.columns.map((column) => column.name) : [];
            for (const [index, name] of header.entries()) {
              if (!CSV_COLUMNS.includes(name)) {
                onProblem(fileProblem({ file: fileName, line: 1, column: index + 1 }, `unknown column ${name}`), false);
              }
            }
          }
          const columns = header;
          const line = info.lines;
          const section = sectionOfRow(row);
          if (!section) {
            onProblem(
              fileProblem(
                { file: fileName, line, column: columns.indexOf("record") + 1 || undefined },
                `column record must be source, entity or relationship (got "${(row.record ?? "").slice(0, 40)}")`,
              ),
              false,
            );
            continue;
          }
          yield {
            section,
            index: counters[section]++,
            value: rowToRecord(section, row),
            locate: (field) => {
              const column = field ? columns.indexOf(columnOfField(field)) + 1 : 0;
              return column > 0 ? { file: fileName, line, column } : { file: fileName, line };
            },
          };
        }
      } catch (error) {
        const info = error as { message?: string; lines?: number; code?: string };
        const unreadable = typeof info.code === "string" && !info.code.startsWith("CSV_");
        onProblem(
          fileProblem(
            { file: fileName, ...(info.lines ? { line: info.lines } : {}) },
            `${unreadable ? "cannot be read" : "not valid CSV"}: ${info.message ?? String(error)}`,
          ),
          true,
        );
      } finally {
        (source as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      }
    },
  };
}
