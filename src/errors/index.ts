/**
 * Every error a client can see, each with its `extensions.code`. Resolvers throw these, never `Error`:
 * anything else that reaches the server is masked as INTERNAL_SERVER_ERROR (see server/format-error.ts).
 * `extensions.http.status` sets the HTTP status where it matters (Apollo strips it from the response).
 * Codes follow Apollo Server's built-in ones: https://www.apollographql.com/docs/apollo-server/data/errors
 */
import { GraphQLError } from "graphql";

export const ErrorCode = {
  ParseFailed: "GRAPHQL_PARSE_FAILED",
  ValidationFailed: "GRAPHQL_VALIDATION_FAILED",
  BadUserInput: "BAD_USER_INPUT",
  BadRequest: "BAD_REQUEST",
  NotFound: "NOT_FOUND",
  MethodNotAllowed: "METHOD_NOT_ALLOWED",
  Unauthenticated: "UNAUTHENTICATED",
  Forbidden: "FORBIDDEN",
  OperationResolutionFailed: "OPERATION_RESOLUTION_FAILURE",
  RateLimited: "RATE_LIMITED",
  QueryTimeout: "QUERY_TIMEOUT",
  QueryMemoryLimit: "QUERY_MEMORY_LIMIT",
  ServiceUnavailable: "SERVICE_UNAVAILABLE",
  GdsUnavailable: "GDS_UNAVAILABLE",
  InternalServerError: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The HTTP status of each code: what routes outside GraphQL answer (server/format-error.ts `sendError`), and
 * what a GraphQL answer gets when an error arises while a query runs (Apollo would answer 200). 504: Neo4j
 * stopped the query at its timeout; 422: the query needed more memory than Neo4j gives it. An unexpected
 * error is 500 outside GraphQL; inside, it stays a field error of a 200 answer that may hold other data.
 */
export const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.ParseFailed]: 400,
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.MethodNotAllowed]: 405,
  [ErrorCode.OperationResolutionFailed]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.QueryTimeout]: 504,
  [ErrorCode.QueryMemoryLimit]: 422,
  [ErrorCode.ServiceUnavailable]: 503,
};

/**
 * The base of every error a client sees: its code, and the HTTP status from HTTP_STATUS (the one table) unless
 * a class has a reason to differ (`status`); `extensions` adds what the code's class tells besides.
 */
export class ApiError extends GraphQLError {
  constructor(
    code: ErrorCode,
    message: string,
    extensions: Readonly<Record<string, unknown>> = {},
    status: number | undefined = HTTP_STATUS[code],
  ) {
    super(message, { extensions: { code, ...extensions, ...(status === undefined ? {} : { http: { status } }) } });
  }
}

/** Not a GraphQL-over-HTTP request at all: bad JSON, a body too large or of the wrong type (HTTP 400, 413, 415). */
export class BadRequestError extends ApiError {
  constructor(message: string, status?: number) {
    super(ErrorCode.BadRequest, message, {}, status);
  }
}

/** No route at this path (HTTP 404). */
export class NotFoundError extends ApiError {
  constructor(message: string) {
    super(ErrorCode.NotFound, message);
  }
}

/**
 * A route that exists, asked with a method it does not take (HTTP 405): `allow` lists the methods it does
 * take, which the answer also sends as the `Allow` header (RFC 9110 §15.5.6).
 */
export class MethodNotAllowedError extends ApiError {
  constructor(
    message: string,
    readonly allow: readonly string[],
  ) {
    super(ErrorCode.MethodNotAllowed, message, allow.length > 0 ? { allow: [...allow] } : {});
  }
}

/**
 * A bad argument: names the argument so a client can point at it without parsing the message. A refused
 * write also carries its problems as data (`{ file, line, column, index, item, id, field, code, message }`,
 * see src/graph-data/problems.ts) and how many more were found than listed.
 */
export class BadUserInputError extends ApiError {
  constructor(argumentName: string, message: string, problems?: readonly object[], omittedProblems = 0) {
    super(ErrorCode.BadUserInput, message, {
      argumentName,
      ...(problems ? { problems } : {}),
      ...(omittedProblems > 0 ? { omittedProblems } : {}),
    });
  }
}

/**
 * No valid token where one is needed, or a token that fails verification (HTTP 401). `claim` names the token
 * claim at fault when one is (`sub`, `exp`, the roles claim …), so a client can point at it.
 */
export class UnauthenticatedError extends ApiError {
  constructor(message: string, claim?: string) {
    super(ErrorCode.Unauthenticated, message, claim ? { claim } : {});
  }
}

/** A valid token without the role the operation needs (HTTP 403). */
export class ForbiddenError extends ApiError {
  constructor(message: string) {
    super(ErrorCode.Forbidden, message);
  }
}

/** A query refused by a limit (depth, aliases, directives, cost) before anything runs (HTTP 400). */
export class QueryLimitError extends ApiError {
  constructor(limit: string, message: string) {
    super(ErrorCode.ValidationFailed, message, { limit });
  }
}

/**
 * The request names no operation the document has: several operations and no `operationName`, or an
 * `operationName` the document does not define (HTTP 400).
 */
export class OperationResolutionError extends ApiError {
  constructor(message: string) {
    super(ErrorCode.OperationResolutionFailed, message);
  }
}

/**
 * Neo4j stopped the query at its transaction timeout (HTTP 504). Running the same query again takes as long;
 * asking for less is what helps.
 */
export class QueryTimeoutError extends ApiError {
  constructor(timeoutMs: number) {
    super(
      ErrorCode.QueryTimeout,
      `The query was stopped after ${timeoutMs / 1000} s (NEO4J_TX_TIMEOUT_MS): ask for less — fewer hops, a ` +
        "smaller limit or first, a narrower filter, or page with first/after. The same query will take as long again.",
      { timeoutMs },
    );
  }
}

/**
 * Neo4j refused the memory the query needed (HTTP 422): the query's own limit, or the database's pool when
 * `pool` is true — then other work holds memory too, and the same query may pass later.
 */
export class QueryMemoryLimitError extends ApiError {
  constructor(pool: boolean) {
    super(
      ErrorCode.QueryMemoryLimit,
      pool
        ? "The database ran short of memory for this query: ask for less (a smaller limit or first, fewer hops, " +
            "page with first/after), or try again when the server is less busy."
        : "The query needs more memory than the database gives one query: ask for less — a smaller limit or " +
            "first, fewer hops, or page with first/after instead of sorting everything at once.",
    );
  }
}

/** Too many requests from one client, or too much running at once: wait `retryAfterSeconds` (HTTP 429). */
export class RateLimitedError extends ApiError {
  constructor(
    message: string,
    limit: string,
    readonly retryAfterSeconds: number,
  ) {
    super(ErrorCode.RateLimited, message, { limit, retryAfterSeconds });
  }
}

/** The database cannot be reached or is restarting: try again later (HTTP 503). */
export class ServiceUnavailableError extends ApiError {
  constructor(message = "The graph database is not available right now; try again shortly.") {
    super(ErrorCode.ServiceUnavailable, message);
  }
}

/**
 * The graph algorithms (centrality, communities) need Neo4j Graph Data Science, which this Neo4j lacks
 * (HTTP 501): everything else works. See docs/running.md → Another Neo4j.
 */
export class GdsUnavailableError extends ApiError {
  constructor() {
    super(
      ErrorCode.GdsUnavailable,
      "This Neo4j has no Graph Data Science plugin, which centrality and communities need; every other field works. " +
        "Install GDS 2.13 (the local Neo4j has it unless NEO4J_LOCAL_GDS=false).",
      {},
      // Not in HTTP_STATUS: the table also sets a GraphQL answer's status, and this is one field's error in an
      // answer whose other fields stand.
      501,
    );
  }
}

/**
 * A problem at start-up that the person running the server can fix. The message says how;
 * `main` prints it without a stack trace and exits.
 */
export class StartupError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "StartupError";
  }
}
