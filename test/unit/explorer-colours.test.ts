/**
 * The explorer's colours tell things apart: every relationship type's colour differs from every other's by at
 * least ΔE00 10 (the researcher found orange beside orange), and each entity kind's colour stands 3:1 against
 * the page, as WCAG 2.1 asks of marks that carry meaning (1.4.11); kinds are never drawn behind text. Twenty
 * communities get twenty colours at least ΔE00 15 apart (the first ten were a list that then repeated).
 */
import { describe, expect, it } from "vitest";
import { contrastRatio, deltaE2000, deltaE2000Lab } from "../../src/web/explorer/colour-distance.js";
import {
  COMMUNITY_COLORS,
  KIND_STYLES,
  RELATIONSHIP_TYPES,
  communityColor,
  typeColor,
} from "../../src/web/explorer/kinds.js";
import { RELATIONSHIP_TYPES as VOCABULARY } from "../../src/graph-data/index.js";

const MIN_TYPE_DISTANCE = 10;
const PAGE = "#ffffff";

function closestPair(colours: readonly (readonly [string, string])[]) {
  let closest = { names: "", distance: Infinity };
  colours.forEach(([name, colour], index) => {
    for (const [otherName, other] of colours.slice(index + 1)) {
      const distance = deltaE2000(colour, other);
      if (distance < closest.distance) closest = { names: `${name}/${otherName}`, distance };
    }
  });
  return closest;
}

describe("CIEDE2000", () => {
  // Sharma, Wu and Dalal (2005), "The CIEDE2000 color-difference formula", table 1: pairs 1, 7, 17 and 25.
  it.each([
    [{ l: 50, a: 2.6772, b: -79.7751 }, { l: 50, a: 0, b: -82.7485 }, 2.0425],
    [{ l: 50, a: 0, b: 0 }, { l: 50, a: -1, b: 2 }, 2.3669],
    [{ l: 50, a: 2.5, b: 0 }, { l: 73, a: 25, b: -18 }, 27.1492],
    [{ l: 60.2574, a: -34.0099, b: 36.2677 }, { l: 60.4626, a: -34.1751, b: 39.4387 }, 1.2644],
  ])("gives the published difference of %o and %o", (one, two, expected) => {
    expect(deltaE2000Lab(one, two)).toBeCloseTo(expected, 4);
    expect(deltaE2000Lab(two, one)).toBeCloseTo(expected, 4);
  });

  it("is zero for one colour, large for black and white", () => {
    expect(deltaE2000("#1f77b4", "#1f77b4")).toBe(0);
    expect(deltaE2000("#000000", "#ffffff")).toBeCloseTo(100, 0);
  });
});

describe("the contrast ratio", () => {
  it("is WCAG's: 21 for black on white, 1 for a colour on itself", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#777777")).toBe(1);
    expect(contrastRatio("#767676", PAGE)).toBeCloseTo(4.54, 2);
  });
});

describe("the explorer's palettes", () => {
  it("gives every relationship type of the vocabulary its own colour", () => {
    expect([...RELATIONSHIP_TYPES].sort()).toEqual([...VOCABULARY].sort());
    expect(new Set(RELATIONSHIP_TYPES.map(typeColor)).size).toBe(RELATIONSHIP_TYPES.length);
  });

  it(`keeps every pair of relationship-type colours at least ΔE00 ${MIN_TYPE_DISTANCE} apart`, () => {
    const closest = closestPair(RELATIONSHIP_TYPES.map((type) => [type, typeColor(type)] as const));
    expect(closest.distance, closest.names).toBeGreaterThanOrEqual(MIN_TYPE_DISTANCE);
  });

  it(`keeps every pair of entity-kind colours at least ΔE00 ${MIN_TYPE_DISTANCE} apart`, () => {
    const closest = closestPair(Object.entries(KIND_STYLES).map(([kind, style]) => [kind, style.color] as const));
    expect(closest.distance, closest.names).toBeGreaterThanOrEqual(MIN_TYPE_DISTANCE);
  });

  it("draws each entity kind 3:1 against the page (WCAG 1.4.11, non-text contrast)", () => {
    const weak = Object.entries(KIND_STYLES).filter(([, style]) => contrastRatio(style.color, PAGE) < 3);
    expect(weak).toEqual([]);
  });

  it("gives twenty communities twenty colours, every pair at least ΔE00 15 apart", () => {
    const twenty = Array.from({ length: 20 }, (_, index) => [`${index + 1}`, communityColor(index + 1)] as const);
    expect(twenty.map(([, colour]) => colour)).toEqual([...COMMUNITY_COLORS]);
    const closest = closestPair(twenty);
    expect(closest.distance, closest.names).toBeGreaterThanOrEqual(15);
  });

  it("makes the colours past twenty distinct from their neighbours and 3:1 against the page", () => {
    const made = Array.from({ length: 40 }, (_, index) => communityColor(index + 21));
    made.slice(1).forEach((colour, index) => expect(deltaE2000(colour, made[index]!)).toBeGreaterThan(10));
    expect(made.filter((colour) => contrastRatio(colour, PAGE) < 3)).toEqual([]);
  });
});
