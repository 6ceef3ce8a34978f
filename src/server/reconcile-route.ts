/**
 * `/reconcile`: a W3C Entity Reconciliation API 0.2 service over the graph, the protocol OpenRefine speaks
 * (docs/reconciliation.md).
 * - `GET /reconcile` without parameters: the service manifest.
 * - `GET /reconcile?queries=…`, `POST /reconcile` with a form field `queries` (what OpenRefine sends) or a
 *   JSON body (the batch itself, or `{ "queries": … }`): a result batch.
 * - `GET /reconcile/suggest/{entity,type,property}?prefix=…[&cursor=N]`: auto-completion.
 * - `GET /reconcile/preview?id=…`: an HTML summary of one entity, for OpenRefine's iframe.
 * Anonymous like every read, so each request's cost is bounded (reconcile-request.ts: queries per batch,
 * name length, candidates), requests per client are rate-limited (RATE_LIMIT_RECONCILE), bodies are capped at
 * MAX_BODY_BYTES, every read is one read transaction of parameterised Cypher under the per-transaction
 * timeout, and every error answers through the one boundary (format-error.ts `sendError`). CORS is open, as
 * the specification requires; JSONP is not offered (a `callback` parameter is refused), so no answer can
 * be run as a script on another site.
 */
import { createHash } from "node:crypto";
import cors from "cors";
import express, { type Request, type Response, type Router } from "express";
import type { TokenVerifier } from "../auth/index.js";
import type { RateLimits, RequestLimits } from "../config/index.js";
import type { Database } from "../database/index.js";
import { BadRequestError, BadUserInputError } from "../errors/index.js";
import { ENTITY_KINDS, ID_PATTERN } from "../graph-data/index.js";
import type { Logger } from "../logging/index.js";
import { findCandidates, findEntityForPreview } from "../reconcile/candidates.js";
import { PREVIEW_SIZE, PREVIEW_STYLE, previewHtml } from "../reconcile/preview.js";
import {
  RECONCILE_LIMITS,
  RECONCILE_PROPERTIES,
  parseQueryBatch,
  parseSuggest,
} from "../reconcile/reconcile-request.js";
import { scoreCandidates } from "../reconcile/scoring.js";
import { searchEntityRows } from "../graph-reads/index.js";
import { requestRateLimit } from "./client-limits.js";
import type { SharedLimits } from "./shared-limits.js";
import { sendError } from "./format-error.js";
import { allowOnly } from "./unmatched-requests.js";

/** The preview page's only inline content is its stylesheet, allowed by hash. */
const PREVIEW_CSP = `default-src 'none'; style-src 'sha256-${createHash("sha256").update(PREVIEW_STYLE).digest("base64")}'; base-uri 'none'; form-action 'none'`;

/** A Host header we are willing to write into the manifest's addresses. */
const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/;

export function reconcileRouter(options: {
  db: Database;
  verifier: TokenVerifier;
  log: Logger;
  limits: RequestLimits;
  rateLimits: RateLimits;
  /** Where the rate limit counts (shared-limits.ts); this process's memory when omitted. */
  sharedLimits?: SharedLimits;
  /** The address clients reach the server at (PUBLIC_URL); else each manifest is built from its request. */
  publicUrl?: string | undefined;
}): Router {
  const router = express.Router();
  router.use(
    "/reconcile",
    cors(),
    requestRateLimit({
      route: "/reconcile",
      limit: options.rateLimits.reconcile,
      windowMs: options.rateLimits.windowMs,
      variable: "RATE_LIMIT_RECONCILE",
      verifier: options.verifier,
      store: options.sharedLimits?.rateStore("reconcile"),
    }),
    express.urlencoded({ extended: false, limit: options.limits.maxBodyBytes, parameterLimit: 20 }),
    express.json({ limit: options.limits.maxBodyBytes }),
  );
  const fail = (res: Response, error: unknown) =>
    sendError(res, error, {
      requestId: res.locals.requestId as string,
      log: options.log,
      transactionTimeoutMs: options.limits.transactionTimeoutMs,
    });
  /** Runs a handler, answering any error through the one boundary. */
  const handle =
    (work: (req: Request, res: Response) => Promise<void> | void) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        refuseJsonp(req);
        await work(req, res);
      } catch (error) {
        fail(res, error);
      }
    };

  const reconcile = async (req: Request, res: Response, batch: unknown) => {
    const queries = parseQueryBatch(batch);
    const results = await options.db.read(async (tx) => {
      const answers: Record<string, { result: unknown[] }> = {};
      for (const [key, query] of queries) {
        answers[key] = {
          result: query.unmatchable ? [] : scoreCandidates(query, await findCandidates(tx, query)),
        };
      }
      return answers;
    });
    res.setHeader("Cache-Control", "no-store");
    res.json(results);
  };

  router.get(
    "/reconcile",
    handle(async (req, res) => {
      const parameters = Object.keys(req.query);
      if (parameters.length === 0) {
        // Without PUBLIC_URL its addresses are this request's host: not for shared caches.
        res.setHeader("Cache-Control", "no-store");
        res.json(manifest(options.publicUrl ?? serviceUrl(req)));
        return;
      }
      if (req.query.extend !== undefined) {
        throw new BadUserInputError(
          "extend",
          "Data extension is not offered by this service (its manifest has no `extend`).",
        );
      }
      const queries = req.query.queries;
      if (typeof queries !== "string") {
        throw new BadUserInputError(
          "queries",
          "Send `queries` (a JSON reconciliation query batch), or no parameter for the manifest.",
        );
      }
      await reconcile(req, res, queries);
    }),
  );

  router.post(
    "/reconcile",
    handle(async (req, res) => {
      const body: unknown = req.body;
      if (req.is("application/x-www-form-urlencoded")) {
        const form = body as Record<string, unknown>;
        if (form.extend !== undefined) {
          throw new BadUserInputError(
            "extend",
            "Data extension is not offered by this service (its manifest has no `extend`).",
          );
        }
        if (typeof form.queries !== "string")
          throw new BadUserInputError("queries", "The form has no `queries` field.");
        await reconcile(req, res, form.queries);
        return;
      }
      if (req.is("application/json")) {
        const json = body as Record<string, unknown> | null;
        const single = json && typeof json === "object" && !Array.isArray(json) ? Object.keys(json) : [];
        await reconcile(req, res, single.length === 1 && single[0] === "queries" ? json!.queries : json);
        return;
      }
      throw new BadRequestError(
        "Send the batch as a form (application/x-www-form-urlencoded, field `queries`) or as JSON.",
        415,
      );
    }),
  );

  router.get(
    "/reconcile/suggest/entity",
    handle(async (req, res) => {
      const { prefix, cursor } = parseSuggest(req.query.prefix, req.query.cursor);
      const hits = await options.db.read((tx) => searchEntityRows(tx, prefix, cursor + RECONCILE_LIMITS.suggestions));
      res.json({
        result: hits.slice(cursor).map((hit) => ({
          id: hit.node.id,
          name: hit.node.name,
          ...(hit.node.description ? { description: hit.node.description } : {}),
          notable: [{ id: hit.node.kind, name: hit.node.kind }],
        })),
      });
    }),
  );

  router.get(
    "/reconcile/suggest/type",
    handle((req, res) => {
      const { prefix, cursor } = parseSuggest(req.query.prefix, req.query.cursor);
      const wanted = prefix.toLowerCase();
      const kinds = ENTITY_KINDS.filter((kind) => kind.toLowerCase().includes(wanted));
      res.json({
        result: kinds.slice(cursor, cursor + RECONCILE_LIMITS.suggestions).map((kind) => ({ id: kind, name: kind })),
      });
    }),
  );

  router.get(
    "/reconcile/suggest/property",
    handle((req, res) => {
      const { prefix, cursor } = parseSuggest(req.query.prefix, req.query.cursor);
      const wanted = prefix.toLowerCase();
      const properties = RECONCILE_PROPERTIES.filter(
        (property) => property.id.includes(wanted) || property.name.toLowerCase().includes(wanted),
      );
      res.json({ result: properties.slice(cursor, cursor + RECONCILE_LIMITS.suggestions).map((p) => ({ ...p })) });
    }),
  );

  router.get(
    "/reconcile/preview",
    handle(async (req, res) => {
      const id = req.query.id;
      if (typeof id !== "string" || id.length > 100 || !ID_PATTERN.test(id)) {
        throw new BadUserInputError("id", "`id` must be an entity's id (a lowercase slug).");
      }
      const entity = await options.db.read((tx) => findEntityForPreview(tx, id));
      if (!entity) throw new BadUserInputError("id", `There is no entity ${id}.`);
      res.setHeader("Content-Security-Policy", PREVIEW_CSP);
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader("Referrer-Policy", "no-referrer");
      res.type("html").send(previewHtml(entity, `${serviceUrl(req)}/explorer?focus=${encodeURIComponent(entity.id)}`));
    }),
  );
  router.all("/reconcile", allowOnly("GET", "POST"));
  router.all(
    ["/reconcile/suggest/entity", "/reconcile/suggest/type", "/reconcile/suggest/property", "/reconcile/preview"],
    allowOnly("GET"),
  );
  return router;
}

/** JSONP would let any site run our answers as a script: refused, with the way that works (CORS). */
function refuseJsonp(req: Request): void {
  // In a JSON body "callback" may be a query's key; in a query string or a form it asks for JSONP.
  const form = req.is("application/x-www-form-urlencoded") ? (req.body as Record<string, unknown>) : {};
  if (req.query.callback !== undefined || "callback" in form) {
    throw new BadRequestError("JSONP is not offered: drop `callback` and call the service with CORS, which it allows.");
  }
}

/** The server's own address, from the request (behind a proxy, as TRUST_PROXY lets express read it). */
function serviceUrl(req: Request): string {
  const host = req.get("host") ?? "";
  if (!HOST.test(host)) throw new BadRequestError("The Host header is not a host name.");
  return `${req.protocol}://${host}`;
}

function manifest(base: string) {
  const suggest = (kind: string) => ({ service_url: base, service_path: `/reconcile/suggest/${kind}` });
  return {
    versions: ["0.2"],
    name: "Helsinki international relations (knowledge graph)",
    identifierSpace: `${base}/explorer?focus=`,
    schemaSpace: `${base}/graphql#kinds`,
    documentation: `${base}/explorer`,
    view: { url: `${base}/explorer?focus={{id}}` },
    defaultTypes: ENTITY_KINDS.map((kind) => ({ id: kind, name: kind })),
    preview: { url: `${base}/reconcile/preview?id={{id}}`, ...PREVIEW_SIZE },
    suggest: { entity: suggest("entity"), type: suggest("type"), property: suggest("property") },
    batchSize: RECONCILE_LIMITS.batchSize,
  };
}
