/**
 * A saved question's answer as a table: JSON (`{ meta, rows }`, rows as flat objects) or CSV (RFC 4180:
 * a header row, CRLF line ends, fields quoted when they hold a comma, a quote or a line break, UTF-8, a BOM
 * on request for Excel), written by `csv-stringify`, which the export already uses.
 *
 * A relationship's sources go into two cells, `sources` (the source ids) and `sourceTitles`, each a list
 * joined with `|` (a `|` inside a value written `\|`): the import CSV's list dialect (graph-data/csv-dialect.ts),
 * so a cell reads back with the same rule. The second table (`table=sources`) has one row per relationship
 * and source, with every field of the citation. Cells a spreadsheet would run as a formula get a leading
 * `'` in CSV, as in every CSV this project writes (`spreadsheetSafe`); JSON carries the values as they are.
 */
import { stringify } from "csv-stringify/sync";
import { joinList, spreadsheetSafe } from "../graph-data/index.js";
import type { Cell, ParameterValue, QuestionCitation, QuestionRow, SavedQuestion } from "./question.js";

/** The columns every relationship row ends with. */
export const SOURCE_CELLS = ["sources", "sourceTitles"] as const;

/** The second table's columns: one row per relationship and source. */
export const SOURCE_COLUMNS = [
  "relationshipId",
  "sourceId",
  "title",
  "publisher",
  "publisherKind",
  "party",
  "published",
  "url",
  "excerpt",
  "locator",
] as const;

/** What a table's rows are, flat, in the order of `columns`. */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, Cell>>[];
}

/** Where an answer came from: the question, its parameters, the graph's version and when it was asked. */
export interface TableMeta {
  readonly question: string;
  readonly title: string;
  readonly description: string;
  readonly table: "rows" | "sources";
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  /** The graph's version (`<counter>:<write id>`): the same number means the same graph. Null: not versioned. */
  readonly graphVersion: string | null;
  /** When the graph was last written (ISO 8601), where known. */
  readonly graphModified: string | null;
  /** When this answer was asked for (ISO 8601). */
  readonly asked: string;
  readonly columns: readonly string[];
  readonly rowCount: number;
  /** How the `sources` and `sourceTitles` cells are written. */
  readonly sourcesCell?: string;
}

export const SOURCES_CELL_RULE =
  "the ids (sources) and titles (sourceTitles) of the sources cited, joined with |; a | inside a value is written \\|; table=sources lists them one per row";

/** The cells for a row's relationships' sources (each source once, in the order cited). */
export function sourceCells(relationships: QuestionRow["relationships"]): Record<(typeof SOURCE_CELLS)[number], Cell> {
  const seen = new Map<string, QuestionCitation>();
  for (const relationship of relationships ?? []) {
    for (const source of relationship.sources) if (!seen.has(source.sourceId)) seen.set(source.sourceId, source);
  }
  return {
    sources: joinList([...seen.keys()]),
    sourceTitles: joinList([...seen.values()].map((source) => source.title)),
  };
}

/** The question's rows as the table asked for: its rows, or one row per relationship and source. */
export function questionTable(question: SavedQuestion, rows: readonly QuestionRow[], table: "rows" | "sources"): Table {
  if (table === "rows") {
    return {
      columns: question.columns,
      rows: rows.map((row) =>
        Object.fromEntries(
          question.columns.map((column) => [
            column,
            question.relationships && (SOURCE_CELLS as readonly string[]).includes(column)
              ? sourceCells(row.relationships)[column as (typeof SOURCE_CELLS)[number]]
              : (row.cells[column] ?? null),
          ]),
        ),
      ),
    };
  }
  const out: Record<string, Cell>[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const relationship of row.relationships ?? []) {
      for (const source of relationship.sources) {
        const key = `${relationship.id}\u0000${source.sourceId}`;
        if (seen.has(key)) continue; // a relationship on several rows (a peer shared by many) is listed once
        seen.add(key);
        out.push({
          relationshipId: relationship.id,
          sourceId: source.sourceId,
          title: source.title,
          publisher: source.publisher ?? null,
          publisherKind: source.publisherKind ?? null,
          party: source.party ?? null,
          published: source.published ?? null,
          url: source.url ?? null,
          excerpt: source.excerpt ?? null,
          locator: source.locator ?? null,
        });
      }
    }
  }
  return { columns: SOURCE_COLUMNS, rows: out };
}

/** `{ meta, rows }`, one JSON document. */
export function tableJson(table: Table, meta: TableMeta): string {
  return `${JSON.stringify({ meta, rows: table.rows })}\n`;
}

/** The table as CSV (RFC 4180): header row, CRLF, quoting where needed, a UTF-8 BOM when asked. */
export function tableCsv(table: Table, bom: boolean): string {
  const records = table.rows.map((row) => table.columns.map((column) => csvCell(row[column] ?? null)));
  return stringify(records, {
    header: true,
    columns: [...table.columns],
    record_delimiter: "\r\n",
    bom,
  });
}

function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "string") return spreadsheetSafe(value);
  return String(value);
}
