/**
 * The curated graph: every `seed/*.yaml` file, read in name order, with the values reference datasets add to
 * it (`seed/enrichment/*.yaml`, see seed-enrichment.ts) laid over them, written together as ONE import
 * through the write path, recorded in the history with actor `seed`. Loading it again changes nothing
 * that is the same; a record someone else wrote since the seed (an editor through the API, an import) is
 * kept as they left it and reported as a conflict, never silently overwritten.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT } from "../config/index.js";
import type { Database } from "../database/index.js";
import {
  type EntityRecord,
  type GraphData,
  type RecordReader,
  type RelationshipRecord,
  type SourceRecord,
  checkRecord,
  concatReaders,
  fileReader,
} from "../graph-data/index.js";
import { checkInput } from "./check-input.js";
import { withEnrichment } from "./seed-enrichment.js";
import { memoryLookup } from "./stored-state.js";
import { type WriteReport, writeGraph } from "./write-graph.js";

export const SEED_DIR = path.join(PROJECT_ROOT, "seed");
/** Who the history says wrote the curated graph. */
export const SEED_ACTOR = "seed";
/**
 * The seed runs at start-up, not for a client: it gets minutes rather than the per-request timeout, since its
 * first load plans every query of the write path once, which a busy 2-core machine can stretch past 15 s.
 */
const SEED_TIMEOUT_MS = 5 * 60 * 1000;

/** The seed files, in the order they are read. */
export async function seedFiles(dir = SEED_DIR): Promise<string[]> {
  return (await readdir(dir))
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => path.join(dir, name));
}

/** The enrichment laid over the curated files (seed-enrichment.ts), when the seed folder has one. */
export const ENRICHMENT_DIR_NAME = "enrichment";

async function seedReader(dir = SEED_DIR, enriched = true): Promise<RecordReader> {
  const relative = (file: string) => path.relative(PROJECT_ROOT, file);
  const readers = async (folder: string) => {
    const files = await seedFiles(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    });
    return concatReaders(
      files.map((file) => fileReader(file, "yaml", relative(file))),
      files.map(relative).join(", "),
    );
  };
  const curated = await readers(dir);
  if (!enriched) return curated;
  const enrichment = await readers(path.join(dir, ENRICHMENT_DIR_NAME));
  return enrichment.fileName === "" ? curated : withEnrichment(curated, enrichment);
}

/**
 * Checks the curated graph without a database and returns its records (throws RejectedWrite on problems);
 * `enriched: false` reads the curated files alone, without seed/enrichment/ (what `kg enrich --curated` reads).
 */
export async function readCuratedGraph(dir = SEED_DIR, options: { enriched?: boolean } = {}): Promise<GraphData> {
  const reader = await seedReader(dir, options.enriched ?? true);
  await checkInput(memoryLookup(), { reader }, true);
  const data = {
    sources: [] as SourceRecord[],
    entities: [] as EntityRecord[],
    relationships: [] as RelationshipRecord[],
  };
  for await (const record of reader.records(() => undefined)) {
    const result = checkRecord(record.section, record.value);
    if (result.ok) (data[record.section] as unknown[]).push(result.record);
  }
  return data;
}

/** Writes the curated graph through the write path (idempotent; keeps later edits by others). */
export async function loadCuratedGraph(
  db: Database,
  options: { dryRun?: boolean; dir?: string } = {},
): Promise<WriteReport> {
  const reader = await seedReader(options.dir);
  return writeGraph(
    db,
    { reader },
    {
      dryRun: options.dryRun ?? false,
      actor: SEED_ACTOR,
      origin: `file:${reader.fileName}`,
      staff: true,
      keepOthersEdits: true,
      timeoutMs: SEED_TIMEOUT_MS,
    },
  );
}

/** True when the database holds no entities yet (a fresh store). */
export async function isGraphEmpty(db: Database): Promise<boolean> {
  return db.read(async (tx) => (await tx.run("MATCH (n:Entity) RETURN n LIMIT 1")).records.length === 0);
}
