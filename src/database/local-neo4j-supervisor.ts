/**
 * Keeps the local Neo4j running for as long as the API runs: when the process dies without being asked
 * (a crash, the OOM killer, `kill -9`), it is started again on the same store and port, which recovers
 * from its transaction log. Meanwhile the API answers 503 and the driver reconnects by itself.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { LocalNeo4jSettings } from "../config/index.js";
import type { InstallLog } from "./local-neo4j-install.js";
import { type LocalNeo4j, startLocalNeo4j } from "./local-neo4j.js";

export interface SupervisorLog extends InstallLog {
  error(message: string): void;
}

export interface SupervisedNeo4j {
  /** The Neo4j process running now (it changes after a restart). */
  readonly current: LocalNeo4j;
  /** How many times it was restarted. */
  readonly restarts: number;
  /** Stops supervising and stops Neo4j cleanly. */
  stop(): Promise<void>;
}

/** Waits between restart attempts: 1 s, 2 s, 4 s … up to 30 s. */
const MAX_BACKOFF_MS = 30_000;

export function superviseLocalNeo4j(
  settings: LocalNeo4jSettings,
  first: LocalNeo4j,
  log: SupervisorLog,
): SupervisedNeo4j {
  let current = first;
  let restarts = 0;
  let stopping = false;
  let restarting: Promise<void> | undefined;
  // Stopping abandons a restart under way (its wait, or a Neo4j still starting), so SIGTERM is prompt.
  const stopped = new AbortController();

  const watch = (neo4j: LocalNeo4j): void => {
    void neo4j.exited.then((code) => {
      if (stopping || neo4j !== current) return;
      log.error(`The local Neo4j (pid ${neo4j.pid}) exited unexpectedly with code ${code}; restarting it.`);
      restarting = restart();
    });
  };

  const restart = async (): Promise<void> => {
    for (let attempt = 0; !stopping; attempt += 1) {
      try {
        await sleep(Math.min(1000 * 2 ** attempt, MAX_BACKOFF_MS), undefined, { signal: stopped.signal });
      } catch {
        return; // stopping
      }
      try {
        const next = await startLocalNeo4j(settings, log, stopped.signal);
        if (stopping) {
          await next.stop();
          return;
        }
        current = next;
        restarts += 1;
        log.info(`The local Neo4j is back (pid ${next.pid}).`);
        watch(next);
        return;
      } catch (error) {
        if (stopping) {
          log.info("Stopped while restarting the local Neo4j: the start under way was abandoned.");
          return;
        }
        log.error(`Restarting the local Neo4j failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  watch(first);
  return {
    get current() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      stopped.abort();
      await restarting;
      await current.stop();
    },
  };
}
