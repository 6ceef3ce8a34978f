/**
 * Centrality and communities in the explorer's drawing (src/web/explorer/analysis-model.ts): the part of the
 * graph they run over, nodes sized by score in proportion to the top one, and coloured by community.
 */
import { describe, expect, it } from "vitest";
import type { Community, NodeScore } from "../../src/web/explorer/api.js";
import { analysisScopeOf, nodeColorsOf, nodeSizesOf } from "../../src/web/explorer/analysis-model.js";
import { communityColor } from "../../src/web/explorer/kinds.js";

const scored = (id: string, score: number): NodeScore => ({
  score,
  rank: 0,
  node: { id, kind: "City", name: id, description: null, aliases: [], names: [], location: null },
});

describe("what centrality and communities run over", () => {
  const state = { focus: "helsinki", peers: ["tampere"], types: null, sources: null } as const;

  it("runs over the whole graph at scope 0, and around the focus and the peers otherwise", () => {
    expect(analysisScopeOf({ ...state, scope: 0 })).toEqual({
      around: null,
      hops: 1,
      relationshipTypes: null,
      publisherKinds: null,
    });
    expect(analysisScopeOf({ ...state, scope: 2 })).toMatchObject({ around: ["helsinki", "tampere"], hops: 2 });
    expect(analysisScopeOf({ ...state, focus: null, scope: 2 }).around).toBeNull();
  });

  it("follows the drawing's narrowing", () => {
    expect(analysisScopeOf({ ...state, scope: 0, types: ["PARTNER_OF"], sources: "crowd" })).toMatchObject({
      relationshipTypes: ["PARTNER_OF"],
      publisherKinds: ["crowd"],
    });
  });
});

describe("how the answers show in the drawing", () => {
  it("sizes nodes from 16 to 60 px in proportion to the top score", () => {
    expect(nodeSizesOf([scored("a", 10), scored("b", 5), scored("c", 0)])).toEqual(
      new Map([
        ["a", 60],
        ["b", 38],
        ["c", 16],
      ]),
    );
  });

  it("sizes nothing while nothing is scored, and survives every score being 0", () => {
    expect(nodeSizesOf(null)).toBeUndefined();
    expect(nodeSizesOf([])).toBeUndefined();
    expect(nodeSizesOf([scored("a", 0)])).toEqual(new Map([["a", 16]]));
  });

  it("colours each member by its community, and nothing while communities are off", () => {
    const communities: Community[] = [
      {
        id: 1,
        size: 2,
        members: [
          { id: "a", name: "A", kind: "City" },
          { id: "b", name: "B", kind: "City" },
        ],
      },
      { id: 2, size: 1, members: [{ id: "c", name: "C", kind: "City" }] },
    ];
    expect(nodeColorsOf(communities)).toEqual(
      new Map([
        ["a", communityColor(1)],
        ["b", communityColor(1)],
        ["c", communityColor(2)],
      ]),
    );
    expect(nodeColorsOf(null)).toBeUndefined();
  });
});
