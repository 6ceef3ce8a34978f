/**
 * `peers` on the curated graph: Helsinki and Stockholm side by side — the networks, partners and events
 * both have, with each one's relationships, dates and sources — and the refusals.
 */
import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { errorCodes } from "../support/test-api.js";
import { useTestGraph } from "../support/test-graph.js";

const { api } = useTestGraph();

const PEERS = `query ($ids: [ID!]!, $asOf: String, $types: [String!]) {
  peers(entityIds: $ids, asOf: $asOf, relationshipTypes: $types) {
    peers { id }
    sharedByAll { node { id } type sharedBy links { peer { id } since relationships { id status validFrom sources { sourceId publisherKind party } } } }
    sharedBySome { node { id } }
    unique { node { id } type links { peer { id } } } } }`;

describe("peers: entities side by side", () => {
  it("what Helsinki and Stockholm both have, with since when and who says so", async () => {
    const result = await api.query<any>(PEERS, { ids: ["helsinki", "stockholm"] });
    expect(result.errors).toBeUndefined();
    const { peers, sharedByAll, sharedBySome, unique } = result.data.peers;
    expect(peers.map((p: any) => p.id)).toEqual(["helsinki", "stockholm"]);
    expect(sharedBySome).toEqual([]);
    const shared = sharedByAll.map((c: any) => `${c.type} ${c.node.id}`);
    expect(shared).toEqual(
      expect.arrayContaining([
        "MEMBER_OF world-cities-culture-forum",
        "PARTICIPATES_IN helsinki-impact-conference-2019",
        "PARTNER_OF kyiv",
      ]),
    );
    for (const connection of sharedByAll) {
      expect(connection.sharedBy).toBe(2);
      expect(connection.links.map((link: any) => link.peer.id)).toEqual(["helsinki", "stockholm"]);
      for (const link of connection.links) expect(link.relationships.length).toBeGreaterThan(0);
    }
    const kyiv = sharedByAll.find((c: any) => c.node.id === "kyiv" && c.type === "PARTNER_OF");
    expect(kyiv.links[0].since).toBe("1993-01-01");
    // No denial is a tie, and neither peer appears as the other's connection.
    const all = [...sharedByAll, ...unique];
    expect(all.some((c: any) => c.node.id === "helsinki" || c.node.id === "stockholm")).toBe(false);
    expect(
      all
        .flatMap((c: any) => c.links.flatMap((l: any) => l.relationships ?? []))
        .some((r: any) => r.status === "denied"),
    ).toBe(false);
    expect(unique.every((c: any) => c.links.length === 1)).toBe(true);
  });

  it("as of a day, only what held then", async () => {
    const result = await api.query<any>(PEERS, {
      ids: ["helsinki", "stockholm"],
      asOf: "2000-01-01",
      types: ["PARTNER_OF"],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.peers.sharedByAll.map((c: any) => c.node.id)).not.toContain("kyiv");
  });

  it.each([
    [{ ids: ["helsinki"] }, "BAD_USER_INPUT"],
    [{ ids: ["helsinki", "helsinki"] }, "BAD_USER_INPUT"],
    [{ ids: Array.from({ length: 9 }, (_, i) => `city-${i}`) }, "BAD_USER_INPUT"],
    [{ ids: ["helsinki", "atlantis"] }, "BAD_USER_INPUT"],
    [{ ids: ["helsinki", "stockholm"], types: ["TWINNED"] }, "BAD_USER_INPUT"],
    [{ ids: ["helsinki", "stockholm"], asOf: "2019" }, "BAD_USER_INPUT"],
  ])("refuses %j", async (variables, code) => {
    expect(errorCodes(await api.query(PEERS, variables))).toEqual([code]);
  });
});
