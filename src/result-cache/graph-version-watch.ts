/**
 * Which version of the graph a request sees. Every write through the write path raises the version in
 * Neo4j in the write's own transaction (src/write/graph-version.ts), so reading it tells this process about
 * writes from anywhere: this API, another API process, `npm run kg -- import` in another shell, the seed.
 * An in-process counter would know only this process's writes; a counter in Redis would be raised after the
 * Neo4j commit, by writers that may not know Redis exists.
 *
 * A request may use a version only if the read of it STARTED after the request arrived: such a read sees
 * every write committed before the request arrived, which is what "never serve an answer a write has
 * changed" asks. So reads are shared, but only forward: a request arriving while a read is in flight waits
 * for the next read, which starts when that one ends; everyone arriving meanwhile shares that next read. At
 * most one read is in flight and one queued, so 16 concurrent requests cost about one read per round trip,
 * not 16 (measured in docs/benchmarks.md).
 *
 * With a shared Redis, push mode (push-version-watch.ts) skips the read while the version this process
 * holds can be trusted: writers push theirs and wait for it to be taken, or for this process's lease to
 * run out, before acknowledging a write.
 *
 * The token is the version's number AND the id of the write that set it (`writeId`, random per write): a
 * graph emptied with Cypher and written again counts from 1 again, and a number alone would then name two
 * different graphs. A backup restored together with its `GraphVersion` node names the graph it restored.
 * A graph with no version node (loaded by other means than the write path, or being restored) has no
 * token: nothing is cached for it, since two such graphs could not be told apart.
 */
import type { Database } from "../database/index.js";
import { toNumber } from "../database/index.js";
import { GRAPH_VERSION_LABEL } from "../write/index.js";

const VERSION_CYPHER = `MATCH (v:${GRAPH_VERSION_LABEL} {id: 'graph'}) RETURN v.version AS version, v.writeId AS writeId`;

/** `<version>:<writeId>`; undefined for a graph with no version node. */
export type VersionToken = string | undefined;

/** The version with the time of the write that set it (for HTTP's `Last-Modified`). */
export interface GraphStamp {
  readonly token: VersionToken;
  /** When the write that set this version committed; undefined when not known. */
  readonly modified: Date | undefined;
}

const STAMP_CYPHER = `MATCH (v:${GRAPH_VERSION_LABEL} {id: 'graph'}) RETURN v.version AS version, v.writeId AS writeId, toString(v.at) AS at`;

/** Reads a value (the version token, or a stamp) with reads shared only forward (see above). */
export class GraphVersionWatch<T = VersionToken> {
  private running: Promise<T> | undefined;
  private queued: Promise<T> | undefined;
  private reads = 0;

  /**
   * `known`, when given, may answer without a read: the version this process holds in memory while it can
   * be trusted (push mode, push-version-watch.ts), undefined otherwise.
   */
  constructor(
    private readonly readVersion: () => Promise<T>,
    private readonly known?: () => T | undefined,
  ) {}

  /** Reads the version and the time it was set (GET /questions' ETag and Last-Modified). */
  static stampsFromDatabase(db: Database): GraphVersionWatch<GraphStamp> {
    return new GraphVersionWatch<GraphStamp>(async () => {
      const [row] = await db.readAutoCommit(STAMP_CYPHER);
      if (!row || row.version === null || row.version === undefined) return { token: undefined, modified: undefined };
      const at = typeof row.at === "string" ? new Date(row.at) : undefined;
      return {
        token: `${toNumber(row.version)}:${typeof row.writeId === "string" ? row.writeId : ""}`,
        modified: at && !Number.isNaN(at.getTime()) ? at : undefined,
      };
    });
  }

  /** Reads the version from Neo4j (unless `known` has it). */
  static fromDatabase(db: Database, known?: () => VersionToken): GraphVersionWatch<VersionToken> {
    return new GraphVersionWatch(async () => {
      const [row] = await db.readAutoCommit(VERSION_CYPHER);
      if (!row || row.version === null || row.version === undefined) return undefined;
      return `${toNumber(row.version)}:${typeof row.writeId === "string" ? row.writeId : ""}`;
    }, known);
  }

  /** The version as of a read that started after this call. Rejects when the read fails. */
  current(): Promise<T> {
    const known = this.known?.();
    if (known !== undefined) return Promise.resolve(known);
    if (this.queued) return this.queued;
    if (!this.running) return this.start();
    const ended = this.running.then(
      () => undefined,
      () => undefined,
    );
    this.queued = ended.then(() => {
      this.queued = undefined;
      return this.start();
    });
    return this.queued;
  }

  /** How many reads were sent to Neo4j (for tests and the benchmark). */
  get readCount(): number {
    return this.reads;
  }

  private start(): Promise<T> {
    this.reads += 1;
    const read = this.readVersion().finally(() => {
      if (this.running === read) this.running = undefined;
    });
    this.running = read;
    return read;
  }
}
