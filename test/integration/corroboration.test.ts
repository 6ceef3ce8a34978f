/**
 * `corroboration` against a real Neo4j: a small crowd layer (a dataset cited by locators) beside official
 * claims, a party's denial and a suspension, written through the write path, then classified through the API
 * with every class's claims and sources. Everything written has a `test-` id and is removed afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordsReader } from "../../src/graph-data/index.js";
import { writeGraph } from "../../src/write/index.js";
import { errorCodes } from "../support/test-api.js";
import { removeTestData } from "../support/test-database.js";
import { useTestGraph } from "../support/test-graph.js";

const crowd = (a: string, b: string, locator: string) => ({
  type: "PARTNER_OF",
  id: `test-p190--${a}--${b}`,
  from: a,
  to: b,
  kind: "twin-city",
  citations: [{ source: "test-crowd", locator }],
});

const { db, api } = useTestGraph();
beforeAll(async () => {
  const city = (id: string) => ({ kind: "City", id, name: id.replace("test-", "Test "), sources: ["test-home-page"] });
  await writeGraph(
    db,
    {
      reader: recordsReader({
        sources: [
          {
            id: "test-crowd",
            title: "Twin-city statements",
            form: "dataset",
            publisherKind: "crowd",
            published: "2016-09-12",
          },
          {
            id: "test-home-page",
            title: "Our partners",
            publisherKind: "city",
            publisherId: "test-home",
            published: "2020",
          },
          { id: "test-other-page", title: "No twin towns", publisherKind: "city", publisherId: "test-denier" },
        ],
        entities: [city("test-home"), city("test-denier"), city("test-lapsed"), city("test-unknown")],
        relationships: [
          crowd("test-home", "test-denier", "Q1 P190 Q2; Q2 P190 Q1"),
          crowd("test-home", "test-lapsed", "Q1 P190 Q3"),
          crowd("test-home", "test-unknown", "Q1 P190 Q4"),
          {
            type: "PARTNER_OF",
            from: "test-home",
            to: "test-denier",
            kind: "bilateral",
            citations: [{ source: "test-home-page", excerpt: "our partner" }],
          },
          {
            type: "PARTNER_OF",
            id: "test-denier--PARTNER_OF--test-home--denied",
            from: "test-denier",
            to: "test-home",
            kind: "twin-city",
            status: "denied",
            citations: [{ source: "test-other-page", excerpt: "no designated twin towns" }],
          },
          {
            type: "PARTNER_OF",
            from: "test-home",
            to: "test-lapsed",
            kind: "bilateral",
            validTo: "2022-03",
            citations: [{ source: "test-home-page", excerpt: "partner until March 2022" }],
          },
        ],
      }),
    },
    { dryRun: false, actor: "test-importer", origin: "file:test", staff: true },
  );
});
afterAll(async () => {
  await removeTestData(db);
});

const QUERY = `query ($id: ID, $classes: [CorroborationClass!]) {
  corroboration(entityId: $id, classes: $classes) {
    total counts { class ties }
    ties { fromId toId verdict classes { class relationshipIds }
           claims { id kind status sources { sourceId publisherKind party excerpt locator } } } } }`;

describe("corroboration", () => {
  it("classifies one entity's ties, with the claims and sources behind each class", async () => {
    const result = await api.query<any>(QUERY, { id: "test-home" });
    expect(result.errors).toBeUndefined();
    const { total, counts, ties } = result.data.corroboration;
    expect(total).toBe(3);
    expect(counts).toEqual([
      { class: "CONTRADICTED", ties: 1 },
      { class: "OUTDATED", ties: 1 },
      { class: "BACKED_AS_OTHER_KIND", ties: 2 },
      { class: "CROWD_ONLY", ties: 1 },
    ]);
    expect(ties.map((tie: any) => [tie.toId, tie.verdict, tie.classes.map((c: any) => c.class)])).toEqual([
      ["test-denier", "CONTRADICTED", ["CONTRADICTED", "BACKED_AS_OTHER_KIND"]],
      ["test-lapsed", "OUTDATED", ["OUTDATED", "BACKED_AS_OTHER_KIND"]],
      ["test-unknown", "CROWD_ONLY", ["CROWD_ONLY"]],
    ]);
    const denier = ties[0];
    expect(denier.classes[0].relationshipIds).toEqual([
      "test-denier--PARTNER_OF--test-home--denied",
      "test-p190--test-home--test-denier",
    ]);
    const denial = denier.claims.find((claim: any) => claim.status === "denied");
    expect(denial.sources).toEqual([
      {
        sourceId: "test-other-page",
        publisherKind: "city",
        party: true,
        excerpt: "no designated twin towns",
        locator: null,
      },
    ]);
    const statement = denier.claims.find((claim: any) => claim.id.startsWith("test-p190"));
    expect(statement.sources).toEqual([
      {
        sourceId: "test-crowd",
        publisherKind: "crowd",
        party: false,
        excerpt: null,
        locator: "Q1 P190 Q2; Q2 P190 Q1",
      },
    ]);
  });

  it("whose word: a traversal follows only what sources of the chosen publisher kinds cite", async () => {
    const neighbours = async (publisherKinds?: string[]) => {
      const result = await api.query<any>(
        `query ($kinds: [String!]) { neighbourhood(id: "test-home", publisherKinds: $kinds) { edges { id } } }`,
        { kinds: publisherKinds },
      );
      expect(result.errors).toBeUndefined();
      return result.data.neighbourhood.edges.map((edge: any) => edge.id).sort();
    };
    const all = await neighbours();
    expect(all).toHaveLength(6);
    expect(await neighbours(["crowd"])).toEqual([
      "test-p190--test-home--test-denier",
      "test-p190--test-home--test-lapsed",
      "test-p190--test-home--test-unknown",
    ]);
    expect(await neighbours(["city", "government", "organisation"])).toEqual(
      all.filter((id: string) => !id.startsWith("test-p190")),
    );
    // Only the crowd links the unknown place: no official path to it.
    const path = async (kinds: string[]) =>
      (
        await api.query<any>(
          `query ($kinds: [String!]) { shortestPath(fromId: "test-unknown", toId: "test-home", publisherKinds: $kinds) { edges { id } } }`,
          { kinds },
        )
      ).data.shortestPath;
    expect(await path(["city"])).toBeNull();
    expect(await path(["crowd"])).toEqual({ edges: [{ id: "test-p190--test-home--test-unknown" }] });
    const bad = await api.query(`{ neighbourhood(id: "test-home", publisherKinds: ["oracle"]) { edges { id } } }`);
    expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  });

  it("filters by class, and refuses an unknown entity with a code", async () => {
    const only = await api.query<any>(QUERY, { id: "test-home", classes: ["CROWD_ONLY"] });
    expect(only.data.corroboration.ties.map((tie: any) => tie.toId)).toEqual(["test-unknown"]);
    const unknown = await api.query(QUERY, { id: "test-atlantis" });
    expect(errorCodes(unknown)).toEqual(["BAD_USER_INPUT"]);
  });
});
