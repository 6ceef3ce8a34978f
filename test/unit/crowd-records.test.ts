/**
 * The crowd dataset as import records (src/crowd/crowd-records.ts), on the small fixture and with no
 * database: the Source, a Place per item no other entity holds, one PARTNER_OF per unordered pair with its
 * stable id and one locator citation; and every record passes the record model's own checks.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/index.js";
import { crowdRecords, readTwinnedDataset } from "../../src/crowd/index.js";
import { checkRecord } from "../../src/graph-data/index.js";

const FIXTURE = path.join(PROJECT_ROOT, "test", "fixtures", "wikidata-twinned-small");

describe("the crowd layer's records", () => {
  it("one Place per item no entity holds, one PARTNER_OF per unordered pair, citing the dataset", async () => {
    const dataset = await readTwinnedDataset(FIXTURE);
    const records = crowdRecords(dataset, new Map([["wikidata:Q1757", ["helsinki"]]]));
    expect(records.sources).toEqual([
      expect.objectContaining({ id: "wikidata-twinned-2016", form: "dataset", publisherKind: "crowd" }),
    ]);
    expect(records.entities).toHaveLength(18);
    expect(records.entities.map((entity) => entity.id)).not.toContain("wd-q1757");
    expect(records.entities.find((entity) => entity.id === "wd-q1899")).toEqual({
      kind: "Place",
      id: "wd-q1899",
      name: "Kiew",
      aliases: [],
      externalIds: [{ scheme: "wikidata", value: "Q1899" }],
      sources: ["wikidata-twinned-2016"],
    });
    expect(records.relationships).toHaveLength(24);
    expect(records.relationships.find((relationship) => relationship.id === "p190--Q1085--Q1757")).toEqual({
      type: "PARTNER_OF",
      id: "p190--Q1085--Q1757",
      from: "wikidata:Q1085",
      to: "wikidata:Q1757",
      kind: "twin-city",
      citations: [{ source: "wikidata-twinned-2016", locator: "Q1085 P190 Q1757; Q1757 P190 Q1085" }],
    });
    // Stated one way only: one statement in the locator.
    expect(records.relationships.find((relationship) => relationship.id === "p190--Q64--Q1748")?.citations).toEqual([
      { source: "wikidata-twinned-2016", locator: "Q1748 P190 Q64" },
    ]);
    for (const [section, list] of Object.entries(records) as [
      "sources" | "entities" | "relationships",
      readonly object[],
    ][]) {
      for (const record of list) {
        expect(checkRecord(section, record as Record<string, unknown>).ok, JSON.stringify(record)).toBe(true);
      }
    }
  });

  it("keeps an item's own Place on a second load, and makes none for an item another entity holds", async () => {
    const dataset = await readTwinnedDataset(FIXTURE);
    const holders = new Map([
      ["wikidata:Q1899", ["wd-q1899"]],
      ["wikidata:Q1754", ["stockholm"]],
    ]);
    const ids = crowdRecords(dataset, holders).entities.map((entity) => entity.id);
    expect(ids).toContain("wd-q1899");
    expect(ids).not.toContain("wd-q1754");
  });

  it("keeps the id a merge gave a pair (`~<kept id>`)", async () => {
    const dataset = await readTwinnedDataset(FIXTURE);
    const records = crowdRecords(dataset, new Map(), new Map([["p190--Q1757--Q1899", "p190--Q1757--Q1899~kyiv"]]));
    const ids = records.relationships.map((relationship) => relationship.id);
    expect(ids).toContain("p190--Q1757--Q1899~kyiv");
    expect(ids).not.toContain("p190--Q1757--Q1899");
  });
});
