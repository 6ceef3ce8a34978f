/**
 * The write path's batched mode (src/write/batched-write.ts) on an empty graph of its own (the tier's shared Neo4j): a first load into an empty
 * graph writes every record with its history, raises the graph's version, and builds the deferred indexes
 * again (search works after it); the same input again changes nothing; a refused input writes nothing and
 * leaves the indexes alone; a load stopped half-way leaves the indexes back and a rerun finishes it; a dry
 * run reports and writes nothing; relationship ends named by external id import exactly as they do in one
 * transaction (both paths prepare their input in one step). The synthetic graph of the benchmark is the input (its reader is the one
 * `npm run bench` imports through).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFERRABLE_INDEXES, toNumber } from "../../src/database/index.js";
import { type RecordReader, textReader } from "../../src/graph-data/index.js";
import { RejectedWrite, readGraphVersion, writeGraph } from "../../src/write/index.js";
import { planGraph } from "../../bench/synthetic-graph.js";
import { syntheticReader } from "../../bench/synthetic-records.js";
import type { FreshNeo4j } from "../support/fresh-neo4j.js";
import { sharedFreshNeo4j } from "../support/shared-neo4j.js";

let neo4j: FreshNeo4j;
beforeAll(async () => {
  neo4j = await sharedFreshNeo4j();
});
afterAll(async () => {
  await neo4j?.stop();
});
beforeEach(async () => {
  await neo4j.wipe();
});

const plan = planGraph(1_500, 7);
// An explicit timeout, as `kg import` and the benchmark give: the local Neo4j's own default is the API's 15 s.
const options = {
  dryRun: false,
  actor: "test-batched",
  origin: "file:synthetic",
  staff: true,
  batched: true,
  timeoutMs: 600_000,
};

async function count(cypher: string): Promise<number> {
  return neo4j.db.read(async (tx) => toNumber((await tx.run(cypher)).records[0]?.get(0)));
}

async function onlineIndexes(): Promise<Set<string>> {
  return neo4j.db.read(async (tx) => {
    const result = await tx.run("SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN collect(name) AS names");
    return new Set(result.records[0]?.get("names") as string[]);
  });
}

/** The synthetic input, failing in its `failOnPass`-th reading after `after` records. */
function failingReader(inner: RecordReader, failOnPass: number, after: number): RecordReader {
  let pass = 0;
  return {
    ...inner,
    async *records(onProblem) {
      pass += 1;
      let seen = 0;
      for await (const record of inner.records(onProblem)) {
        if (pass === failOnPass && (seen += 1) > after) throw new Error("the input went away");
        yield record;
      }
    },
  };
}

describe("a first load in batches", () => {
  it("writes every record with its history and version, and builds the deferred indexes again", async () => {
    const report = await writeGraph(neo4j.db, { reader: syntheticReader(plan) }, options);
    const relationships = report.counts.relationship.new;
    expect(report.counts.source.new + report.counts.entity.new).toBe(plan.total);
    expect(relationships).toBeGreaterThan(plan.total);
    expect(report.counts.entity).toMatchObject({ changed: 0, unchanged: 0, conflicts: 0 });
    expect(await count("MATCH (n) WHERE n:Entity OR n:Source RETURN count(n)")).toBe(plan.total);
    expect(await count("MATCH (:Entity)-[r]->(:Entity) RETURN count(r)")).toBe(relationships);
    // One Change per record, all under the one writeId the report gives.
    expect(await count(`MATCH (c:Change {writeId: '${report.writeId}'}) RETURN count(c)`)).toBe(
      plan.total + relationships,
    );
    expect(await readGraphVersion(neo4j.db)).toBe(report.graphVersion);
    expect(report.graphVersion).toBeGreaterThan(0);
    const online = await onlineIndexes();
    for (const name of DEFERRABLE_INDEXES) expect(online, name).toContain(name);
    // Search works again: the full-text index holds the loaded names.
    const found = await count(
      "CALL db.index.fulltext.queryNodes('entity_names', 'organization') YIELD node RETURN count(node)",
    );
    expect(found).toBeGreaterThan(0);

    // The same input again, into a graph that now holds it: every record unchanged, nothing written.
    const again = await writeGraph(neo4j.db, { reader: syntheticReader(plan) }, options);
    expect(again.counts.entity).toMatchObject({ new: 0, changed: 0, unchanged: plan.total - plan.counts.Source });
    expect(again.counts.relationship).toMatchObject({ new: 0, changed: 0, unchanged: relationships });
    expect(again.graphVersion).toBeNull();
    expect(await readGraphVersion(neo4j.db)).toBe(report.graphVersion);
  });

  it("a refused input writes nothing and drops no index", async () => {
    const broken: RecordReader = {
      fileName: "broken",
      format: "records",
      async *records() {
        yield* syntheticReader(plan).records(() => undefined);
        yield {
          section: "relationships",
          index: 999_999,
          value: { type: "FUNDS", from: "nowhere", to: "f-1", citations: [{ source: "s-1", excerpt: "x" }] },
          locate: () => ({ index: 999_999 }),
        };
      },
    };
    await expect(writeGraph(neo4j.db, { reader: broken }, options)).rejects.toBeInstanceOf(RejectedWrite);
    expect(await count("MATCH (n) WHERE n:Entity OR n:Source OR n:Change RETURN count(n)")).toBe(0);
    const online = await onlineIndexes();
    for (const name of DEFERRABLE_INDEXES) expect(online, name).toContain(name);
  });

  it("a load stopped half-way leaves the indexes back, and running it again finishes it", async () => {
    // Pass 1 resolves external-id ends, 2–3 check, 4 writes sources, 5 entities, 6 relationships: stop
    // during the relationships.
    const stopped = failingReader(syntheticReader(plan), 6, 100);
    await expect(writeGraph(neo4j.db, { reader: stopped }, options)).rejects.toThrow("the input went away");
    expect(await count("MATCH (n) WHERE n:Entity OR n:Source RETURN count(n)")).toBe(plan.total);
    const online = await onlineIndexes();
    for (const name of DEFERRABLE_INDEXES) expect(online, name).toContain(name);

    const rerun = await writeGraph(neo4j.db, { reader: syntheticReader(plan) }, options);
    expect(rerun.counts.entity).toMatchObject({ new: 0, unchanged: plan.total - plan.counts.Source });
    expect(rerun.counts.relationship.new).toBeGreaterThan(plan.total);
    expect(await count("MATCH (:Entity)-[r]->(:Entity) RETURN count(r)")).toBe(rerun.counts.relationship.new);
  });

  it("a dry run reports what it would write and writes nothing", async () => {
    const report = await writeGraph(neo4j.db, { reader: syntheticReader(plan) }, { ...options, dryRun: true });
    expect(report.writeId).toBeNull();
    expect(report.counts.source.new + report.counts.entity.new).toBe(plan.total);
    expect(await count("MATCH (n) RETURN count(n)")).toBe(0);
  });
});

// A regression: the batched path checked the raw input and refused `from: "wikidata:Q…"` as UNKNOWN_REFERENCE.
// Every form an end may take: wikidata, geonames, url, and iso3166 (a country's isoCode), in the file or stored.
describe("relationship ends named by external id", () => {
  const source = `sources:
  - { id: xid-page, title: A page naming cities by their Wikidata items }
`;
  const stored = `${source}entities:
  - { kind: City, id: xid-stored, name: Stored City, externalIds: [{ scheme: wikidata, value: "Q990001" }], sources: [xid-page] }
  - { kind: Country, id: xid-stored-land, name: Stored Land, isoCode: XS, sources: [xid-page] }
`;
  const file = `${source}entities:
  - { kind: City, id: xid-a, name: City A, externalIds: [{ scheme: wikidata, value: "Q990002" }], sources: [xid-page] }
  - { kind: City, id: xid-b, name: City B, externalIds: [{ scheme: geonames, value: "990003" }], sources: [xid-page] }
  - { kind: Country, id: xid-land, name: A Land, isoCode: XA, externalIds: [{ scheme: url, value: "https://example.org/land" }], sources: [xid-page] }
relationships:
  - { type: PARTNER_OF, from: "wikidata:Q990002", to: "geonames:990003", citations: [{ source: xid-page, excerpt: "a and b" }] }
  - { type: IN_COUNTRY, from: "geonames:990003", to: "iso3166:XA", citations: [{ source: xid-page, excerpt: "b in a land" }] }
  - { type: IN_COUNTRY, id: "xid--a--land", from: xid-a, to: "url:https://example.org/land", citations: [{ source: xid-page, excerpt: "a in a land" }] }
  - { type: PARTNER_OF, id: "xid--a--stored", from: xid-a, to: "wikidata:Q990001", citations: [{ source: xid-page, excerpt: "a and stored" }] }
  - { type: IN_COUNTRY, id: "xid--stored--land", from: "wikidata:Q990001", to: "iso3166:XS", citations: [{ source: xid-page, excerpt: "stored in stored land" }] }
`;
  const withoutStored = file.replace(/\n {2}- \{ type: PARTNER_OF, id: "xid--a--stored".*\n.*\n/, "\n");

  async function relationships(): Promise<string[]> {
    return neo4j.db.read(async (tx) => {
      const result = await tx.run(
        "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id + ' ' + type(r) + ' ' + b.id + ' ' + r.id AS row ORDER BY row",
      );
      return result.records.map((record) => record.get("row") as string);
    });
  }

  /** Imports `text` (after `before`, when given, in one transaction) and returns the report and the graph. */
  async function importBothWays(text: string, before?: string) {
    const results = [];
    for (const batched of [false, true]) {
      await neo4j.wipe();
      if (before) await writeGraph(neo4j.db, { reader: textReader(before, "stored.yaml", "yaml") }, options);
      const report = await writeGraph(
        neo4j.db,
        { reader: textReader(text, "xid.yaml", "yaml") },
        {
          ...options,
          batched,
        },
      );
      results.push({ counts: report.counts, items: report.items, relationships: await relationships() });
    }
    return results;
  }

  it("resolve against the file itself in a first load, as in one transaction", async () => {
    const [single, batched] = await importBothWays(withoutStored);
    expect(single!.relationships).toEqual([
      "xid-a IN_COUNTRY xid-land xid--a--land",
      "xid-a PARTNER_OF xid-b xid-a--PARTNER_OF--xid-b",
      "xid-b IN_COUNTRY xid-land xid-b--IN_COUNTRY--xid-land",
    ]);
    expect(batched).toEqual(single);
  });

  it("resolve against the graph and the file, as in one transaction", async () => {
    const [single, batched] = await importBothWays(file, stored);
    expect(single!.relationships).toEqual([
      "xid-a IN_COUNTRY xid-land xid--a--land",
      "xid-a PARTNER_OF xid-b xid-a--PARTNER_OF--xid-b",
      "xid-a PARTNER_OF xid-stored xid--a--stored",
      "xid-b IN_COUNTRY xid-land xid-b--IN_COUNTRY--xid-land",
      "xid-stored IN_COUNTRY xid-stored-land xid--stored--land",
    ]);
    expect(single!.counts.relationship.new).toBe(5);
    expect(batched).toEqual(single);
  });

  it("refuse an end that names nothing, as in one transaction", async () => {
    const unknown = withoutStored.replace('to: "geonames:990003"', 'to: "geonames:990999"');
    const refusals = [];
    for (const batched of [false, true]) {
      const error = await writeGraph(
        neo4j.db,
        { reader: textReader(unknown, "xid.yaml", "yaml") },
        {
          ...options,
          batched,
        },
      ).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RejectedWrite);
      refusals.push((error as RejectedWrite).problems);
    }
    // Once, with the resolver's message (the check's own "unknown entity" at the same place is the same problem).
    expect(refusals[0]!.map(({ line, id, field, code, message }) => ({ line, id, field, code, message }))).toEqual([
      {
        line: 8,
        id: "xid-a--PARTNER_OF--geonames:990999",
        field: "to",
        code: "UNKNOWN_REFERENCE",
        message: "no entity has the external id geonames:990999",
      },
    ]);
    expect(refusals[1]).toEqual(refusals[0]);
    expect(await count("MATCH (n) WHERE n:Entity OR n:Source RETURN count(n)")).toBe(0);
  });
});
