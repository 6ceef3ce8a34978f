/**
 * The one error boundary without a server: what a client sees for each kind of failure (codes kept, the
 * database's trouble translated, everything else masked), and routes outside GraphQL answering with the same
 * body, status and request id.
 */
import { GraphQLError } from "graphql";
import { Neo4jError } from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { BadRequestError, BadUserInputError, ServiceUnavailableError } from "../../src/errors/index.js";
import { createErrorFormatter, isDatabaseUnavailable } from "../../src/server/index.js";
import { sendError } from "../../src/server/format-error.js";

const format = createErrorFormatter({ fieldSuggestions: false, transactionTimeoutMs: 15_000 });
const formatted = (error: unknown) =>
  format(
    (error instanceof GraphQLError ? error : new GraphQLError("x", { originalError: error as Error })).toJSON(),
    error,
  );

describe("the GraphQL error formatter", () => {
  it("keeps the codes and messages of errors made for clients", () => {
    expect(formatted(new BadUserInputError("limit", "`limit` must be an integer from 1 to 1000."))).toMatchObject({
      message: "`limit` must be an integer from 1 to 1000.",
      extensions: { code: "BAD_USER_INPUT", argumentName: "limit" },
    });
  });

  it("keeps a refused write's problems as data", () => {
    const problems = [{ item: "entity", id: "x", field: "name", code: "REQUIRED", message: "is required" }];
    expect(formatted(new BadUserInputError("entities", "1 problem", problems))).toMatchObject({
      extensions: { code: "BAD_USER_INPUT", problems },
    });
  });

  it("says SERVICE_UNAVAILABLE when the database cannot be reached, without the driver's words", () => {
    const down = new Neo4jError(
      "Could not perform discovery. No routing servers available.",
      "ServiceUnavailable",
      "",
      "",
    );
    expect(isDatabaseUnavailable(down)).toBe(true);
    expect(formatted(down)).toEqual({
      message: "The graph database is not available right now; try again shortly.",
      extensions: { code: "SERVICE_UNAVAILABLE" },
    });
  });

  it("masks anything unexpected: no message, no stack, no Cypher", () => {
    const leak = new Error("MATCH (n:Secret) RETURN n — at line 3");
    const result = formatted(leak);
    expect(result).toEqual({ message: "Internal server error.", extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(JSON.stringify(result)).not.toContain("Secret");
    const syntax = new Neo4jError("Invalid input 'X': expected MATCH", "Neo.ClientError.Statement.SyntaxError", "", "");
    expect(formatted(syntax).extensions?.code).toBe("INTERNAL_SERVER_ERROR");
  });
  it.each([
    ["Neo.TransientError.General.MemoryPoolOutOfMemoryError", "QUERY_MEMORY_LIMIT"],
    ["Neo.TransientError.General.TransactionMemoryLimit", "QUERY_MEMORY_LIMIT"],
    ["Neo.ClientError.Transaction.TransactionTimedOut", "QUERY_TIMEOUT"],
    ["Neo.TransientError.General.DatabaseUnavailable", "SERVICE_UNAVAILABLE"],
    ["Neo.DatabaseError.General.UnknownError", "INTERNAL_SERVER_ERROR"],
  ])("%s → %s", (neo4jCode, expected) => {
    const format = createErrorFormatter({ fieldSuggestions: false, transactionTimeoutMs: 15_000 });
    const formatted = format({ message: "x" }, new Neo4jError("from Neo4j", neo4jCode, "50N42", "error"));
    expect(formatted.extensions?.code).toBe(expected);
    expect(formatted.message).not.toContain("from Neo4j");
  });
});

/** Just enough of Node's response (express's is one) to see what a route answered. */
function fakeResponse(headersSent = false) {
  const answer: { status?: number; body?: unknown; contentType?: unknown; destroyed: boolean } = { destroyed: false };
  const res = {
    headersSent,
    set statusCode(code: number) {
      answer.status = code;
    },
    setHeader(name: string, value: unknown) {
      if (name.toLowerCase() === "content-type") answer.contentType = value;
      return res;
    },
    end(body: string) {
      answer.body = JSON.parse(body);
      return res;
    },
    destroy() {
      answer.destroyed = true;
    },
  };
  return { res: res as unknown as Parameters<typeof sendError>[0], answer };
}

describe("routes outside GraphQL answer through the same boundary", () => {
  it.each([
    [new BadUserInputError("format", "format must be one of json, csv."), 400, "BAD_USER_INPUT"],
    [new BadRequestError("The request body is too large (MAX_BODY_BYTES).", 413), 413, "BAD_REQUEST"],
    [new ServiceUnavailableError(), 503, "SERVICE_UNAVAILABLE"],
    [new Neo4jError("connection refused", "ServiceUnavailable", "", ""), 503, "SERVICE_UNAVAILABLE"],
    [new TypeError("cannot read x of undefined"), 500, "INTERNAL_SERVER_ERROR"],
  ])("%s → %i %s, with the request id", (error, status, code) => {
    const { res, answer } = fakeResponse();
    sendError(res, error, { requestId: "req-1" });
    expect(answer.status).toBe(status);
    expect(answer.contentType).toBe("application/json; charset=utf-8");
    expect(answer.body).toMatchObject({ errors: [{ extensions: { code, requestId: "req-1" } }] });
    expect(JSON.stringify(answer.body)).not.toMatch(/cannot read|connection refused/);
  });

  it("cuts an answer already under way instead of appending an error to it", () => {
    const { res, answer } = fakeResponse(true);
    sendError(res, new ServiceUnavailableError(), { requestId: "req-2" });
    expect(answer).toEqual({ destroyed: true });
  });
});
