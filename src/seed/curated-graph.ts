/** The curated Helsinki graph shipped in `seed/`, and the one call that puts it into a database. */
import path from "node:path";
import { PROJECT_ROOT } from "../config/index.js";
import type { Database } from "../database/index.js";
import { type GraphData, readGraphFile } from "./graph-file.js";
import { type LoadSummary, loadGraph } from "./load-graph.js";

export const CURATED_GRAPH_FILE = path.join(PROJECT_ROOT, "seed", "helsinki.yaml");

export function readCuratedGraph(): Promise<GraphData> {
  return readGraphFile(CURATED_GRAPH_FILE);
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
