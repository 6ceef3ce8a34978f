/**
 * A deterministic synthetic graph of the real model at any size: the same `--nodes` and `--seed` give the
 * same graph, row for row. Cities lie in countries; organisations are hosted in and part of things; offices
 * have funders and partners; people head organisations; events are held and organised; networks have
 * members; themes are prioritised. Endpoints are drawn with a power-law skew (index = n·u³), so a few hubs
 * collect most relationships, as real capitals and networks do. Every relationship has dates, a status where
 * it applies, and a source citation, so every insights field and generated query works on it.
 *
 * Rows are produced on demand in batches; nothing is held in memory beyond one batch.
 */
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { ImportBatch } from "./bulk-import.js";
import type { EntityKind, RelationshipType } from "../src/graph-data/index.js";

export type Kind = EntityKind | "Source";

/** How many nodes of each kind a graph of `total` nodes has, and the id prefix of each. */
export interface GraphPlan {
  readonly total: number;
  readonly seed: number;
  readonly counts: Readonly<Record<Kind, number>>;
}

export const ID_PREFIX: Record<Kind, string> = {
  Source: "s",
  Country: "k",
  Theme: "t",
  Network: "n",
  Office: "f",
  Event: "e",
  Person: "p",
  Organization: "o",
  City: "c",
  Place: "q",
};

const KIND_ORDER: Kind[] = [
  "Source",
  "Country",
  "Theme",
  "Network",
  "Office",
  "Event",
  "Person",
  "Organization",
  "City",
];

export function planGraph(total: number, seed = 42): GraphPlan {
  if (!Number.isInteger(total) || total < 500) throw new RangeError("--nodes must be an integer of at least 500");
  const counts: Record<Kind, number> = {
    Source: Math.max(10, Math.round(total * 0.005)),
    Country: Math.min(200, Math.max(10, Math.round(total * 0.001))),
    Theme: Math.min(100, Math.max(10, Math.round(total * 0.0005))),
    Network: Math.max(10, Math.round(total * 0.002)),
    Office: Math.max(5, Math.round(total * 0.01)),
    Event: Math.round(total * 0.05),
    Person: Math.round(total * 0.15),
    Organization: Math.round(total * 0.37),
    City: 0,
    // Places come from datasets (the crowd layer), not from the synthetic generator.
    Place: 0,
  };
  counts.City = total - Object.values(counts).reduce((sum, n) => sum + n, 0);
  return { total, seed, counts };
}

export const entityId = (kind: Kind, index: number): string => `${ID_PREFIX[kind]}-${index}`;

/** Seeded random numbers, with the skewed pick the generator uses for endpoints. */
export class Random {
  private readonly generator;
  constructor(seed: number) {
    this.generator = xoroshiro128plus(seed);
  }
  int(min: number, max: number): number {
    return uniformInt(this.generator, min, max);
  }
  /** A float in [0, 1). */
  float(): number {
    return uniformInt(this.generator, 0, 0x7fffffff) / 0x80000000;
  }
  chance(p: number): boolean {
    return this.float() < p;
  }
  /** An index in [0, n) drawn with a power-law skew: low indices are hubs. */
  skewed(n: number): number {
    return Math.min(n - 1, Math.floor(n * this.float() ** 3));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
}

const SYLLABLES = [
  "va",
  "lo",
  "ke",
  "mi",
  "ra",
  "tu",
  "sen",
  "dor",
  "hel",
  "ka",
  "vik",
  "ström",
  "berg",
  "nes",
  "ola",
  "rin",
  "tam",
  "pe",
  "lu",
  "ja",
];
const CATEGORIES: Partial<Record<Kind, readonly string[]>> = {
  Organization: ["city unit", "regional council", "university", "EU agency", "company", "NGO"],
  Event: ["conference", "event series", "summit"],
};

function syntheticName(random: Random, kind: Kind, index: number): string {
  const parts = random.int(2, 3);
  let word = "";
  for (let i = 0; i < parts; i += 1) word += random.pick(SYLLABLES);
  const base = word.charAt(0).toUpperCase() + word.slice(1);
  return kind === "City" || kind === "Country" ? `${base} ${index}` : `${base} ${kind} ${index}`;
}

function year(random: Random): string {
  return String(random.int(1990, 2024));
}

function nodeRow(random: Random, kind: Kind, index: number, plan: GraphPlan): Record<string, unknown> {
  const id = entityId(kind, index);
  if (kind === "Source") {
    return {
      id,
      title: `Synthetic source ${index}`,
      publisher: "Synthetic publisher",
      published: year(random),
      language: "en",
    };
  }
  const name = syntheticName(random, kind, index);
  const row: Record<string, unknown> = {
    id,
    name,
    nameEn: name,
    nameFi: `${name} (fi)`,
    aliases: random.chance(0.2) ? [name.split(" ")[0]!.toUpperCase()] : [],
    sourceIds: [entityId("Source", random.int(0, plan.counts.Source - 1))],
  };
  if (random.chance(0.5)) row.nameSv = `${name} (sv)`;
  const categories = CATEGORIES[kind];
  if (categories) row.category = random.pick(categories);
  if (kind === "Organization" && random.chance(0.5)) row.founded = year(random);
  if (kind === "Event") row.startDate = `${year(random)}-0${random.int(1, 9)}`;
  if (kind === "Country") row.isoCode = `Z${String.fromCharCode(65 + (index % 26))}`;
  return row;
}

/** One relationship rule of the generator: for each `from` node, how many to draw and where to. */
interface RelationshipSpec {
  readonly type: RelationshipType;
  readonly from: Kind;
  /** Endpoint kinds; one is chosen per relationship. */
  readonly to: readonly Kind[];
  /** Expected relationships per `from` node (fractions are chances). */
  readonly perNode: number;
  readonly kinds?: readonly string[];
}

const RELATIONSHIPS: readonly RelationshipSpec[] = [
  { type: "IN_COUNTRY", from: "City", to: ["Country"], perNode: 1 },
  { type: "PARTNER_OF", from: "City", to: ["City"], perNode: 0.8, kinds: ["bilateral", "special-historical"] },
  { type: "FUNDS", from: "Office", to: ["City", "Organization"], perNode: 4 },
  { type: "PARTNER_IN", from: "Office", to: ["City", "Organization"], perNode: 5 },
  { type: "LOCATED_IN", from: "Office", to: ["City"], perNode: 1 },
  { type: "REPRESENTS", from: "Office", to: ["City"], perNode: 1 },
  { type: "LOCATED_IN", from: "Organization", to: ["City"], perNode: 0.5 },
  { type: "HOSTED_IN", from: "Organization", to: ["City"], perNode: 0.1 },
  { type: "PART_OF", from: "Organization", to: ["Organization", "City"], perNode: 0.6 },
  { type: "HEADS", from: "Person", to: ["Organization"], perNode: 0.7 },
  { type: "PRIORITISES", from: "City", to: ["Theme"], perNode: 0.4, kinds: ["key-theme", "goal"] },
  { type: "PRIORITISES", from: "Organization", to: ["Theme"], perNode: 0.2, kinds: ["key-theme", "goal"] },
  { type: "MEMBER_OF", from: "City", to: ["Network"], perNode: 0.6 },
  { type: "MEMBER_OF", from: "Organization", to: ["Network"], perNode: 0.5 },
  { type: "HELD_IN", from: "Event", to: ["City"], perNode: 1 },
  { type: "ORGANISED_BY", from: "Event", to: ["City", "Organization"], perNode: 1 },
];

/** FUNDS, PARTNER_IN, MEMBER_OF and the like point "into" the `from` kind in the model: flip them. */
const REVERSED = new Set<RelationshipType>(["FUNDS", "PARTNER_IN"]);

function relationshipCount(random: Random, perNode: number): number {
  const whole = Math.floor(perNode);
  return whole + (random.chance(perNode - whole) ? 1 : 0);
}

/** Rows in batches: every node kind, then every relationship rule, in a fixed order. */
export async function* syntheticBatches(plan: GraphPlan, batchSize = 10_000): AsyncGenerator<ImportBatch> {
  const random = new Random(plan.seed);
  for (const kind of KIND_ORDER) {
    let rows: Record<string, unknown>[] = [];
    for (let index = 0; index < plan.counts[kind]; index += 1) {
      rows.push(nodeRow(random, kind, index, plan));
      if (rows.length === batchSize) {
        yield { kind: "nodes", label: kind, rows };
        rows = [];
      }
    }
    if (rows.length > 0) yield { kind: "nodes", label: kind, rows };
  }
  for (const spec of RELATIONSHIPS) {
    let rows: { from: string; to: string; properties: Record<string, unknown> & { id: string } }[] = [];
    const seen = new Set<string>();
    for (let index = 0; index < plan.counts[spec.from]; index += 1) {
      seen.clear();
      const count = relationshipCount(random, spec.perNode);
      for (let n = 0; n < count; n += 1) {
        const targetKind = random.pick(spec.to);
        const target = random.skewed(plan.counts[targetKind]);
        if (targetKind === spec.from && target === index) continue;
        const here = entityId(spec.from, index);
        const there = entityId(targetKind, target);
        const [from, to] = REVERSED.has(spec.type) ? [there, here] : [here, there];
        const id = `${from}--${spec.type}--${to}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const properties: Record<string, unknown> & { id: string } = {
          id,
          sourceIds: [entityId("Source", random.int(0, plan.counts.Source - 1))],
          excerpts: ["synthetic citation"],
        };
        if (random.chance(0.7)) properties.validFrom = year(random);
        if (properties.validFrom && random.chance(0.2))
          properties.validTo = String(Number(properties.validFrom) + random.int(1, 10));
        if (spec.kinds) properties.kind = random.pick(spec.kinds);
        if (spec.type === "PARTNER_OF" || spec.type === "MEMBER_OF") {
          properties.status = properties.validTo ? "ended" : random.chance(0.1) ? "suspended" : "active";
        }
        rows.push({ from, to, properties });
        if (rows.length === batchSize) {
          yield { kind: "relationships", type: spec.type, rows };
          rows = [];
        }
      }
    }
    if (rows.length > 0) yield { kind: "relationships", type: spec.type, rows };
  }
}

/** Roughly how many rows (nodes + relationships) `syntheticBatches` yields, for progress bars. */
export function expectedRows(plan: GraphPlan): number {
  return plan.total + RELATIONSHIPS.reduce((sum, spec) => sum + plan.counts[spec.from] * spec.perNode, 0);
}
