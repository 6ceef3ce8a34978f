/**
 * The one place errors are translated for clients. Errors we raise on purpose (GraphQL syntax and
 * validation, limits, bad arguments, authentication) keep their code and message; `@neo4j/graphql`'s own
 * authorization and constraint errors get codes; a query Neo4j stopped at its timeout becomes QUERY_TIMEOUT
 * and one refused memory QUERY_MEMORY_LIMIT; a database that cannot be reached becomes
 * SERVICE_UNAVAILABLE; anything else is masked as INTERNAL_SERVER_ERROR. No Cypher, stack trace or driver
 * message reaches a client; the original is logged with the request id (see error-plugin.ts).
 * GraphQL answers go through Apollo's `formatError` (createErrorFormatter); every other route (/export, the
 * web pages, a body that is not JSON) answers through `sendError`, which uses the same translation.
 */
import { unwrapResolverError } from "@apollo/server/errors";
import type { ServerResponse } from "node:http";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { Neo4jError } from "neo4j-driver";
import {
  BadRequestError,
  ErrorCode,
  HTTP_STATUS,
  MethodNotAllowedError,
  QueryMemoryLimitError,
  QueryTimeoutError,
} from "../errors/index.js";

/** Codes whose message is written for clients and may be shown as is. */
const CLIENT_CODES = new Set<string>([
  ErrorCode.ParseFailed,
  ErrorCode.ValidationFailed,
  ErrorCode.BadUserInput,
  ErrorCode.BadRequest,
  ErrorCode.NotFound,
  ErrorCode.MethodNotAllowed,
  ErrorCode.Unauthenticated,
  ErrorCode.Forbidden,
  ErrorCode.ServiceUnavailable,
  ErrorCode.OperationResolutionFailed,
  ErrorCode.QueryTimeout,
  ErrorCode.QueryMemoryLimit,
  ErrorCode.RateLimited,
  ErrorCode.GdsUnavailable,
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

/**
 * Neo4j's codes for a transaction stopped at its timeout: `TransactionTimedOutClientConfiguration` when the
 * timeout came with the transaction (ours always does), `TransactionTimedOut` for the server's own setting.
 * https://neo4j.com/docs/status-codes/current/errors/all-errors/
 */
const TIMEOUT_CODES = new Set([
  "Neo.ClientError.Transaction.TransactionTimedOut",
  "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
]);

/**
 * Neo4j's codes for memory refused to a query: its own transaction's limit (the same query fails again), or
 * the database's pools (other work holds memory; later may work). All are "transient", so they must be
 * recognised before the retriable test below, or they would read as "database unavailable, try again".
 */
const QUERY_MEMORY_CODES = new Set([
  "Neo.TransientError.General.TransactionMemoryLimit",
  "Neo.ClientError.General.TransactionOutOfMemoryError",
  "51N73", // the GQL status of TransactionMemoryLimit
]);
const POOL_MEMORY_CODES = new Set([
  "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
  "Neo.TransientError.General.OutOfMemoryError",
  "51N72", // the GQL status of MemoryPoolOutOfMemoryError
]);

/** The Neo4j error in an error's cause chain, if any. */
function neo4jErrorIn(error: unknown): Neo4jError | undefined {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof Neo4jError) return cause;
  }
  return undefined;
}

/** A timeout or a memory refusal from Neo4j, as the error a client sees; undefined for anything else. */
export function queryLimitFromDatabase(error: unknown, timeoutMs: number): GraphQLError | undefined {
  const neo4jError = neo4jErrorIn(error);
  if (!neo4jError) return undefined;
  if (TIMEOUT_CODES.has(neo4jError.code)) return new QueryTimeoutError(timeoutMs);
  const codes = [neo4jError.code, neo4jError.gqlStatus];
  if (codes.some((code) => QUERY_MEMORY_CODES.has(code))) return new QueryMemoryLimitError(false);
  if (codes.some((code) => POOL_MEMORY_CODES.has(code))) return new QueryMemoryLimitError(true);
  return undefined;
}

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
  if (queryLimitFromDatabase(error, 0)) return false;
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof Neo4jError && (UNAVAILABLE_CODES.has(cause.code) || cause.retriable)) return true;
  }
  return false;
}

export interface FormatOptions {
  /** Keep graphql-js's "Did you mean …?" hints in validation messages. */
  readonly fieldSuggestions: boolean;
  /** The per-transaction timeout, for the message of a query stopped by it. */
  readonly transactionTimeoutMs: number;
}

/**
 * Apollo Server's own refusals, in our terms: automatic persisted queries with a hash that is not the query's
 * or a version other than 1 (Apollo gives them no code, so they would be masked as a server error) become
 * BAD_REQUEST, a batch is told how to send instead, and a method Apollo refuses (a mutation sent by GET)
 * is METHOD_NOT_ALLOWED with its `Allow`.
 * Undefined for every other error. Apollo's own PERSISTED_QUERY_NOT_FOUND is the protocol's "send the query
 * text" and stays as Apollo clients expect it.
 */
export function apolloRefusal(error: unknown): GraphQLError | undefined {
  if (!(error instanceof Error)) return undefined;
  // A GraphQLError (from any copy of graphql-js) always has its extensions object.
  const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
  if (extensions === undefined || extensions === null) return undefined;
  if (extensions.code === undefined) {
    if (error.message === "provided sha does not match query") {
      return new BadRequestError(
        "The persisted query's `sha256Hash` is not the SHA-256 of the query sent with it: send the lowercase hex " +
          "SHA-256 of exactly that text, or leave out `extensions.persistedQuery`.",
      );
    }
    if (error.message === "Unsupported persisted query version") {
      return new BadRequestError("Automatic persisted queries take `extensions.persistedQuery.version: 1` only.");
    }
    return undefined;
  }
  if (extensions.code === ErrorCode.BadRequest && error.message === "Operation batching disabled.") {
    return new BadRequestError("Batched requests (a JSON array of operations) are not accepted: send one per request.");
  }
  const http = extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
  if (extensions.code === ErrorCode.BadRequest && http?.status === 405) {
    const allow = http.headers?.get("allow")?.split(/,\s*/) ?? [];
    return new MethodNotAllowedError(error.message, allow);
  }
  return undefined;
}

export function createErrorFormatter(options: FormatOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const refusal = apolloRefusal(error);
    if (refusal) {
      const { http: _http, ...extensions } = refusal.extensions;
      return { message: refusal.message, extensions };
    }
    const original = unwrapResolverError(error);
    const where = formatted.path ? { path: formatted.path } : {};
    const limited = queryLimitFromDatabase(original, options.transactionTimeoutMs);
    if (limited) {
      const { http: _http, ...extensions } = limited.extensions;
      return { message: limited.message, ...where, extensions };
    }
    if (isDatabaseUnavailable(original)) {
      return {
        message: "The graph database is not available right now; try again shortly.",
        ...where,
        extensions: { code: ErrorCode.ServiceUnavailable },
      };
    }
    const known = original instanceof Error ? NEO4J_GRAPHQL_ERRORS[original.name] : undefined;
    if (known) return { message: known.message, ...where, extensions: { code: known.code } };
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

/**
 * Answers a route outside GraphQL with the same error body GraphQL clients get (`{ errors: [...] }`, a code
 * and the request id), translated and masked by the same formatter. Logs the unexpected. Takes Node's
 * response (express's is one), so every route can use it.
 */
export function sendError(
  res: ServerResponse,
  error: unknown,
  options: {
    requestId: string;
    log?: { error(object: object, message: string): void };
    /** The per-transaction timeout, for the message of a query stopped by it. */
    transactionTimeoutMs?: number;
  },
): void {
  const graphqlError =
    error instanceof GraphQLError ? error : new GraphQLError("unexpected", { originalError: error as Error });
  const formatted = createErrorFormatter({
    fieldSuggestions: false,
    transactionTimeoutMs: options.transactionTimeoutMs ?? 0,
  })(graphqlError.toJSON(), error);
  const code =
    typeof formatted.extensions?.code === "string" ? formatted.extensions.code : ErrorCode.InternalServerError;
  const declared = (graphqlError.extensions.http as { status?: number } | undefined)?.status;
  const status = code === ErrorCode.InternalServerError ? 500 : (declared ?? HTTP_STATUS[code as ErrorCode] ?? 500);
  if (status >= 500) options.log?.error({ err: error, requestId: options.requestId }, "request failed");
  if (res.headersSent) {
    // Bytes are out (a streamed export): the status cannot change; cut the answer so the client sees it incomplete.
    res.destroy();
    return;
  }
  // Node's response methods, not express's: /graphql answers without express (graphql-route.ts).
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(
    JSON.stringify({
      errors: [{ ...formatted, extensions: { ...formatted.extensions, requestId: options.requestId } }],
    }),
  );
}
