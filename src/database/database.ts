/**
 * The driver boundary. One `Database` per process wraps one neo4j-driver `Driver`: every query goes through
 * `read` (a read transaction, which a cluster may route to a follower) or `write`, always naming the
 * database, and Neo4j `Integer`s are turned into numbers here (`toNumber`) so nothing deeper sees them.
 * Driver docs: https://neo4j.com/docs/javascript-manual/current/transactions/
 */
import neo4j, {
  type Driver,
  type Integer,
  type ManagedTransaction,
  Neo4jError,
  type Point,
  type ServerInfo,
  type Transaction,
  isInt,
} from "neo4j-driver";
import type { DriverTimeouts, Neo4jConnection } from "../config/index.js";

/**
 * Driver settings tuned to fail fast when the database is gone, instead of the driver's default 30 s of
 * retries: a dead server gives SERVICE_UNAVAILABLE within about `connectionTimeout + maxTransactionRetryTime`.
 */
export const DEFAULT_DRIVER_TIMEOUTS: DriverTimeouts = { connectionTimeoutMs: 3_000, maxRetryMs: 500 };

/** What a read runs its statements on: a read transaction, or auto-commit statements (`Database.readStatements`). */
export type StatementRunner = Pick<ManagedTransaction, "run">;

export class Database {
  constructor(
    readonly driver: Driver,
    /** The Neo4j database name every session uses (Community has exactly one user database). */
    readonly name: string,
    /** Neo4j aborts any transaction of ours that runs longer (0: no limit of our own). */
    readonly transactionTimeoutMs = 0,
  ) {}

  private get transactionConfig(): { timeout?: number } {
    return this.transactionTimeoutMs > 0 ? { timeout: this.transactionTimeoutMs } : {};
  }

  /** Runs `work` in a read transaction (retried by the driver on transient errors: keep it idempotent). */
  async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead(work, this.transactionConfig);
    } finally {
      await session.close();
    }
  }

  /**
   * Runs `work`'s statements each as an auto-commit read in a read session: one round trip per statement,
   * where a read transaction sends BEGIN and COMMIT besides (three socket writes instead of one, and two more
   * round trips per request; docs/benchmarks.md). For the insights fields, which answer with one
   * statement (a second only to explain an empty answer), so no transaction spans them anyway. A failure the
   * driver calls retriable (the database away, a leader switch) runs `work` again as `read` does, retried
   * for up to NEO4J_MAX_RETRY_MS: an outage is answered as before, after the same retries.
   */
  async readStatements<T>(work: (runner: StatementRunner) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ });
    const config = this.transactionConfig;
    const runner: StatementRunner = {
      run: (query: string, parameters?: Record<string, unknown>) => session.run(query, parameters, config),
    };
    try {
      return await work(runner);
    } catch (error) {
      if (!(error instanceof Neo4jError && error.retriable)) throw error;
    } finally {
      await session.close();
    }
    return this.read(work);
  }

  /**
   * One small read as an auto-commit query: a single round trip (a managed transaction adds BEGIN and
   * COMMIT) and no retries. Only for a tiny read asked on nearly every request, where a failure just means
   * "not known now" (the graph version the result cache checks). Faster than `read` and with more reads per
   * second under concurrent callers (docs/benchmarks.md).
   */
  async readAutoCommit(cypher: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(cypher, params, this.transactionConfig);
      return result.records.map((record) => record.toObject());
    } finally {
      await session.close();
    }
  }

  /**
   * Runs `work` in one write transaction: all of it commits, or none of it. `timeoutMs` overrides the
   * per-transaction timeout for long work such as a large import (0: the server's default).
   */
  async write<T>(work: (tx: ManagedTransaction) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.WRITE });
    const config = options.timeoutMs === undefined ? this.transactionConfig : { timeout: options.timeoutMs };
    try {
      return await session.executeWrite(work, config);
    } finally {
      await session.close();
    }
  }

  /**
   * Runs `work` in one explicit write transaction that is never retried: for long, large work (an import)
   * where running it all again after a transient failure would only fail again, slower.
   */
  async writeOnce<T>(work: (tx: Transaction) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.WRITE });
    const tx = session.beginTransaction(
      options.timeoutMs === undefined ? this.transactionConfig : { timeout: options.timeoutMs },
    );
    forgetCompletedResults(tx);
    try {
      const result = await work(tx);
      await tx.commit();
      return result;
    } catch (error) {
      if (tx.isOpen()) await tx.rollback().catch(() => undefined);
      throw error;
    } finally {
      await session.close();
    }
  }

  /** Runs a schema command (constraints, indexes), which cannot share a transaction with data writes. */
  async runSchemaCommand(cypher: string): Promise<void> {
    await this.driver.executeQuery(cypher, {}, { database: this.name });
  }

  /** Resolves when the server answers; rejects with the driver's error otherwise. */
  async serverInfo(): Promise<ServerInfo> {
    return this.driver.getServerInfo({ database: this.name });
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

export function createDriver(connection: Neo4jConnection, timeouts: DriverTimeouts = DEFAULT_DRIVER_TIMEOUTS): Driver {
  const auth = connection.password === undefined ? undefined : neo4j.auth.basic(connection.user, connection.password);
  return neo4j.driver(connection.uri, auth, {
    connectionTimeout: timeouts.connectionTimeoutMs,
    connectionAcquisitionTimeout: timeouts.connectionTimeoutMs + 2_000,
    maxTransactionRetryTime: timeouts.maxRetryMs,
    maxConnectionPoolSize: 50,
    userAgent: "helsinki-international-kg",
  });
}

/** Converts a Neo4j Integer (or a plain number) to a JS number. Counts and sizes here stay far below 2^53. */
/**
 * neo4j-driver keeps every Result of an explicit transaction (with its query parameters and records) until
 * the transaction ends, so a long import held all its rows in memory (gigabytes of Node heap for a
 * million rows). Results that have completed are not needed by commit or rollback, which only wait for
 * pending ones: drop them from the driver's list as they complete. Relies on the driver's private
 * `_results` array; if a driver release renames it, nothing breaks, memory simply grows again.
 */
function forgetCompletedResults(tx: Transaction): void {
  const results = (tx as unknown as { _results?: unknown[] })._results;
  if (!Array.isArray(results)) return;
  const run = tx.run.bind(tx);
  tx.run = ((query: string, parameters?: Record<string, unknown>) => {
    const result = run(query, parameters);
    const forget = () => {
      const index = results.indexOf(result);
      if (index >= 0) results.splice(index, 1);
    };
    // Not `summary()`: it would discard records the caller has not read yet.
    result.then(forget, forget);
    return result;
  }) as Transaction["run"];
}

/** Neo4j values as plain JSON values: integers as numbers, temporal values as ISO strings, lists and maps deeply. */
export function toPlain(value: unknown): unknown {
  if (isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === "object") {
    if (isTemporal(value)) return (value as { toString(): string }).toString();
    // A point stays a point (a plain copy would be written back as a map, which Neo4j refuses), with numbers.
    if (neo4j.isPoint(value)) {
      const { srid, x, y, z } = value as Point<number | Integer>;
      return z === undefined
        ? new neo4j.types.Point(toNumber(srid), x, y)
        : new neo4j.types.Point(toNumber(srid), x, y, z);
    }
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, toPlain(entry)]));
  }
  return value;
}

function isTemporal(value: object): value is { toString(): string } & object {
  return (
    neo4j.isDateTime(value) ||
    neo4j.isDate(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  );
}

export function toNumber(value: unknown): number {
  if (isInt(value)) return value.toNumber();
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  throw new TypeError(`expected an integer from Neo4j, got ${typeof value}`);
}

/** A Cypher integer parameter (LIMIT/SKIP refuse floats, and JS numbers are sent as floats). */
export function cypherInt(value: number): ReturnType<typeof neo4j.int> {
  return neo4j.int(value);
}
