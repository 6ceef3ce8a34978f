/**
 * `GET /export?format=json|csv|gephi|graphml|gexf|geojson[&asOf=YYYY-MM-DD][&undated=INCLUDE|EXCLUDE|ATTESTED][&table=nodes|edges]`:
 * the graph as a file,
 * streamed (the same writers as `npm run kg -- export`), read from Neo4j page by page (src/export/read-graph.ts),
 * so a million-node export finishes whatever the per-transaction timeout. Reads are public; Person email and
 * phone are included only for a bearer token with role `staff`. Bad parameters get 400 with a code before
 * anything runs. An export holds a database session and this process's time for as long as the client
 * reads, so each client may run EXPORT_MAX_PER_CLIENT at once and all clients EXPORT_MAX_CONCURRENT (429
 * with Retry-After beyond), counted in this process or, with a Redis, across processes (shared-limits.ts);
 * the request rate is limited in create-app.ts (counting only GETs that are not refused). Any origin may
 * read it (CORS, as /graphql), so web map tools load the GeoJSON by its address; `HEAD` answers the headers
 * an export would have, without running it. Errors answer through the one boundary (format-error.ts `sendError`).
 */
import cors from "cors";
import express, { type Request, type Response, type Router } from "express";
import { Role, type TokenVerifier, bearerToken, hasRole } from "../auth/index.js";
import type { ExportLimits } from "../config/index.js";
import type { Database } from "../database/index.js";
import { BadUserInputError, UnauthenticatedError } from "../errors/index.js";
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat, exportFileName, exportGraph } from "../export/index.js";
import type { Logger } from "../logging/index.js";
import { UNDATED_POLICIES, type UndatedPolicy, isFullDate, isUndatedPolicy } from "../graph-data/index.js";
import { clientKey, sendRateLimited } from "./client-limits.js";
import { type SharedLimits, memoryLimits } from "./shared-limits.js";
import { sendError } from "./format-error.js";
import { allowOnly } from "./unmatched-requests.js";

/** What a refused export is told to wait: about as long as a small export takes. */
const BUSY_RETRY_AFTER_SECONDS = 10;

export function exportRouter(options: {
  db: Database;
  verifier: TokenVerifier;
  log: Logger;
  limits: ExportLimits;
  transactionTimeoutMs: number;
  /** Where the export slots count (shared-limits.ts); this process's memory when omitted. */
  sharedLimits?: SharedLimits;
}): Router {
  const router = express.Router();
  const running = (options.sharedLimits ?? memoryLimits()).slots(
    "exports",
    options.limits.maxPerClient,
    options.limits.maxConcurrent,
  );
  router.use(
    "/export",
    cors({
      methods: ["GET", "HEAD"],
      exposedHeaders: ["Content-Disposition", "x-request-id", "RateLimit", "Retry-After"],
    }),
  );
  const failer = (res: Response) => (error: unknown) =>
    sendError(res, error, {
      requestId: res.locals.requestId as string,
      log: options.log,
      transactionTimeoutMs: options.transactionTimeoutMs,
    });
  // HEAD: the headers the export would have, its parameters checked, nothing read.
  router.head("/export", (req: Request, res: Response) => {
    const parameters = exportParameters(req);
    if (parameters instanceof Error) {
      failer(res)(parameters);
      return;
    }
    setFileHeaders(res, parameters.format, parameters.table);
    res.status(200).end();
  });
  router.get("/export", async (req: Request, res: Response) => {
    const fail = failer(res);
    const parameters = exportParameters(req);
    if (parameters instanceof Error) {
      fail(parameters);
      return;
    }
    const { format, asOf, undated, table } = parameters;
    let personal = false;
    let token: string | undefined;
    try {
      token = bearerToken(req.header("authorization"));
    } catch (error) {
      fail(error); // not `Bearer <token>`: 401, like /graphql
      return;
    }
    if (token !== undefined) {
      try {
        personal = hasRole(await options.verifier.verify(token), Role.Staff);
      } catch {
        fail(new UnauthenticatedError("The bearer token is not valid."));
        return;
      }
    }
    const client = await clientKey(req, options.verifier);
    const slot = await running.take(client);
    if (slot === "client" || slot === "total") {
      sendRateLimited(
        res,
        slot === "client"
          ? `You already have ${running.maxPerClient} exports running (EXPORT_MAX_PER_CLIENT): wait for one to finish.`
          : `The server is running ${running.maxTotal} exports (EXPORT_MAX_CONCURRENT): try again shortly.`,
        BUSY_RETRY_AFTER_SECONDS,
        slot === "client" ? "exportsPerClient" : "exports",
      );
      return;
    }
    try {
      const csvTable = setFileHeaders(res, format, table);
      await exportGraph(options.db, res, {
        format,
        asOf,
        undated,
        personal,
        pageSize: options.limits.pageSize,
        ...(csvTable ? { table: csvTable } : {}),
      });
      res.end();
    } catch (error) {
      options.log.error({ err: error, requestId: res.locals.requestId as string }, "export failed");
      // A timeout, a memory refusal or an unreachable database get their codes; anything else is masked.
      // Once bytes are out, sendError cuts the answer instead, so the client sees it incomplete.
      fail(error);
    } finally {
      slot.release();
    }
  });
  router.all("/export", allowOnly("GET"));
  return router;
}

interface ExportParameters {
  readonly format: ExportFormat;
  readonly asOf: string | null;
  readonly undated: UndatedPolicy;
  readonly table: "nodes" | "edges" | undefined;
}

/** The query string's parameters, checked; the first problem as the error to answer with. */
function exportParameters(req: Request): ExportParameters | BadUserInputError {
  const { format, asOf, table } = req.query;
  const undated = req.query.undated ?? "INCLUDE";
  if (typeof format !== "string" || !EXPORT_FORMATS.includes(format as ExportFormat)) {
    return new BadUserInputError("format", `format must be one of ${EXPORT_FORMATS.join(", ")}.`);
  }
  if (asOf !== undefined && (typeof asOf !== "string" || !isFullDate(asOf))) {
    return new BadUserInputError("asOf", "asOf must be a date written YYYY-MM-DD.");
  }
  if (!isUndatedPolicy(undated)) {
    return new BadUserInputError("undated", `undated must be one of ${UNDATED_POLICIES.join(", ")}.`);
  }
  if (table !== undefined && (format !== "gephi" || (table !== "nodes" && table !== "edges"))) {
    return new BadUserInputError("table", "table is nodes or edges, and only with format=gephi.");
  }
  return {
    format: format as ExportFormat,
    asOf: typeof asOf === "string" ? asOf : null,
    undated,
    table,
  };
}

/** The file's headers; the Gephi table written (nodes unless asked), or undefined for the other formats. */
function setFileHeaders(res: Response, format: ExportFormat, table: "nodes" | "edges" | undefined) {
  const csvTable = format === "gephi" ? (table ?? "nodes") : undefined;
  res.setHeader("Content-Type", CONTENT_TYPES[format]);
  res.setHeader("Content-Disposition", `attachment; filename="${exportFileName(format, csvTable)}"`);
  res.setHeader("Cache-Control", "no-store");
  return csvTable;
}
