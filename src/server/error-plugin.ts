/**
 * Apollo plugin: logs each request's original errors with its request id, adds the request id to every
 * error a client sees, and answers 503 when the database was unavailable (so load balancers and clients
 * can retry), 504 when Neo4j stopped a query at its timeout, 422 when it refused a query memory.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { Logger } from "../logging/index.js";
import { ErrorCode, HTTP_STATUS } from "../errors/index.js";
import type { ApiContext } from "./context.js";

/** Codes that are the client's to fix: logged at `info`, not as server errors. */
const CLIENT_MISTAKES = new Set<string>([
  ErrorCode.BadUserInput,
  ErrorCode.ValidationFailed,
  ErrorCode.ParseFailed,
  ErrorCode.OperationResolutionFailed,
]);

export function errorPlugin(log: Logger): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            const expected = CLIENT_MISTAKES.has(String(code));
            log[expected ? "info" : "error"](
              {
                requestId: contextValue?.requestId,
                operationName,
                code,
                err: error.originalError ?? error,
                path: error.path,
              },
              expected ? "rejected request" : "request failed",
            );
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
