/** The curated graph on its own (no database): it passes the write path's checks, and says only what its sources say. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/index.js";
import { readCuratedGraph } from "../../src/write/index.js";

const PAGE = path.join(PROJECT_ROOT, "..", "shared", "sources", "hel-fi-kansainvalinen-toiminta.txt");

describe("the curated Helsinki graph", () => {
  it("parses and passes every check", async () => {
    const graph = await readCuratedGraph();
    expect(graph.sources.map((s) => s.id)).toEqual(["hel-fi-international-activities-2020"]);
    expect(graph.entities).toHaveLength(38);
    expect(graph.relationships).toHaveLength(47);
  });

  it("every relationship cites the page", async () => {
    const graph = await readCuratedGraph();
    for (const relationship of graph.relationships) {
      expect(relationship.citations.map((c) => c.source)).toEqual(["hel-fi-international-activities-2020"]);
    }
  });

  it("excerpts are short fragments of the page, not its sentences", async () => {
    const graph = await readCuratedGraph();
    let page: string | undefined;
    try {
      page = readFileSync(PAGE, "utf8").replace(/\s+/g, " ");
    } catch {
      page = undefined; // the shared sources are not part of a clean clone
    }
    for (const relationship of graph.relationships) {
      for (const { excerpt } of relationship.citations) {
        expect(excerpt.split(" ").length, excerpt).toBeLessThanOrEqual(12);
        if (page) for (const part of excerpt.split(" … ")) expect(page, part).toContain(part);
      }
    }
  });

  it("every entity has an English name, and Finnish and Swedish ones where they exist", async () => {
    const graph = await readCuratedGraph();
    const missingSwedish = graph.entities.filter((e) => !e.nameSv && e.kind !== "Person").map((e) => e.id);
    // Goals and an event series have no established Swedish names.
    expect(missingSwedish).toEqual([
      "growing-knowledge-and-understanding",
      "raising-the-city-profile",
      "international-influence",
      "moi-helsinki-beijing-2016",
    ]);
  });
});
