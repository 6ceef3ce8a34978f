/**
 * Apollo plugin: logs each request's original errors with its request id, adds the request id to every
 * error a client sees, and answers 503 when the database was unavailable (so load balancers and clients
 * can retry).
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { Logger } from "../logging/index.js";
import { ErrorCode } from "../errors/index.js";
import type { ApiContext } from "./context.js";

export function errorPlugin(log: Logger): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            const expected =
              code === "BAD_USER_INPUT" || code === "GRAPHQL_VALIDATION_FAILED" || code === "GRAPHQL_PARSE_FAILED";
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
          if (errors.some((error) => error.extensions?.code === ErrorCode.ServiceUnavailable)) {
            response.http.status = 503;
          }
        },
      };
    },
  };
}
