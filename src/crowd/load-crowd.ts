/**
 * `npm run kg -- crowd`: the crowd layer into the graph, through the one write path (`writeGraph`), as an
 * ordinary import of the records crowd-records.ts makes. The graph is asked first which items its entities
 * already carry (a curated city with its Wikidata id), so those get no Place and their pairs reach the
 * curated entity; everything else — resolving the `wikidata:` ends, checks, planning, history, the graph's
 * version — is the write path's. A second load is reported unchanged record by record.
 *
 * Batched (one transaction per 10,000 records, fast-path.ts) by default: measured on the whole dataset,
 * see docs/benchmarks.md ("The crowd layer").
 */
import path from "node:path";
import { PROJECT_ROOT } from "../config/index.js";
import type { Database } from "../database/index.js";
import { recordsReader } from "../graph-data/index.js";
import { type WriteReport, entitiesByExternalId, writeGraph } from "../write/index.js";
import { CROWD_SOURCE_ID } from "./crowd-source.js";
import { type CrowdRecords, crowdRecords } from "./crowd-records.js";
import { TWINNED_DATASET_DIR, type TwinnedDataset } from "./twinned-dataset.js";

export interface CrowdLoadOptions {
  readonly dryRun: boolean;
  /** Who writes (`cli:<user>` from the command line). */
  readonly actor: string;
  /** One transaction per batch (default) or one for the whole load. */
  readonly batched?: boolean;
  readonly onChecked?: (records: number) => void;
  readonly onProgress?: (done: number) => void;
}

/**
 * The records for this graph: which items its entities already carry decides which Places are made, and a
 * pair re-pointed by a merge keeps the id the merge gave it.
 */
export async function crowdRecordsFor(db: Database, dataset: TwinnedDataset): Promise<CrowdRecords> {
  const qids = [...dataset.labels.keys()].map((value) => ({ scheme: "wikidata", value }));
  const { holders, storedIds } = await db.read(async (tx) => {
    const repointed = await tx.run(
      "MATCH ()-[r:PARTNER_OF]->() WHERE r.id STARTS WITH 'p190--' AND r.id CONTAINS '~' RETURN r.id AS id ORDER BY id",
    );
    const stored = new Map<string, string>();
    for (const record of repointed.records) {
      const id = record.get("id") as string;
      const base = id.slice(0, id.indexOf("~"));
      if (!stored.has(base)) stored.set(base, id);
    }
    return { holders: await entitiesByExternalId(tx, qids), storedIds: stored };
  });
  return crowdRecords(dataset, holders, storedIds);
}

export async function loadCrowd(
  db: Database,
  dataset: TwinnedDataset,
  options: CrowdLoadOptions,
  /** The dataset's folder, named in the report. */
  dir = TWINNED_DATASET_DIR,
): Promise<WriteReport> {
  const records = await crowdRecordsFor(db, dataset);
  return writeGraph(
    db,
    {
      reader: {
        ...recordsReader({
          sources: records.sources as unknown as Record<string, unknown>[],
          entities: records.entities,
          relationships: records.relationships as unknown as Record<string, unknown>[],
        }),
        fileName: path.relative(PROJECT_ROOT, dir) || dir,
      },
    },
    {
      dryRun: options.dryRun,
      batched: options.batched ?? true,
      actor: options.actor,
      origin: `dataset:${CROWD_SOURCE_ID}`,
      staff: false,
      // The whole dataset is tens of thousands of records: Neo4j's memory bounds it, not a timeout (0: none).
      timeoutMs: 0,
      ...(options.onChecked ? { onChecked: options.onChecked } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    },
  );
}
