/**
 * Requests no route serves, answered through the one error boundary (format-error.ts `sendError`) with the
 * JSON every other error has — a code and the request id — never express's HTML "Cannot GET" page: a path
 * no route serves is 404 NOT_FOUND; a path that is served, asked with a method it does not take, is 405
 * METHOD_NOT_ALLOWED with an `Allow` header (RFC 9110 §15.5.6) and the same list in `extensions.allow`.
 * Each route says which methods it takes with `allowOnly`, registered after its handlers.
 */
import type { ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import { MethodNotAllowedError, NotFoundError } from "../errors/index.js";
import { sendError } from "./format-error.js";

/** `GET` brings `HEAD` with it, as express serves both. */
function withHead(methods: readonly string[]): string[] {
  const upper = methods.map((method) => method.toUpperCase());
  return upper.includes("GET") && !upper.includes("HEAD") ? [...upper, "HEAD"] : upper;
}

/** Answers 405 METHOD_NOT_ALLOWED with `Allow` on Node's response (express's is one). */
export function sendMethodNotAllowed(
  res: ServerResponse,
  method: string | undefined,
  allow: readonly string[],
  requestId: string,
): void {
  res.setHeader("Allow", allow.join(", "));
  sendError(
    res,
    new MethodNotAllowedError(
      `${(method ?? "").toUpperCase() || "This method"} is not allowed at this path; it takes ${allow.join(", ")}.`,
      allow,
    ),
    { requestId },
  );
}

/**
 * The last handler of a route (`router.all(path, allowOnly("GET"))`): what its other handlers did not take.
 * OPTIONS is answered 204 with `Allow`, as express answers it for a route without this handler.
 */
export function allowOnly(...methods: string[]): RequestHandler {
  const allow = withHead(methods);
  return (req, res) => {
    if (req.method === "OPTIONS") {
      res.setHeader("Allow", allow.join(", "));
      res.status(204).end();
      return;
    }
    sendMethodNotAllowed(res, req.method, allow, res.locals.requestId as string);
  };
}

/** The app's last route: whatever no route served. `paths` are named in the message, so a client can find its way. */
export function notFound(paths: readonly string[]): RequestHandler {
  const message = `Nothing is served at this path. The API answers at ${paths.join(", ")}.`;
  return (_req, res) => {
    sendError(res, new NotFoundError(message), { requestId: res.locals.requestId as string });
  };
}
