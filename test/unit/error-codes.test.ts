/**
 * Every code a client can see, from where it is made to what goes over the wire: each GraphQLError subclass's
 * extensions, docs/errors.md's table of codes and statuses against src/errors, every Neo4j code the boundary
 * translates (by code, by GQL status, through a cause chain) with the status `sendError` answers, the
 * `@neo4j/graphql` errors recognised by name, and what the formatter strips. The basic cases are
 * test/unit/error-boundary.test.ts's; these are the rest of the map.
 */
import { GraphQLError } from "graphql";
import { Neo4jError } from "neo4j-driver";
import { describe, expect, it, vi } from "vitest";
import { readDoc, tableRows } from "../support/docs.js";
import {
  ApiError,
  BadRequestError,
  BadUserInputError,
  ErrorCode,
  ForbiddenError,
  GdsUnavailableError,
  HTTP_STATUS,
  MethodNotAllowedError,
  NotFoundError,
  OperationResolutionError,
  QueryLimitError,
  QueryMemoryLimitError,
  QueryTimeoutError,
  RateLimitedError,
  ServiceUnavailableError,
  StartupError,
  UnauthenticatedError,
} from "../../src/errors/index.js";
import { HeaderMap } from "@apollo/server";
import {
  apolloRefusal,
  createErrorFormatter,
  queryLimitFromDatabase,
  sendError,
} from "../../src/server/format-error.js";

describe("each error class carries its code and HTTP status", () => {
  it.each<[string, GraphQLError, Record<string, unknown>]>([
    ["BadRequestError", new BadRequestError("m"), { code: "BAD_REQUEST", http: { status: 400 } }],
    ["BadRequestError with 415", new BadRequestError("m", 415), { code: "BAD_REQUEST", http: { status: 415 } }],
    [
      "BadUserInputError",
      new BadUserInputError("limit", "m"),
      { code: "BAD_USER_INPUT", argumentName: "limit", http: { status: 400 } },
    ],
    [
      "BadUserInputError with problems, some left out",
      new BadUserInputError("records", "m", [{ code: "REQUIRED" }], 3),
      {
        code: "BAD_USER_INPUT",
        argumentName: "records",
        problems: [{ code: "REQUIRED" }],
        omittedProblems: 3,
        http: { status: 400 },
      },
    ],
    [
      "BadUserInputError with every problem listed",
      new BadUserInputError("records", "m", [], 0),
      { code: "BAD_USER_INPUT", argumentName: "records", problems: [], http: { status: 400 } },
    ],
    ["UnauthenticatedError", new UnauthenticatedError("m"), { code: "UNAUTHENTICATED", http: { status: 401 } }],
    [
      "UnauthenticatedError naming the claim",
      new UnauthenticatedError("m", "sub"),
      { code: "UNAUTHENTICATED", claim: "sub", http: { status: 401 } },
    ],
    ["NotFoundError", new NotFoundError("m"), { code: "NOT_FOUND", http: { status: 404 } }],
    [
      "MethodNotAllowedError",
      new MethodNotAllowedError("m", ["GET", "HEAD"]),
      { code: "METHOD_NOT_ALLOWED", allow: ["GET", "HEAD"], http: { status: 405 } },
    ],
    ["ForbiddenError", new ForbiddenError("m"), { code: "FORBIDDEN", http: { status: 403 } }],
    [
      "QueryLimitError",
      new QueryLimitError("depth", "m"),
      { code: "GRAPHQL_VALIDATION_FAILED", limit: "depth", http: { status: 400 } },
    ],
    [
      "OperationResolutionError",
      new OperationResolutionError("m"),
      { code: "OPERATION_RESOLUTION_FAILURE", http: { status: 400 } },
    ],
    [
      "QueryTimeoutError",
      new QueryTimeoutError(15_000),
      { code: "QUERY_TIMEOUT", timeoutMs: 15_000, http: { status: 504 } },
    ],
    ["QueryMemoryLimitError", new QueryMemoryLimitError(false), { code: "QUERY_MEMORY_LIMIT", http: { status: 422 } }],
    [
      "RateLimitedError",
      new RateLimitedError("m", "rate", 42),
      { code: "RATE_LIMITED", limit: "rate", retryAfterSeconds: 42, http: { status: 429 } },
    ],
    ["ServiceUnavailableError", new ServiceUnavailableError(), { code: "SERVICE_UNAVAILABLE", http: { status: 503 } }],
    ["GdsUnavailableError", new GdsUnavailableError(), { code: "GDS_UNAVAILABLE", http: { status: 501 } }],
  ])("%s", (_label, error, extensions) => {
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.extensions).toEqual(extensions);
    // One base class; its status is the table's (GDS_UNAVAILABLE is not in it: one field's error; a bad
    // request says which of 400, 413, 415 it is).
    expect(error).toBeInstanceOf(ApiError);
    const { code, http } = extensions as { code: ErrorCode; http: { status: number } };
    if (code !== ErrorCode.GdsUnavailable && code !== ErrorCode.BadRequest) expect(http.status).toBe(HTTP_STATUS[code]);
  });

  it("a timeout names its seconds and the variable; the two memory refusals say different things", () => {
    expect(new QueryTimeoutError(2_500).message).toContain("2.5 s (NEO4J_TX_TIMEOUT_MS)");
    expect(new QueryMemoryLimitError(true).message).toContain("try again");
    expect(new QueryMemoryLimitError(false).message).not.toContain("try again");
  });

  it("a start-up error is no GraphQL error: a code for the operator, a name, a message", () => {
    const error = new StartupError("BAD_CONFIG", "Set X.");
    expect(error).not.toBeInstanceOf(GraphQLError);
    expect([error.code, error.name, error.message]).toEqual(["BAD_CONFIG", "StartupError", "Set X."]);
  });
});

describe("docs/errors.md, the table of codes", () => {
  const rows = new Map(
    tableRows(readDoc("docs/errors.md"))
      .filter((row) => /^`[A-Z_]+`$/.test(row[0] ?? ""))
      .map((row) => [row[0]!.slice(1, -1), row[1]!]),
  );

  it("lists every code, once", () => {
    expect([...rows.keys()].sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it.each(Object.entries(HTTP_STATUS))("%s answers the status the page says", (code, status) => {
    expect(rows.get(code)?.split(" / ")[0]).toBe(String(status));
  });

  it("GDS_UNAVAILABLE and INTERNAL_SERVER_ERROR: 501 and 500, as the page says", () => {
    expect([rows.get("GDS_UNAVAILABLE"), rows.get("INTERNAL_SERVER_ERROR")]).toEqual(["501", "500"]);
  });
});

const neo4jError = (code: string, gqlStatus = "50N42") =>
  new Neo4jError("from Neo4j: MATCH (n) RETURN n", code, gqlStatus, "error");

/** Just enough of Node's response to see what `sendError` answered. */
function answer(error: unknown, transactionTimeoutMs?: number) {
  const seen: { status?: number; body?: any } = {};
  const res = {
    headersSent: false,
    set statusCode(status: number) {
      seen.status = status;
    },
    setHeader: () => undefined,
    end: (body: string) => {
      seen.body = JSON.parse(body);
    },
  } as unknown as Parameters<typeof sendError>[0];
  const log = { error: vi.fn() };
  sendError(res, error, { requestId: "req-1", log, ...(transactionTimeoutMs ? { transactionTimeoutMs } : {}) });
  return { status: seen.status, error: seen.body.errors[0], logged: log.error.mock.calls.length > 0 };
}

describe("Neo4j's codes, as a client sees them", () => {
  it.each([
    ["Neo.ClientError.Transaction.TransactionTimedOut", "50N42", "QUERY_TIMEOUT", 504],
    ["Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", "50N42", "QUERY_TIMEOUT", 504],
    ["Neo.TransientError.General.TransactionMemoryLimit", "50N42", "QUERY_MEMORY_LIMIT", 422],
    ["Neo.ClientError.General.TransactionOutOfMemoryError", "50N42", "QUERY_MEMORY_LIMIT", 422],
    ["Neo.TransientError.General.MemoryPoolOutOfMemoryError", "50N42", "QUERY_MEMORY_LIMIT", 422],
    ["Neo.TransientError.General.OutOfMemoryError", "50N42", "QUERY_MEMORY_LIMIT", 422],
    ["Neo.DatabaseError.General.UnknownError", "51N73", "QUERY_MEMORY_LIMIT", 422],
    ["Neo.DatabaseError.General.UnknownError", "51N72", "QUERY_MEMORY_LIMIT", 422],
    ["ServiceUnavailable", "50N42", "SERVICE_UNAVAILABLE", 503],
    ["SessionExpired", "50N42", "SERVICE_UNAVAILABLE", 503],
    ["Neo.TransientError.Transaction.DeadlockDetected", "50N42", "SERVICE_UNAVAILABLE", 503],
    ["Neo.TransientError.General.DatabaseUnavailable", "50N42", "SERVICE_UNAVAILABLE", 503],
    ["Neo.ClientError.Schema.ConstraintValidationFailed", "50N42", "INTERNAL_SERVER_ERROR", 500],
    ["Neo.ClientError.Security.Unauthorized", "50N42", "INTERNAL_SERVER_ERROR", 500],
    ["Neo.ClientError.Procedure.ProcedureNotFound", "50N42", "INTERNAL_SERVER_ERROR", 500],
  ])("%s (%s) → %s, HTTP %i, no driver words", (code, gqlStatus, expected, status) => {
    const result = answer(neo4jError(code, gqlStatus), 15_000);
    expect([result.error.extensions.code, result.status]).toEqual([expected, status]);
    expect(JSON.stringify(result.error)).not.toMatch(/MATCH|from Neo4j|Neo\./);
    expect(result.logged).toBe(status >= 500);
  });

  it("a timeout reports the configured timeout, and never the `http` extension", () => {
    expect(answer(neo4jError("Neo.ClientError.Transaction.TransactionTimedOut"), 15_000).error).toEqual({
      message: new QueryTimeoutError(15_000).message,
      extensions: { code: "QUERY_TIMEOUT", timeoutMs: 15_000, requestId: "req-1" },
    });
  });

  it("pool and query memory refusals keep their own messages", () => {
    const pool = answer(neo4jError("Neo.TransientError.General.MemoryPoolOutOfMemoryError")).error.message;
    const query = answer(neo4jError("Neo.TransientError.General.TransactionMemoryLimit")).error.message;
    expect([pool, query]).toEqual([new QueryMemoryLimitError(true).message, new QueryMemoryLimitError(false).message]);
  });

  it("is found down the cause chain (a resolver's error wrapping the driver's)", () => {
    const wrapped = new Error("resolver failed", {
      cause: new Error("step failed", { cause: neo4jError("Neo.ClientError.Transaction.TransactionTimedOut") }),
    });
    expect(queryLimitFromDatabase(wrapped, 1_000)?.extensions.code).toBe("QUERY_TIMEOUT");
    expect(answer(wrapped, 1_000).status).toBe(504);
    expect(queryLimitFromDatabase(new Error("no Neo4j here"), 1_000)).toBeUndefined();
  });

  it("a Neo4j error that carries a client's code in its extensions is still masked", () => {
    const format = createErrorFormatter({ fieldSuggestions: true, transactionTimeoutMs: 1_000 });
    const formatted = format(
      { message: "from Neo4j", extensions: { code: "BAD_USER_INPUT" } },
      neo4jError("Neo.ClientError.Statement.SyntaxError"),
    );
    expect(formatted).toEqual({ message: "Internal server error.", extensions: { code: "INTERNAL_SERVER_ERROR" } });
  });
});

describe("@neo4j/graphql's errors, recognised by name", () => {
  const named = (name: string) => Object.assign(new Error("internal words: MATCH (this:Person)"), { name });
  const format = createErrorFormatter({ fieldSuggestions: false, transactionTimeoutMs: 1_000 });

  it.each([
    ["Neo4jGraphQLAuthenticationError", "UNAUTHENTICATED", 401],
    ["Neo4jGraphQLForbiddenError", "FORBIDDEN", 403],
    ["Neo4jGraphQLConstraintValidationError", "BAD_USER_INPUT", 400],
    ["Neo4jGraphQLRelationshipValidationError", "BAD_USER_INPUT", 400],
  ])("%s → %s (HTTP %i), in our words, at its path", (name, code, status) => {
    const formatted = format({ message: "internal words", path: ["people", 0, "email"] }, named(name));
    expect(formatted).toEqual({ message: expect.any(String), path: ["people", 0, "email"], extensions: { code } });
    expect(formatted.message).not.toContain("internal words");
    expect(HTTP_STATUS[code as ErrorCode]).toBe(status);
  });
});

describe("what the formatter keeps and strips", () => {
  const format = (fieldSuggestions: boolean) => createErrorFormatter({ fieldSuggestions, transactionTimeoutMs: 1_000 });

  it("drops stacktrace, exception and http from a client's error, keeping its other extensions and locations", () => {
    const error = new BadUserInputError("limit", "`limit` must be from 1 to 1000.");
    const formatted = format(false)(
      {
        message: error.message,
        locations: [{ line: 1, column: 3 }],
        extensions: { ...error.extensions, stacktrace: ["at x"], exception: { y: 1 } },
      },
      error,
    );
    expect(formatted).toEqual({
      message: "`limit` must be from 1 to 1000.",
      locations: [{ line: 1, column: 3 }],
      extensions: { code: "BAD_USER_INPUT", argumentName: "limit" },
    });
  });

  it("removes 'Context creation failed: ' from a token refused while the context was built", () => {
    const error = new UnauthenticatedError("The token has expired.");
    const formatted = format(false)(
      { message: "Context creation failed: The token has expired.", extensions: { code: "UNAUTHENTICATED" } },
      error,
    );
    expect(formatted.message).toBe("The token has expired.");
  });

  it("keeps 'Did you mean …?' only when FIELD_SUGGESTIONS is on", () => {
    const message = 'Cannot query field "nam" on type "City". Did you mean "name"?';
    const error = new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    expect(format(false)(error.toJSON(), error).message).toBe('Cannot query field "nam" on type "City".');
    expect(format(true)(error.toJSON(), error).message).toBe(message);
  });

  it.each(["PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED", "GDS_UNAVAILABLE", "RATE_LIMITED"])(
    "keeps %s as it is",
    (code) => {
      const error = new GraphQLError("as written", { extensions: { code } });
      expect(format(false)(error.toJSON(), error)).toEqual({ message: "as written", extensions: { code } });
    },
  );

  it("masks a code it does not know, keeping the path", () => {
    const error = new GraphQLError("secret detail", { extensions: { code: "SOMETHING_ELSE" }, path: ["cities"] });
    expect(format(false)(error.toJSON(), error)).toEqual({
      message: "Internal server error.",
      path: ["cities"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
  });
});

describe("routes outside GraphQL: the status comes from the code unless the error declares its own", () => {
  it.each<[string, unknown, number, string]>([
    ["a body of the wrong type", new BadRequestError("m", 415), 415, "BAD_REQUEST"],
    ["a wrong method", new MethodNotAllowedError("m", ["GET"]), 405, "METHOD_NOT_ALLOWED"],
    ["a bad request declaring 405 (as Apollo's)", new BadRequestError("m", 405), 405, "METHOD_NOT_ALLOWED"],
    ["a path nothing serves", new NotFoundError("m"), 404, "NOT_FOUND"],
    ["a token refused", new UnauthenticatedError("m"), 401, "UNAUTHENTICATED"],
    ["a missing role", new ForbiddenError("m"), 403, "FORBIDDEN"],
    ["too many exports", new RateLimitedError("m", "exportsPerClient", 5), 429, "RATE_LIMITED"],
    ["no Graph Data Science", new GdsUnavailableError(), 501, "GDS_UNAVAILABLE"],
    ["a limit", new QueryLimitError("cost", "m"), 400, "GRAPHQL_VALIDATION_FAILED"],
    ["a string thrown", "oops", 500, "INTERNAL_SERVER_ERROR"],
    ["a GraphQLError without a code", new GraphQLError("secret"), 500, "INTERNAL_SERVER_ERROR"],
  ])("%s → %i %s", (_label, error, status, code) => {
    const result = answer(error);
    expect([result.status, result.error.extensions.code, result.error.extensions.requestId]).toEqual([
      status,
      code,
      "req-1",
    ]);
    expect(result.logged).toBe(status >= 500);
  });

  it("a rate refusal tells when to come back, in the body as well", () => {
    expect(answer(new RateLimitedError("Too many.", "rate", 17)).error).toEqual({
      message: "Too many.",
      extensions: { code: "RATE_LIMITED", limit: "rate", retryAfterSeconds: 17, requestId: "req-1" },
    });
  });
});

describe("Apollo Server's own refusals, in our terms", () => {
  const format = createErrorFormatter({ fieldSuggestions: false, transactionTimeoutMs: 1_000 });
  const apollo = (message: string, extensions: Record<string, unknown> = {}) =>
    new GraphQLError(message, { extensions });

  it.each([
    ["a persisted query's hash that is not the query's", apollo("provided sha does not match query"), /sha256Hash/],
    ["a persisted query version other than 1", apollo("Unsupported persisted query version"), /version: 1/],
    ["a batch", apollo("Operation batching disabled.", { code: "BAD_REQUEST" }), /one per request/],
  ])("%s → BAD_REQUEST with a message a client can act on (not a masked server error)", (_label, error, words) => {
    const formatted = format(error.toJSON(), error);
    expect(formatted.extensions).toEqual({ code: "BAD_REQUEST" });
    expect(formatted.message).toMatch(words);
  });

  it("a method Apollo refuses (a mutation by GET) → METHOD_NOT_ALLOWED with its Allow", () => {
    const error = apollo("GET requests only support query operations, not mutation operations", {
      code: "BAD_REQUEST",
      http: { status: 405, headers: new HeaderMap([["allow", "POST"]]) },
    });
    expect(format(error.toJSON(), error)).toEqual({
      message: error.message,
      extensions: { code: "METHOD_NOT_ALLOWED", allow: ["POST"] },
    });
  });

  it("leaves every other error alone: PERSISTED_QUERY_NOT_FOUND, other codes, other messages without one", () => {
    for (const error of [
      apollo("PersistedQueryNotFound", { code: "PERSISTED_QUERY_NOT_FOUND" }),
      apollo("m", { code: "BAD_REQUEST", http: { status: 400 } }),
      apollo("something else"),
      new Error("provided sha does not match query"),
    ]) {
      expect(apolloRefusal(error)).toBeUndefined();
    }
  });
});
