/**
 * Query admission: every check a GraphQL request passes before any Cypher runs, pure functions of what the
 * client sent and the limits (no HTTP, no database). In order: the query text before it is parsed
 * (document-guard.ts), graphql-js validation with the depth, alias, directive and cost rules
 * (query-limits.ts, validation-rules.ts), then the operation with its variables: cost and filters
 * (query-limits.ts, filter-cost.ts), applied by an Apollo plugin (admission-plugin.ts); verdicts are
 * remembered (limit-verdicts.ts). The server (src/server/) wires them to its routes.
 */
export {
  checkQueryText,
  checkFragments,
  variablesNesting,
  type ShapeLimits,
  type ShapeProblem,
} from "./document-guard.js";
export { measureFilter, FilterTally, type FilterMeasure } from "./filter-cost.js";
export {
  listSizeEstimator,
  costEstimators,
  limitValidationRules,
  operationProblem,
  DEFAULT_LIST_SIZE,
  MAX_LIST_SIZE,
} from "./query-limits.js";
export { operationTypeExists } from "./validation-rules.js";
export { checkQueryTextOnce, operationProblemOnce } from "./limit-verdicts.js";
export { queryCostPlugin } from "./admission-plugin.js";
