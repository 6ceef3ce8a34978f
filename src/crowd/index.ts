/**
 * The crowd layer (docs/data-model.md → "The crowd layer"): Wikidata's 2016 twin-city claims (P190), vendored in
 * seed/datasets/wikidata-twinned-2016/, read (twinned-dataset.ts), matched to curated cities by name
 * (curated-matcher.ts, the overlay file of curated-overlay.ts), placed by the reference datasets of
 * src/enrich (crowd-places.ts), and loaded as records through the one write path, citing the dataset's Source
 * record (crowd-source.ts).
 */
export {
  readTwinnedDataset,
  parseTwinnedDataset,
  qidNumber,
  DatasetFileError,
  TWINNED_DATASET_DIR,
  type TwinnedDataset,
  type TwinnedPair,
} from "./twinned-dataset.js";
export { crowdSource, CROWD_SOURCE_ID } from "./crowd-source.js";
export {
  matchCurated,
  formatCuratedReport,
  MATCHED_KINDS,
  type CuratedMatching,
  type CuratedMatchReport,
  type CuratedOutcome,
} from "./curated-matcher.js";
export { curatedOverlay, CROWD_OVERLAY_FILE } from "./curated-overlay.js";
export { crowdRecords, placeItems, type CrowdRecords } from "./crowd-records.js";
export { placeIdOf, pairIdOf } from "./crowd-ids.js";
export {
  placeCrowd,
  crowdCountries,
  crowdGeography,
  formatPlacing,
  countryIdOf,
  distanceKm,
  MIN_PARTNERS,
  REGION_KM,
  FAR_KM,
  type Ambiguity,
  type CrowdCountries,
  type CrowdGeography,
  type PlaceOutcome,
  type PlaceReport,
  type Placing,
  type PlacingInput,
} from "./crowd-places.js";
export { loadCrowd, crowdRecordsFor, type CrowdLoadOptions } from "./load-crowd.js";
