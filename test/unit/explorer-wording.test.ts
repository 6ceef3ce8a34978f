/**
 * The explorer words a relationship from the side of the entity being read: Helsinki Centre's timeline says
 * "funded by Tampere", Helsinki's "hosts European Chemicals Agency" (issue 20, item 1).
 */
import { describe, expect, it } from "vitest";
import { RELATIONSHIP_STATES } from "../../src/graph-data/relationship-state.js";
import { RELATIONSHIP_TYPES } from "../../src/graph-data/vocabulary.js";
import {
  INVERSE_LABELS,
  LINE_LEGEND,
  STATE_LINES,
  edgeState,
  directionFrom,
  inverseRelationshipLabel,
  relationshipLabel,
  relationshipLabelFrom,
} from "../../src/web/explorer/kinds.js";

describe("relationship wording from the viewed entity's side", () => {
  it("has an inverse wording for every type of the vocabulary, and nothing else", () => {
    expect(Object.keys(INVERSE_LABELS)).toEqual([...RELATIONSHIP_TYPES]);
  });

  it("reads differently from each end, except for the symmetric partnership", () => {
    for (const type of RELATIONSHIP_TYPES) {
      if (type === "PARTNER_OF") expect(inverseRelationshipLabel(type)).toBe(relationshipLabel(type));
      else expect(inverseRelationshipLabel(type)).not.toBe(relationshipLabel(type));
    }
  });

  it.each([
    ["FUNDS", "tampere", "helsinki-centre", "helsinki-centre", "funded by"],
    ["FUNDS", "tampere", "helsinki-centre", "tampere", "funds"],
    ["HOSTED_IN", "echa", "helsinki", "helsinki", "hosts"],
    ["HOSTED_IN", "echa", "helsinki", "echa", "hosted in"],
    ["PART_OF", "strategy-department", "helsinki", "helsinki", "includes"],
    ["ORGANISED_BY", "some-event", "moi-helsinki", "moi-helsinki", "organiser of"],
    ["PARTNER_OF", "helsinki", "moscow", "moscow", "partner of"],
  ])("%s from %s to %s, read from %s: %s", (type, fromId, toId, viewer, words) => {
    expect(relationshipLabelFrom({ type, fromId, toId } as never, viewer)).toBe(words);
  });

  it("tells the direction from the viewer's side", () => {
    expect(directionFrom({ fromId: "a" }, "a")).toBe("out");
    expect(directionFrom({ fromId: "a" }, "b")).toBe("in");
  });

  it("never reads an unknown type backwards", () => {
    expect(inverseRelationshipLabel("ADVISES")).toBe("advises (from)");
  });
});

describe("drawing by state, as the legend says", () => {
  it("every state has a line the legend explains", () => {
    const legendLines = new Set(LINE_LEGEND.map((entry) => entry.line));
    for (const state of RELATIONSHIP_STATES) {
      const line = STATE_LINES[state];
      if (line !== "solid") expect(legendLines, `${state} → ${line}`).toContain(line);
    }
  });

  it("draws an agreement stored active with a past validTo as ended under All dates, and by the chosen day", () => {
    const stockholm = { validFrom: "2018", validTo: "2019", status: "active" };
    expect(STATE_LINES[edgeState(stockholm, null)]).toBe("dashed");
    expect(STATE_LINES[edgeState(stockholm, "2018-06-01")]).toBe("solid");
    expect(STATE_LINES[edgeState({ validFrom: null, validTo: null, status: "active" }, null)]).toBe("undated");
  });
});
