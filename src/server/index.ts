/** The HTTP server: routes, Apollo, error translation. */
export { createApp, type App, type AppOptions } from "./create-app.js";
export { startServer, type RunningServer } from "./start-server.js";
export type { ApiContext } from "./context.js";
export { createErrorFormatter, isDatabaseUnavailable } from "./format-error.js";
export { listSizeEstimator, costEstimators, DEFAULT_LIST_SIZE, MAX_LIST_SIZE } from "./query-limits.js";
export { RESTRICTED_FIELDS } from "./access-plugin.js";
