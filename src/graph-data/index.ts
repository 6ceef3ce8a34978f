/** The graph's model: what kinds of things and relationships exist, and how dates and validity work. */
export * from "./vocabulary.js";
export * from "./partial-date.js";
export { validOnCypher, firstDayCypher } from "./validity.js";
