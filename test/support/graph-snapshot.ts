/**
 * A whole graph held in memory and written back into an empty database in two statements: for suites that
 * need the curated graph as `loadCuratedGraph` leaves it (records, history, the graph's version) before each
 * of many tests, where loading it through the write path again each time would only repeat its checks. The
 * first load of a suite goes through the write path; later ones restore what it wrote, property for property.
 */
import type { Database } from "../../src/database/index.js";

export interface GraphSnapshot {
  readonly nodes: readonly { key: string; labels: string[]; props: Record<string, unknown> }[];
  readonly relationships: readonly { from: string; to: string; type: string; props: Record<string, unknown> }[];
}

/** Every node and relationship with its labels, type and properties, as the driver returns them. */
export async function takeSnapshot(db: Database): Promise<GraphSnapshot> {
  return db.read(async (tx) => {
    const nodes = await tx.run("MATCH (n) RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS props");
    const relationships = await tx.run(
      "MATCH (a)-[r]->(b) RETURN elementId(a) AS from, elementId(b) AS to, type(r) AS type, properties(r) AS props",
    );
    return {
      nodes: nodes.records.map((record) => record.toObject() as GraphSnapshot["nodes"][number]),
      relationships: relationships.records.map((record) => record.toObject() as GraphSnapshot["relationships"][number]),
    };
  });
}

/** Writes `snapshot` into an empty graph (with APOC, which every test Neo4j has), in one transaction. */
export async function restoreSnapshot(db: Database, snapshot: GraphSnapshot): Promise<void> {
  await db.write(async (tx) => {
    const created = await tx.run(
      `UNWIND $nodes AS n CALL apoc.create.node(n.labels, n.props) YIELD node
       RETURN n.key AS key, elementId(node) AS id`,
      { nodes: snapshot.nodes },
    );
    const ids = Object.fromEntries(created.records.map((record) => [record.get("key"), record.get("id")]));
    await tx.run(
      `UNWIND $relationships AS r
       MATCH (a) WHERE elementId(a) = r.from
       MATCH (b) WHERE elementId(b) = r.to
       CALL apoc.create.relationship(a, r.type, r.props, b) YIELD rel
       RETURN count(rel)`,
      {
        relationships: snapshot.relationships.map((r) => ({ ...r, from: ids[r.from], to: ids[r.to] })),
      },
    );
  });
}
