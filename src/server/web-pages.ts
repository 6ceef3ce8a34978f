/**
 * `GET /explorer` and `GET /graphiql`: the pages built from `src/web/` (see src/web-build), served from
 * `dist/web/` with a strict Content-Security-Policy — everything comes from this server, nothing from a CDN.
 * Hashed assets are cached for a year; the HTML pages are revalidated on every load.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import express, { type Router } from "express";
import helmet from "helmet";
import { ServiceUnavailableError } from "../errors/index.js";
import { sendError } from "./format-error.js";
import { WEB_OUT_DIR, WEB_PAGES } from "../web-build/index.js";

const YEAR_SECONDS = 365 * 24 * 60 * 60;

export function webPagesRouter(outDir = WEB_OUT_DIR): Router {
  const router = express.Router();
  router.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'"],
          // Monaco and Cytoscape set inline styles on the elements they draw.
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:", "blob:"],
          "font-src": ["'self'", "data:"],
          "worker-src": ["'self'", "blob:"],
          "connect-src": ["'self'"],
          "object-src": ["'none'"],
          "frame-ancestors": ["'none'"],
        },
      },
      // Assets are same-origin; the pages are not meant to be embedded.
      crossOriginEmbedderPolicy: false,
    }),
  );
  router.get("/", (_req, res) => res.redirect(302, "/explorer"));
  for (const page of WEB_PAGES) {
    const file = path.join(outDir, page, "index.html");
    router.get([`/${page}`, `/${page}/`], (_req, res) => {
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
    });
  }
  router.use(
    "/assets",
    express.static(path.join(outDir, "assets"), {
      immutable: true,
      maxAge: YEAR_SECONDS * 1000,
      index: false,
    }),
  );
  return router;
}
