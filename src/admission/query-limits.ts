/**
 * Limits that stop abusive queries before any Cypher runs: depth, aliases and directives as validation
 * rules (graphql-armor), and an estimated cost (graphql-query-complexity) that multiplies each list by the
 * number of items it may return — the `limit` / `first` asked for, or the type's `@limit` default when
 * none is given — so a five-hop fan-out is priced at what it would really fetch. The same walk measures
 * every `where` filter it meets (filter-cost.ts). The query text's own shape (tokens, nesting, selections
 * after fragment expansion) is checked before parsing, by document-guard.ts.
 */
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
  getNamedType,
  isListType,
  getNullableType,
  getOperationAST,
} from "graphql";
import { createRequire } from "node:module";
import type {
  ComplexityEstimator,
  fieldExtensionsEstimator as FieldExtensionsEstimator,
  getComplexity as GetComplexity,
} from "graphql-query-complexity";
import type { RequestLimits } from "../config/index.js";
import { DEFAULT_LIST_SIZE, MAX_LIST_SIZE } from "../config/list-size.js";
import { OperationResolutionError, QueryLimitError } from "../errors/index.js";
import { variablesNesting } from "./document-guard.js";
import { FilterTally } from "./filter-cost.js";

// graphql-query-complexity's ESM build imports `graphql/index.mjs`, a second copy of graphql beside the CommonJS
// one the rest of the server uses ("Cannot use GraphQLObjectType from another module or realm"): load its
// CommonJS build, which shares ours.
const { getComplexity, fieldExtensionsEstimator } = createRequire(import.meta.url)("graphql-query-complexity") as {
  getComplexity: typeof GetComplexity;
  fieldExtensionsEstimator: typeof FieldExtensionsEstimator;
};

export { DEFAULT_LIST_SIZE, MAX_LIST_SIZE };

function rejectWith(limit: string, variable: string) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const message = `${error.message.replace(/^Syntax Error: /, "")} (${variable})`;
    context?.reportError(new GraphQLError(message, { extensions: { limit } }));
  };
}

export function limitValidationRules(limits: RequestLimits): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [rejectWith("depth", "MAX_QUERY_DEPTH")],
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [rejectWith("aliases", "MAX_QUERY_ALIASES")],
    }),
    maxDirectivesRule({
      n: limits.maxDirectives,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [rejectWith("directives", "MAX_QUERY_DIRECTIVES")],
    }),
  ] as ValidationRule[];
}

/**
 * Cost of a field: 1, plus its children's cost times the number of items it can return. A field that takes
 * `limit` or `first` returns that many (the default list size when omitted, never more than the maximum);
 * a list without such an argument (names, citations, a path's steps) is priced as one item, since the
 * field that produced it already paid for its size.
 */
export const listSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const sizeArgument = field.args.find((arg) => arg.name === "limit" || arg.name === "first");
  let items = 1;
  if (sizeArgument) {
    const asked = args[sizeArgument.name] as unknown;
    items = typeof asked === "number" && Number.isFinite(asked) ? asked : DEFAULT_LIST_SIZE;
    items = Math.min(Math.max(items, 1), MAX_LIST_SIZE);
  } else if (isListType(getNullableType(field.type)) && getNamedType(field.type).name.endsWith("Edge")) {
    items = 1; // a connection's edges: its `first` was counted on the connection field
  }
  return 1 + items * childComplexity;
};

/** A limit's refusal, with what was measured and the maximum in `extensions`. */
function overLimit(limit: string, message: string, measured: Record<string, number>): QueryLimitError {
  const error = new QueryLimitError(limit, message);
  Object.assign(error.extensions, measured);
  return error;
}

/**
 * The estimators, in order: a field that states its own `complexity` (the research fields: graph algorithm
 * runs and lists sized by a constant, src/resolvers/shared/insight-costs.ts) is priced by it; every other field by
 * the list rule above.
 */
export const costEstimators: ComplexityEstimator[] = [fieldExtensionsEstimator(), listSizeEstimator];

/**
 * The operation's list-size cost and its filters' measures; a refusal when it has more selections than
 * allowed (which the document guard normally refused already); undefined when its variables do not coerce.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  limits: Pick<RequestLimits, "filterFanout" | "maxSelections">,
): { cost: number; filters: FilterTally } | QueryLimitError | undefined {
  const filters = new FilterTally(limits.filterFanout);
  const estimator: ComplexityEstimator = (options) => {
    const where = options.field.args.find((arg) => arg.name === "where");
    if (where) filters.add(options.args.where, where.type);
    for (const price of costEstimators) {
      const cost = price(options);
      if (typeof cost === "number") return cost;
    }
    return undefined;
  };
  try {
    const cost = getComplexity({
      schema,
      query: document,
      variables,
      ...(operationName ? { operationName } : {}),
      estimators: [estimator],
      // The document guard already refused more selections than this (it counts them the same way).
      maxQueryNodes: limits.maxSelections + 1,
    });
    return { cost, filters };
  } catch (error) {
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
      return overLimit(
        "selections",
        `The operation has more than ${limits.maxSelections} selections (MAX_QUERY_SELECTIONS).`,
        { maxSelections: limits.maxSelections },
      );
    }
    // Variables that do not coerce: execution reports them as BAD_USER_INPUT, and nothing runs.
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
}

/**
 * Why a request may not run, checked before anything runs: its operation cannot be chosen, its variables
 * nest too deep, or its operation costs more than the limits allow (list sizes, then filters). Undefined
 * when it may run. Nothing is cached per request: the walk is bounded by the document guard's limits and
 * takes well under a millisecond for ordinary queries, and a cache keyed by client input (the variables)
 * is memory a client controls — the one that was here grew by 90 MB per 1000 requests of distinct variables.
 */
export function operationProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  request: { readonly variables?: Record<string, unknown> | undefined; readonly operationName?: string | null },
  limits: RequestLimits,
): GraphQLError | undefined {
  const operationName = request.operationName ?? undefined;
  if (!getOperationAST(document, operationName)) {
    return new OperationResolutionError(
      operationName
        ? `The document has no operation named ${JSON.stringify(operationName)}.`
        : "The document has several operations: name the one to run in operationName.",
    );
  }
  const variables = request.variables ?? {};
  if (variablesNesting(variables, limits.maxNesting) > limits.maxNesting) {
    return overLimit(
      "nesting",
      `The variables nest objects or lists more than ${limits.maxNesting} deep (MAX_QUERY_NESTING).`,
      { maxNesting: limits.maxNesting },
    );
  }
  const measured = measureOperation(schema, document, variables, operationName, limits);
  if (!measured || measured instanceof GraphQLError) return measured; // bad variables: execution says so
  const { cost, filters } = measured;
  if (cost > limits.maxCost) {
    return overLimit(
      "cost",
      `The query's estimated cost is ${cost}, over the limit of ${limits.maxCost} (MAX_QUERY_COST): ` +
        "ask for fewer items with limit/first, or nest less.",
      { cost, maxCost: limits.maxCost },
    );
  }
  if (filters.depth > limits.maxFilterDepth) {
    return overLimit(
      "filterDepth",
      `A filter nests AND/OR/NOT and relationship filters ${filters.depth} deep, over the limit of ` +
        `${limits.maxFilterDepth} (MAX_FILTER_DEPTH).`,
      { filterDepth: filters.depth, maxFilterDepth: limits.maxFilterDepth },
    );
  }
  if (filters.terms > limits.maxFilterTerms) {
    return overLimit(
      "filterTerms",
      `The filters have ${filters.terms} predicates, over the limit of ${limits.maxFilterTerms} ` +
        "(MAX_FILTER_TERMS): use `in: [...]` for many values of one field.",
      { filterTerms: filters.terms, maxFilterTerms: limits.maxFilterTerms },
    );
  }
  if (filters.cost > limits.maxFilterCost) {
    return overLimit(
      "filterCost",
      `The filters' estimated cost is ${filters.cost}, over the limit of ${limits.maxFilterCost} ` +
        "(MAX_FILTER_COST): nest fewer relationship filters (some/all/none/single) or use shorter operands.",
      { filterCost: filters.cost, maxFilterCost: limits.maxFilterCost },
    );
  }
  return undefined;
}
