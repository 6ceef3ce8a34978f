/**
 * The express routes' last error handler is the one error boundary: whatever a route lets through answers
 * JSON with a code and the request id — a body parser's failure its 4xx, anything else 500, logged — never
 * express's HTML page with a stack trace.
 */
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/logging/index.js";
import { routeErrors } from "../../src/server/create-app.js";

const log = createLogger("silent");
const logged = vi.spyOn(log, "error");
let server: ReturnType<express.Express["listen"]>;
let url: string;

beforeAll(async () => {
  const app = express();
  app.use((_req, res, next) => {
    res.locals.requestId = "test-request";
    next();
  });
  app.get("/boom", () => {
    throw new TypeError("Cannot read properties of undefined (reading 'secret')");
  });
  app.post("/json", express.json({ limit: 100 }), (_req, res) => {
    res.json({ ok: true });
  });
  app.use(routeErrors(log));
  await new Promise<void>((resolve) => {
    server = app.listen(0, "127.0.0.1", () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("the express routes' last error handler", () => {
  it("answers an unexpected error as 500 INTERNAL_SERVER_ERROR in JSON, without its message or stack, and logs it", async () => {
    const response = await fetch(`${url}/boom`);
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const text = await response.text();
    expect(JSON.parse(text).errors[0].extensions).toMatchObject({
      code: "INTERNAL_SERVER_ERROR",
      requestId: "test-request",
    });
    expect(text).not.toMatch(/secret|TypeError|at \w+ \(|<html/i);
    expect(logged).toHaveBeenCalledTimes(1);
  });

  it("answers a body parser's failure as its 4xx with a code", async () => {
    const bad = await fetch(`${url}/json`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      "BAD_REQUEST",
    );
    const big = await fetch(`${url}/json`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "x".repeat(1000) }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      "BAD_REQUEST",
    );
  });
});
