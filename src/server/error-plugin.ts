/**
 * Apollo plugin: logs each request's original errors with its request id, adds the request id to every
 * error a client sees, and answers 503 when the database was unavailable (so load balancers and clients
 * can retry), 504 when Neo4j stopped a query at its timeout, 422 when it refused a query memory.
 * A client's mistake is logged at `info` (a refused token or role, or a rate refusal, at `warn`; Apollo's
 * PERSISTED_QUERY_NOT_FOUND, the protocol's ordinary first step, at `debug`) with its code and message and
 * no stack; anything else at `error` with the original error.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { Logger } from "../logging/index.js";
import { ErrorCode, HTTP_STATUS } from "../errors/index.js";
import type { ApiContext } from "./context.js";
import { apolloRefusal } from "./format-error.js";

/** The level a refusal is logged at, by code; codes not here are the server's failures (`error`). */
const REFUSAL_LEVELS = new Map<string, "debug" | "info" | "warn">([
  [ErrorCode.BadUserInput, "info"],
  [ErrorCode.ValidationFailed, "info"],
  [ErrorCode.ParseFailed, "info"],
  [ErrorCode.OperationResolutionFailed, "info"],
  [ErrorCode.BadRequest, "info"],
  [ErrorCode.MethodNotAllowed, "info"],
  ["PERSISTED_QUERY_NOT_SUPPORTED", "info"],
  ["PERSISTED_QUERY_NOT_FOUND", "debug"],
  [ErrorCode.Unauthenticated, "warn"],
  [ErrorCode.Forbidden, "warn"],
  [ErrorCode.RateLimited, "warn"],
]);

/** Logs one error of a request at its level: a refusal without its stack, a failure with the original error. */
export function logRequestError(
  log: Logger,
  error: { message: string; extensions?: Record<string, unknown>; originalError?: unknown; path?: unknown },
  where: { requestId: string | undefined; operationName?: string | null | undefined },
): void {
  const code = apolloRefusal(error)?.extensions.code ?? error.extensions?.code;
  const level = REFUSAL_LEVELS.get(String(code));
  if (level) {
    log[level]({ ...where, code, message: error.message, path: error.path }, "rejected request");
  } else {
    log.error({ ...where, code, err: error.originalError ?? error, path: error.path }, "request failed");
  }
}

export function errorPlugin(log: Logger): ApolloServerPlugin<ApiContext> {
  return {
    // A token refused while the context is built: no request has started, so there is no request id to log.
    async contextCreationDidFail({ error }) {
      logRequestError(log, error, { requestId: undefined });
    },
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            logRequestError(log, error, { requestId: contextValue?.requestId, operationName });
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single" || !response.body.singleResult.errors) return;
          const errors = response.body.singleResult.errors;
          response.body.singleResult.errors = errors.map((error) => ({
            ...error,
            extensions: { ...error.extensions, requestId: contextValue?.requestId },
          }));
          // A status Apollo already chose (405 for a GET mutation, 400 for a parse error) stands; errors that
          // arise while the operation runs, which Apollo would answer with 200, get their code's status.
          if (response.http.status !== undefined && response.http.status !== 200) return;
          for (const error of errors) {
            const status = HTTP_STATUS[error.extensions?.code as ErrorCode];
            if (status !== undefined) {
              response.http.status = status;
              break;
            }
          }
        },
      };
    },
  };
}
