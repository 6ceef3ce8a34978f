/**
 * The synthetic graph (synthetic-graph.ts) as an input of the write path: a `RecordReader` yielding its
 * sources, entities and relationships in the import format, so the benchmark imports it through
 * `writeGraph` — the same checks, planning, history and version as `npm run kg -- import` — rather than
 * with a loader of its own. The generator is seeded, so every pass the write path makes over the input
 * (two to check, then one per section to write) sees the same records; nothing is held beyond one batch.
 */
import type { RawRecord, RecordReader, Section } from "../src/graph-data/index.js";
import { type GraphPlan, syntheticBatches } from "./synthetic-graph.js";

const SECTION_OF = { nodes: "entities", relationships: "relationships" } as const;

/** A stored-properties row of the generator as the import format's record. */
function entityRecord(label: string, row: Record<string, unknown>): Record<string, unknown> {
  const { sourceIds, ...fields } = row;
  const record: Record<string, unknown> = { kind: label, ...fields, sources: sourceIds };
  if (Array.isArray(record.aliases) && record.aliases.length === 0) delete record.aliases;
  return record;
}

function relationshipRecord(
  type: string,
  row: { from: string; to: string; properties: Record<string, unknown> },
): Record<string, unknown> {
  const { sourceIds, excerpts, ...fields } = row.properties as {
    sourceIds: string[];
    excerpts: string[];
  } & Record<string, unknown>;
  return {
    type,
    from: row.from,
    to: row.to,
    ...fields,
    citations: sourceIds.map((source, i) => ({ source, excerpt: excerpts[i] ?? "synthetic citation" })),
  };
}

/** The synthetic graph of `plan`, as records of the import format. */
export function syntheticReader(plan: GraphPlan): RecordReader {
  return {
    fileName: `synthetic-${plan.total}-${plan.seed}`,
    format: "records",
    async *records() {
      const index: Record<Section, number> = { sources: 0, entities: 0, relationships: 0 };
      for await (const batch of syntheticBatches(plan)) {
        for (const row of batch.rows) {
          let section: Section;
          let value: Record<string, unknown>;
          if (batch.kind === "nodes") {
            section = batch.label === "Source" ? "sources" : SECTION_OF.nodes;
            value = batch.label === "Source" ? { ...(row as Record<string, unknown>) } : entityRecord(batch.label, row);
          } else {
            section = SECTION_OF.relationships;
            value = relationshipRecord(
              batch.type,
              row as { from: string; to: string; properties: Record<string, unknown> },
            );
          }
          const at = index[section]++;
          const record: RawRecord = { section, index: at, value, locate: () => ({ index: at }) };
          yield record;
        }
      }
    },
  };
}
