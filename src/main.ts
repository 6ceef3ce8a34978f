/**
 * `npm start`: runs the API until SIGTERM/SIGINT, then drains requests, closes the driver and stops the
 * local Neo4j cleanly. Start-up problems print one line that says how to fix them.
 */
import { loadConfig } from "./config/index.js";
import { StartupError } from "./errors/index.js";
import { createLogger } from "./logging/index.js";
import { startApi } from "./start.js";

/** In-flight requests, the driver and Neo4j get this long to stop before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 90_000;

async function main(): Promise<void> {
  let log = createLogger("info");
  try {
    const config = loadConfig();
    log = createLogger(config.logLevel);
    const api = await startApi(config, log);
    let signals = 0;
    const shutdown = (signal: string): void => {
      signals += 1;
      // npm forwards a signal more than once; a repeat must not cut the clean shutdown short.
      if (signals > 1) return;
      log.info({ signal }, "shutting down");
      setTimeout(() => {
        log.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS / 1000} s; exiting`);
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS).unref();
      api.stop().then(
        () => {
          log.info("stopped");
          process.exit(0);
        },
        (error: unknown) => {
          log.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
    };
    process.on("SIGTERM", () => shutdown("SIGTERM"));
    process.on("SIGINT", () => shutdown("SIGINT"));
  } catch (error) {
    if (error instanceof StartupError) {
      log.fatal({ code: error.code }, error.message);
      process.stderr.write(`\nCannot start: ${error.message}\n`);
    } else {
      log.fatal({ err: error }, "start-up failed");
    }
    process.exit(1);
  }
}

void main();
