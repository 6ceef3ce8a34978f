/**
 * How the explorer draws its graph (src/web/explorer/graph-drawing.ts): seeded start positions (the same link
 * draws the same picture), labels never below a legible size and only where they have room, and what a found
 * path's view fits.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  EDGE_LABEL_PX,
  MIN_LABEL_PX,
  LAYOUT_ITERATIONS,
  NODE_LABEL_PX,
  RING_ROOM,
  RING_SPACING,
  bandOuter,
  bandRadius,
  edgeLabelFits,
  hashText,
  labelPolicy,
  layoutEffort,
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

describe("a crowded neighbourhood's start", () => {
  // A hub with 400 partners (a ring holds RING_ROOM of them), and one partner's own partner beyond.
  const partners = Array.from({ length: 400 }, (_, index) => `p${index}`);
  const crowdIds = ["hub", ...partners, "beyond"];
  const crowdLinks = [...partners.map((id) => link("hub", id)), link("p7", "beyond")];

  it("fills a band around the focus evenly instead of one huge ring, and puts the next hop outside it", () => {
    const at = startPositions(crowdIds, crowdLinks, "hub");
    const outer = bandOuter(partners.length, RING_SPACING);
    const radii = partners.map((id) => distance(at.get(id)!, { x: 0, y: 0 }));
    for (const r of radii) {
      expect(r).toBeGreaterThanOrEqual(RING_SPACING - 1e-9);
      expect(r).toBeLessThanOrEqual(outer + 1e-9);
    }
    // Even: the inner and outer halves of the band's area hold about as many nodes.
    const middle = Math.sqrt((RING_SPACING ** 2 + outer ** 2) / 2);
    const inside = radii.filter((r) => r < middle).length;
    expect(Math.abs(inside - partners.length / 2)).toBeLessThan(partners.length * 0.05);
    // Far smaller than one ring for all of them would be (the ring of RING_ROOM per hop, grown to fit).
    expect(outer).toBeLessThan(RING_SPACING * (partners.length / RING_ROOM) * 0.2);
    expect(distance(at.get("beyond")!, { x: 0, y: 0 })).toBeGreaterThanOrEqual(outer + RING_SPACING * 0.85);
    expect(startPositions(crowdIds, crowdLinks, "hub")).toEqual(at);
  });

  it("keeps each band radius within the band, spread by the golden ratio", () => {
    expect(bandRadius(0, 100, 160)).toBe(160);
    const radii = Array.from({ length: 100 }, (_, index) => bandRadius(index, 100, 160));
    expect(Math.max(...radii)).toBeLessThan(bandOuter(100, 160));
    expect(new Set(radii.map((r) => Math.round(r))).size).toBeGreaterThan(90);
  });

  it("leaves a neighbourhood whose rings are not crowded where it was before bands existed", () => {
    // 12 first hops (a full ring) and 24 second hops (a full second ring), to the pixel as drawn before.
    const firsts = Array.from({ length: 12 }, (_, index) => `a${index}`);
    const seconds = Array.from({ length: 24 }, (_, index) => `b${index}`);
    const at = startPositions(
      ["hub", ...firsts, ...seconds],
      [...firsts.map((id) => link("hub", id)), ...seconds.map((id, index) => link(firsts[index % 12]!, id))],
      "hub",
    );
    const rounded = Object.fromEntries([...at].map(([id, p]) => [id, [Math.round(p.x), Math.round(p.y)]]));
    expect(rounded).toEqual(BEFORE_BANDS);
  });
});

describe("how hard the layout works", () => {
  it("runs fCoSE's default iterations on a usual drawing and fewer, down to a floor, on a large one", () => {
    expect(layoutEffort(150)).toEqual({ numIter: LAYOUT_ITERATIONS });
    expect(layoutEffort(300).numIter).toBeLessThan(LAYOUT_ITERATIONS);
    expect(layoutEffort(1000).numIter).toBeLessThan(layoutEffort(300).numIter);
    expect(layoutEffort(1000).numIter).toBeGreaterThanOrEqual(250);
  });
});

const BEFORE_BANDS: Record<string, [number, number]> = {
  hub: [0, 0],
  a8: [50, 149],
  a9: [-42, 168],
  a4: [-115, 107],
  a5: [-136, 48],
  a6: [-156, -20],
  a7: [-137, -102],
  a0: [-40, -158],
  a1: [42, -141],
  a2: [112, -111],
  a3: [135, -59],
  a11: [156, 23],
  a10: [118, 103],
  b8: [58, 315],
  b20: [-6, 294],
  b9: [-103, 302],
  b21: [-188, 287],
  b16: [-264, 227],
  b4: [-291, 162],
  b17: [-343, 55],
  b5: [-311, 21],
  b18: [-282, -95],
  b6: [-257, -160],
  b19: [-231, -207],
  b7: [-170, -270],
  b12: [-95, -326],
  b0: [16, -314],
  b13: [78, -296],
  b1: [183, -266],
  b14: [233, -249],
  b2: [282, -151],
  b15: [320, -58],
  b3: [340, -17],
  b11: [325, 79],
  b23: [283, 174],
  b10: [227, 250],
  b22: [168, 293],
};
