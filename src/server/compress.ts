/**
 * Compressed answers: GraphQL answers, exports, reconciliation batches and the other JSON answers go out as
 * brotli or gzip when the client accepts it (expressjs/compression: negotiated from `Accept-Encoding`, `Vary`
 * set, streamed, so an export is compressed as it is written and never held whole). Answers under 1 KB go as
 * they are: compressing them costs more than the bytes it saves. The pages' assets are compressed once at
 * build instead (src/web-build) and served by web-pages.ts.
 *
 * Compression and secrets (BREACH): an answer is compressed with what the request asked, but no answer of this
 * API holds a secret that a request could probe for — tokens travel in requests only and are never echoed.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { constants } from "node:zlib";
import compression from "compression";

/** Brotli's quality for answers made on each request: fast, and still smaller than gzip's best. */
const ANSWER_BROTLI_QUALITY = 4;

export const COMPRESS_THRESHOLD_BYTES = 1024;

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** The middleware, for express routes and for /graphql on Node's own request and response. */
export const compressAnswers: Middleware = compression({
  threshold: COMPRESS_THRESHOLD_BYTES,
  brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: ANSWER_BROTLI_QUALITY } },
}) as unknown as Middleware;
