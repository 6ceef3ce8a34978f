/**
 * How the HTTP layer reads a request before anything runs, without a database: the request id it accepts,
 * which proxies it trusts, which paths are GraphQL, how body-parser's failures become our errors, who a
 * client is for the rate limits (token subject, else address, IPv6 by /56), and how many exports may run.
 * Then the same pieces in a server on a tiny schema: a malformed `Authorization` header is a 401 with a code
 * on every route, never express's HTML error page (regression), and request ids come back as sent; and the
 * pages' CSP (the explorer may reach the sign-in provider's origin only) with a page that is not built.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import { SignJWT } from "jose";
import { buildSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenVerifier } from "../../src/auth/index.js";
import { loadConfig } from "../../src/config/index.js";
import { ConcurrencyLimit, clientKey } from "../../src/server/client-limits.js";
import { type ServerWithoutDatabase, startServerWithoutDatabase } from "../support/server-without-database.js";
import { GRAPHQL_PATH, bodyProblem, compileTrust, requestIdFrom } from "../../src/server/graphql-route.js";
import { webPagesRouter } from "../../src/server/web-pages.js";

const SECRET = "a-shared-secret-of-32-characters!";
const verifier = createTokenVerifier(loadConfig({ JWT_SECRET: SECRET }).auth);
const token = (sub: string) =>
  new SignJWT({ roles: [] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(SECRET));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the request id", () => {
  it.each([
    ["a plain id", "req-1.A_b", "req-1.A_b"],
    ["64 characters", "a".repeat(64), "a".repeat(64)],
  ])("%s is kept", (_label, header, id) => {
    expect(requestIdFrom(header)).toBe(id);
  });

  it.each([
    ["65 characters", "a".repeat(65)],
    ["spaces", "req 1"],
    ["a line break (log injection)", "req-1\nlevel=error"],
    ["an empty header", ""],
    ["a repeated header", ["a", "b"]],
    ["no header", undefined],
  ])("%s is replaced by a new UUID", (_label, header) => {
    expect(requestIdFrom(header)).toMatch(UUID);
  });
});

describe("which proxies are trusted (TRUST_PROXY)", () => {
  it.each<[boolean | number | string, string, number, boolean]>([
    [false, "127.0.0.1", 0, false],
    [true, "203.0.113.9", 5, true],
    [1, "203.0.113.9", 0, true],
    [1, "203.0.113.9", 1, false],
    ["loopback", "127.0.0.1", 0, true],
    ["loopback", "10.1.2.3", 0, false],
    ["10.0.0.0/8, 192.168.1.1", "10.1.2.3", 0, true],
    ["10.0.0.0/8, 192.168.1.1", "192.168.1.2", 0, false],
  ])("%j trusts %s at hop %i: %s", (setting, address, hop, trusted) => {
    expect(compileTrust(setting)(address, hop)).toBe(trusted);
  });
});

describe("the GraphQL path", () => {
  it.each(["/graphql", "/GraphQL", "/graphql?query=x", "/graphql/", "/graphql#x"])("%s is GraphQL", (path) => {
    expect(GRAPHQL_PATH.test(path)).toBe(true);
  });
  it.each(["/graphqlx", "/api/graphql", "/graph", "/export?to=/graphql"])("%s is not", (path) => {
    expect(GRAPHQL_PATH.test(path)).toBe(false);
  });
});

describe("body-parser's failures as our errors", () => {
  it.each([
    ["too large", { status: 413, type: "entity.too.large" }, 413, "MAX_BODY_BYTES"],
    ["not JSON", { status: 400, type: "entity.parse.failed" }, 400, "not valid JSON"],
    ["an unsupported charset", { status: 415, type: "charset.unsupported" }, 415, "could not be read"],
    ["an unsupported encoding", { status: 415, type: "encoding.unsupported" }, 415, "could not be read"],
  ])("%s → BAD_REQUEST with body-parser's status", (_label, failure, status, words) => {
    const problem = bodyProblem(Object.assign(new Error("raw"), failure)) as {
      message: string;
      extensions: unknown;
    };
    expect(problem.extensions).toEqual({ code: "BAD_REQUEST", http: { status } });
    expect(problem.message).toContain(words);
  });

  it.each([
    ["a server error", Object.assign(new Error("x"), { status: 500 })],
    ["an error without a status", new Error("x")],
    ["not an error", "x"],
  ])("%s is passed on unchanged", (_label, error) => {
    expect(bodyProblem(error)).toBe(error);
  });
});

/** A request as Node gives it, with express's `ip`. */
const request = (ip: string, authorization?: string) =>
  ({ ip, headers: authorization === undefined ? {} : { authorization }, socket: {} }) as unknown as IncomingMessage & {
    ip: string;
  };

describe("who a client is, for the rate limits", () => {
  it("a verified token's subject, wherever it comes from", async () => {
    const bearer = `Bearer ${await token("alice")}`;
    expect(await clientKey(request("203.0.113.9", bearer), verifier)).toBe("sub:alice");
    expect(await clientKey(request("198.51.100.1", bearer), verifier)).toBe("sub:alice");
  });

  it.each([
    ["no token", undefined],
    ["a token that fails verification", "Bearer not-a-token"],
    ["a malformed header (regression: it made the limiter fail with a 500)", "Basic YWxpY2U6c2VjcmV0"],
    ["an empty bearer", "Bearer "],
  ])("%s: the address", async (_label, authorization) => {
    expect(await clientKey(request("203.0.113.9", authorization), verifier)).toBe("ip:203.0.113.9");
  });

  it("a server without a key counts every client by address, token or not", async () => {
    const none = createTokenVerifier(loadConfig({}).auth);
    expect(await clientKey(request("203.0.113.9", `Bearer ${await token("alice")}`), none)).toBe("ip:203.0.113.9");
  });

  it("IPv6 addresses are grouped by /56: one host cannot hop addresses to dodge the limit", async () => {
    const a = await clientKey(request("2001:db8:1234:5600::1"), verifier);
    const b = await clientKey(request("2001:db8:1234:56ff:ffff::2"), verifier);
    const other = await clientKey(request("2001:db8:1234:5700::1"), verifier);
    expect(a).toBe(b);
    expect(other).not.toBe(a);
  });
});

describe("exports running at once", () => {
  it("refuses past the per-client limit, then past the total, and frees on leave", () => {
    const limit = new ConcurrencyLimit(2, 3);
    expect([limit.enter("a"), limit.enter("a"), limit.enter("a")]).toEqual([undefined, undefined, "client"]);
    expect([limit.enter("b"), limit.enter("c")]).toEqual([undefined, "total"]);
    expect(limit.inProgress).toBe(3);
    limit.leave("a");
    expect([limit.enter("c"), limit.inProgress]).toEqual([undefined, 3]);
  });

  it("leaving more often than entering never goes below zero nor frees another client's place", () => {
    const limit = new ConcurrencyLimit(1, 1);
    limit.leave("ghost");
    expect(limit.inProgress).toBe(0);
    expect(limit.enter("a")).toBeUndefined();
    limit.leave("b");
    limit.leave("b");
    expect(limit.enter("a")).toBe("client");
  });
});

const startTiny = (env: Record<string, string>) =>
  startServerWithoutDatabase(buildSchema("type Query { hello: String }"), { JWT_SECRET: SECRET, ...env });

describe("a malformed Authorization header over HTTP", () => {
  let limited: ServerWithoutDatabase;
  let unlimited: ServerWithoutDatabase;
  beforeAll(async () => {
    limited = await startTiny({});
    unlimited = await startTiny({ RATE_LIMIT_GRAPHQL: "0", RATE_LIMIT_EXPORT: "0", RATE_LIMIT_RECONCILE: "0" });
  }, 30_000);
  afterAll(async () => {
    await limited?.stop();
    await unlimited?.stop();
  });

  const answer = async (url: string, headers: Record<string, string>) => {
    const response = await fetch(url, { headers });
    const text = await response.text();
    return { status: response.status, type: response.headers.get("content-type"), text };
  };

  it.each([
    ["/export with rate limits", () => `${limited.url}/export?format=json`],
    ["/export without", () => `${unlimited.url}/export?format=json`],
  ])(
    "%s → 401 UNAUTHENTICATED as JSON, with the request id (regression: 500 with a stack trace)",
    async (_label, url) => {
      const result = await answer(url(), { authorization: "Basic YWxpY2U6c2VjcmV0", "x-request-id": "req-7" });
      expect([result.status, result.type]).toEqual([401, "application/json; charset=utf-8"]);
      expect(JSON.parse(result.text)).toEqual({
        errors: [
          { message: expect.stringContaining("Bearer"), extensions: { code: "UNAUTHENTICATED", requestId: "req-7" } },
        ],
      });
      expect(result.text).not.toMatch(/at \w|<html|GraphQLError/);
    },
  );

  it("/reconcile's rate limit counts it by address and the anonymous read is answered (regression: 500)", async () => {
    const result = await answer(`${limited.url}/reconcile`, { authorization: "Basic YWxpY2U6c2VjcmV0" });
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toMatchObject({ versions: ["0.2"] });
  });

  it("/graphql → 401 UNAUTHENTICATED", async () => {
    const result = await answer(`${limited.url}/graphql?query=${encodeURIComponent("{ hello }")}`, {
      authorization: "Basic YWxpY2U6c2VjcmV0",
      "apollo-require-preflight": "1",
    });
    expect(result.status).toBe(401);
    expect(JSON.parse(result.text).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("a caller's request id comes back in the header and the error; a bad one is replaced", async () => {
    const kept = await fetch(`${unlimited.url}/export`, { headers: { "x-request-id": "abc-123" } });
    expect(kept.headers.get("x-request-id")).toBe("abc-123");
    expect(((await kept.json()) as any).errors[0].extensions).toEqual({
      code: "BAD_USER_INPUT",
      argumentName: "format",
      requestId: "abc-123",
    });
    const replaced = await fetch(`${unlimited.url}/export`, { headers: { "x-request-id": "a b" } });
    expect(replaced.headers.get("x-request-id")).toMatch(UUID);
    expect(((await replaced.json()) as any).errors[0].extensions.requestId).toBe(replaced.headers.get("x-request-id"));
  });
});

describe("the pages' headers, without a build", () => {
  let pages: Server;
  let base: string;
  let outDir: string;
  beforeAll(async () => {
    // Only the explorer is built here: GraphiQL is missing.
    outDir = await mkdtemp(path.join(tmpdir(), "kg-pages-"));
    await mkdir(path.join(outDir, "explorer"));
    await writeFile(path.join(outDir, "explorer", "index.html"), "<!doctype html><title>x</title>");
    const app = express();
    app.use(
      webPagesRouter({
        outDir,
        signIn: { issuer: "https://login.example.org:8443/realms/city", clientId: "kg-explorer", scopes: "openid" },
      }),
    );
    pages = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => pages.once("listening", resolve));
    base = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => pages.close(resolve));
    await rm(outDir, { recursive: true, force: true });
  });

  const directive = (csp: string | null, name: string) =>
    csp
      ?.split(";")
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${name} `));

  it("the explorer may reach the sign-in provider's origin — scheme, host and port, no path — and nothing else", async () => {
    const response = await fetch(`${base}/explorer`);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy");
    expect(directive(csp, "connect-src")).toBe("connect-src 'self' https://login.example.org:8443");
    expect([directive(csp, "object-src"), directive(csp, "frame-ancestors")]).toEqual([
      "object-src 'none'",
      "frame-ancestors 'none'",
    ]);
  });

  it("a page that is not built: 503 SERVICE_UNAVAILABLE saying how to build it, under the pages' CSP", async () => {
    const response = await fetch(`${base}/graphiql`);
    expect(response.status).toBe(503);
    expect(directive(response.headers.get("content-security-policy"), "connect-src")).toBe("connect-src 'self'");
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe("SERVICE_UNAVAILABLE");
    expect(body.errors[0].message).toContain("npm run build:web");
  });

  it("config.json tells the explorer the public sign-in values, revalidated on every load", async () => {
    const response = await fetch(`${base}/explorer/config.json`);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.json()).toEqual({
      signIn: { issuer: "https://login.example.org:8443/realms/city", clientId: "kg-explorer", scopes: "openid" },
    });
  });
});
