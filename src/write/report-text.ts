/**
 * A write's report as lines for a terminal: counts, then each record that is not unchanged — the fields it
 * changes, the ones it removes and (PATCH mode) the ones it left out and kept — then the warnings.
 */
import type { ItemKind } from "../graph-data/index.js";
import type { WriteReport } from "./write-graph.js";

const PLURAL: Record<ItemKind, string> = { source: "sources", entity: "entities", relationship: "relationships" };
const MARK = { new: "+", changed: "~", corroborated: "=", conflict: "!", deleted: "-", unchanged: " " } as const;

export function formatWriteReport(report: WriteReport): string {
  const { sources, entities, relationships } = report.records;
  const lines = [
    `${report.dryRun ? "Dry run of" : "Wrote"} ${report.input || "the request"}: ${sources} sources, ${entities} entities, ${relationships} relationships read. Mode ${report.mode === "patch" ? "PATCH: fields left out are kept" : "REPLACE: a record as given is the whole record"}.`,
  ];
  for (const item of ["source", "entity", "relationship"] as const) {
    const counts = report.counts[item];
    const parts = [`${counts.new} new`, `${counts.changed} changed`, `${counts.unchanged} unchanged`];
    if (counts.corroborated) parts.push(`${counts.corroborated} corroborated`);
    if (counts.conflicts) parts.push(`${counts.conflicts} conflicting`);
    if (counts.deleted) parts.push(`${counts.deleted} deleted`);
    lines.push(`  ${PLURAL[item]}: ${parts.join(", ")}`);
  }
  for (const entry of report.items) {
    const fields = entry.fields.length > 0 ? ` (${entry.fields.join(", ")})` : "";
    const removed = entry.removed?.length ? ` — removes ${entry.removed.join(", ")}` : "";
    const kept = entry.kept?.length ? ` — keeps ${entry.kept.join(", ")} (left out)` : "";
    const conflict = entry.conflict ? ` — conflict: ${entry.conflict}` : "";
    lines.push(`  ${MARK[entry.change]} ${entry.item} ${entry.id}${fields}${removed}${kept}${conflict}`);
  }
  if (report.truncated) lines.push(`  … and more (only the first ${report.items.length} are listed)`);
  for (const warning of report.warnings) lines.push(`Warning (${warning.code}): ${warning.message}`);
  lines.push(
    report.dryRun
      ? "Nothing was changed (dry run)."
      : report.batched
        ? "Committed in batches, one transaction each."
        : "Committed in one transaction.",
  );
  return lines.join("\n");
}
