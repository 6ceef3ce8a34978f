/** The HTTP server: routes, Apollo, error translation. */
export { createApp, type App, type AppOptions } from "./create-app.js";
export { startServer, type RunningServer } from "./start-server.js";
export type { ApiContext } from "./context.js";
export { createErrorFormatter, isDatabaseUnavailable } from "./format-error.js";
export {
  listSizeEstimator,
  costEstimators,
  limitValidationRules,
  operationProblem,
  DEFAULT_LIST_SIZE,
  MAX_LIST_SIZE,
} from "./query-limits.js";
export { checkQueryText, variablesNesting, type ShapeProblem } from "./document-guard.js";
export { measureFilter, type FilterMeasure } from "./filter-cost.js";
export { connectionsCheckingInterval } from "./start-server.js";
export { RESTRICTED_FIELDS } from "./access-plugin.js";
