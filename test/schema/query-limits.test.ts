/**
 * The limits that refuse hostile reads before anything runs (no database): the document guard (tokens,
 * nesting, selections after fragment expansion), the operation checks (operation name, variables' nesting,
 * list cost, filter depth, terms and cost), and — the other side of the same limits — every query this
 * project documents or sends (README and docs/, GraphiQL, the explorer, the benchmark) passes them all.
 */
import {
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  type TypeNode,
  getIntrospectionQuery,
  parse,
  print,
  specifiedRules,
  validate,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { fragmentBomb, fragmentChain } from "../fixtures/hostile-documents.js";
import { BENCH_QUERIES } from "../../bench/queries.js";
import { type RequestLimits, loadConfig } from "../../src/config/index.js";
import { sharedApiSchema } from "../support/test-api.js";
import {
  checkQueryText,
  limitValidationRules,
  measureFilter,
  operationProblem,
  operationTypeExists,
  variablesNesting,
} from "../../src/admission/index.js";
import { docPages, readDoc } from "../support/docs.js";
import { EXPLORER_QUERIES } from "../../src/web/explorer/api.js";
import { MAP_QUERIES } from "../../src/web/explorer/map-api.js";
import { EDIT_QUERIES, VIEWER_QUERY } from "../../src/web/explorer/edit-api.js";
import { EXAMPLE_TABS } from "../../src/web/graphiql/example-queries.js";
import { SAVED_QUESTIONS, type ParameterValue, type SavedQuestion, defaultOf } from "../../src/questions/index.js";
import { RELATIONSHIP_TYPES } from "../../src/graph-data/index.js";
import { restrictedFieldsIn } from "../../src/server/access-plugin.js";

let schema: GraphQLSchema;
const limits: RequestLimits = loadConfig({}).limits;

beforeAll(async () => {
  schema = (await sharedApiSchema()).schema;
});

/** The code and `extensions.limit` of the first refusal, or "ok" when the request may run. */
function verdict(query: string, variables: Record<string, unknown> = {}, operationName?: string): string {
  const shape = checkQueryText(query, limits);
  if (shape) return `GRAPHQL_VALIDATION_FAILED:${shape.limit}`;
  const document = parse(query);
  const errors = validate(schema, document, [...specifiedRules, operationTypeExists, ...limitValidationRules(limits)]);
  const named = (value: unknown): string => (typeof value === "string" ? `:${value}` : "");
  if (errors.length > 0) return `GRAPHQL_VALIDATION_FAILED${named(errors[0]!.extensions.limit ?? errors[0]!.message)}`;
  const problem = operationProblem(schema, document, { variables, operationName: operationName ?? null }, limits);
  if (!problem) return "ok";
  return `${named(problem.extensions.code).slice(1)}${named(problem.extensions.limit)}`;
}

const someFilter = (levels: number): Record<string, unknown> => {
  let where: Record<string, unknown> = { name: { eq: "x" } };
  for (let i = 0; i < levels; i += 1) where = { partners: { some: where } };
  return where;
};
const notFilter = (levels: number): Record<string, unknown> => {
  let where: Record<string, unknown> = { name: { eq: "x" } };
  for (let i = 0; i < levels; i += 1) where = { NOT: where };
  return where;
};
const orContains = (terms: number) => ({
  OR: Array.from({ length: terms }, (_, i) => ({ name: { contains: `x${i}` } })),
});
/** A JSON-like value nested `levels` deep, built without recursion. */
const deepValue = (levels: number): Record<string, unknown> => {
  const root: Record<string, unknown> = {};
  let inner = root;
  for (let i = 0; i < levels; i += 1) {
    const next: Record<string, unknown> = {};
    inner.AND = [next];
    inner = next;
  }
  return root;
};
const literal = (value: unknown): string =>
  typeof value === "object" && value !== null
    ? Array.isArray(value)
      ? `[${value.map(literal).join(", ")}]`
      : `{ ${Object.entries(value)
          .map(([key, inner]) => `${key}: ${literal(inner)}`)
          .join(", ")} }`
    : JSON.stringify(value);
/** `{ <open> … <leaf> … <close> }` nested `levels` deep, as query text (no recursion). */
const nestedText = (levels: number, open: string, close: string): string =>
  `${open.repeat(levels)}{ name: { eq: "x" } }${close.repeat(levels)}`;
const CITY_WHERE = "query ($where: CityWhere) { cities(where: $where) { name } }";

// No clock here (a busy machine is no proof either way): the 40-level bomb expands to 10^12 selections and the
// million-level nestings overflow any recursive walk, so a checker that expanded or recursed would never return
// within the test's timeout. How long a refusal takes is measured by `npm run bench:hostile`.
describe("the attacks of issue 10 are refused before anything runs", () => {
  it.each([
    ["a fragment bomb of 22 levels (1.7 KB)", fragmentBomb(22), "GRAPHQL_VALIDATION_FAILED:selections"],
    ["a fragment bomb of 40 levels", fragmentBomb(40), "GRAPHQL_VALIDATION_FAILED:selections"],
    ["a chain of 2,400 fragments", fragmentChain(2_400), "GRAPHQL_VALIDATION_FAILED:tokens"],
    [
      "`partners: { some: … }` nested 20 deep (literal)",
      `{ cities(where: ${nestedText(20, "{ partners: { some: ", " } }")}) { name } }`,
      "GRAPHQL_VALIDATION_FAILED:nesting",
    ],
    [
      "an OR of 2000 `contains` (literal)",
      `{ cities(where: ${literal(orContains(2000))}) { name } }`,
      "GRAPHQL_VALIDATION_FAILED:tokens",
    ],
    [
      "NOT nested 500 deep (literal)",
      `{ cities(where: ${nestedText(500, "{ NOT: ", " }")}) { name } }`,
      "GRAPHQL_VALIDATION_FAILED:nesting",
    ],
    [
      "a literal nested 2,000 deep",
      `{ cities(where: ${nestedText(2_000, "{ AND: [", "] }")}) { name } }`,
      "GRAPHQL_VALIDATION_FAILED:nesting",
    ],
  ])("%s", (_label, query, expected) => {
    expect(verdict(query)).toBe(expected);
  });

  // Values are built inside each test: vitest would otherwise walk the deep ones when it collects the cases.
  it.each([
    ["`some` nested 15 deep", () => someFilter(15), "GRAPHQL_VALIDATION_FAILED:filterDepth"],
    ["`some` nested 5 deep", () => someFilter(5), "GRAPHQL_VALIDATION_FAILED:filterCost"],
    ["an OR of 2000 `contains`", () => orContains(2000), "GRAPHQL_VALIDATION_FAILED:filterTerms"],
    ["an OR of 101 `contains`", () => orContains(101), "GRAPHQL_VALIDATION_FAILED:filterTerms"],
    ["NOT nested 19 deep", () => notFilter(19), "GRAPHQL_VALIDATION_FAILED:filterDepth"],
    ["variables nested 10,000 deep", () => deepValue(10_000), "GRAPHQL_VALIDATION_FAILED:nesting"],
    ["variables nested 1,000,000 deep", () => deepValue(1_000_000), "GRAPHQL_VALIDATION_FAILED:nesting"],
    [
      "one 90 KB `contains` under a relationship filter",
      () => ({ partners: { some: { partners: { some: { name: { contains: "x".repeat(90_000) } } } } } }),
      "GRAPHQL_VALIDATION_FAILED:filterCost",
    ],
  ])("the same through variables: %s", (_label, where, expected) => {
    const variables = { where: where() };
    expect(verdict(CITY_WHERE, variables)).toBe(expected);
  });

  it("a filter is counted each time a fragment spreads it", () => {
    const filter = literal(orContains(30));
    const once = `{ cities { ...F } } fragment F on City { partners(where: ${filter}) { name } }`;
    const fourTimes = `{ cities { ...F ...F } partners: cities { ...F ...F } } fragment F on City { partners(where: ${filter}) { name } }`;
    expect(verdict(once)).toBe("ok");
    expect(verdict(fourTimes)).toBe("GRAPHQL_VALIDATION_FAILED:filterTerms");
  });

  it("two operations without operationName, or an unknown one → OPERATION_RESOLUTION_FAILURE", () => {
    const two = "query A { graphStats { nodes } } query B { graphStats { edges } }";
    expect(verdict(two)).toBe("OPERATION_RESOLUTION_FAILURE");
    expect(verdict(two, {}, "Z")).toBe("OPERATION_RESOLUTION_FAILURE");
    expect(verdict("query A { graphStats { nodes } }", {}, "Z")).toBe("OPERATION_RESOLUTION_FAILURE");
    expect(verdict(two, {}, "B")).toBe("ok");
  });

  it("undeclared variables are ignored, however large or deep within the nesting limit", () => {
    expect(verdict("{ graphStats { nodes } }", { junk: "x".repeat(90_000), deep: deepValue(15) })).toBe("ok");
  });
});

describe("the measures", () => {
  it("selections after fragment expansion are counted exactly, without expanding", () => {
    // 2 spreads at the root, then 2^k spreads per level and 2^22 leaf fields: 3·2^22 − 2 selections … and more.
    const problem = checkQueryText(fragmentBomb(22), { ...limits, maxTokens: 100_000 });
    expect(problem).toMatchObject({ limit: "selections", measured: { maxSelections: limits.maxSelections } });
    expect(problem?.measured.selections).toBeGreaterThan(2 ** 22);
  });

  it("fragment chains count as nesting, even where tokens would allow them", () => {
    const problem = checkQueryText(fragmentChain(1_000), { ...limits, maxTokens: 100_000 });
    expect(problem).toMatchObject({ limit: "nesting", measured: { nesting: 999, maxNesting: limits.maxNesting } });
    expect(checkQueryText(fragmentChain(30), limits)).toBeUndefined();
  });

  it("not valid GraphQL is left to the parser", () => {
    expect(checkQueryText("{ graphStats { nodes ", limits)).toBeUndefined();
    expect(checkQueryText('{ search(text: "abc) { score } }', limits)).toBeUndefined();
  });

  it("variables' nesting is measured without recursion and stops counting past the limit", () => {
    expect(variablesNesting({ a: [1, { b: 2 }] }, 40)).toBe(3);
    expect(variablesNesting(deepValue(1_000_000), 40)).toBe(41);
  });

  it("filters: depth by boolean and relationship levels, terms by predicates, cost by fan-out and operands", () => {
    const type = schema
      .getQueryType()!
      .getFields()
      .cities!.args.find((arg) => arg.name === "where")!.type;
    expect(measureFilter({ name: { eq: "x", startsWith: "y" } }, type, 10)).toEqual({ depth: 0, terms: 2, cost: 2 });
    expect(measureFilter(someFilter(2), type, 10)).toEqual({ depth: 2, terms: 1, cost: 100 });
    expect(measureFilter(notFilter(3), type, 10)).toEqual({ depth: 3, terms: 1, cost: 1 });
    expect(measureFilter(orContains(50), type, 10)).toEqual({ depth: 1, terms: 50, cost: 50 });
    expect(measureFilter({ name: { contains: "x".repeat(250) } }, type, 10)).toEqual({ depth: 0, terms: 1, cost: 3 });
    expect(measureFilter({ id: { in: Array.from({ length: 25 }, (_, i) => `id-${i}`) } }, type, 10)).toEqual({
      depth: 0,
      terms: 1,
      cost: 4,
    });
    const connection = { fundersConnection: { some: { node: { name: { startsWith: "T" } } } } };
    const officeWhere = schema
      .getQueryType()!
      .getFields()
      .offices!.args.find((arg) => arg.name === "where")!.type;
    expect(measureFilter(connection, officeWhere, 10)).toEqual({ depth: 1, terms: 1, cost: 10 });
    expect(measureFilter(notFilter(100_000), type, 10)).toMatchObject({ depth: 100_000, terms: 1 });
  });
});

/** Placeholder values of the right type for an operation's variables (the cost does not depend on them). */
function placeholderVariables(operation: OperationDefinitionNode): Record<string, unknown> {
  const value = (type: TypeNode): unknown => {
    if (type.kind === Kind.NON_NULL_TYPE) return value(type.type);
    if (type.kind === Kind.LIST_TYPE) return [value(type.type)];
    return { Int: 20, Float: 1, Boolean: true }[type.name.value] ?? "helsinki";
  };
  return Object.fromEntries(
    (operation.variableDefinitions ?? []).map((definition) => [definition.variable.name.value, value(definition.type)]),
  );
}

/** Each query operation of the documentation's ```graphql blocks (README and docs/), on its own, with its page. */
function documentedQueries(): [string, string][] {
  return docPages().flatMap((page) => {
    const blocks = [...readDoc(page).matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);
    return queriesOf(blocks).map((query, i): [string, string] => [`${page} #${i + 1}`, query]);
  });
}

function queriesOf(blocks: string[]): string[] {
  return blocks.flatMap((block) =>
    parse(block)
      .definitions.filter(
        (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
      )
      .filter((operation) => operation.operation === OperationTypeNode.QUERY)
      .map((operation) => print(operation)),
  );
}

/** A saved question's parameters at their defaults. */
function defaults(question: SavedQuestion): Record<string, ParameterValue> {
  return Object.fromEntries(question.parameters.map((parameter) => [parameter.name, defaultOf(parameter)]));
}

/** A saved question's parameters at the most each allows: the widest answer it can be asked for. */
function largest(question: SavedQuestion): Record<string, ParameterValue> {
  const values = defaults(question);
  for (const { name, type } of question.parameters) {
    if (type.kind === "int") values[name] = type.max;
    if (type.kind === "types") values[name] = [...RELATIONSHIP_TYPES];
    if (type.kind === "entities") values[name] = Array.from({ length: type.max }, (_, i) => `entity-${i}`);
  }
  if ("fromYear" in values) values.fromYear = 1825;
  if ("toYear" in values) values.toYear = 2025;
  return values;
}

describe("saved questions", () => {
  it.each(SAVED_QUESTIONS.map((question) => [question.name, question] as const))(
    "%s selects no personal field, so anonymous callers get whole answers",
    (_name, question) => {
      expect([...restrictedFieldsIn(schema, parse(question.document))]).toEqual([]);
    },
  );

  it.each(SAVED_QUESTIONS.map((question) => [question.name, question] as const))(
    "%s is one query operation named as declared, valid against the schema",
    (_name, question) => {
      const document = parse(question.document);
      const operations = document.definitions.filter(
        (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
      );
      expect(operations.map((operation) => [operation.operation, operation.name?.value])).toEqual([
        [OperationTypeNode.QUERY, question.operationName],
      ]);
      expect(validate(schema, document).map((error) => error.message)).toEqual([]);
    },
  );
});

describe("every query the project documents or sends passes every limit", () => {
  const cases: [string, string, Record<string, unknown> | undefined][] = [
    ...documentedQueries().map(([label, query]): [string, string, undefined] => [label, query, undefined]),
    ...EXAMPLE_TABS.map((tab, i): [string, string, Record<string, unknown> | undefined] => [
      `GraphiQL tab ${i + 1}`,
      tab.query,
      tab.variables ? (JSON.parse(tab.variables) as Record<string, unknown>) : undefined,
    ]),
    ...Object.entries({ ...EXPLORER_QUERIES, ...MAP_QUERIES }).map(
      ([name, entry]): [string, string, Record<string, unknown>] => [`explorer ${name}`, entry.query, entry.variables],
    ),
    ...Object.entries(EDIT_QUERIES).map(([name, entry]): [string, string, Record<string, unknown>] => [
      `explorer editing ${name}`,
      entry.query,
      entry.variables,
    ]),
    ["explorer viewer", VIEWER_QUERY, {}],
    ...SAVED_QUESTIONS.flatMap((question): [string, string, Record<string, unknown>][] => [
      [`saved question ${question.name} (defaults)`, question.document, question.variables(defaults(question))],
      [`saved question ${question.name} (largest)`, question.document, question.variables(largest(question))],
    ]),
    ...BENCH_QUERIES.map((query): [string, string, undefined] => [`bench ${query.name}`, query.graphql, undefined]),
    ["GraphiQL's introspection", getIntrospectionQuery({ inputValueDeprecation: true }), undefined],
  ];

  it("finds the documented queries", () => {
    expect(documentedQueries().length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)("%s", (_label, query, variables) => {
    const operation = parse(query).definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    )!;
    expect(verdict(query, variables ?? placeholderVariables(operation))).toBe("ok");
  });
});
