/**
 * Where the explorer's address-following requests stand (src/web/explorer/request-outcome.ts): an answer shows
 * only for the question it answers; failures are told in the reader's language unless the API said why.
 */
import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/web/shared/graphql-client.js";
import { dataOf, errorOf, outcomeFor } from "../../src/web/explorer/request-outcome.js";

describe("a request's outcome", () => {
  const answered = { key: "a", outcome: { status: "done" as const, data: 42 } };

  it("is idle with no question, and loading until this question's answer arrives", () => {
    expect(outcomeFor(null, answered)).toEqual({ status: "idle" });
    expect(outcomeFor("b", answered)).toEqual({ status: "loading" });
    expect(outcomeFor("b", null)).toEqual({ status: "loading" });
    expect(outcomeFor("a", answered)).toBe(answered.outcome);
  });

  it("gives the answer, or null while there is none", () => {
    expect(dataOf(answered.outcome)).toBe(42);
    expect(dataOf(outcomeFor("b", answered))).toBeNull();
  });

  it("tells a failure in the reader's language, or as the API said it", () => {
    const failed = { status: "error" as const, error: new TypeError("fetch failed") };
    expect(errorOf(failed, "fi")).toBe("Lataamisessa tapahtui virhe.");
    expect(errorOf(failed, "en")).toBe("Something went wrong while loading.");
    expect(errorOf({ status: "error", error: new ApiError("Unknown entity: x", "NOT_FOUND") }, "sv")).toBe(
      "Unknown entity: x",
    );
    expect(errorOf(answered.outcome, "en")).toBeNull();
  });
});
