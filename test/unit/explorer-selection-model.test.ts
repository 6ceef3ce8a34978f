/**
 * How the explorer's address changes when the reader picks something (src/web/explorer/selection-model.ts):
 * an entity selected in the drawing is expanded once; a search hit starts a new drawing around it; a save shows
 * what was saved.
 */
import { describe, expect, it } from "vitest";
import { focusChange, savedChange, searchPickChange, selectChange } from "../../src/web/explorer/selection-model.js";

describe("selecting in the explorer", () => {
  const state = { focus: "helsinki", expand: ["tampere"] };

  it("expands an entity selected for the first time", () => {
    expect(selectChange(state, { type: "node", id: "echa" })).toEqual({
      select: { type: "node", id: "echa" },
      expand: ["tampere", "echa"],
    });
  });

  it("only selects the focus, an entity already expanded, or a relationship", () => {
    expect(selectChange(state, { type: "node", id: "helsinki" })).toEqual({ select: { type: "node", id: "helsinki" } });
    expect(selectChange(state, { type: "node", id: "tampere" })).toEqual({ select: { type: "node", id: "tampere" } });
    expect(selectChange(state, { type: "edge", id: "5:x:1" })).toEqual({ select: { type: "edge", id: "5:x:1" } });
  });

  it("draws the graph afresh around a search hit, in the graph view, with the hit selected", () => {
    expect(searchPickChange("echa")).toEqual({
      focus: "echa",
      expand: [],
      view: "graph",
      select: { type: "node", id: "echa" },
    });
    expect(focusChange("echa")).toEqual({ focus: "echa", expand: [], view: "graph" });
  });

  it("after a save, focuses a new entity when nothing is focused, else selects what was saved", () => {
    const saved = { type: "node" as const, id: "new-entity" };
    expect(savedChange({ focus: null }, saved)).toEqual({ focus: "new-entity", select: saved });
    expect(savedChange({ focus: "helsinki" }, saved)).toEqual({ select: saved });
    expect(savedChange({ focus: null }, { type: "edge", id: "5:x:1" })).toEqual({
      select: { type: "edge", id: "5:x:1" },
    });
    expect(savedChange({ focus: "helsinki" }, null)).toBeNull();
  });
});
