/** The HTTP server: routes, Apollo, error translation. */
export { createApp, type App, type AppOptions } from "./create-app.js";
export { startServer, type RunningServer } from "./start-server.js";
export type { ApiContext } from "./context.js";
export { formatError, isDatabaseUnavailable } from "./format-error.js";
