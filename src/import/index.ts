/**
 * Importing facts: read (YAML, JSON or CSV), check the whole file, then apply it in one transaction with
 * its history, or (dry run) report what would change and change nothing. See README → Importing facts.
 */
import type { Database } from "../database/index.js";
import { GraphDataError } from "../errors/index.js";
import { type ApplyOptions, type ApplyResult, applyImport } from "./apply.js";
import type { RecordReader, Section } from "./read-records.js";
import { validateImport } from "./validate.js";

export { fileReader, textReader, formatOf, type ImportFormat, type RecordReader } from "./read-records.js";
export type { ApplyResult, ItemReport, ImportCounts, ItemKind, ChangeKind } from "./apply.js";

export interface ImportReport extends ApplyResult {
  readonly file: string;
  readonly dryRun: boolean;
  /** Records read, by section. */
  readonly records: Readonly<Record<Section, number>>;
}

/** Checks, then applies (or with `dryRun`, only reports). A file with problems throws GraphDataError listing them all. */
export async function importGraph(
  db: Database,
  reader: RecordReader,
  options: Omit<ApplyOptions, "onProgress"> & {
    onValidated?: (records: number) => void;
    onProgress?: (done: number) => void;
  },
): Promise<ImportReport> {
  const validation = await validateImport(db, reader);
  if (validation.problems.length > 0) throw new GraphDataError(validation.problems);
  const total = validation.counts.sources + validation.counts.entities + validation.counts.relationships;
  options.onValidated?.(total);
  const result = await applyImport(db, reader, options);
  return { ...result, file: reader.fileName, dryRun: options.dryRun, records: validation.counts };
}

/** The report as lines for a terminal: counts, then each new or changed item, conflicts marked. */
export function formatImportReport(report: ImportReport): string {
  const lines = [
    `${report.dryRun ? "Dry run of" : "Imported"} ${report.file}: ${report.records.sources} sources, ${report.records.entities} entities, ${report.records.relationships} relationships read.`,
  ];
  const plural = { source: "sources", entity: "entities", relationship: "relationships" } as const;
  for (const item of ["source", "entity", "relationship"] as const) {
    const counts = report.counts[item];
    lines.push(
      `  ${plural[item]}: ${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged${counts.conflicts ? `, ${counts.conflicts} conflicting` : ""}`,
    );
  }
  for (const entry of report.items) {
    const fields = entry.fields ? ` (${entry.fields.join(", ")})` : "";
    const conflict = entry.conflict ? ` — conflict: ${entry.conflict}` : "";
    lines.push(`  ${entry.change === "new" ? "+" : "~"} ${entry.item} ${entry.id}${fields}${conflict}`);
  }
  if (report.truncated) lines.push(`  … and more (only the first ${report.items.length} are listed)`);
  lines.push(report.dryRun ? "Nothing was changed (dry run)." : "Committed in one transaction.");
  return lines.join("\n");
}
