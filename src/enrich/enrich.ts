/**
 * Enrichment end to end: read the places (from Neo4j, or from the curated files), match them against the
 * reference datasets (place-matcher.ts), and write what they lack through the one write path as actor
 * `enrich` — or, for the curated graph, as the overlay file the seed lays over its files
 * (src/write/seed-enrichment.ts). Either way every filled value cites its dataset: the dataset's Source
 * record joins the entity's `sources`, and the history's Change records (actor `enrich`) name the fields.
 */
import { Document, visit } from "yaml";
import type { Database } from "../database/index.js";
import { type GraphData, recordsReader } from "../graph-data/index.js";
import { type WriteReport, writeGraph } from "../write/index.js";
import { type Datasets, type Enrichment, type MatchReport, matchPlaces } from "./place-matcher.js";
import { placesOf, readPlaces } from "./read-places.js";

/** Who the history says wrote the enriched values. */
export const ENRICH_ACTOR = "enrich";

export interface EnrichResult {
  readonly enrichment: Enrichment;
  /** The write's report; null when there was nothing to fill. */
  readonly write: WriteReport | null;
}

/** Fills what the datasets can in the graph, through the write path (`dryRun`: report, change nothing). */
export async function enrichGraph(
  db: Database,
  datasets: Datasets,
  options: { dryRun: boolean; actor?: string },
): Promise<EnrichResult> {
  const enrichment = matchPlaces(await readPlaces(db), datasets);
  if (enrichment.entities.length === 0) return { enrichment, write: null };
  const write = await writeGraph(
    db,
    {
      reader: recordsReader({
        sources: enrichment.sources as unknown as Record<string, unknown>[],
        entities: enrichment.entities,
      }),
    },
    {
      dryRun: options.dryRun,
      actor: options.actor ?? ENRICH_ACTOR,
      origin: `enrich:${enrichment.sources.map((source) => source.id).join(",")}`,
      staff: false,
    },
  );
  return { enrichment, write };
}

/** What the datasets add to graph data in memory (the curated files). */
export function enrichGraphData(data: GraphData, datasets: Datasets): Enrichment {
  return matchPlaces(placesOf(data), datasets);
}

/** The enrichment as an import file (YAML), with a header saying where it came from. */
export function enrichmentYaml(enrichment: Enrichment, header: string): string {
  const entities = enrichment.entities.map((entity) => {
    const { aliases, ...rest } = entity;
    return aliases.length > 0 ? entity : rest;
  });
  // Sources and entities as blocks, their lists and maps (ids, a location, sources) on one line each.
  const document = new Document({ sources: enrichment.sources, entities });
  visit(document, {
    Map(_key, node, path) {
      if (path.length > 4) node.flow = true;
    },
    Seq(_key, node, path) {
      if (path.length > 3) node.flow = true;
    },
  });
  const body = document.toString({ lineWidth: 0, flowCollectionPadding: true });
  return `${header
    .split("\n")
    .map((line) => `# ${line}`.trimEnd())
    .join("\n")}\n\n${body}`;
}

/** One line per entity not complete, for the command line. */
export function formatMatchReport(report: readonly MatchReport[]): string {
  if (report.length === 0) return "Every country and city is complete: nothing to fill.";
  const lines = report.map((item) => {
    const head = `${item.outcome.padEnd(10)} ${item.kind} ${item.id} (${item.name})`;
    if (item.outcome === "FILLED") return `${head}: ${item.fields.join(", ")} ← ${item.candidates.join("; ")}`;
    const candidates =
      item.candidates.length > 0
        ? `\n             candidates: ${item.candidates.join("\n                         ")}`
        : "";
    return `${head}: ${item.message}${candidates}`;
  });
  const counts = new Map<string, number>();
  for (const item of report) counts.set(item.outcome, (counts.get(item.outcome) ?? 0) + 1);
  return `${lines.join("\n")}\n\n${[...counts].map(([outcome, count]) => `${count} ${outcome.toLowerCase()}`).join(", ")}`;
}
