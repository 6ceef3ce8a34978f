/**
 * Limits that stop abusive queries before any Cypher runs: depth, aliases and directives as validation
 * rules (graphql-armor), and an estimated cost (graphql-query-complexity) that multiplies each list by the
 * number of items it may return — the `limit` / `first` asked for, or the type's `@limit` default when
 * none is given — so a five-hop fan-out is priced at what it would really fetch.
 */
import type { ApolloServerPlugin } from "@apollo/server";
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
} from "graphql";
import { createRequire } from "node:module";
import type {
  ComplexityEstimator,
  fieldExtensionsEstimator as FieldExtensionsEstimator,
  getComplexity as GetComplexity,
} from "graphql-query-complexity";
import type { RequestLimits } from "../config/index.js";
import { QueryLimitError } from "../errors/index.js";

// graphql-query-complexity's ESM build imports `graphql/index.mjs`, a second copy of graphql beside the CommonJS
// one the rest of the server uses ("Cannot use GraphQLObjectType from another module or realm"): load its
// CommonJS build, which shares ours.
const { getComplexity, fieldExtensionsEstimator } = createRequire(import.meta.url)("graphql-query-complexity") as {
  getComplexity: typeof GetComplexity;
  fieldExtensionsEstimator: typeof FieldExtensionsEstimator;
};

/** Items a list field returns when no `limit` / `first` is given: the `@limit(default: …)` in schema/. */
export const DEFAULT_LIST_SIZE = 50;
/** The most a list field can return: the `@limit(max: …)` in schema/ and the insights fields' maximum. */
export const MAX_LIST_SIZE = 1000;

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

/**
 * The estimators, in order: a field that states its own `complexity` (the research fields: graph algorithm
 * runs and lists sized by a constant, src/resolvers/insight-costs.ts) is priced by it; every other field by
 * the list rule above.
 */
export const costEstimators: ComplexityEstimator[] = [fieldExtensionsEstimator(), listSizeEstimator];

/**
 * Costs already computed, per parsed document (Apollo hands out the same DocumentNode for a query it has
 * seen, from its document cache) and per variables: dashboards repeat the same few queries.
 */
const costCache = new WeakMap<DocumentNode, Map<string, number>>();
const MAX_CACHED_VARIABLE_SETS = 1000;

function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string,
): number {
  let byVariables = costCache.get(document);
  if (!byVariables) {
    byVariables = new Map();
    costCache.set(document, byVariables);
  }
  const key = `${operationName ?? ""}\u0000${JSON.stringify(variables)}`;
  let cost = byVariables.get(key);
  if (cost === undefined) {
    cost = getComplexity({
      schema,
      query: document,
      variables,
      ...(operationName ? { operationName } : {}),
      estimators: costEstimators,
    });
    if (byVariables.size < MAX_CACHED_VARIABLE_SETS) byVariables.set(key, cost);
  }
  return cost;
}

export function queryCostPlugin(limits: RequestLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let cost: number;
          try {
            cost = queryCost(schema, document, request.variables ?? {}, request.operationName ?? undefined);
          } catch (error) {
            if (error instanceof GraphQLError) return; // bad variables: execution reports them as BAD_USER_INPUT
            throw error;
          }
          if (cost > limits.maxCost) {
            const error = new QueryLimitError(
              "cost",
              `The query's estimated cost is ${cost}, over the limit of ${limits.maxCost} (MAX_QUERY_COST): ` +
                "ask for fewer items with limit/first, or nest less.",
            );
            Object.assign(error.extensions, { cost, maxCost: limits.maxCost });
            throw error;
          }
        },
      };
    },
  };
}
