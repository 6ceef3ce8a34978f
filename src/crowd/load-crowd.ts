/**
 * `npm run kg -- crowd`: the crowd layer into the graph, through the one write path (`writeGraph`), as an
 * ordinary import of the records crowd-records.ts makes. The graph is asked first which items its entities
 * already carry (a curated city with its Wikidata id), so those get no Place and their pairs reach the
 * curated entity; everything else — resolving the `wikidata:` ends, checks, planning, history, the graph's
 * version — is the write path's. A second load is reported unchanged record by record.
 *
 * The Places are placed from the reference datasets (crowd-places.ts: GeoNames coordinates and ids, and the
 * country), from what the dataset and the graph's other entities say alone: a Place's own stored location is
 * never evidence, so loading again decides the same.
 *
 * Batched (one transaction per 10,000 records, batched-write.ts) by default: measured on the whole dataset,
 * see docs/benchmarks.md ("The crowd layer").
 */
import path from "node:path";
import { PROJECT_ROOT } from "../config/index.js";
import { type Database, toPlain } from "../database/index.js";
import { type Datasets, loadDatasets } from "../enrich/index.js";
import { type Location, recordsReader } from "../graph-data/index.js";
import { entitiesByExternalId } from "../graph-reads/index.js";
import { type WriteReport, writeGraph } from "../write/index.js";
import { type CrowdGeography, crowdGeography } from "./crowd-places.js";
import { CROWD_SOURCE_ID } from "./crowd-source.js";
import { placeIdOf } from "./crowd-ids.js";
import { type CrowdRecords, crowdRecords, placeItems } from "./crowd-records.js";
import { TWINNED_DATASET_DIR, type TwinnedDataset } from "./twinned-dataset.js";

export interface CrowdLoadOptions {
  readonly dryRun: boolean;
  /** Who writes (`cli:<user>` from the command line). */
  readonly actor: string;
  /** One transaction per batch (default) or one for the whole load. */
  readonly batched?: boolean;
  readonly onChecked?: (records: number) => void;
  readonly onProgress?: (done: number) => void;
  /** The reference datasets the Places are placed by (the packages', loaded, when absent). */
  readonly datasets?: Datasets;
  /** Told where the Places are, before anything is written (the command prints it). */
  readonly onPlaced?: (geography: CrowdGeography) => void;
}

/** Where the graph's other entities are, and which GeoNames ids and country codes they carry. */
interface GraphPlaces {
  /** Locations of the entities (not the crowd's own Places) that hold an item, by QID. */
  readonly known: Map<string, Location>;
  readonly geonamesHolders: Map<string, string[]>;
  readonly storedCountries: Map<string, string[]>;
}

/**
 * The records for this graph: which items its entities already carry decides which Places are made, and a
 * pair re-pointed by a merge keeps the id the merge gave it; the Places are placed by `datasets`.
 */
export async function crowdRecordsFor(
  db: Database,
  dataset: TwinnedDataset,
  datasets: Datasets,
): Promise<CrowdRecords & { geography: CrowdGeography }> {
  const qids = [...dataset.labels.keys()].map((value) => ({ scheme: "wikidata", value }));
  const { holders, storedIds, places } = await db.read(async (tx) => {
    const repointed = await tx.run(
      "MATCH ()-[r:PARTNER_OF]->() WHERE r.id STARTS WITH 'p190--' AND r.id CONTAINS '~' RETURN r.id AS id ORDER BY id",
    );
    const stored = new Map<string, string>();
    for (const record of repointed.records) {
      const id = record.get("id") as string;
      const base = id.slice(0, id.indexOf("~"));
      if (!stored.has(base)) stored.set(base, id);
    }
    const holders = await entitiesByExternalId(tx, qids);
    // Entities other than an item's own Place that hold it, with a location: a curated city's coordinates.
    const others = new Map<string, string>();
    for (const [key, ids] of holders) {
      const qid = key.slice("wikidata:".length);
      if (ids.length === 1 && ids[0] !== placeIdOf(qid)) others.set(ids[0]!, qid);
    }
    const located = await tx.run(
      `MATCH (n:Entity) WHERE n.id IN $ids AND n.location IS NOT NULL
       RETURN n.id AS id, n.location.y AS lat, n.location.x AS lon`,
      { ids: [...others.keys()] },
    );
    const known = new Map<string, Location>();
    for (const record of located.records) {
      const [lat, lon] = [Number(record.get("lat")), Number(record.get("lon"))];
      known.set(others.get(record.get("id") as string)!, { lat, lon });
    }
    const geonames = await tx.run(
      `MATCH (n:Entity) WHERE any(id IN coalesce(n.externalIds, []) WHERE id STARTS WITH 'geonames:')
       UNWIND [id IN n.externalIds WHERE id STARTS WITH 'geonames:'] AS external
       RETURN substring(external, 9) AS geonames, collect(n.id) AS ids`,
    );
    const countries = await tx.run(
      "MATCH (c:Country) WHERE c.isoCode IS NOT NULL RETURN c.isoCode AS code, collect(c.id) AS ids",
    );
    const byKey = (result: typeof countries, key: string) =>
      new Map(result.records.map((record) => [record.get(key) as string, toPlain(record.get("ids")) as string[]]));
    const places: GraphPlaces = {
      known,
      geonamesHolders: byKey(geonames, "geonames"),
      storedCountries: byKey(countries, "code"),
    };
    return { holders, storedIds: stored, places };
  });
  const geography = crowdGeography({
    dataset,
    cities: datasets.cities,
    countries: datasets.countries,
    items: placeItems(dataset, holders),
    ...places,
  });
  return { ...crowdRecords(dataset, holders, storedIds, geography), geography };
}

export async function loadCrowd(
  db: Database,
  dataset: TwinnedDataset,
  options: CrowdLoadOptions,
  /** The dataset's folder, named in the report. */
  dir = TWINNED_DATASET_DIR,
): Promise<WriteReport> {
  const records = await crowdRecordsFor(db, dataset, options.datasets ?? (await loadDatasets()));
  options.onPlaced?.(records.geography);
  return writeGraph(
    db,
    {
      reader: {
        ...recordsReader({
          sources: records.sources as unknown as Record<string, unknown>[],
          entities: records.entities,
          relationships: records.relationships as unknown as Record<string, unknown>[],
        }),
        fileName: path.relative(PROJECT_ROOT, dir) || dir,
      },
    },
    {
      dryRun: options.dryRun,
      batched: options.batched ?? true,
      actor: options.actor,
      origin: `dataset:${CROWD_SOURCE_ID}`,
      staff: false,
      // The whole dataset is tens of thousands of records: Neo4j's memory bounds it, not a timeout (0: none).
      timeoutMs: 0,
      ...(options.onChecked ? { onChecked: options.onChecked } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    },
  );
}
