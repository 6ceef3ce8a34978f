/** The export writers without a database: lists in cells, escaping, GeoJSON, and a reader that goes away mid-export. */
import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { xmlText } from "../../src/export/index.js";
import { type GraphReader, writeGephiCsv, writeJson, writeRecordsCsv } from "../../src/export/writers.js";
import { lineGeometry, writeGeojson } from "../../src/export/geojson-writer.js";
import { type RecordReader, splitList, textReader } from "../../src/graph-data/index.js";
import { featureCollectionErrors } from "../support/json-schemas.js";

function graphOf(entities: number): GraphReader {
  return {
    async *sources() {
      yield { id: "s", title: "Source" };
    },
    async *entities() {
      for (let i = 0; i < entities; i++) {
        yield { kind: "City", id: `city-${i}`, name: `City ${i}`, aliases: ["=cmd", "A|B"], sources: ["s"] };
      }
    },
    async *relationships() {},
  };
}

describe("export writers", () => {
  it("write a | inside a list value as \\| (the import reads it back), and defuse formula cells", async () => {
    const out = new PassThrough();
    let text = "";
    out.on("data", (chunk: Buffer) => (text += chunk.toString()));
    await writeGephiCsv(graphOf(1), out, "nodes", { asOf: null });
    const line = text.split("\n")[1]!;
    // The cell starts with "=", so a spreadsheet would run it: it gets an apostrophe.
    expect(line).toContain("'=cmd|A\\|B");
    expect(splitList("=cmd|A\\|B")).toEqual(["=cmd", "A|B"]);
  });

  it("write a CSV the import reads back as the same records", async () => {
    const out = new PassThrough();
    let text = "";
    out.on("data", (chunk: Buffer) => (text += chunk.toString()));
    await writeRecordsCsv(graphOf(2), out, { asOf: null });
    const reader: RecordReader = textReader(text, "export.csv", "csv");
    const read: unknown[] = [];
    for await (const record of reader.records(() => undefined)) read.push(record.value);
    expect(read).toEqual([
      { id: "s", title: "Source" },
      { kind: "City", id: "city-0", name: "City 0", aliases: ["=cmd", "A|B"], sources: ["s"] },
      { kind: "City", id: "city-1", name: "City 1", aliases: ["=cmd", "A|B"], sources: ["s"] },
    ]);
  });

  it("keep line breaks and tabs in XML attributes, and drop characters XML forbids", () => {
    expect(xmlText('a\nb\tc & "d" \u0001 \uD800')).toBe("a&#10;b&#9;c &amp; &quot;d&quot;  ");
  });

  it("stop, rather than wait forever, when the output goes away mid-export", async () => {
    const out = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, callback) {
        // Never calls back: the reader stopped reading (a client that went away).
        void callback;
      },
    });
    const done = writeJson(graphOf(100_000), out, { asOf: null });
    setTimeout(() => out.destroy(), 50);
    await expect(done).rejects.toThrow(/closed before the end/);
  });

  it("write GeoJSON: located entities as Points, relationships between them as LineStrings, [lon, lat]", async () => {
    const graph: GraphReader = {
      async *sources() {
        yield { id: "s", title: "The source" };
      },
      async *entities() {
        yield { kind: "City", id: "a", name: "A", aliases: [], location: { lat: 60.1, lon: 24.9 }, sources: ["s"] };
        yield {
          kind: "City",
          id: "b",
          name: "B",
          aliases: ["Bee"],
          externalIds: [{ scheme: "geonames", value: "1" }],
          location: { lat: -33.9, lon: 151.2 },
          sources: ["s"],
        };
        yield { kind: "Country", id: "c", name: "C", aliases: [], sources: ["s"] };
      },
      async *relationships() {
        const citations = [{ source: "s", excerpt: 'a <b> & "c"' }];
        yield {
          type: "PARTNER_OF",
          id: "a--PARTNER_OF--b",
          from: "a",
          to: "b",
          status: "active",
          validFrom: "2018",
          citations,
        };
        yield { type: "IN_COUNTRY", id: "a--IN_COUNTRY--c", from: "a", to: "c", citations };
      },
    };
    const out = new PassThrough();
    let text = "";
    out.on("data", (chunk: Buffer) => (text += chunk.toString()));
    await writeGeojson(graph, out, { asOf: "2020-01-01" });
    const collection = JSON.parse(text) as { features: { id: string; geometry: unknown; properties: unknown }[] };
    expect(featureCollectionErrors(collection)).toEqual([]);
    expect(collection).toMatchObject({ type: "FeatureCollection", asOf: "2020-01-01" });
    expect(collection.features.map((feature) => [feature.id, feature.geometry])).toEqual([
      ["a", { type: "Point", coordinates: [24.9, 60.1] }],
      ["b", { type: "Point", coordinates: [151.2, -33.9] }],
      [
        "a--PARTNER_OF--b",
        {
          type: "LineString",
          coordinates: [
            [24.9, 60.1],
            [151.2, -33.9],
          ],
        },
      ],
    ]);
    expect(collection.features[1]?.properties).toEqual({
      feature: "entity",
      id: "b",
      kind: "City",
      name: "B",
      nameFi: null,
      nameSv: null,
      nameEn: null,
      aliases: ["Bee"],
      description: null,
      externalIds: ["geonames:1"],
      sources: [{ id: "s", title: "The source" }],
    });
    expect(collection.features[2]?.properties).toEqual({
      feature: "relationship",
      id: "a--PARTNER_OF--b",
      type: "PARTNER_OF",
      kind: null,
      from: "a",
      to: "b",
      fromName: "A",
      toName: "B",
      status: "active",
      state: "CURRENT",
      stateOn: "2020-01-01",
      validFrom: "2018",
      validTo: null,
      sources: [{ id: "s", title: "The source", excerpt: 'a <b> & "c"', publisherKind: null, party: null }],
    });
  });

  it("cut a GeoJSON line whose short way crosses the antimeridian into two that meet there (RFC 7946 §3.1.9)", () => {
    const tokyo: [number, number] = [139.7, 35.7];
    const sanFrancisco: [number, number] = [-122.4, 37.8];
    const there = lineGeometry(tokyo, sanFrancisco);
    expect(there.type).toBe("MultiLineString");
    const [east, west] = there.coordinates as [number, number][][];
    expect(east![0]).toEqual(tokyo);
    expect(east![1]![0]).toBe(180);
    expect(west![0]![0]).toBe(-180);
    expect(west![1]).toEqual(sanFrancisco);
    // The same latitude on both sides, between the ends', where the straight line meets the meridian.
    expect(east![1]![1]).toBeCloseTo(35.7 + ((180 - 139.7) / (237.6 - 139.7)) * 2.1, 9);
    expect(west![0]![1]).toBe(east![1]![1]);
    // Back again: the same cut, in the other order.
    const back = lineGeometry(sanFrancisco, tokyo);
    expect(back.coordinates).toEqual([
      [sanFrancisco, [-180, east![1]![1]]],
      [[180, east![1]![1]], tokyo],
    ]);
    // Lines that stay within 180° of longitude are left whole, even across Greenwich or long ones.
    expect(lineGeometry([24.9, 60.2], [151.2, -33.9])).toEqual({
      type: "LineString",
      coordinates: [
        [24.9, 60.2],
        [151.2, -33.9],
      ],
    });
    expect(lineGeometry([-0.1, 51.5], [2.3, 48.9]).type).toBe("LineString");
    // An end on the antimeridian itself is taken on the other end's side: no part of zero length.
    expect(lineGeometry([180, -17], [-175.2, -21.1])).toEqual({
      type: "LineString",
      coordinates: [
        [-180, -17],
        [-175.2, -21.1],
      ],
    });
    expect(lineGeometry([-180, 10], [180, 20]).coordinates).toEqual([
      [180, 10],
      [180, 20],
    ]);
    // Every shape is valid GeoJSON.
    const collection = {
      type: "FeatureCollection",
      features: [there, back].map((geometry, i) => ({ type: "Feature", id: String(i), geometry, properties: {} })),
    };
    expect(featureCollectionErrors(collection)).toEqual([]);
  });

  it("write an empty but valid GeoJSON FeatureCollection when nothing is located", async () => {
    const out = new PassThrough();
    let text = "";
    out.on("data", (chunk: Buffer) => (text += chunk.toString()));
    await writeGeojson(graphOf(3), out, { asOf: null });
    const collection = JSON.parse(text) as unknown;
    expect(collection).toEqual({ type: "FeatureCollection", name: "helsinki-international-relations", features: [] });
    expect(featureCollectionErrors(collection)).toEqual([]);
  });
});
