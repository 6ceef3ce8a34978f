/**
 * The crowd dataset's Source record: one definition, used by the loader (`kg crowd`) and by the curated
 * overlay (`kg crowd --match-curated`), so the seed and the loader state it identically and neither reports
 * the other's record as changed.
 */
import type { SourceRecord } from "../graph-data/index.js";

export const CROWD_SOURCE_ID = "wikidata-twinned-2016";

export function crowdSource(): SourceRecord {
  return {
    id: CROWD_SOURCE_ID,
    title: "Wikidata: twinned administrative body (P190) statements, crawled 2016-09-12",
    publisher: "Wikidata contributors",
    publisherKind: "crowd",
    form: "dataset",
    published: "2016-09-12",
    url: "https://www.wikidata.org/wiki/Property:P190",
    language: "en",
    note: "Crowd-sourced claims, CC0 (public domain). Every P190 statement a breadth-first crawl of Wikidata's API reached, made by the public repository L3viathan/sister-cities (commit d3028c2, 2016-09-12), with one label per item (German first). No dates, kinds, countries or coordinates; a claim of Wikidata's editors, not of the cities. Vendored in seed/datasets/wikidata-twinned-2016/.",
  };
}
