/** The HTTP server: routes, Apollo, error translation (the checks a query passes first: src/admission/). */
export { createApp, type App, type AppOptions } from "./create-app.js";
export { startServer, type RunningServer } from "./start-server.js";
export type { ApiContext } from "./context.js";
export { createErrorFormatter, isDatabaseUnavailable } from "./format-error.js";
export { connectionsCheckingInterval } from "./start-server.js";
export { RESTRICTED_FIELDS } from "./access-plugin.js";
