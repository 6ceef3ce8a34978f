/**
 * The graph's version: a counter that every committed write through the write path raises, in the same
 * transaction as the write (so a reader can never see new data with an old version, or the reverse). It is
 * what a result cache keys on to know exactly when an answer went stale, for writes from any process (API,
 * command line, seed). One node, `(:GraphVersion {id: "graph"})`, under a uniqueness constraint; writes
 * serialise on it, which costs nothing at this graph's write rate.
 */
import type { ManagedTransaction, Transaction } from "neo4j-driver";
import { type Database, toNumber } from "../database/index.js";

export const GRAPH_VERSION_LABEL = "GraphVersion";

/** Raises the version inside the write's transaction; returns the new version. */
export async function bumpGraphVersion(tx: Transaction, writeId: string): Promise<number> {
  const result = await tx.run(
    `MERGE (v:${GRAPH_VERSION_LABEL} {id: 'graph'})
     SET v.version = coalesce(v.version, 0) + 1, v.writeId = $writeId, v.at = datetime.transaction()
     RETURN v.version AS version`,
    { writeId },
  );
  return toNumber(result.records[0]?.get("version"));
}

/** The current version (0 for a graph never written through the write path). */
export async function readGraphVersion(db: Database | { read: Database["read"] }): Promise<number> {
  return db.read(async (tx: ManagedTransaction) => {
    const result = await tx.run(`MATCH (v:${GRAPH_VERSION_LABEL} {id: 'graph'}) RETURN v.version AS version`);
    const version = result.records[0]?.get("version") as unknown;
    return version === undefined || version === null ? 0 : toNumber(version);
  });
}
