/**
 * The one place errors are translated for clients. Errors we raise on purpose (GraphQL syntax and
 * validation, bad arguments) keep their code and message; a database that cannot be reached becomes
 * SERVICE_UNAVAILABLE; anything else is masked as INTERNAL_SERVER_ERROR. No Cypher, stack trace or driver
 * message reaches a client; the original is logged with the request id (see error-plugin.ts).
 */
import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { Neo4jError } from "neo4j-driver";
import { ErrorCode } from "../errors/index.js";

/** Codes whose message is written for clients and may be shown as is. */
const CLIENT_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  ErrorCode.ServiceUnavailable,
]);

/** Driver error codes that mean "the database is not there right now". */
const UNAVAILABLE_CODES = new Set(["ServiceUnavailable", "SessionExpired"]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof Neo4jError && (UNAVAILABLE_CODES.has(cause.code) || cause.retriable)) return true;
  }
  return false;
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (isDatabaseUnavailable(original)) {
    return {
      message: "The graph database is not available right now; try again shortly.",
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.ServiceUnavailable },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && CLIENT_CODES.has(code) && !(original instanceof Neo4jError)) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: "Internal server error.",
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.InternalServerError },
  };
}
