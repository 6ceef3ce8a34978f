/** Exporting the graph: JSON and CSV (re-importable), Gephi tables, GraphML, GEXF and GeoJSON, streamed. See docs/import-export.md. */
import type { Writable } from "node:stream";
import type { Database } from "../database/index.js";
import type { UndatedPolicy } from "../graph-data/index.js";
import { readEntities, readOfficePlacements, readRelationships, readSources } from "./read-graph.js";
import {
  type CsvTable,
  type ExportFormat,
  type GraphReader,
  writeGephiCsv,
  writeGexf,
  writeGraphml,
  writeJson,
  writeRecordsCsv,
} from "./writers.js";
import { GEOJSON_CONTENT_TYPE, writeGeojson } from "./geojson-writer.js";

export { EXPORT_FORMATS, type ExportFormat, type CsvTable, xmlText } from "./writers.js";
export { countGraph as countExportItems } from "./read-graph.js";

export interface ExportOptions {
  readonly format: ExportFormat;
  /** A day (YYYY-MM-DD): only relationships valid on it. */
  readonly asOf: string | null;
  /** With `asOf`: what relationships without `validFrom` count as (UndatedPolicy; INCLUDE when omitted). */
  readonly undated?: UndatedPolicy;
  /** For the Gephi tables: the node table or the edge table. */
  readonly table?: CsvTable;
  /** Include personal contact details (Person email and phone): staff and the command line only. */
  readonly personal: boolean;
  /** Called once per entity or relationship written. */
  readonly onItem?: () => void;
  /** Records per read transaction (EXPORT_PAGE_SIZE). */
  readonly pageSize?: number;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  gephi: "text/csv; charset=utf-8",
  graphml: "application/graphml+xml; charset=utf-8",
  gexf: "application/gexf+xml; charset=utf-8",
  geojson: GEOJSON_CONTENT_TYPE,
};

export function exportFileName(format: ExportFormat, table?: CsvTable): string {
  if (format === "gephi") return `helsinki-kg-${table ?? "nodes"}.csv`;
  return `helsinki-kg.${format}`;
}

export async function exportGraph(db: Database, out: Writable, options: ExportOptions): Promise<void> {
  const graph: GraphReader = {
    sources: () => readSources(db, options.pageSize),
    entities: () => readEntities(db, options.personal, options.pageSize),
    relationships: () => readRelationships(db, options.asOf, options.pageSize, options.undated),
    officePlacements: () => readOfficePlacements(db),
  };
  const writeOptions = { asOf: options.asOf, ...(options.onItem ? { onItem: options.onItem } : {}) };
  switch (options.format) {
    case "json":
      return writeJson(graph, out, writeOptions);
    case "csv":
      return writeRecordsCsv(graph, out, writeOptions);
    case "gephi":
      return writeGephiCsv(graph, out, options.table ?? "nodes", writeOptions);
    case "graphml":
      return writeGraphml(graph, out, writeOptions);
    case "gexf":
      return writeGexf(graph, out, writeOptions);
    case "geojson":
      return writeGeojson(graph, out, writeOptions);
  }
}
