/** The explorer's map: places, arcs, the fitted projection, labels that do not overlap. */
import { describe, expect, it } from "vitest";
import { mergeGraphs } from "../../src/web/explorer/graph-model.js";
import { arcPath, arcsOf, fitProjection, placeLabels, placesOf } from "../../src/web/explorer/map-geometry.js";

describe("the explorer's map", () => {
  const city = (id: string, lat: number, lon: number) => ({
    id,
    kind: "City",
    name: id,
    description: null,
    names: [],
    aliases: [],
    location: { lat, lon },
  });
  const office = {
    id: "office",
    kind: "Office",
    name: "Office",
    description: null,
    names: [],
    aliases: [],
    location: null,
  };
  const country = { ...office, id: "fi", kind: "Country", name: "Finland" };
  const edge = (id: string, fromId: string, toId: string) => ({
    id,
    type: "PARTNER_OF",
    kind: null,
    fromId,
    toId,
    validFrom: null,
    validTo: null,
    status: null,
    sources: [],
  });
  const graph = mergeGraphs(
    [
      {
        nodes: [city("helsinki", 60.17, 24.94), city("tallinn", 59.44, 24.75), office, country],
        edges: [
          edge("h-t", "helsinki", "tallinn"),
          edge("t-h", "tallinn", "helsinki"),
          edge("o-h", "office", "helsinki"),
          edge("h-fi", "helsinki", "fi"),
        ],
      },
    ],
    null,
  );

  it("places located entities, and offices at their city; arcs only between two places, in lanes", () => {
    const places = placesOf(
      graph,
      new Map([["office", { officeId: "office", cityId: "tallinn", cityName: "Tallinn", lat: 59.44, lon: 24.75 }]]),
    );
    expect([...places.keys()].sort()).toEqual(["helsinki", "office", "tallinn"]);
    expect(places.get("office")?.placedAt).toBe("Tallinn");
    expect(arcsOf(graph, places).map(({ edge, lane }) => [edge.id, lane])).toEqual([
      ["h-t", 0],
      ["o-h", 0],
      ["t-h", 1],
    ]);
    expect(arcsOf(graph, placesOf(graph, new Map())).map(({ edge }) => edge.id)).toEqual(["h-t", "t-h"]);
  });

  it("fits the places into the frame with a margin, north up and west left", () => {
    const projection = fitProjection(
      [
        { lat: 60.17, lon: 24.94 },
        { lat: 39.9, lon: 116.4 },
      ],
      800,
      500,
    );
    const [hx, hy] = projection([24.94, 60.17])!;
    const [bx, by] = projection([116.4, 39.9])!;
    for (const [x, y] of [
      [hx, hy],
      [bx, by],
    ] as const) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(800);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(500);
    }
    expect(hx).toBeLessThan(bx); // Helsinki is west of Beijing
    expect(hy).toBeLessThan(by); // and north of it
  });

  it("bends arcs between the same places to alternate sides", () => {
    expect(arcPath([0, 0], [100, 0], 0)).toBe("M0,0 Q50,12 100,0");
    expect(arcPath([0, 0], [100, 0], 1)).toBe("M0,0 Q50,-12 100,0");
    expect(arcPath([0, 0], [100, 0], 2)).toBe("M0,0 Q50,22 100,0");
  });

  it("shows a label only where it covers no other label or point: right, left, above or below, most important first", () => {
    const shown = placeLabels([
      { id: "helsinki", text: "Helsinki", x: 100, y: 100 },
      { id: "espoo", text: "Espoo", x: 95, y: 104 },
      { id: "vantaa", text: "Vantaa", x: 98, y: 98 },
      { id: "tallinn", text: "Tallinn", x: 100, y: 160 },
    ]);
    expect(Object.fromEntries(shown)).toEqual({ helsinki: "right", espoo: "left", vantaa: "above", tallinn: "right" });
    // A label is never put on another place's point (it would seem to name that one).
    const beside = placeLabels([
      { id: "helsinki", text: "Helsinki", x: 200, y: 100 },
      { id: "tallinn", text: "Tallinn", x: 200, y: 108 },
      { id: "stockholm", text: "S", x: 160, y: 108 },
    ]);
    expect(beside.get("tallinn")).toBe("below"); // not right (Helsinki's label), not left (Stockholm's point)
  });
});
