/** Compare's groups (issue 20, item 3): a suspension is a status change, never "Started". */
import { describe, expect, it } from "vitest";
import type { GraphEdge } from "../../src/web/explorer/api.js";
import { changeMarks, groupChanges } from "../../src/web/explorer/compare-model.js";

function edge(id: string, status: string | null, fromId = "helsinki", toId = "moscow"): GraphEdge {
  return { id, type: "PARTNER_OF", kind: null, fromId, toId, validFrom: null, validTo: null, status, sources: [] };
}

describe("groupChanges", () => {
  it("puts a suspension under status changes, the period it closes under ended, a new tie under started", () => {
    const suspension = edge("helsinki--PARTNER_OF--moscow--2022", "suspended");
    const before = edge("helsinki--PARTNER_OF--moscow", "active");
    const tallinn = edge("helsinki--PARTNER_OF--tallinn--2022", "active", "helsinki", "tallinn");
    const groups = groupChanges({ started: [suspension, tallinn], ended: [before] });
    expect(groups).toEqual({ started: [tallinn], ended: [before], suspended: [suspension], resumed: [] });
    expect([...changeMarks({ started: [suspension, tallinn], ended: [before] })]).toEqual([
      ["helsinki--PARTNER_OF--tallinn--2022", "started"],
      ["helsinki--PARTNER_OF--moscow", "ended"],
      ["helsinki--PARTNER_OF--moscow--2022", "changed"],
    ]);
  });

  it("a suspension that ended, and the same tie in force again, is a resumption", () => {
    const suspension = edge("s", "suspended");
    const again = edge("again", "active");
    const other = edge("other", "active", "helsinki", "kyiv");
    expect(groupChanges({ started: [again, other], ended: [suspension] })).toEqual({
      started: [other],
      ended: [],
      suspended: [],
      resumed: [suspension, again],
    });
  });

  it("nothing compared, nothing marked", () => {
    expect(changeMarks(null).size).toBe(0);
  });
});
