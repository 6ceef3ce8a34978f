/** How the API serves the explorer and GraphiQL: built pages, strict headers, cached assets, no Apollo landing page. */
import { type IncomingHttpHeaders, request as httpRequest } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../../src/start.js";
import { startTestServer } from "../support/test-server.js";

let api: RunningApi;

beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api.stop();
});

describe("the web pages", () => {
  it.each(["/explorer", "/graphiql"])(
    "%s is an HTML page whose scripts and styles all come from this server",
    async (page) => {
      const response = await fetch(`${api.url}${page}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(response.headers.get("cache-control")).toBe("no-cache");
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      const html = await response.text();
      const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) expect(url).toMatch(/^\/assets\//);
      for (const url of urls) {
        const asset = await fetch(`${api.url}${url}`);
        expect(asset.status, url).toBe(200);
        expect(asset.headers.get("cache-control")).toContain("immutable");
      }
    },
  );

  it("sends / to the explorer", async () => {
    const response = await fetch(`${api.url}/`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/explorer");
  });

  it("answers 404 for an asset that does not exist", async () => {
    const response = await fetch(`${api.url}/assets/nothing-here.js`);
    expect(response.status).toBe(404);
  });

  it("shows no Apollo landing page (nothing from Apollo's CDN) on GET /graphql", async () => {
    const response = await fetch(`${api.url}/graphql`, { headers: { accept: "text/html" } });
    const body = await response.text();
    expect(body).not.toMatch(/apollographql|embeddable-sandbox|cdn\./i);
    expect(response.headers.get("content-type") ?? "").not.toMatch(/text\/html/);
  });

  it("serves the accessibility statement as plain HTML in the reader's language, with no script", async () => {
    const finnish = await fetch(`${api.url}/accessibility?lang=fi`);
    expect(finnish.status).toBe(200);
    expect(finnish.headers.get("content-type")).toMatch(/^text\/html/);
    expect(finnish.headers.get("content-language")).toBe("fi");
    expect(finnish.headers.get("content-security-policy") ?? "").toContain("script-src 'self'");
    const html = await finnish.text();
    expect(html).toContain('<html lang="fi">');
    expect(html).toContain("<h1>Saavutettavuusseloste");
    expect(html).toContain("WCAG 2.1");
    expect(html).not.toContain("<script");

    // No `lang`: the browser's preferred language among the three; none of them: English.
    const swedish = await fetch(`${api.url}/accessibility`, {
      headers: { "accept-language": "de, sv-FI;q=0.8, fi;q=0.5" },
    });
    expect(await swedish.text()).toContain('<html lang="sv">');
    const other = await fetch(`${api.url}/accessibility`, { headers: { "accept-language": "de" } });
    expect(await other.text()).toContain('<html lang="en">');
    expect((await fetch(`${api.url}/accessibility`, { method: "POST" })).status).toBe(405);
  });

  it("are not served with WEB_PAGES=false", async () => {
    const apiOnly = await startTestServer({ WEB_PAGES: "false" });
    try {
      expect((await fetch(`${apiOnly.url}/explorer`)).status).toBe(404);
      expect((await fetch(`${apiOnly.url}/graphiql`)).status).toBe(404);
    } finally {
      await apiOnly.stop();
    }
  });
});

/** One GET or POST as raw bytes (fetch would decompress them): the status, the headers and the body as sent. */
function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? "GET", headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

function decoded(answer: { headers: IncomingHttpHeaders; body: Buffer }): Buffer {
  const encoding = answer.headers["content-encoding"];
  if (encoding === "br") return brotliDecompressSync(answer.body);
  if (encoding === "gzip") return gunzipSync(answer.body);
  expect(encoding).toBeUndefined();
  return answer.body;
}

describe("compressed transfer", () => {
  const graphqlPost = (query: string, encoding?: string) =>
    rawRequest(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(encoding ? { "accept-encoding": encoding } : {}) },
      body: JSON.stringify({ query }),
    });

  it("sends each asset as the browser accepts it: the build's brotli or gzip file, else as it is", async () => {
    const html = await (await fetch(`${api.url}/explorer`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const plain = await rawRequest(`${api.url}${script}`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    for (const [accept, encoding] of [
      ["gzip, deflate, br", "br"],
      ["gzip", "gzip"],
      ["br;q=0, gzip", "gzip"],
    ] as const) {
      const answer = await rawRequest(`${api.url}${script}`, { headers: { "accept-encoding": accept } });
      expect(answer.status, accept).toBe(200);
      expect(answer.headers["content-encoding"], accept).toBe(encoding);
      expect(answer.headers.vary ?? "", accept).toMatch(/accept-encoding/i);
      expect(answer.headers["content-type"], accept).toMatch(/javascript/);
      expect(answer.headers["cache-control"], accept).toContain("immutable");
      expect(answer.body.length, accept).toBeLessThan(plain.body.length / 2);
      expect(decoded(answer).equals(plain.body), accept).toBe(true);
    }
  });

  it("compresses a GraphQL answer of more than 1 KB when the client accepts it, and leaves small ones", async () => {
    const big = '{ neighbourhood(id: "helsinki", depth: 1, limit: 100) { nodes { id name kind } } }';
    const plain = await graphqlPost(big);
    expect(plain.body.length).toBeGreaterThan(1024);
    for (const encoding of ["br", "gzip"]) {
      const answer = await graphqlPost(big, encoding);
      expect(answer.status).toBe(200);
      expect(answer.headers["content-encoding"]).toBe(encoding);
      expect(JSON.parse(decoded(answer).toString("utf8"))).toEqual(JSON.parse(plain.body.toString("utf8")));
    }
    const small = await graphqlPost('{ node(id: "helsinki") { id } }', "br");
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(small.body.toString("utf8"))).toEqual({ data: { node: { id: "helsinki" } } });
  });

  it("streams an export compressed, the same file once decompressed", async () => {
    const plain = await rawRequest(`${api.url}/export?format=csv`);
    expect(plain.status).toBe(200);
    const answer = await rawRequest(`${api.url}/export?format=csv`, { headers: { "accept-encoding": "gzip" } });
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(answer.headers["content-length"]).toBeUndefined();
    expect(decoded(answer).toString("utf8")).toBe(plain.body.toString("utf8"));
  });

  it("keeps errors in the one shape, compressed or not", async () => {
    const answer = await graphqlPost("{ nothingLikeThis }", "br");
    expect(answer.status).toBe(400);
    const body = JSON.parse(decoded(answer).toString("utf8")) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
