/** Structured JSON logs (pino) on stdout; one logger per process, children per component. */
import { pino, type Logger } from "pino";

export type { Logger } from "pino";

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "helsinki-international-kg" },
    // Never log credentials that might ride along in an error or a request.
    redact: { paths: ["password", "*.password", "req.headers.authorization"], censor: "[redacted]" },
  });
}
