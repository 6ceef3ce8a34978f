/**
 * Process-wide gates for the expensive research questions: graph algorithm runs (centrality, communities)
 * and questions that read the whole graph. Each run projects the graph into Neo4j's heap and keeps up to four
 * of Neo4j's threads busy, so the server lets one run at a time and a few wait; beyond that a request is told
 * to come back rather than piling work onto the database. With the cost surcharge in the query-cost model this
 * bounds what anonymous clients can spend.
 *
 * The waiting is **fair between clients** (a verified token's subject, else the address): each client has a
 * queue of its own of at most `maxWaitingPerClient`, and a freed slot goes to the clients in turn (round
 * robin), not to whoever queued first. One client looping at the rate limit can fill its own queue only (it is
 * then told RATE_LIMITED); anyone else waits behind at most one run per other waiting client. A plain FIFO let
 * one anonymous client keep everyone else out (one answer in some twenty tries for the others).
 *
 * **Runs per client per window are shared** by every API process when the rate limits are (a Redis:
 * src/server/shared-limits.ts, given to `createWorkGates` as a `SharedRunCounter`), so a balancer does not
 * multiply them. **The slots and queues stay per process, on purpose**: a slot is held by work running in this
 * process and a queue is promises of this process; sharing them would take leases, wake-ups across processes
 * (polling or pub/sub) and a fallback of its own for when Redis is away, for little: with P API processes
 * Neo4j runs at most P × ALGORITHM_CONCURRENT algorithm runs and P × SCAN_CONCURRENT whole-graph reads at
 * once, a bound known in advance to size Neo4j for, while what one client can make them do is bounded by its
 * runs per window and its request rate, which are shared. A client's waiting share is per process too (behind a
 * balancer it may have ALGORITHM_WAITING_PER_CLIENT waiting in each); the answers are shared through the
 * result cache's Redis.
 */
import type { WorkLimits } from "../../config/index.js";
import { RateLimitedError, ServiceUnavailableError } from "../../errors/index.js";

/** Who is asking, when a caller has no client key (in-process calls, tests): one shared client. */
export const UNKNOWN_CLIENT = "unknown";

/** The refusal of a client past its runs per window. */
function tooManyRuns(what: string, limit: number, windowMs: number, retryAfterSeconds: number): RateLimitedError {
  return new RateLimitedError(
    `${what}: at most ${limit} runs per client every ${Math.round(windowMs / 1000)} s; answers already computed for this graph are still served.`,
    "runs",
    retryAfterSeconds,
  );
}

/**
 * A client's runs counted where every API process counts them (Redis, through src/server/shared-limits.ts,
 * which counts in the process while Redis is away): `totalHits` in the client's window, ending at `resetTime`.
 */
export interface SharedRunCounter {
  increment(client: string): Promise<{ readonly totalHits: number; readonly resetTime?: Date | undefined }>;
}

/** Runs started per client in the current fixed window (a client over it is told when to come back). */
class RunsPerWindow {
  private windowStart = 0;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  take(client: string, what: string): void {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.counts.clear();
    }
    const count = (this.counts.get(client) ?? 0) + 1;
    if (count > this.limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000));
      throw tooManyRuns(what, this.limit, this.windowMs, retryAfterSeconds);
    }
    this.counts.set(client, count);
  }
}

/** The same, counted in a `SharedRunCounter` (each client's window starts at its first run, as the rate limits'). */
class SharedRunsPerWindow {
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly counter: SharedRunCounter,
  ) {}

  async take(client: string, what: string): Promise<void> {
    const { totalHits, resetTime } = await this.counter.increment(client);
    if (totalHits > this.limit) {
      const left = resetTime ? resetTime.getTime() - Date.now() : this.windowMs;
      throw tooManyRuns(what, this.limit, this.windowMs, Math.max(1, Math.ceil(left / 1000)));
    }
  }
}

export class WorkGate {
  private running = 0;
  /** Waiting clients in turn order (a Map keeps insertion order): the first is served next. */
  private readonly queues = new Map<string, (() => void)[]>();
  private waiting = 0;

  constructor(
    private readonly concurrent: number,
    /** The most requests waiting in all. */
    private readonly maxWaiting: number,
    /** The most requests one client may have waiting. */
    private readonly maxWaitingPerClient = maxWaiting,
    private readonly what = "The graph algorithms",
    /**
     * Runs per client per window (0: no limit): a limit of its own for the costliest fields, counted in `counter`
     * when given (shared by every process), else in this gate.
     */
    rate: {
      readonly runsPerWindow: number;
      readonly windowMs: number;
      readonly counter?: SharedRunCounter | undefined;
    } = { runsPerWindow: 0, windowMs: 60_000 },
    now: () => number = Date.now,
  ) {
    this.runs =
      rate.runsPerWindow <= 0
        ? undefined
        : rate.counter
          ? new SharedRunsPerWindow(rate.runsPerWindow, rate.windowMs, rate.counter)
          : new RunsPerWindow(rate.runsPerWindow, rate.windowMs, now);
  }

  private readonly runs: RunsPerWindow | SharedRunsPerWindow | undefined;

  async run<T>(client: string, work: () => Promise<T>): Promise<T> {
    // Counted in this gate: at once, as before; in a shared counter: one round trip before taking a turn.
    const counted = this.runs?.take(client, this.what);
    if (counted) await counted;
    if (this.running >= this.concurrent) {
      const queue = this.queues.get(client) ?? [];
      if (queue.length >= this.maxWaitingPerClient) {
        throw new RateLimitedError(
          `${this.what} already have ${queue.length} request(s) of yours waiting; wait for an answer before asking more.`,
          "per-client queue",
          5,
        );
      }
      if (this.waiting >= this.maxWaiting) {
        throw new ServiceUnavailableError(`${this.what} are busy with other requests; try again shortly.`);
      }
      this.waiting += 1;
      await new Promise<void>((resolve) => {
        queue.push(resolve);
        if (!this.queues.has(client)) this.queues.set(client, queue);
      });
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /** The slot passes straight to the next client in turn, which then goes to the back of the turn order. */
  private release(): void {
    const next = this.queues.entries().next();
    if (next.done) {
      this.running -= 1;
      return;
    }
    const [client, queue] = next.value;
    const resolve = queue.shift()!;
    this.queues.delete(client);
    if (queue.length > 0) this.queues.set(client, queue);
    this.waiting -= 1;
    resolve();
  }
}

/** The gates one API process uses: built from its settings (createWorkGates), one set per server. */
export interface WorkGates {
  readonly algorithms: WorkGate;
  readonly scans: WorkGate;
}

/**
 * The gates for `limits`, the algorithm runs per client counted in `runCounter` when given (shared by every
 * process), else in the gate. Defaults (ALGORITHM_* and SCAN_* settings): one algorithm run at a time, eight
 * waiting, at most three of one client (the most one document holds under MAX_QUERY_COST at GDS_RUN_COST
 * each), 30 runs per client per minute (remembered answers do not count); two whole-graph reads at a time,
 * sixteen waiting, at most eight of one client (nine fit one document at WHOLE_GRAPH_SCAN_COST each).
 */
export function createWorkGates(limits: WorkLimits, runCounter?: SharedRunCounter): WorkGates {
  const { algorithms, scans } = limits;
  return {
    algorithms: new WorkGate(
      algorithms.concurrent,
      algorithms.waiting,
      algorithms.waitingPerClient,
      "The graph algorithms",
      { ...algorithms, counter: runCounter },
    ),
    scans: new WorkGate(scans.concurrent, scans.waiting, scans.waitingPerClient, "The whole-graph questions"),
  };
}

/** The gates of in-process calls that bring none in their context (scripts, benchmarks): the defaults, no rate. */
export const DEFAULT_WORK_GATES: WorkGates = {
  algorithms: new WorkGate(1, 8, 3),
  scans: new WorkGate(2, 16, 8, "The whole-graph questions"),
};
