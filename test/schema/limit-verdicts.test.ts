/**
 * The limits' verdicts, remembered (src/admission/limit-verdicts.ts), give exactly the verdict the limits give:
 * the same refusal (code, limit, measures) the first time and every time after, the same pass, and a
 * different verdict for other variables or other limits. No database.
 */
import { type GraphQLSchema, parse } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { type RequestLimits, loadConfig } from "../../src/config/index.js";
import { sharedApiSchema } from "../support/test-api.js";
import { checkQueryText, operationProblem } from "../../src/admission/index.js";
import { checkQueryTextOnce, operationProblemOnce } from "../../src/admission/index.js";

let schema: GraphQLSchema;
const limits: RequestLimits = loadConfig({}).limits;

beforeAll(async () => {
  schema = (await sharedApiSchema()).schema;
});

const verdict = (error: { message: string; extensions: Record<string, unknown> } | undefined) =>
  error && { message: error.message, extensions: error.extensions };

describe("the query text's verdict, remembered", () => {
  it.each([
    ["a plain query", '{ node(id: "helsinki") { id } }'],
    ["too deep a nesting", `{ a ${"{ b ".repeat(60)}${"}".repeat(60)} }`],
    ["too many tokens", `{ ${"a ".repeat(6000)} }`],
  ])("%s: the same verdict first and again", (_name, query) => {
    const fresh = checkQueryText(query, limits);
    expect(checkQueryTextOnce(query, limits)).toEqual(fresh);
    expect(checkQueryTextOnce(query, limits)).toEqual(fresh);
  });

  it("depends on the limits", () => {
    const query = `{ ${"a ".repeat(200)} }`;
    expect(checkQueryTextOnce(query, limits)).toBeUndefined();
    expect(checkQueryTextOnce(query, { ...limits, maxTokens: 100 })).toMatchObject({ limit: "tokens" });
  });
});

describe("the operation's verdict, remembered", () => {
  const query = `query($limit: Int) { neighbourhood(id: "echa", limit: $limit) { nodes { id } } }`;
  const document = parse(query);
  const tight = { ...limits, maxCost: 500 };

  it("is the limits' verdict, the first time and every time after, per variables", () => {
    for (const variables of [{ limit: 10 }, { limit: 1000 }, { limit: 10 }, { limit: 1000 }]) {
      const fresh = operationProblem(schema, document, { variables }, tight);
      const remembered = operationProblemOnce(schema, document, "hash-of-the-text", { variables }, tight);
      expect(verdict(remembered)).toEqual(verdict(fresh));
    }
    expect(
      operationProblemOnce(schema, document, "hash-of-the-text", { variables: { limit: 1000 } }, tight),
    ).toBeDefined();
    expect(
      operationProblemOnce(schema, document, "hash-of-the-text", { variables: { limit: 10 } }, tight),
    ).toBeUndefined();
  });

  it("is not remembered across limits, or for large variables", () => {
    expect(operationProblemOnce(schema, document, "hash-2", { variables: { limit: 1000 } }, limits)).toBeUndefined();
    expect(operationProblemOnce(schema, document, "hash-2", { variables: { limit: 1000 } }, tight)).toBeDefined();
    const large = { limit: 1000, padding: "x".repeat(10_000) };
    expect(verdict(operationProblemOnce(schema, document, "hash-3", { variables: large }, tight))).toEqual(
      verdict(operationProblem(schema, document, { variables: large }, tight)),
    );
  });
});
