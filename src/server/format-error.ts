/**
 * The one place errors are translated for clients. Errors we raise on purpose (GraphQL syntax and
 * validation, limits, bad arguments, authentication) keep their code and message; `@neo4j/graphql`'s own
 * authorization and constraint errors get codes; a database that cannot be reached becomes
 * SERVICE_UNAVAILABLE; anything else is masked as INTERNAL_SERVER_ERROR. No Cypher, stack trace or driver
 * message reaches a client; the original is logged with the request id (see error-plugin.ts).
 */
import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { Neo4jError } from "neo4j-driver";
import { ErrorCode } from "../errors/index.js";

/** Codes whose message is written for clients and may be shown as is. */
const CLIENT_CODES = new Set<string>([
  ErrorCode.ParseFailed,
  ErrorCode.ValidationFailed,
  ErrorCode.BadUserInput,
  ErrorCode.BadRequest,
  ErrorCode.Unauthenticated,
  ErrorCode.Forbidden,
  ErrorCode.ServiceUnavailable,
  ErrorCode.GdsUnavailable,
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

/** Driver error codes that mean "the database is not there right now". */
const UNAVAILABLE_CODES = new Set(["ServiceUnavailable", "SessionExpired"]);

/** `@neo4j/graphql` error classes (not exported by the package), by name. */
const NEO4J_GRAPHQL_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  Neo4jGraphQLAuthenticationError: {
    code: ErrorCode.Unauthenticated,
    message: "This needs a token with the right role.",
  },
  Neo4jGraphQLForbiddenError: { code: ErrorCode.Forbidden, message: "Your token's roles do not allow this." },
  Neo4jGraphQLConstraintValidationError: {
    code: ErrorCode.BadUserInput,
    message: "Another record already has this id; ids are unique across the graph.",
  },
  Neo4jGraphQLRelationshipValidationError: {
    code: ErrorCode.BadUserInput,
    message: "The relationships given are not valid.",
  },
};

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof Neo4jError && (UNAVAILABLE_CODES.has(cause.code) || cause.retriable)) return true;
  }
  return false;
}

export interface FormatOptions {
  /** Keep graphql-js's "Did you mean …?" hints in validation messages. */
  readonly fieldSuggestions: boolean;
}

export function createErrorFormatter(options: FormatOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const where = formatted.path ? { path: formatted.path } : {};
    if (isDatabaseUnavailable(original)) {
      return {
        message: "The graph database is not available right now; try again shortly.",
        ...where,
        extensions: { code: ErrorCode.ServiceUnavailable },
      };
    }
    const known = original instanceof Error ? NEO4J_GRAPHQL_ERRORS[original.name] : undefined;
    if (known) return { message: known.message, ...where, extensions: { code: known.code } };
    if (original instanceof Neo4jError && original.code === "Neo.ClientError.Transaction.TransactionTimedOut") {
      return {
        message: "The query took too long and was stopped; ask for less (smaller limit, fewer hops).",
        ...where,
        extensions: { code: ErrorCode.BadUserInput },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === "string" && CLIENT_CODES.has(code) && !(original instanceof Neo4jError)) {
      const { stacktrace: _stack, exception: _exception, http: _http, ...extensions } = formatted.extensions ?? {};
      let message = formatted.message.replace(/^Context creation failed: /, "");
      if (!options.fieldSuggestions) message = message.replace(/ Did you mean .+\?$/, "");
      return { ...formatted, message, extensions };
    }
    return { message: "Internal server error.", ...where, extensions: { code: ErrorCode.InternalServerError } };
  };
}
