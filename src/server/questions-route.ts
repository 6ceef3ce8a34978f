/**
 * `GET /questions` (the index: HTML for a person, JSON for a tool) and `GET /questions/<name>.json|.csv`
 * (a saved question's answer as a table, src/questions). A saved question is a persisted document, not a
 * side door: its operation goes to Apollo's `executeHTTPGraphQLRequest` with the context /graphql builds
 * (the caller's verified token, the client key), so the document guard, validation with every limit rule,
 * the cost and filter limits, the access rules (personal fields need `staff`) and the result cache all
 * apply, and the request rate is RATE_LIMIT_GRAPHQL's.
 *
 * Answers carry `ETag` and `Last-Modified` from the graph's version (the result cache's token, read from
 * Neo4j, so a write from any process changes it): `If-None-Match` answers 304 before anything runs and is
 * not counted against the rate limit, which is for whole answers. `Cache-Control: no-cache` lets a cache
 * keep an answer only if it asks again each time. Plain GETs need no header (Power BI, Grafana, a
 * spreadsheet): the route only reads, and Apollo's CSRF rule is for requests that could write or that carry
 * cookies, which this API never reads. Any origin may read the answers (CORS, like /export).
 */
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { ApolloServer } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import cors from "cors";
import express, { type Response, type Router } from "express";
import { checkQueryTextOnce } from "../admission/index.js";
import { type TokenVerifier, bearerToken } from "../auth/index.js";
import type { RateLimits, RequestLimits } from "../config/index.js";
import { type ErrorCode, HTTP_STATUS, NotFoundError, QueryLimitError } from "../errors/index.js";
import type { Logger } from "../logging/index.js";
import {
  type ParameterValue,
  SAVED_QUESTIONS,
  SOURCES_CELL_RULE,
  type SavedQuestion,
  type TableMeta,
  defaultOf,
  describeType,
  documentHash,
  formatValue,
  outputOptions,
  questionTable,
  questionValues,
  savedQuestion,
  tableCsv,
  tableJson,
} from "../questions/index.js";
import type { GraphStamp, GraphVersionWatch } from "../result-cache/index.js";
import { requestRateLimit } from "./client-limits.js";
import type { ApiContext } from "./context.js";
import { sendError } from "./format-error.js";
import { withRequestId } from "./graphql-route.js";
import type { SharedLimits } from "./shared-limits.js";
import { allowOnly } from "./unmatched-requests.js";

export interface QuestionsRouteOptions {
  readonly apollo: ApolloServer<ApiContext>;
  readonly context: (authorization: string | undefined, requestId: string, address?: string) => Promise<ApiContext>;
  readonly limits: RequestLimits;
  readonly rateLimits: RateLimits;
  readonly verifier: TokenVerifier;
  readonly log: Logger;
  readonly stamps: GraphVersionWatch<GraphStamp>;
  readonly sharedLimits?: SharedLimits;
  readonly transactionTimeoutMs: number;
}

const CONTENT_TYPES = { json: "application/json; charset=utf-8", csv: "text/csv; charset=utf-8; header=present" };

export function questionsRouter(options: QuestionsRouteOptions): Router {
  const router = express.Router();
  router.use(
    "/questions",
    cors({
      methods: ["GET", "HEAD"],
      exposedHeaders: [
        "ETag",
        "Last-Modified",
        "Content-Disposition",
        "x-request-id",
        "x-graph-version",
        "RateLimit",
        "Retry-After",
      ],
    }),
  );
  const rateLimit = requestRateLimit({
    route: "/questions",
    limit: options.rateLimits.graphql,
    windowMs: options.rateLimits.windowMs,
    variable: "RATE_LIMIT_GRAPHQL",
    verifier: options.verifier,
    store: options.sharedLimits?.rateStore("questions"),
  });
  const fail = (res: Response, error: unknown) =>
    sendError(res, error, {
      requestId: res.locals.requestId as string,
      log: options.log,
      transactionTimeoutMs: options.transactionTimeoutMs,
    });

  router.get(["/questions", "/questions.json"], (req, res) => {
    const base = `${req.baseUrl}/questions`;
    const asJson = req.path.endsWith(".json") || req.accepts(["application/json", "text/html"]) !== "text/html";
    res.setHeader("Vary", "Accept");
    res.setHeader("Cache-Control", "no-cache");
    if (asJson) {
      res
        .type("application/json")
        .send(`${JSON.stringify({ questions: SAVED_QUESTIONS.map((q) => indexEntry(q, base)) })}\n`);
      return;
    }
    res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    res.type("text/html").send(indexPage(SAVED_QUESTIONS, base));
  });

  router.get("/questions/:file", async (req, res) => {
    const match = /^([a-z0-9-]+)\.(json|csv)$/.exec(req.params.file ?? "");
    const question = match ? savedQuestion(match[1]!) : undefined;
    if (!match || !question) {
      fail(
        res,
        new NotFoundError(
          `No saved question at this path. The questions are listed at /questions; each answers at /questions/<name>.json and .csv.`,
        ),
      );
      return;
    }
    const format = match[2] as "json" | "csv";
    const query = new URL(req.originalUrl, "http://localhost").searchParams;
    let values: Record<string, ParameterValue>;
    let output: ReturnType<typeof outputOptions>;
    try {
      values = questionValues(question, query);
      output = outputOptions(question, query);
    } catch (error) {
      fail(res, error);
      return;
    }

    // A token is checked before anything answers, a 304 included: a refused token is never taken as anonymous.
    try {
      const token = bearerToken(req.headers.authorization);
      if (token !== undefined) await options.verifier.verify(token);
    } catch (error) {
      fail(res, error);
      return;
    }

    // The graph's version first: a client whose copy is current gets 304 before any limit counts it.
    let stamp: GraphStamp = { token: undefined, modified: undefined };
    try {
      stamp = await options.stamps.current();
    } catch {
      // Neo4j did not answer: no validators; the question itself will say what is wrong.
    }
    const variables = question.variables(values);
    const etag =
      stamp.token === undefined
        ? undefined
        : `W/"${createHash("sha256")
            .update(
              JSON.stringify([stamp.token, question.name, documentHash(question.document), variables, format, output]),
            )
            .digest("base64url")
            .slice(0, 32)}"`;
    res.setHeader("Cache-Control", "no-cache");
    if (etag) res.setHeader("ETag", etag);
    if (stamp.modified) res.setHeader("Last-Modified", stamp.modified.toUTCString());
    if (stamp.token) res.setHeader("x-graph-version", stamp.token);
    if (etag && notModified(req, etag, stamp.modified)) {
      res.status(304).end();
      return;
    }
    const fileName = `${question.name}${output.table === "sources" ? "-sources" : ""}.${format}`;
    const fileHeaders = () => {
      res.setHeader("Content-Type", CONTENT_TYPES[format]);
      res.setHeader("Content-Disposition", `${format === "csv" ? "attachment" : "inline"}; filename="${fileName}"`);
    };
    if (req.method === "HEAD") {
      // The headers an answer would have, its parameters checked: nothing runs, nothing is counted.
      fileHeaders();
      res.status(200).end();
      return;
    }

    await new Promise<void>((resolve) => {
      res.once("close", () => resolve());
      rateLimit(req, res, () => resolve());
    });
    if (res.headersSent || res.writableEnded) return; // 429, answered

    const requestId = res.locals.requestId as string;
    const problem = checkQueryTextOnce(question.document, options.limits);
    if (problem) {
      const error = new QueryLimitError(problem.limit, problem.message);
      Object.assign(error.extensions, problem.measured);
      fail(res, error);
      return;
    }
    const headers = new HeaderMap([["content-type", "application/json"]]);
    if (req.headers.authorization !== undefined) headers.set("authorization", req.headers.authorization);
    headers.set("x-request-id", requestId);
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: "POST",
        headers,
        search: "",
        body: { query: question.document, operationName: question.operationName, variables },
      },
      context: async () => {
        const context = await options.context(req.headers.authorization, requestId, req.ip);
        return { ...context, graphVersion: Promise.resolve(stamp.token) };
      },
    });
    const text = response.body.kind === "complete" ? response.body.string : await collect(response.body.asyncIterator);
    const cache = response.headers.get("x-result-cache");
    if (cache) res.setHeader("x-result-cache", cache);
    let parsed: { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      parsed = {};
    }
    if ((response.status ?? 200) !== 200 || parsed.errors?.length || !parsed.data) {
      // A table with holes would be a wrong table: any error refuses the whole answer, with its code's status.
      const code = parsed.errors?.[0]?.extensions?.code as ErrorCode | undefined;
      const status = (response.status ?? 200) !== 200 ? (response.status ?? 500) : ((code && HTTP_STATUS[code]) ?? 500);
      res.removeHeader("ETag");
      res.removeHeader("Last-Modified");
      for (const [key, value] of response.headers) if (key.toLowerCase() === "retry-after") res.setHeader(key, value);
      res.status(status).type("application/json").send(withRequestId(text, requestId));
      return;
    }

    let table;
    try {
      table = questionTable(question, question.rows(parsed.data, values), output.table);
    } catch (error) {
      fail(res, error);
      return;
    }
    const asked = new Date();
    fileHeaders();
    if (format === "csv") {
      res.send(tableCsv(table, output.bom));
      return;
    }
    const meta: TableMeta = {
      question: question.name,
      title: question.title,
      description: question.description,
      table: output.table,
      parameters: values,
      graphVersion: stamp.token ?? null,
      graphModified: stamp.modified?.toISOString() ?? null,
      asked: asked.toISOString(),
      columns: table.columns,
      rowCount: table.rows.length,
      ...(question.relationships && output.table === "rows" ? { sourcesCell: SOURCES_CELL_RULE } : {}),
    };
    res.send(tableJson(table, meta));
  });
  router.all(["/questions", "/questions.json", "/questions/:file"], allowOnly("GET"));
  return router;
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

/** RFC 9110 §13.1.2 (weak comparison) and §13.1.3: If-None-Match wins over If-Modified-Since. */
export function notModified(req: IncomingMessage, etag: string, modified: Date | undefined): boolean {
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch !== undefined) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
    return ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((tag) => opaque(tag) === opaque(etag));
  }
  const since = req.headers["if-modified-since"];
  if (since === undefined || modified === undefined) return false;
  const date = Date.parse(since);
  return !Number.isNaN(date) && Math.floor(modified.getTime() / 1000) <= Math.floor(date / 1000);
}

/** A question as the JSON index lists it: what a tool needs to ask it. */
function indexEntry(question: SavedQuestion, base: string) {
  return {
    name: question.name,
    title: question.title,
    description: question.description,
    json: `${base}/${question.name}.json`,
    csv: `${base}/${question.name}.csv`,
    ...(question.relationships ? { sourcesCsv: `${base}/${question.name}.csv?table=sources` } : {}),
    parameters: question.parameters.map((parameter) => ({
      name: parameter.name,
      type: parameter.type.kind,
      accepts: describeType(parameter.type),
      default: defaultOf(parameter),
      description: parameter.description,
    })),
    columns: question.columns,
    documentId: question.name,
    sha256: documentHash(question.document),
    operationName: question.operationName,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The index for a person: each question with its parameters as a form that asks for the CSV or the JSON. */
function indexPage(questions: readonly SavedQuestion[], base: string): string {
  const sections = questions
    .map((question) => {
      const fields = question.parameters
        .map((parameter) => {
          const id = `${question.name}-${parameter.name}`;
          return `<p><label for="${id}">${escapeHtml(parameter.name)}</label> <input id="${id}" name="${escapeHtml(parameter.name)}" value="${escapeHtml(formatValue(defaultOf(parameter)))}" aria-describedby="${id}-help"> <small id="${id}-help">${escapeHtml(parameter.description)} (${escapeHtml(describeType(parameter.type))})</small></p>`;
        })
        .join("\n");
      const sourcesButton = question.relationships
        ? `<button type="submit" name="table" value="sources" formaction="${base}/${question.name}.csv">Sources (CSV)</button>`
        : "";
      return `<section aria-labelledby="${question.name}">
<h2 id="${question.name}">${escapeHtml(question.title)}</h2>
<p>${escapeHtml(question.description)}</p>
<p>Columns: <code>${escapeHtml(question.columns.join(", "))}</code></p>
<p><a href="${base}/${question.name}.csv">${question.name}.csv</a> · <a href="${base}/${question.name}.json">${question.name}.json</a></p>
<form method="get" action="${base}/${question.name}.csv">
${fields}
<p><button type="submit">CSV</button> <button type="submit" formaction="${base}/${question.name}.json">JSON</button> ${sourcesButton}</p>
</form>
</section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Saved questions</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.4}section{border-top:1px solid #888;margin-top:1.5rem}label{font-weight:bold;display:inline-block;min-width:7rem}small{color:#444}</style>
</head>
<body>
<main>
<h1>Saved questions</h1>
<p>Each question answers as a table at a stable address: <code>.csv</code> for a spreadsheet (add <code>bom=1</code> for Excel) and <code>.json</code> for a program, with parameters in the address (<code>?entity=tampere</code>). A question about relationships also lists their sources (<code>table=sources</code>). The same list for programs: <a href="${base}.json">${base}.json</a>.</p>
${sections}
</main>
</body>
</html>
`;
}
