/**
 * `GET /explorer` and `GET /graphiql`: the pages built from `src/web/` (see src/web-build), served from
 * `dist/web/` with a strict Content-Security-Policy — everything comes from this server, nothing from a CDN.
 * Hashed assets are cached for a year; the HTML pages are revalidated on every load.
 *
 * With sign-in configured (OIDC_ISSUER), `GET /explorer/config.json` tells the explorer the provider, its
 * client id and scopes — public values, the same any user sees in the sign-in redirect — and the explorer's
 * CSP lets it talk to that provider's origin, and only that one (discovery and the token endpoint).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import express, { type RequestHandler, type Router } from "express";
import expressStaticGzip from "express-static-gzip";
import helmet from "helmet";
import type { OidcSettings } from "../config/index.js";
import { ServiceUnavailableError } from "../errors/index.js";
import { accessibilityStatement } from "./accessibility-statement.js";
import { sendError } from "./format-error.js";
import { allowOnly } from "./unmatched-requests.js";
import { WEB_OUT_DIR, WEB_PAGES } from "../web-build/index.js";

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** What the explorer learns from `GET /explorer/config.json`: public values only. */
export interface ExplorerConfig {
  readonly signIn: { readonly issuer: string; readonly clientId: string; readonly scopes: string } | null;
}

/** The pages' security headers; `connect` adds origins the page may fetch from (the sign-in provider). */
function pageHeaders(connect: readonly string[] = []): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        // Monaco and Cytoscape set inline styles on the elements they draw.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "worker-src": ["'self'", "blob:"],
        "connect-src": ["'self'", ...connect],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
      },
    },
    // Assets are same-origin; the pages are not meant to be embedded.
    crossOriginEmbedderPolicy: false,
  });
}

export function webPagesRouter(
  options: { outDir?: string; signIn?: OidcSettings | undefined; accessibilityContact?: string | undefined } = {},
): Router {
  const outDir = options.outDir ?? WEB_OUT_DIR;
  const router = express.Router();
  router.use(pageHeaders());
  const config: ExplorerConfig = {
    signIn: options.signIn
      ? { issuer: options.signIn.issuer, clientId: options.signIn.clientId, scopes: options.signIn.scopes }
      : null,
  };
  // Only the provider's origin (scheme, host, port): never a wildcard, never a path the CSP would not check.
  const explorerHeaders = pageHeaders(options.signIn ? [new URL(options.signIn.issuer).origin] : []);
  router.get("/explorer/config.json", (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.json(config);
  });
  router.get("/", (_req, res) => res.redirect(302, "/explorer"));
  // The accessibility statement the law asks for (accessibility-statement.ts): plain HTML, no script.
  router.get("/accessibility", accessibilityStatement(options.accessibilityContact));
  for (const page of WEB_PAGES) {
    const file = path.join(outDir, page, "index.html");
    router.get(
      [`/${page}`, `/${page}/`],
      page === "explorer" ? explorerHeaders : (_req, _res, next) => next(),
      (_req, res) => {
        if (!existsSync(file)) {
          sendError(
            res,
            new ServiceUnavailableError(
              `The ${page} page is not built: run \`npm run build:web\`, or start with WEB_PAGES=true.`,
            ),
            { requestId: res.locals.requestId as string },
          );
          return;
        }
        res.setHeader("Cache-Control", "no-cache");
        res.sendFile(file);
      },
    );
  }
  router.all(
    ["/", "/explorer/config.json", "/accessibility", ...WEB_PAGES.flatMap((page) => [`/${page}`, `/${page}/`])],
    allowOnly("GET"),
  );
  // Each asset as the browser accepts it: the brotli or gzip file the build wrote beside it, else as it is.
  router.use(
    "/assets",
    expressStaticGzip(path.join(outDir, "assets"), {
      enableBrotli: true,
      orderPreference: ["br", "gzip"],
      index: false,
      serveStatic: { immutable: true, maxAge: YEAR_SECONDS * 1000, index: false },
    }),
  );
  return router;
}
