/** The synthetic graph generator: deterministic, the right size, only valid references, power-law skew. */
import { describe, expect, it } from "vitest";
import type { ImportBatch } from "../../bench/bulk-import.js";
import { ENTITY_KINDS, isValidOn, relationshipRule, type RelationshipType } from "../../src/graph-data/index.js";
import { ID_PREFIX, type Kind, planGraph, syntheticBatches } from "../../bench/synthetic-graph.js";

async function collect(nodes: number, seed = 42, batchSize?: number): Promise<ImportBatch[]> {
  const batches: ImportBatch[] = [];
  for await (const batch of syntheticBatches(planGraph(nodes, seed), batchSize)) batches.push(batch);
  return batches;
}

describe("synthetic graph", () => {
  it("has exactly the nodes asked for, of every kind", async () => {
    const plan = planGraph(10_000);
    expect(Object.values(plan.counts).reduce((a, b) => a + b, 0)).toBe(10_000);
    // Places come from datasets, never from the generator.
    for (const kind of ENTITY_KINDS.filter((kind) => kind !== "Place")) expect(plan.counts[kind]).toBeGreaterThan(0);
    const batches = await collect(10_000);
    const nodeRows = batches.filter((b) => b.kind === "nodes").reduce((sum, b) => sum + b.rows.length, 0);
    expect(nodeRows).toBe(10_000);
  });

  it("is the same for the same seed, whatever the batch size, and different for another seed", async () => {
    const flat = (batches: ImportBatch[]) => JSON.stringify(batches.flatMap((b) => b.rows));
    expect(flat(await collect(2_000, 7, 100))).toBe(flat(await collect(2_000, 7, 5_000)));
    expect(flat(await collect(2_000, 7))).not.toBe(flat(await collect(2_000, 8)));
  });

  it("relationships join existing nodes of the kinds the model allows, and cite a source", async () => {
    const plan = planGraph(5_000);
    const kindOf = new Map(Object.entries(ID_PREFIX).map(([kind, prefix]) => [prefix, kind as Kind]));
    const exists = (id: string): Kind | undefined => {
      const [prefix, index] = id.split("-");
      const kind = kindOf.get(prefix!);
      return kind && Number(index) < plan.counts[kind] ? kind : undefined;
    };
    for (const batch of await collect(5_000)) {
      if (batch.kind !== "relationships") continue;
      const rule = relationshipRule(batch.type as RelationshipType);
      for (const row of batch.rows) {
        expect(rule.from).toContain(exists(row.from));
        expect(rule.to).toContain(exists(row.to));
        expect(Array.isArray(row.properties.sourceIds)).toBe(true);
        expect((row.properties.sourceIds as string[]).every((id) => exists(id) === "Source")).toBe(true);
        expect(() =>
          isValidOn(
            "2020-01-01",
            row.properties.validFrom as string | undefined,
            row.properties.validTo as string | undefined,
          ),
        ).not.toThrow();
      }
    }
  });

  it("has hubs: the busiest tenth of cities holds most partnerships", async () => {
    const degree = new Map<string, number>();
    for (const batch of await collect(20_000)) {
      if (batch.kind !== "relationships" || batch.type !== "PARTNER_OF") continue;
      for (const row of batch.rows) degree.set(row.to, (degree.get(row.to) ?? 0) + 1);
    }
    const degrees = [...degree.values()].sort((a, b) => b - a);
    const total = degrees.reduce((a, b) => a + b, 0);
    const top = degrees.slice(0, Math.ceil(planGraph(20_000).counts.City / 10)).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.4);
  });
});
