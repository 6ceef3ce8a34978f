/**
 * Process-wide gates for the expensive research questions: graph algorithm runs (centrality, communities)
 * and questions that read the whole graph. Each run projects the graph into
 * Neo4j's heap and keeps up to four of Neo4j's threads busy, so the server lets one run at a time and a few
 * wait; beyond that a request is told to come back (SERVICE_UNAVAILABLE) rather than piling work onto the
 * database. With the cost surcharge in the query-cost model this bounds what anonymous clients can spend.
 */
import { ServiceUnavailableError } from "../errors/index.js";

export class WorkGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrent: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrent) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new ServiceUnavailableError("The graph algorithms are busy with other requests; try again shortly.");
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next waiter
      else this.running -= 1;
    }
  }
}

/** One algorithm run at a time per API process, four more may queue. */
export const GDS_GATE = new WorkGate(1, 4);

/** Questions that read every relationship (whole-graph `compare`, `activitySeries`, `corroboration`): two at a time, eight queued. */
export const SCAN_GATE = new WorkGate(2, 8);
