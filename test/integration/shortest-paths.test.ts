/**
 * Shortest paths search with the filter written into the query (types in the pattern, the validity and
 * publisher tests only when asked): on the curated graph,
 * for pairs of entities and every kind of filter, they are as long as the paths of the statement they
 * replaced (every test inside the search), none where it found none; and neither a denial nor a path
 * through a node that is not an entity (which only a write outside the write path could make) is ever
 * the answer, though both are tested only on the path found first.
 */
import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { RELATIONSHIP_TYPES, isTieCypher } from "../../src/graph-data/index.js";
import { toNumber } from "../../src/database/index.js";
import { findShortestPath } from "../../src/resolvers/paths/shortest-path.query.js";
import { type TraversalFilter, traversableCypher } from "../../src/resolvers/shared/traversal.js";
import { useTestGraph } from "../support/test-graph.js";

const { db, api } = useTestGraph({ removeTestDataAfterEach: true });

const NOTHING = { description: false, names: false, aliases: false, externalIds: false, location: false };
const SELECTION = {
  nodes: NOTHING,
  edges: { id: true, kind: false, validFrom: false, validTo: false, status: false, sources: false },
};

/** The statement before: every test inside the search, on relationships and nodes alike. */
async function referenceLength(from: string, to: string, filter: TraversalFilter): Promise<number | null> {
  return db.read(async (tx) => {
    const result = await tx.run(
      `MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
       MATCH p = shortestPath((a)-[*..6]-(b))
       WHERE all(r IN relationships(p) WHERE ${traversableCypher("r", filter.undated)} AND ${isTieCypher("r")}) AND all(n IN nodes(p) WHERE n:Entity)
       RETURN length(p) AS hops`,
      { fromId: from, toId: to, ...filter },
    );
    const record = result.records[0];
    return record ? toNumber(record.get("hops")) : null;
  });
}

const ALL: TraversalFilter = {
  asOf: null,
  relationshipTypes: [...RELATIONSHIP_TYPES],
  undated: "INCLUDE",
  publisherKinds: null,
};
const FILTERS: [string, TraversalFilter][] = [
  ["everything", ALL],
  ["as of 2010", { ...ALL, asOf: "2010-01-01" }],
  ["as of 2022, undated left out", { ...ALL, asOf: "2022-06-15", undated: "EXCLUDE" }],
  ["as of 2016, undated when attested", { ...ALL, asOf: "2016-03-01", undated: "ATTESTED" }],
  ["partnerships only", { ...ALL, relationshipTypes: ["PARTNER_OF", "MEMBER_OF"] }],
  ["geography left out", { ...ALL, relationshipTypes: RELATIONSHIP_TYPES.filter((t) => t !== "IN_COUNTRY") }],
  ["the city's word", { ...ALL, publisherKinds: ["city", "government"] }],
];

describe("shortest paths", () => {
  it.each(FILTERS)("are as long as before: %s", async (_name, filter) => {
    const ids = await db.read(async (tx) => {
      const result = await tx.run("MATCH (n:Entity) WHERE NOT n.id STARTS WITH 'test-' RETURN n.id AS id ORDER BY id");
      return result.records.map((record) => record.get("id") as string);
    });
    const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / 14)) === 0).slice(0, 14);
    let found = 0;
    for (const from of sample) {
      for (const to of sample) {
        if (from >= to) continue;
        const answer = await db.read((tx) => findShortestPath(tx, from, to, 6, filter, SELECTION));
        expect(answer.fromFound && answer.toFound).toBe(true);
        expect(answer.path?.edges.length ?? null, `${from} → ${to}`).toBe(await referenceLength(from, to, filter));
        if (answer.path) found += 1;
      }
    }
    if (filter === ALL) expect(found).toBeGreaterThan(0);
  });

  it("never follows a denial or runs through a node that is not an entity, and names an unknown end", async () => {
    await db.write(async (tx) => {
      await tx.run(
        `UNWIND ['test-pa', 'test-pb', 'test-pc', 'test-pd'] AS id CREATE (:Entity:City { id: id, name: id })
         WITH 1 AS one
         MATCH (a:Entity {id: 'test-pa'}), (b:Entity {id: 'test-pb'}), (c:Entity {id: 'test-pc'}), (d:Entity {id: 'test-pd'})
         CREATE (a)-[:PARTNER_OF]->(b), (b)-[:PARTNER_OF]->(c), (c)-[:PARTNER_OF]->(d)
         CREATE (a)-[:PARTNER_OF]->(:Note { id: 'test-note' })-[:PARTNER_OF]->(d)
         CREATE (a)-[:PARTNER_OF { status: 'denied' }]->(d)`,
      );
    });
    const path = await api.query<any>(`{ shortestPath(fromId: "test-pa", toId: "test-pd") { nodes { id } } }`);
    expect(path.errors).toBeUndefined();
    expect(path.data.shortestPath.nodes.map((n: { id: string }) => n.id)).toEqual([
      "test-pa",
      "test-pb",
      "test-pc",
      "test-pd",
    ]);
    const unknown = await api.query(`{ shortestPath(fromId: "test-pa", toId: "test-nowhere") { nodes { id } } }`);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "toId" });
  });
});
