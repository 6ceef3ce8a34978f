/**
 * The graph's version: a counter that every committed write through the write path raises, in the same
 * transaction as the write (so a reader can never see new data with an old version, or the reverse). It is
 * what a result cache keys on to know exactly when an answer went stale, for writes from any process (API,
 * command line, seed). One node, `(:GraphVersion {id: "graph"})`, under a uniqueness constraint; writes
 * serialise on it, which costs nothing at this graph's write rate.
 */
import type { ManagedTransaction, Transaction } from "neo4j-driver";
import { type Database, cypherInt, toNumber } from "../database/index.js";
import { type LeasesSeen, noteLeases, unexpiredLeases } from "./version-announce.js";

export const GRAPH_VERSION_LABEL = "GraphVersion";

/**
 * Push-mode leases on the version node (version-announce.ts; src/result-cache/push-version-watch.ts renews
 * them): one entry per server,
 * `<holder>@<until>`, `until` in Neo4j's clock (epoch ms). A writer reads them in its transaction, after its
 * lock on the node, so every lease either committed before the write (and the writer sees it) or reads the
 * write's version (its transaction waits for the writer's lock).
 */
export const PUSH_LEASES_PROPERTY = "pushLeases";

/** The new version and the leases the write saw. */
export interface VersionBump {
  readonly version: number;
  readonly leases: LeasesSeen;
}

/**
 * Raises the version inside the write's transaction and returns it; the leases it saw are kept for
 * `announceGraphVersion`, which the write calls after its commit.
 */
export async function bumpGraphVersion(tx: Transaction, writeId: string): Promise<number> {
  const bump = await bumpGraphVersionSeeingLeases(tx, writeId);
  noteLeases(writeId, bump.version, bump.leases);
  return bump.version;
}

async function bumpGraphVersionSeeingLeases(tx: Transaction, writeId: string): Promise<VersionBump> {
  // The first SET takes the node's lock; what is read after it is the latest committed state (Neo4j reads
  // properties under a lock only once it is held: "SET n.p = n.p + 1" alone can lose updates).
  const result = await tx.run(
    `MERGE (v:${GRAPH_VERSION_LABEL} {id: 'graph'})
     SET v.writeId = $writeId
     WITH v
     SET v.version = coalesce(v.version, 0) + 1, v.at = datetime.transaction()
     RETURN v.version AS version, coalesce(v.${PUSH_LEASES_PROPERTY}, []) AS leases, timestamp() AS now`,
    { writeId },
  );
  const record = result.records[0];
  const leases = (record?.get("leases") as string[] | undefined) ?? [];
  return {
    version: toNumber(record?.get("version")),
    leases: unexpiredLeases(leases, toNumber(record?.get("now"))),
  };
}

/** The current version (0 for a graph never written through the write path). */
export async function readGraphVersion(db: Database | { read: Database["read"] }): Promise<number> {
  return db.read(async (tx: ManagedTransaction) => {
    const result = await tx.run(`MATCH (v:${GRAPH_VERSION_LABEL} {id: 'graph'}) RETURN v.version AS version`);
    const version = result.records[0]?.get("version") as unknown;
    return version === undefined || version === null ? 0 : toNumber(version);
  });
}

/**
 * A server's lease (push mode): writes `<holder>@<now + leaseMs>` (Neo4j's clock) on the version node,
 * dropping this holder's older entry and every expired one, and reads the version in the same transaction.
 * Returns the version token (`<version>:<writeId>`), undefined when the graph has no version node (no lease
 * then: nothing is cached for such a graph). The first SET takes the lock, as in the bump, so two servers
 * renewing at once never drop each other's entries.
 */
export async function renewPushLease(db: Database, holder: string, leaseMs: number): Promise<string | undefined> {
  return db.write(async (tx: ManagedTransaction) => {
    const result = await tx.run(
      `MATCH (v:${GRAPH_VERSION_LABEL} {id: 'graph'})
       SET v.${PUSH_LEASES_PROPERTY} = coalesce(v.${PUSH_LEASES_PROPERTY}, [])
       WITH v, timestamp() AS now
       SET v.${PUSH_LEASES_PROPERTY} = [entry IN v.${PUSH_LEASES_PROPERTY}
           WHERE NOT entry STARTS WITH $holder + '@' AND toInteger(split(entry, '@')[1]) > now]
         + [$holder + '@' + toString(now + $leaseMs)]
       RETURN v.version AS version, v.writeId AS writeId`,
      { holder, leaseMs: cypherInt(leaseMs) },
    );
    const record = result.records[0];
    if (!record || record.get("version") === null) return undefined;
    const writeId = record.get("writeId") as unknown;
    return `${toNumber(record.get("version"))}:${typeof writeId === "string" ? writeId : ""}`;
  });
}
