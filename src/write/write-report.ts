/**
 * A write's report, as both halves of the write path build it (write-graph.ts in one transaction,
 * batched-write.ts per batch): counts per kind of record and change, every record that is not unchanged with the
 * fields it changes and removes (and, in PATCH mode, the fields it left out that were kept), and a warning
 * for every record a REPLACE write strips of data — so nobody removes data without being told.
 */
import type { ItemKind, Section } from "../graph-data/index.js";
import type { ChangeKind, PlannedItem } from "./plan.js";
import type { WriteMode } from "./write-input.js";

export interface WriteCounts {
  new: number;
  changed: number;
  unchanged: number;
  corroborated: number;
  conflicts: number;
  deleted: number;
}

/** One line of a write's report: every record that is not unchanged. */
export interface ItemReport {
  readonly item: ItemKind;
  readonly id: string;
  readonly change: ChangeKind;
  /** The fields that changed (for `changed`, `corroborated`, `conflict`). */
  readonly fields: readonly string[];
  /** The fields that held data and the write removes (REPLACE: left out; PATCH: cleared with null); absent: none. */
  readonly removed?: readonly string[];
  /**
   * PATCH mode: fields the record left out that hold data, kept as stored (a REPLACE would have removed them);
   * absent: none.
   */
  readonly kept?: readonly string[];
  readonly conflict?: string;
}

/** Codes of the warnings a write answers with (it was carried out; the warning says what it cost). */
export const WarningCode = {
  /** A record written in REPLACE mode left out fields that held data: they were (or would be) removed. */
  FieldsRemoved: "FIELDS_REMOVED",
} as const;
export type WarningCode = (typeof WarningCode)[keyof typeof WarningCode];

export interface WriteWarning {
  readonly code: WarningCode;
  readonly item: ItemKind;
  readonly id: string;
  readonly fields: readonly string[];
  readonly message: string;
}

export interface WriteReport {
  /** Groups the history of this write (`Change.writeId`); null for a dry run. */
  readonly writeId: string | null;
  /** The graph's version after this write (graph-version.ts); null when it wrote nothing or was a dry run. */
  readonly graphVersion: number | null;
  readonly dryRun: boolean;
  /** How records written again met the stored ones. */
  readonly mode: WriteMode;
  /** The input's name (a file), empty for API input. */
  readonly input: string;
  /** Records read, by section. */
  readonly records: Readonly<Record<Section, number>>;
  readonly counts: Readonly<Record<ItemKind, WriteCounts>>;
  readonly items: readonly ItemReport[];
  /** Records that lose data the input left out (REPLACE mode; an undo, which means to, is not warned about). */
  readonly warnings: readonly WriteWarning[];
  /** True when more records changed (or were warned about) than `items` (or `warnings`) list. */
  readonly truncated: boolean;
  /** Written one transaction per batch (batched-write.ts) rather than in one. */
  readonly batched?: boolean;
}

export function emptyCounts(): WriteCounts {
  return { new: 0, changed: 0, unchanged: 0, corroborated: 0, conflicts: 0, deleted: 0 };
}

export interface ReportOptions {
  readonly mode: WriteMode;
  /** Warn about removed fields (REPLACE mode, not an undo). */
  readonly warn: boolean;
  /** At most this many items (and warnings) are listed; all are counted. */
  readonly maxListed: number;
  /** PATCH mode: the fields a record left out that were kept, by `<item>:<id>`. */
  readonly kept?: ReadonlyMap<string, readonly string[]>;
}

export class ReportBuilder {
  readonly counts: Record<ItemKind, WriteCounts> = {
    source: emptyCounts(),
    entity: emptyCounts(),
    relationship: emptyCounts(),
  };
  readonly items: ItemReport[] = [];
  readonly warnings: WriteWarning[] = [];
  truncated = false;

  constructor(private readonly options: ReportOptions) {}

  note(item: PlannedItem): void {
    const counts = this.counts[item.item];
    if (item.change === "conflict") counts.conflicts++;
    else counts[item.change]++;
    if (item.change === "unchanged") return;
    const removed = item.change === "deleted" ? [] : item.removed;
    if (this.options.warn && removed.length > 0) {
      if (this.warnings.length >= this.options.maxListed) this.truncated = true;
      else {
        this.warnings.push({
          code: WarningCode.FieldsRemoved,
          item: item.item,
          id: item.id,
          fields: removed,
          message: `${item.item} ${item.id}: ${removed.join(", ")} held data the input left out, and ${removed.length === 1 ? "is" : "are"} removed (mode REPLACE: a record as given is the whole record). Write it with mode PATCH to keep ${removed.length === 1 ? "it" : "them"}, or give ${removed.length === 1 ? "it" : "them"}.`,
        });
      }
    }
    if (this.items.length >= this.options.maxListed) {
      this.truncated = true;
      return;
    }
    const kept = item.change === "new" ? undefined : this.options.kept?.get(`${item.item}:${item.id}`);
    this.items.push({
      item: item.item,
      id: item.id,
      change: item.change,
      fields: item.change === "new" || item.change === "deleted" ? [] : item.fields,
      ...(removed.length > 0 ? { removed } : {}),
      ...(kept && kept.length > 0 ? { kept } : {}),
      ...(item.conflict ? { conflict: item.conflict } : {}),
    });
  }
}
