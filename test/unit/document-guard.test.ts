/**
 * The query limits' pure parts on a small schema of our own, at their exact boundaries: the document guard
 * (tokens, nesting of `{ [ (`, selections after fragment expansion, fragment depth), the variables' nesting,
 * the filter measure (depth, terms, cost by operand and fan-out), the list-size estimator, the order in which
 * an operation's refusals are reported with their measures, and the validation rules' codes. The full API
 * schema and the documented queries are test/schema/query-limits.test.ts's; this file pins the arithmetic.
 */
import {
  type GraphQLError,
  type GraphQLInputType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  GraphQLString,
  buildSchema,
  parse,
  specifiedRules,
  validate,
} from "graphql";
import { describe, expect, it } from "vitest";
import { type RequestLimits, loadConfig } from "../../src/config/index.js";
import { DEFAULT_LIST_SIZE, MAX_LIST_SIZE } from "../../src/config/list-size.js";
import {
  FilterTally,
  type ShapeLimits,
  checkFragments,
  checkQueryText,
  limitValidationRules,
  listSizeEstimator,
  measureFilter,
  operationProblem,
  operationTypeExists,
  variablesNesting,
} from "../../src/admission/index.js";

const roomy: ShapeLimits = { maxTokens: 10_000, maxNesting: 100, maxSelections: 100_000 };
const shape = (query: string, limits: Partial<ShapeLimits>) => checkQueryText(query, { ...roomy, ...limits });

describe("the document guard: tokens", () => {
  // `{ a b c }`: five tokens.
  it("passes exactly MAX_QUERY_TOKENS tokens and refuses one more, naming the variable", () => {
    expect(shape("{ a b c }", { maxTokens: 5 })).toBeUndefined();
    const problem = shape("{ a b c d }", { maxTokens: 5 });
    expect(problem).toMatchObject({ limit: "tokens", measured: { maxTokens: 5 } });
    expect(problem?.message).toContain("MAX_QUERY_TOKENS");
  });

  it("does not count comments: a long comment costs nothing", () => {
    expect(shape(`# ${"why ".repeat(5_000)}\n{ a b c }`, { maxTokens: 5 })).toBeUndefined();
  });

  it("counts a string value as one token, whatever its length", () => {
    expect(shape(`{ a(x: "${"y".repeat(50_000)}") }`, { maxTokens: 8 })).toBeUndefined();
  });
});

describe("the document guard: nesting", () => {
  it("counts braces, brackets and parentheses alike", () => {
    // { ( [ [ : four levels
    const query = "{ a(x: [[1]]) }";
    expect(shape(query, { maxNesting: 4 })).toBeUndefined();
    expect(shape(query, { maxNesting: 3 })).toEqual({
      limit: "nesting",
      measured: { maxNesting: 3 },
      message: expect.stringContaining("MAX_QUERY_NESTING"),
    });
  });

  it("counts depth, not the number of brackets: siblings never add up", () => {
    expect(shape("{ a { b } c { d } e { f } g(x: [1], y: [2], z: [3]) }", { maxNesting: 3 })).toBeUndefined();
  });

  it("leaves text the lexer or the parser rejects to the parser", () => {
    expect(shape('{ a(x: "unterminated) }', { maxNesting: 2 })).toBeUndefined();
    expect(shape("} } } { a", { maxNesting: 1 })).toBeUndefined();
  });
});

describe("the document guard: selections once fragments are expanded", () => {
  it.each([
    ["fields and nested fields", "{ a { b { c } } d }", 4],
    ["a spread counts itself and what it expands to", "{ a ...F } fragment F on Q { b c }", 4],
    ["a fragment spread twice counts twice", "{ ...F ...F } fragment F on Q { b c }", 6],
    ["inline fragments count and are walked", "{ ... on Q { a b } }", 3],
    ["fragments spreading fragments multiply", "{ ...A } fragment A on Q { ...B ...B } fragment B on Q { x y }", 7],
    ["a spread of a fragment the document lacks counts only itself", "{ a ...Missing }", 2],
  ])("%s: %i", (_label, query, selections) => {
    expect(shape(query, { maxSelections: selections })).toBeUndefined();
    expect(shape(query, { maxSelections: selections - 1 })).toEqual({
      limit: "selections",
      measured: { selections, maxSelections: selections - 1 },
      message: expect.stringContaining("MAX_QUERY_SELECTIONS"),
    });
  });

  it("checks every operation of the document, not only the first", () => {
    const query = "query Small { a } query Large { a b c d e }";
    expect(shape(query, { maxSelections: 4 })).toMatchObject({ limit: "selections", measured: { selections: 5 } });
  });

  it("a cycle of fragments ends the walk (validation reports the cycle later)", () => {
    const query = "{ ...A } fragment A on Q { x ...B } fragment B on Q { y ...A }";
    expect(shape(query, {})).toBeUndefined();
  });

  it("an expansion past any number saturates: the refusal says 'too many' and reports no count", () => {
    // 64 levels, each spreading the next twice: 2^64 leaf selections, beyond exact integers.
    const levels = 64;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Q { ${i + 1 < levels ? `...F${i + 1} ...F${i + 1}` : "x"} }`,
    );
    const problem = checkFragments(parse(`{ ...F0 } ${fragments.join(" ")}`), { ...roomy, maxNesting: 1_000 });
    expect(problem).toEqual({
      limit: "selections",
      measured: { maxSelections: roomy.maxSelections },
      message: expect.stringContaining("too many selections"),
    });
  });
});

describe("the document guard: fragments spreading fragments", () => {
  /** F1 spreads F2 … spreads F<length>, which selects a field: the chain is length − 1 spreads deep. */
  const chain = (length: number) =>
    `{ ...F1 } ${Array.from({ length }, (_, i) =>
      i + 1 < length ? `fragment F${i + 1} on Q { ...F${i + 2} }` : `fragment F${i + 1} on Q { x }`,
    ).join(" ")}`;

  it("counts the spread chain's depth against MAX_QUERY_NESTING", () => {
    expect(shape(chain(4), { maxNesting: 3 })).toBeUndefined();
    expect(shape(chain(5), { maxNesting: 3 })).toEqual({
      limit: "nesting",
      measured: { nesting: 4, maxNesting: 3 },
      message: expect.stringContaining("MAX_QUERY_NESTING"),
    });
  });
});

describe("the variables' nesting", () => {
  it.each([
    ["no variables", undefined, 0],
    ["a scalar", "x", 0],
    ["null", null, 0],
    ["an empty object", {}, 1],
    ["an empty list", [], 1],
    ["lists in lists", [[[1]]], 3],
    ["many siblings, one level below", { a: { x: 1 }, b: { y: 2 }, c: [1, 2] }, 2],
    ["the deepest branch counts", { a: 1, b: { c: { d: [{}] } } }, 5],
  ])("%s → %i", (_label, value, depth) => {
    expect(variablesNesting(value, 40)).toBe(depth);
  });

  it("stops one past the limit", () => {
    expect(variablesNesting({ a: { b: { c: { d: {} } } } }, 2)).toBe(3);
  });
});

const FILTER_SDL = /* GraphQL */ `
  input StringFilters {
    eq: String
    contains: String
    in: [String!]
  }
  input IntFilters {
    eq: Int
    gt: Int
  }
  input CityRelationshipFilter {
    some: CityWhere
    all: CityWhere
    none: CityWhere
    single: CityWhere
  }
  input CityWhere {
    AND: [CityWhere!]
    OR: [CityWhere!]
    NOT: CityWhere
    name: StringFilters
    population: IntFilters
    partners: CityRelationshipFilter
    capital: Boolean
  }
  type City {
    name: String
    partners(limit: Int, where: CityWhere): [City!]!
  }
  type Query {
    cities(limit: Int, where: CityWhere): [City!]!
    hello: String
  }
`;
const filterSchema = buildSchema(FILTER_SDL);
const cityWhere = filterSchema.getType("CityWhere") as GraphQLInputType;
const measure = (value: unknown, fanout = 10) => measureFilter(value, cityWhere, fanout);

describe("the filter measure", () => {
  it.each([
    ["an empty filter", {}, { depth: 0, terms: 0, cost: 0 }],
    ["null fields", { name: null, partners: null }, { depth: 0, terms: 0, cost: 0 }],
    ["fields the type does not have", { bogus: { eq: "x" } }, { depth: 0, terms: 0, cost: 0 }],
    [
      "each operator set is a predicate",
      { name: { eq: "a", contains: "b" }, population: { gt: 1 } },
      { depth: 0, terms: 3, cost: 3 },
    ],
    ["a leaf field outside a predicate type is a predicate too", { capital: true }, { depth: 0, terms: 1, cost: 1 }],
    ["a string of 99 characters weighs 1", { name: { contains: "x".repeat(99) } }, { depth: 0, terms: 1, cost: 1 }],
    ["a string of 100 characters weighs 2", { name: { contains: "x".repeat(100) } }, { depth: 0, terms: 1, cost: 2 }],
    [
      "a list of 9 entries weighs 1",
      { name: { in: Array.from({ length: 9 }, (_, i) => `${i}`) } },
      { depth: 0, terms: 1, cost: 1 },
    ],
    [
      "a list of 10 entries weighs 2",
      { name: { in: Array.from({ length: 10 }, (_, i) => `${i}`) } },
      { depth: 0, terms: 1, cost: 2 },
    ],
    [
      "a list's strings add their characters",
      { name: { in: Array.from({ length: 20 }, () => "y".repeat(10)) } },
      { depth: 0, terms: 1, cost: 1 + 2 + 2 },
    ],
    [
      "AND items sit one level down, same weight",
      { AND: [{ name: { eq: "a" } }, { population: { gt: 1 } }] },
      { depth: 1, terms: 2, cost: 2 },
    ],
    [
      "a single value where a list is expected counts as one item",
      { OR: { name: { eq: "a" } } },
      { depth: 1, terms: 1, cost: 1 },
    ],
    ["NOT in NOT", { NOT: { NOT: { name: { eq: "a" } } } }, { depth: 2, terms: 1, cost: 1 }],
    [
      "a relationship filter multiplies by the fan-out",
      { partners: { some: { name: { eq: "a" } } } },
      { depth: 1, terms: 1, cost: 10 },
    ],
    [
      "each relationship level multiplies again",
      { partners: { all: { partners: { none: { name: { eq: "a" } } } } } },
      { depth: 2, terms: 1, cost: 100 },
    ],
    [
      "a relationship inside OR: depth adds up, only the relationship multiplies",
      { OR: [{ partners: { single: { capital: true } } }, { name: { eq: "b" } }] },
      { depth: 2, terms: 2, cost: 11 },
    ],
  ])("%s", (_label, value, expected) => {
    expect(measure(value)).toEqual(expected);
  });

  it("uses the fan-out it is given", () => {
    expect(measure({ partners: { some: { partners: { some: { name: { eq: "a" } } } } } }, 3)).toEqual({
      depth: 2,
      terms: 1,
      cost: 9,
    });
  });

  it("a tally adds a filter each time it is met (a fragment spread twice runs it twice), keeping the deepest", () => {
    const tally = new FilterTally(10);
    const shared = { partners: { some: { name: { eq: "a" } } } };
    tally.add(shared, cityWhere);
    tally.add(shared, cityWhere);
    tally.add({ name: { eq: "b" } }, cityWhere);
    tally.add(null, cityWhere);
    tally.add("not an object", cityWhere);
    expect({ depth: tally.depth, terms: tally.terms, cost: tally.cost }).toEqual({ depth: 1, terms: 3, cost: 21 });
  });
});

describe("the list-size estimator", () => {
  const city = filterSchema.getType("City") as GraphQLObjectType;
  const price = (
    args: string[],
    asked: Record<string, unknown>,
    childComplexity: number,
    type: GraphQLOutputType = new GraphQLList(city),
  ) =>
    listSizeEstimator({
      field: { args: args.map((name) => ({ name })), type },
      args: asked,
      childComplexity,
    } as unknown as Parameters<typeof listSizeEstimator>[0]);

  it.each([
    ["`limit` given", ["limit"], { limit: 5 }, 5],
    ["`first` given", ["first"], { first: 7 }, 7],
    ["no size given: the default list size", ["limit"], {}, DEFAULT_LIST_SIZE],
    ["more than the maximum: the maximum", ["limit"], { limit: 1_000_000 }, MAX_LIST_SIZE],
    ["zero or less: one", ["limit"], { limit: -5 }, 1],
    ["not a finite number: the default", ["first"], { first: Number.POSITIVE_INFINITY }, DEFAULT_LIST_SIZE],
    ["a list without a size argument: one item", [], {}, 1],
  ])("%s → children × %i, plus one", (_label, args, asked, items) => {
    expect(price(args, asked, 3)).toBe(1 + items * 3);
  });

  it("a connection's edges are priced once (their `first` was counted on the connection)", () => {
    const edge = new GraphQLObjectType({ name: "CityEdge", fields: { cursor: { type: GraphQLString } } });
    expect(price([], {}, 4, new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(edge))))).toBe(5);
  });

  it("a scalar field costs one", () => {
    expect(price([], {}, 0, GraphQLInt)).toBe(1);
  });
});

/** The default limits with a few set for the case at hand. */
const limitsWith = (overrides: Partial<RequestLimits>): RequestLimits => ({ ...loadConfig({}).limits, ...overrides });
const problemOf = (query: string, variables: Record<string, unknown>, overrides: Partial<RequestLimits>) => {
  const error = operationProblem(filterSchema, parse(query), { variables }, limitsWith(overrides));
  return error && { message: error.message, extensions: error.extensions };
};
const CITIES = "query ($where: CityWhere, $limit: Int) { cities(where: $where, limit: $limit) { name } }";

describe("an operation's refusals, in order, with their measures", () => {
  it("cost: the measure and the maximum (HTTP 400)", () => {
    // cities(limit 100) { name }: 1 + 100 × 1
    expect(problemOf(CITIES, { limit: 100 }, { maxCost: 100 })).toEqual({
      message: expect.stringContaining("MAX_QUERY_COST"),
      extensions: { code: "GRAPHQL_VALIDATION_FAILED", limit: "cost", cost: 101, maxCost: 100, http: { status: 400 } },
    });
    expect(problemOf(CITIES, { limit: 100 }, { maxCost: 101 })).toBeUndefined();
  });

  it("filter depth, then terms, then cost", () => {
    const deep = { NOT: { NOT: { NOT: { name: { eq: "a" } } } } };
    expect(problemOf(CITIES, { where: deep }, { maxFilterDepth: 2 })?.extensions).toEqual({
      code: "GRAPHQL_VALIDATION_FAILED",
      limit: "filterDepth",
      filterDepth: 3,
      maxFilterDepth: 2,
      http: { status: 400 },
    });
    const many = { OR: [{ name: { eq: "a" } }, { name: { eq: "b" } }, { name: { eq: "c" } }] };
    expect(problemOf(CITIES, { where: many }, { maxFilterTerms: 2 })?.extensions).toMatchObject({
      limit: "filterTerms",
      filterTerms: 3,
      maxFilterTerms: 2,
    });
    const far = { partners: { some: { partners: { some: { name: { eq: "a" } } } } } };
    expect(problemOf(CITIES, { where: far }, { maxFilterCost: 99, filterFanout: 10 })?.extensions).toMatchObject({
      limit: "filterCost",
      filterCost: 100,
      maxFilterCost: 99,
    });
  });

  it("the list cost is reported before a filter limit when both are over", () => {
    const deep = { NOT: { NOT: { NOT: { name: { eq: "a" } } } } };
    expect(problemOf(CITIES, { where: deep, limit: 500 }, { maxCost: 100, maxFilterDepth: 1 })?.extensions.limit).toBe(
      "cost",
    );
  });

  it("variables nested past MAX_QUERY_NESTING are refused before the walk; exactly the limit passes", () => {
    expect(problemOf(CITIES, { where: { NOT: { name: {} } } }, { maxNesting: 4 })).toBeUndefined();
    expect(problemOf(CITIES, { where: { NOT: { NOT: { name: {} } } } }, { maxNesting: 4 })?.extensions).toEqual({
      code: "GRAPHQL_VALIDATION_FAILED",
      limit: "nesting",
      maxNesting: 4,
      http: { status: 400 },
    });
  });

  it("variables that do not coerce are left to execution, which reports them as BAD_USER_INPUT", () => {
    expect(problemOf(CITIES, { limit: "many" }, { maxCost: 1 })).toBeUndefined();
  });

  it("an operation name the document lacks → OPERATION_RESOLUTION_FAILURE, HTTP 400", () => {
    expect(problemOf("query A { hello }", {}, {})).toBeUndefined();
    const error = operationProblem(filterSchema, parse("query A { hello }"), { operationName: "B" }, limitsWith({}));
    expect(error?.extensions).toEqual({ code: "OPERATION_RESOLUTION_FAILURE", http: { status: 400 } });
    expect(error?.message).toContain('"B"');
  });
});

describe("the validation rules", () => {
  const errorsOf = (query: string, overrides: Partial<RequestLimits> = {}) =>
    validate(filterSchema, parse(query), [
      ...specifiedRules,
      operationTypeExists,
      ...limitValidationRules(limitsWith(overrides)),
    ]).map((error: GraphQLError) => ({ message: error.message, extensions: error.extensions }));

  it.each([
    ["depth", "{ cities { partners { partners { name } } } }", { maxDepth: 2 }, "MAX_QUERY_DEPTH"],
    ["aliases", "{ a: hello b: hello c: hello }", { maxAliases: 2 }, "MAX_QUERY_ALIASES"],
    ["directives", "{ hello @skip(if: false) @include(if: true) }", { maxDirectives: 1 }, "MAX_QUERY_DIRECTIVES"],
  ])("%s over its limit: extensions.limit, and the variable in the message", (limit, query, overrides, variable) => {
    const errors = errorsOf(query, overrides);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.extensions).toEqual({ limit });
    expect(errors[0]!.message).toMatch(new RegExp(`\\(${variable}\\)$`));
    expect(errors[0]!.message).not.toMatch(/^Syntax Error/);
  });

  it("depth does not count introspection", () => {
    expect(errorsOf("{ __schema { types { fields { type { ofType { name } } } } } }", { maxDepth: 2 })).toEqual([]);
  });

  it.each([
    ["mutation", "mutation { hello }"],
    ["subscription", "subscription { hello }"],
  ])("a %s on a read-only schema is a validation error", (kind, query) => {
    const messages = errorsOf(query).map((error) => error.message);
    expect(messages).toContain(`This API has no ${kind}s: it is read-only.`);
  });

  it("a query passes untouched", () => {
    expect(errorsOf("{ cities(limit: 3) { name } }")).toEqual([]);
  });
});
