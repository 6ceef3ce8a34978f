/**
 * `GET /export?format=json|csv|gephi|graphml|gexf[&asOf=YYYY-MM-DD][&table=nodes|edges]`: the graph as a file,
 * streamed (the same writers as `npm run kg -- export`). Reads are public; Person email and phone are
 * included only for a bearer token with role `staff`. Bad parameters get 400 with a code before anything runs.
 */
import express, { type Request, type Response, type Router } from "express";
import { Role, type TokenVerifier, bearerToken, hasRole } from "../auth/index.js";
import type { Database } from "../database/index.js";
import { BadUserInputError, ServiceUnavailableError, UnauthenticatedError } from "../errors/index.js";
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat, exportFileName, exportGraph } from "../export/index.js";
import type { Logger } from "../logging/index.js";
import { isFullDate } from "../graph-data/index.js";

import { isDatabaseUnavailable, sendError } from "./format-error.js";

export function exportRouter(options: { db: Database; verifier: TokenVerifier; log: Logger }): Router {
  const router = express.Router();
  router.get("/export", async (req: Request, res: Response) => {
    const fail = (error: unknown) =>
      sendError(res, error, { requestId: res.locals.requestId as string, log: options.log });
    const format = req.query.format;
    const asOf = req.query.asOf;
    const table = req.query.table;
    if (typeof format !== "string" || !EXPORT_FORMATS.includes(format as ExportFormat)) {
      fail(new BadUserInputError("format", `format must be one of ${EXPORT_FORMATS.join(", ")}.`));
      return;
    }
    if (asOf !== undefined && (typeof asOf !== "string" || !isFullDate(asOf))) {
      fail(new BadUserInputError("asOf", "asOf must be a date written YYYY-MM-DD."));
      return;
    }
    if (table !== undefined && (format !== "gephi" || (table !== "nodes" && table !== "edges"))) {
      fail(new BadUserInputError("table", "table is nodes or edges, and only with format=gephi."));
      return;
    }
    let personal = false;
    const token = bearerToken(req.header("authorization"));
    if (token !== undefined) {
      try {
        personal = hasRole(await options.verifier.verify(token), Role.Staff);
      } catch {
        fail(new UnauthenticatedError("The bearer token is not valid."));
        return;
      }
    }
    const csvTable = format === "gephi" ? (table ?? "nodes") : undefined;
    res.setHeader("Content-Type", CONTENT_TYPES[format as ExportFormat]);
    res.setHeader("Content-Disposition", `attachment; filename="${exportFileName(format as ExportFormat, csvTable)}"`);
    res.setHeader("Cache-Control", "no-store");
    try {
      await exportGraph(options.db, res, {
        format: format as ExportFormat,
        asOf: typeof asOf === "string" ? asOf : null,
        personal,
        ...(csvTable ? { table: csvTable } : {}),
      });
      res.end();
    } catch (error) {
      options.log.error({ err: error, requestId: res.locals.requestId as string }, "export failed");
      // The database failing is worth a retry; anything else is masked by the boundary. Once bytes are out,
      // sendError cuts the answer instead, so the client sees it incomplete.
      fail(
        isDatabaseUnavailable(error)
          ? new ServiceUnavailableError("The export could not be read from the database; try again shortly.")
          : error,
      );
    }
  });
  return router;
}
