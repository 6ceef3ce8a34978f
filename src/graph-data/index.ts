/**
 * The record model, shared by every reader, checker and writer: the vocabulary of kinds and relationship
 * types, partial dates and the asOf rule, the record schemas with their limits, the mapping to Neo4j
 * properties, problems as data, the checker, and the YAML/JSON/CSV dialects.
 */
export * from "./vocabulary.js";
export * from "./partial-date.js";
export * from "./relationship-state.js";
export {
  validOnCypher,
  isTieCypher,
  firstDayCypher,
  undatedCypher,
  attestedByCypher,
  attestedFromCypher,
  undatedAllowsCypher,
} from "./validity.js";
export * from "./problems.js";
export * from "./records.js";
export * from "./external-ids.js";
export * from "./names.js";
export * from "./plain-text.js";
export * from "./properties.js";
export * from "./check.js";
export * from "./csv-dialect.js";
export * from "./readers.js";
