/** How the API serves the explorer and GraphiQL: built pages, strict headers, cached assets, no Apollo landing page. */
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
