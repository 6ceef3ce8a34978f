/**
 * The one place that writes graph records into Neo4j. It takes planned writes (plan.ts) and runs them in the
 * caller's transaction, batched per label and relationship type with `UNWIND`: creates and updates set the
 * record's properties and the who-and-when stamps (`createdAt`/`createdBy`, `updatedAt`/`updatedBy`, the
 * transaction's time and the writer); deletes remove exactly the records planned (an entity's relationships
 * are planned, and recorded, one by one before the entity goes). Labels and types come from the model's
 * allow-lists, never from the data.
 */
import type { Transaction } from "neo4j-driver";
import { toNumber } from "../database/index.js";
import { ENTITY_KINDS, ENTITY_LABEL, RELATIONSHIP_TYPES, SOURCE_LABEL } from "../graph-data/index.js";
import type { Write } from "./plan.js";

type Row = Record<string, unknown>;

/** Keeps the creation stamps through `SET x = row.props`, and stamps the update. */
const UPDATE = (x: string) =>
  `WITH ${x}, row, ${x} { .createdAt, .createdBy } AS created SET ${x} = row.props SET ${x} += created, ` +
  `${x}.updatedAt = datetime.transaction(), ${x}.updatedBy = $actor`;
const CREATE_STAMPS = (x: string) => `${x}.createdAt = datetime.transaction(), ${x}.createdBy = $actor`;

/** Runs the writes in `tx`; relationship creates fail loudly when an end has gone (nothing then commits). */
export async function applyWrites(tx: Transaction, writes: readonly Write[], actor: string): Promise<void> {
  const run = (cypher: string, rows: Row[]) => (rows.length > 0 ? tx.run(cypher, { rows, actor }) : undefined);
  const pick = <T extends Write>(test: (write: Write) => write is T) => writes.filter(test);

  // Relationships first when deleting (an entity's go before it), nodes first when creating.
  for (const type of RELATIONSHIP_TYPES) {
    const rows = pick(
      (w): w is Extract<Write, { op: "delete"; item: "relationship" }> =>
        w.op === "delete" && w.item === "relationship" && w.type === type,
    );
    await run(
      `UNWIND $rows AS row MATCH ()-[r:${type} {id: row.id}]->() DELETE r`,
      rows.map((w) => ({ id: w.id })),
    );
  }
  const nodeDeletes = pick(
    (w): w is Extract<Write, { op: "delete"; item: "source" | "entity" }> =>
      w.op === "delete" && w.item !== "relationship",
  );
  await run(
    `UNWIND $rows AS row MATCH (n:${SOURCE_LABEL} {id: row.id}) DELETE n`,
    nodeDeletes.filter((w) => w.item === "source").map((w) => ({ id: w.id })),
  );
  // DETACH only as a guard: the entity's relationships were planned and deleted above.
  await run(
    `UNWIND $rows AS row MATCH (n:${ENTITY_LABEL} {id: row.id}) DETACH DELETE n`,
    nodeDeletes.filter((w) => w.item === "entity").map((w) => ({ id: w.id })),
  );

  const sources = pick(
    (w): w is Extract<Write, { item: "source"; op: "create" | "update" }> => w.item === "source" && w.op !== "delete",
  );
  await run(
    `UNWIND $rows AS row CREATE (n:${SOURCE_LABEL}) SET n = row.props, ${CREATE_STAMPS("n")}`,
    sources.filter((w) => w.op === "create").map((w) => ({ props: w.props })),
  );
  await run(
    `UNWIND $rows AS row MATCH (n:${SOURCE_LABEL} {id: row.id}) ${UPDATE("n")}`,
    sources.filter((w) => w.op === "update").map((w) => ({ id: w.id, props: w.props })),
  );

  const entities = pick(
    (w): w is Extract<Write, { item: "entity"; op: "create" | "update" }> => w.item === "entity" && w.op !== "delete",
  );
  for (const kind of ENTITY_KINDS) {
    await run(
      `UNWIND $rows AS row CREATE (n:${kind}:${ENTITY_LABEL}) SET n = row.props, ${CREATE_STAMPS("n")}`,
      entities.filter((w) => w.op === "create" && w.kind === kind).map((w) => ({ props: w.props })),
    );
  }
  await run(
    `UNWIND $rows AS row MATCH (n:${ENTITY_LABEL} {id: row.id}) ${UPDATE("n")}`,
    entities.filter((w) => w.op === "update").map((w) => ({ id: w.id, props: w.props })),
  );

  const relationships = pick(
    (w): w is Extract<Write, { item: "relationship"; op: "create" | "update" }> =>
      w.item === "relationship" && w.op !== "delete",
  );
  for (const type of RELATIONSHIP_TYPES) {
    const ofType = relationships.filter((w) => w.type === type);
    const creates = ofType.filter((w) => w.op === "create").map((w) => ({ from: w.from, to: w.to, props: w.props }));
    if (creates.length > 0) {
      const result = await tx.run(
        `UNWIND $rows AS row
         MATCH (a:${ENTITY_LABEL} {id: row.from}) MATCH (b:${ENTITY_LABEL} {id: row.to})
         CREATE (a)-[r:${type}]->(b) SET r = row.props, ${CREATE_STAMPS("r")}
         RETURN count(r) AS written`,
        { rows: creates, actor },
      );
      const written = toNumber(result.records[0]?.get("written"));
      if (written !== creates.length) {
        throw new Error(`${type}: ${creates.length - written} relationship(s) lost an end during the write`);
      }
    }
    await run(
      `UNWIND $rows AS row MATCH ()-[r:${type} {id: row.id}]->() ${UPDATE("r")}`,
      ofType.filter((w) => w.op === "update").map((w) => ({ id: w.id, props: w.props })),
    );
  }
}
