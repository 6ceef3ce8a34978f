/**
 * The curated graph's enrichment: `seed/enrichment/*.yaml`, every file of the folder in name order, generated
 * by `npm run kg -- enrich --curated` from the curated files and the reference datasets (src/enrich:
 * coordinates, GeoNames ids, country codes and names) and by `npm run kg -- crowd --match-curated` (src/crowd:
 * Wikidata ids from the twin-city dataset), holds the values those datasets add to curated entities and the
 * datasets' Source records. One entity may be enriched by several files.
 * The seed reads it as an overlay on the curated files: each of its entities fills the gaps of the curated
 * record with the same id and adds its dataset to that record's sources, so the seed stays ONE import in
 * which every entity is stated once (a second record with the same id would be a DUPLICATE_ID) and restated
 * whole on every reload. What the curated files say always wins; a unit test checks that the file is what
 * the matcher makes of the curated files today.
 */
import type { ExternalId, Problem, RawRecord, RecordReader } from "../graph-data/index.js";
import { ProblemCode } from "../graph-data/index.js";

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The curated record with the enrichment's values where it has none, and the enrichment's sources added. */
export function fillGaps(
  curated: Record<string, unknown>,
  enrichment: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...curated };
  for (const [field, value] of Object.entries(enrichment)) {
    if (field === "sources" || field === "aliases") {
      const union = [...new Set([...list(curated[field]), ...list(value)])];
      if (union.length > 0) merged[field] = union;
    } else if (field === "externalIds") {
      const ids = list(curated.externalIds) as ExternalId[];
      const added = (list(value) as ExternalId[]).filter((id) => !ids.some((held) => held.scheme === id.scheme));
      if (ids.length + added.length > 0) merged.externalIds = [...ids, ...added];
    } else if (merged[field] === undefined) {
      merged[field] = value;
    }
  }
  return merged;
}

/** The curated files' records with the enrichment laid over them, then the enrichment's own sources. */
export function withEnrichment(curated: RecordReader, enrichment: RecordReader): RecordReader {
  return {
    fileName: `${curated.fileName}, ${enrichment.fileName}`,
    format: "records",
    async *records(onProblem) {
      const entities = new Map<string, RawRecord>();
      const sources: RawRecord[] = [];
      for await (const record of enrichment.records(onProblem)) {
        const id = record.value.id;
        if (record.section !== "entities" || typeof id !== "string") {
          sources.push(record);
          continue;
        }
        // Several files may enrich one entity (coordinates from GeoNames, the Wikidata id from the crowd
        // dataset): their values and sources are laid over each other, the first file's winning a field.
        const earlier = entities.get(id);
        entities.set(id, earlier ? { ...earlier, value: fillGaps(earlier.value, record.value) } : record);
      }
      const used = new Set<string>();
      for await (const record of curated.records(onProblem)) {
        const id = record.value.id;
        const extra = record.section === "entities" && typeof id === "string" ? entities.get(id) : undefined;
        if (extra && typeof id === "string") {
          used.add(id);
          yield { ...record, value: fillGaps(record.value, extra.value) };
        } else yield record;
      }
      yield* sources;
      for (const [id, record] of entities) {
        if (used.has(id)) continue;
        const problem: Problem = {
          ...record.locate("id"),
          item: "entity",
          id,
          field: "id",
          code: ProblemCode.UnknownReference,
          message:
            "enriches an entity the curated files do not have: make the file again with `npm run kg -- enrich --curated --out <file>`",
        };
        onProblem(problem, false);
      }
    },
  };
}
