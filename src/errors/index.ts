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
  Unauthenticated: "UNAUTHENTICATED",
  Forbidden: "FORBIDDEN",
  ServiceUnavailable: "SERVICE_UNAVAILABLE",
  GdsUnavailable: "GDS_UNAVAILABLE",
  InternalServerError: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A bad argument: names the argument so a client can point at it without parsing the message. */
export class BadUserInputError extends GraphQLError {
  constructor(argumentName: string, message: string, problems?: readonly string[]) {
    super(message, {
      extensions: {
        code: ErrorCode.BadUserInput,
        argumentName,
        ...(problems ? { problems } : {}),
        http: { status: 400 },
      },
    });
  }
}

/** No valid token where one is needed, or a token that fails verification (HTTP 401). */
export class UnauthenticatedError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } } });
  }
}

/** A valid token without the role the operation needs (HTTP 403). */
export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.Forbidden, http: { status: 403 } } });
  }
}

/** A query refused by a limit (depth, aliases, directives, cost) before anything runs (HTTP 400). */
export class QueryLimitError extends GraphQLError {
  constructor(limit: string, message: string) {
    super(message, { extensions: { code: ErrorCode.ValidationFailed, limit, http: { status: 400 } } });
  }
}

/** The database cannot be reached or is restarting: try again later (HTTP 503). */
export class ServiceUnavailableError extends GraphQLError {
  constructor(message = "The graph database is not available right now; try again shortly.") {
    super(message, { extensions: { code: ErrorCode.ServiceUnavailable, http: { status: 503 } } });
  }
}

/**
 * The graph algorithms (centrality, communities) need Neo4j Graph Data Science, which this Neo4j lacks
 * (HTTP 501): everything else works. See README → Graph Data Science.
 */
export class GdsUnavailableError extends GraphQLError {
  constructor() {
    super(
      "This Neo4j has no Graph Data Science plugin, which centrality and communities need; every other field works. " +
        "Install GDS 2.13 (the local Neo4j has it unless NEO4J_LOCAL_GDS=false).",
      { extensions: { code: ErrorCode.GdsUnavailable, http: { status: 501 } } },
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

/** Bad data in a seed or import file: names the record and field. */
export class GraphDataError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The graph data has ${problems.length} problem(s):\n  - ${problems.join("\n  - ")}`);
    this.name = "GraphDataError";
  }
}
