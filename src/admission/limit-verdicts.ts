/**
 * The query limits' verdicts, remembered: whether a query text passes the document guard (document-guard.ts),
 * and whether an operation with its variables passes the cost and filter limits (query-limits.ts). Both are
 * pure functions of what the client sent (and of the limits, fixed per process), so a question asked again
 * gets the same verdict without the lexer, the parser and graphql-query-complexity's walk running again —
 * a measurable share of the server's time per request under load (docs/benchmarks.md).
 *
 * What is kept is bounded whatever clients send: keys are SHA-256 hashes of the text (and of the variables),
 * values are the verdict (nothing, or the refusal), at most VERDICTS entries in an LRU. Variables larger than
 * MAX_VARIABLES_CHARACTERS are not remembered (their hashing would cost what it saves).
 */
import { createHash } from "node:crypto";
import type { DocumentNode, GraphQLError, GraphQLSchema } from "graphql";
import { LRUCache } from "lru-cache";
import type { RequestLimits } from "../config/index.js";
import { type ShapeLimits, type ShapeProblem, checkQueryText } from "./document-guard.js";
import { operationProblem } from "./query-limits.js";

/** Verdicts kept per kind: about 100 bytes each, so a few hundred kilobytes at most. */
const VERDICTS = 5_000;
const MAX_VARIABLES_CHARACTERS = 4_096;

const PASSED = "passed" as const;
type Verdict<T> = T | typeof PASSED;

const hash = (text: string): string => createHash("sha256").update(text).digest("base64url");

const textVerdicts = new LRUCache<string, Verdict<ShapeProblem>>({ max: VERDICTS });

/** `checkQueryText`, remembered per query text. */
export function checkQueryTextOnce(query: string, limits: ShapeLimits): ShapeProblem | undefined {
  const key = `${limits.maxTokens}:${limits.maxNesting}:${limits.maxSelections}:${hash(query)}`;
  const known = textVerdicts.get(key);
  if (known !== undefined) return known === PASSED ? undefined : known;
  const problem = checkQueryText(query, limits);
  textVerdicts.set(key, problem ?? PASSED);
  return problem;
}

const operationVerdicts = new WeakMap<RequestLimits, LRUCache<string, Verdict<GraphQLError>>>();

/**
 * `operationProblem`, remembered per (query text, operation name, variables) for these limits. The document
 * is Apollo's parse of the text whose hash is `queryHash`.
 */
export function operationProblemOnce(
  schema: GraphQLSchema,
  document: DocumentNode,
  queryHash: string | undefined,
  request: { readonly variables?: Record<string, unknown> | undefined; readonly operationName?: string | null },
  limits: RequestLimits,
): GraphQLError | undefined {
  let variables: string | undefined;
  try {
    variables = JSON.stringify(request.variables ?? {});
  } catch {
    variables = undefined; // nested too deep to serialise: operationProblem refuses it
  }
  if (queryHash === undefined || variables === undefined || variables.length > MAX_VARIABLES_CHARACTERS) {
    return operationProblem(schema, document, request, limits);
  }
  let verdicts = operationVerdicts.get(limits);
  if (!verdicts) {
    verdicts = new LRUCache({ max: VERDICTS });
    operationVerdicts.set(limits, verdicts);
  }
  const key = hash(JSON.stringify([queryHash, request.operationName ?? null, variables]));
  const known = verdicts.get(key);
  if (known !== undefined) return known === PASSED ? undefined : known;
  const problem = operationProblem(schema, document, request, limits);
  verdicts.set(key, problem ?? PASSED);
  return problem;
}
