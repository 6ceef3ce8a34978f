/**
 * How the explorer draws its graph (src/web/explorer/graph-drawing.ts): seeded start positions (the same link
 * draws the same picture), labels never below a legible size and only where they have room, and what a found
 * path's view fits.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  EDGE_LABEL_PX,
  MIN_LABEL_PX,
  NODE_LABEL_PX,
  RING_SPACING,
  edgeLabelFits,
  hashText,
  labelPolicy,
  modelFontSize,
  paneShape,
  paneStretch,
  pathFitIds,
  samePolicy,
  seededRandom,
  startPositions,
} from "../../src/web/explorer/graph-drawing.js";

const link = (source: string, target: string) => ({ source, target });
// Helsinki, three partners, and a second hop beyond one of them.
const ids = ["helsinki", "tallinn", "stockholm", "oslo", "tartu"];
const links = [
  link("helsinki", "tallinn"),
  link("helsinki", "stockholm"),
  link("oslo", "helsinki"),
  link("tallinn", "tartu"),
];
const distance = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y);

afterEach(() => vi.restoreAllMocks());

describe("seeded start positions", () => {
  it("are the same on every run, without Math.random", () => {
    vi.spyOn(Math, "random").mockImplementation(() => {
      throw new Error("Math.random used");
    });
    const first = startPositions(ids, links, "helsinki");
    const second = startPositions(ids, links, "helsinki");
    expect([...second]).toEqual([...first]);
    expect(first.size).toBe(ids.length);
  });

  it("put the focus in the middle and each hop on its own ring, no two nodes together", () => {
    const at = startPositions(ids, links, "helsinki");
    expect(at.get("helsinki")).toEqual({ x: 0, y: 0 });
    for (const id of ["tallinn", "stockholm", "oslo"]) {
      expect(distance(at.get(id)!, { x: 0, y: 0 })).toBeGreaterThan(RING_SPACING * 0.85);
      expect(distance(at.get(id)!, { x: 0, y: 0 })).toBeLessThan(RING_SPACING * 1.15);
    }
    expect(distance(at.get("tartu")!, { x: 0, y: 0 })).toBeGreaterThan(RING_SPACING * 1.7);
    const points = [...at.values()];
    for (const [index, p] of points.entries()) {
      for (const q of points.slice(index + 1)) expect(distance(p, q)).toBeGreaterThan(20);
    }
  });

  it("place what the focus does not reach outside the farthest ring", () => {
    const at = startPositions([...ids, "alone"], links, "helsinki");
    expect(distance(at.get("alone")!, { x: 0, y: 0 })).toBeGreaterThan(RING_SPACING * 2.5);
  });

  it("differ for another focus (the seed is the focus), and start from the first node when there is none", () => {
    const other = startPositions(ids, links, "tallinn");
    expect(other.get("tallinn")).toEqual({ x: 0, y: 0 });
    expect(startPositions(ids, links, null).get("helsinki")).toEqual({ x: 0, y: 0 });
    expect(startPositions([], [], "helsinki").size).toBe(0);
  });

  it("leave what is drawn where it is and put additions beside their neighbour, the same way every time", () => {
    const placed = new Map([
      ["helsinki", { x: 0, y: 0 }],
      ["tallinn", { x: 500, y: 0 }],
    ]);
    const added = startPositions(
      ["helsinki", "tallinn", "tartu", "riga"],
      [...links, link("riga", "tartu")],
      "helsinki",
      placed,
    );
    expect([...added.keys()].sort()).toEqual(["riga", "tartu"]);
    expect(distance(added.get("tartu")!, { x: 500, y: 0 })).toBeLessThan(150);
    expect(distance(added.get("riga")!, added.get("tartu")!)).toBeLessThan(150);
    expect(
      startPositions(["helsinki", "tallinn", "tartu", "riga"], [...links, link("riga", "tartu")], "helsinki", placed),
    ).toEqual(added);
  });

  it("come from a PRNG and a hash that are fixed sequences", () => {
    const random = seededRandom(42);
    const values = [random(), random(), random()];
    const again = seededRandom(42);
    expect([again(), again(), again()]).toEqual(values);
    for (const value of values) expect(value >= 0 && value < 1).toBe(true);
    expect(hashText("helsinki")).toBe(hashText("helsinki"));
    expect(hashText("helsinki")).not.toBe(hashText("tallinn"));
  });
});

describe("labels", () => {
  it("never draw below a legible size on screen, and grow with the drawing when zoomed in", () => {
    for (const zoom of [0.2, 0.35, 0.5, 0.8, 1, 1.5, 3]) {
      const policy = labelPolicy({ zoom, visibleArea: 500_000, visibleNodes: 30, visibleEdges: 40 });
      expect(policy.nodeFont * zoom).toBeGreaterThanOrEqual(NODE_LABEL_PX - 1e-9);
      expect(policy.edgeFont * zoom).toBeGreaterThanOrEqual(EDGE_LABEL_PX - 1e-9);
      expect(policy.edgeFont * zoom).toBeGreaterThan(MIN_LABEL_PX);
    }
    expect(modelFontSize(12, 0.5)).toBe(24);
    expect(modelFontSize(12, 2) * 2).toBe(24);
  });

  it("label every node where there is room, and only the key ones in a crowd", () => {
    // Helsinki's neighbourhood at 1440 × 900: 31 nodes in about 1000 × 550 px.
    expect(labelPolicy({ zoom: 0.6, visibleArea: 550_000, visibleNodes: 31, visibleEdges: 44 }).allNodeLabels).toBe(
      true,
    );
    // A hub of 150 in the same pane.
    expect(labelPolicy({ zoom: 0.3, visibleArea: 550_000, visibleNodes: 150, visibleEdges: 160 }).allNodeLabels).toBe(
      false,
    );
  });

  it("label relationships only when zoomed in far enough for them to read along their lines", () => {
    expect(labelPolicy({ zoom: 0.6, visibleArea: 550_000, visibleNodes: 31, visibleEdges: 44 }).edgeLabels).toBe(false);
    expect(labelPolicy({ zoom: 1.5, visibleArea: 550_000, visibleNodes: 8, visibleEdges: 10 }).edgeLabels).toBe(true);
    expect(labelPolicy({ zoom: 1, visibleArea: 0, visibleNodes: 0, visibleEdges: 0 }).edgeLabels).toBe(true);
    // "partner of" along a line: 90 px at zoom 1 is too short for it, 200 px holds it.
    expect(edgeLabelFits(90, "partner of", 1)).toBe(false);
    expect(edgeLabelFits(200, "partner of", 1)).toBe(true);
    // Zoomed in, the text and the ends grow with the drawing.
    expect(edgeLabelFits(180, "partner of", 2)).toBe(false);
    expect(edgeLabelFits(400, "partner of", 2)).toBe(true);
  });

  it("restyle only when something visible changes", () => {
    const base = labelPolicy({ zoom: 0.5, visibleArea: 550_000, visibleNodes: 31, visibleEdges: 44 });
    expect(
      samePolicy(base, labelPolicy({ zoom: 0.505, visibleArea: 550_000, visibleNodes: 31, visibleEdges: 44 })),
    ).toBe(true);
    expect(samePolicy(base, labelPolicy({ zoom: 0.7, visibleArea: 550_000, visibleNodes: 31, visibleEdges: 44 }))).toBe(
      false,
    );
    expect(samePolicy(base, { ...base, edgeLabels: true })).toBe(false);
  });
});

describe("the drawing in its pane", () => {
  it("stretches a round drawing sideways in a wide pane, by at most 1.8 and in steps of 0.1", () => {
    expect(paneStretch({ width: 600, height: 600 }, { width: 1050, height: 600 })).toEqual({ x: 1.8, y: 1 });
    expect(paneStretch({ width: 600, height: 600 }, { width: 840, height: 600 })).toEqual({ x: 1.4, y: 1 });
    expect(paneStretch({ width: 600, height: 600 }, { width: 843, height: 601 })).toEqual({ x: 1.4, y: 1 });
    // A tall pane (a phone) stretches it downwards; an empty drawing or pane is left alone.
    expect(paneStretch({ width: 600, height: 600 }, { width: 400, height: 600 })).toEqual({ x: 1, y: 1.5 });
    expect(paneStretch({ width: 0, height: 0 }, { width: 1000, height: 600 })).toEqual({ x: 1, y: 1 });
  });
});

describe("the pane's shape the drawing is stretched towards", () => {
  it("comes from the window's size as the stylesheet lays the page out, not from a measurement", () => {
    // Beside the 24rem side panel; the drawing's row two thirds of the window's height, at least 24rem.
    expect(paneShape({ width: 1440, height: 900 })).toEqual({ width: 1056, height: 594 });
    expect(paneStretch({ width: 600, height: 600 }, paneShape({ width: 1440, height: 900 }))).toEqual({ x: 1.8, y: 1 });
    // One column from 1000 px down; a phone gives the drawing 60 % of its height.
    expect(paneShape({ width: 900, height: 700 })).toEqual({ width: 900, height: 462 });
    expect(paneShape({ width: 390, height: 844 })).toEqual({ width: 390, height: 844 * 0.6 });
    expect(paneShape({ width: 390, height: 500 }).height).toBe(384);
  });
});

describe("a found path's view", () => {
  it("fits the path's nodes that are drawn", () => {
    const onPath = new Set(["tampere", "tampere--MEMBER_OF--eurocities", "eurocities", "brussels"]);
    expect(pathFitIds(onPath, ["helsinki", "tampere", "eurocities"])).toEqual(["tampere", "eurocities"]);
    expect(pathFitIds(new Set(), ["helsinki"])).toEqual([]);
  });
});
