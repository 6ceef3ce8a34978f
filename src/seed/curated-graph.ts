/**
 * The curated Helsinki graph shipped in `seed/`, and the one call that puts it into a database. The curated
 * graph is every `seed/*.yaml` file, read in name order, checked and loaded together (references may cross
 * files).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../config/index.js";
import type { Database } from "../database/index.js";
import { type GraphData, readGraphFiles } from "./graph-file.js";
import { type LoadSummary, loadGraph } from "./load-graph.js";

export const CURATED_GRAPH_DIR = path.join(PROJECT_ROOT, "seed");
/** The first curated file (the 2020 page); it needs no other file. */
export const CURATED_GRAPH_FILE = path.join(CURATED_GRAPH_DIR, "helsinki.yaml");

/** Every `seed/*.yaml` file, in name order. */
export function curatedGraphFiles(): string[] {
  return readdirSync(CURATED_GRAPH_DIR)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => path.join(CURATED_GRAPH_DIR, name));
}

export function readCuratedGraph(): Promise<GraphData> {
  return readGraphFiles(curatedGraphFiles());
}

/** Validates the curated graph, then loads it (idempotent). */
export async function loadCuratedGraph(database: Database): Promise<LoadSummary> {
  return loadGraph(database, await readCuratedGraph());
}

/** True when the database holds no entities yet (a fresh store). */
export async function isGraphEmpty(database: Database): Promise<boolean> {
  return database.read(async (tx) => {
    const result = await tx.run("MATCH (n:Entity) RETURN n LIMIT 1");
    return result.records.length === 0;
  });
}
