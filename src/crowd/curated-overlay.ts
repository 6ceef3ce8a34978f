/**
 * `npm run kg -- crowd --match-curated --out seed/enrichment/wikidata-twinned-2016.yaml`: the Wikidata ids
 * the twin-city dataset gives curated cities (curated-matcher.ts), as an overlay file the seed lays over the
 * curated files (src/write/seed-enrichment.ts), written like `kg enrich --curated` writes its own. The header
 * lists every city left without an id, and why; a unit test checks the committed file is what this makes of
 * the curated files today.
 */
import { enrichmentYaml } from "../enrich/index.js";
import type { GraphData } from "../graph-data/index.js";
import { crowdSource } from "./crowd-source.js";
import { type CuratedMatching, matchCurated } from "./curated-matcher.js";
import type { TwinnedDataset } from "./twinned-dataset.js";

export const CROWD_OVERLAY_FILE = "wikidata-twinned-2016.yaml";

/** The curated files' matching against the dataset, and the overlay file's text. */
export function curatedOverlay(
  curated: GraphData,
  dataset: TwinnedDataset,
): { matching: CuratedMatching; text: string } {
  const matching = matchCurated(curated, dataset, crowdSource());
  const left = matching.report.filter((item) => item.outcome !== "MATCHED");
  const header = [
    `Made by \`npm run kg -- crowd --match-curated --out seed/enrichment/${CROWD_OVERLAY_FILE}\`: do not edit by hand.`,
    "The Wikidata items of curated cities (seed/*.yaml), matched by name against the labels of Wikidata's 2016",
    "twin-city claims (seed/datasets/wikidata-twinned-2016/, CC0), each id citing that dataset; several items of",
    "one name are told apart by the dataset's own edges only. The seed lays it over the curated files",
    "(src/write/seed-enrichment.ts).",
    ...(left.length > 0
      ? [
          "",
          "Left without a Wikidata id (never guessed):",
          ...left.flatMap((item) => [
            `  ${item.kind} ${item.id}: ${item.outcome} — ${item.message}`,
            ...item.candidates.map((candidate) => `      ${candidate}`),
          ]),
        ]
      : []),
  ].join("\n");
  return { matching, text: enrichmentYaml({ ...matching, report: [] }, header) };
}
