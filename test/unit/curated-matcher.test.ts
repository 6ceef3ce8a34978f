/**
 * Curated cities meet the crowd dataset's items (src/crowd/curated-matcher.ts), with no database: a unique
 * label twinned with a curated entity's item is a match, one twinned with none UNCONFIRMED, several are told
 * apart by the dataset's edges or reported AMBIGUOUS, no label is NOT_FOUND with hints; then the small fixture and the committed overlay file, checked to be exactly what
 * `kg crowd --match-curated` makes of the curated files today.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/index.js";
import {
  CROWD_OVERLAY_FILE,
  crowdSource,
  curatedOverlay,
  matchCurated,
  parseTwinnedDataset,
  readTwinnedDataset,
} from "../../src/crowd/index.js";
import type { EntityRecord, GraphData, RelationshipRecord } from "../../src/graph-data/index.js";
import { readCuratedGraph } from "../../src/write/index.js";

const FIXTURE = path.join(PROJECT_ROOT, "test", "fixtures", "wikidata-twinned-small");
const SOURCE = crowdSource();

const city = (id: string, name: string, more: Partial<EntityRecord> = {}): EntityRecord => ({
  kind: "City",
  id,
  name,
  aliases: [],
  sources: ["page"],
  ...more,
});
const partners = (from: string, to: string): RelationshipRecord => ({
  type: "PARTNER_OF",
  id: `${from}--PARTNER_OF--${to}`,
  from,
  to,
  citations: [{ source: "page", excerpt: "partners" }],
});
const graph = (entities: EntityRecord[], relationships: RelationshipRecord[] = []): GraphData => ({
  sources: [],
  entities,
  relationships,
});
const HELSINKI = city("helsinki", "Helsinki", { externalIds: [{ scheme: "wikidata", value: "Q1757" }] });

/** A dataset from rows: `Q1 Q2` statements, `Q1=Label` labels. */
function dataset(statements: string[], labels: Record<string, string>) {
  return parseTwinnedDataset(
    statements.map((row) => row.replace(" ", "\t")).join("\n"),
    Object.entries(labels)
      .map(([qid, label]) => `${qid}\t${label}`)
      .join("\n"),
  );
}

const outcomes = (matching: ReturnType<typeof matchCurated>) =>
  Object.fromEntries(matching.report.map((item) => [item.id, item.outcome]));
const wikidataIds = (matching: ReturnType<typeof matchCurated>) =>
  Object.fromEntries(matching.entities.map((entity) => [entity.id, entity.externalIds?.[0]?.value]));

describe("matching curated cities to the dataset's items", () => {
  const twins = dataset(["Q1757 Q1754", "Q1754 Q1757", "Q1757 Q656", "Q49240 Q60"], {
    Q1757: "Helsinki",
    Q1754: "Stockholm",
    Q656: "Sankt Petersburg",
    Q49240: "Saint Petersburg",
    Q60: "New York City",
  });

  it("matches a unique label under any of the entity's names, folded, twinned with a curated item", () => {
    const matching = matchCurated(
      graph([HELSINKI, city("stockholm", "STOCKHOLM"), city("nyc", "New York", { aliases: ["New York City"] })]),
      twins,
      SOURCE,
    );
    // New York City's item is twinned with no item a curated entity holds: not confident.
    expect(outcomes(matching)).toEqual({ nyc: "UNCONFIRMED", stockholm: "MATCHED" });
    expect(matching.report.find((item) => item.id === "nyc")?.candidates).toEqual(["Q60 New York City (1 partners)"]);
    expect(matching.entities).toContainEqual({
      kind: "City",
      id: "stockholm",
      name: "STOCKHOLM",
      aliases: [],
      externalIds: [{ scheme: "wikidata", value: "Q1754" }],
      sources: ["wikidata-twinned-2016"],
    });
    expect(matching.sources).toEqual([SOURCE]);
  });

  it("tells same-named items apart by a twin with a curated partner's item", () => {
    const petersburg = city("st-petersburg", "Saint Petersburg", { nameSv: "Sankt Petersburg" });
    const matching = matchCurated(
      graph([HELSINKI, petersburg], [partners("helsinki", "st-petersburg")]),
      twins,
      SOURCE,
    );
    expect(wikidataIds(matching)).toEqual({ "st-petersburg": "Q656" });
    expect(matching.report[0]!.message).toContain("curated partner");
  });

  it("falls back to a twin with an item the curated files establish (Helsinki)", () => {
    const petersburg = city("st-petersburg", "Saint Petersburg", { nameSv: "Sankt Petersburg" });
    const matching = matchCurated(graph([HELSINKI, petersburg]), twins, SOURCE);
    expect(wikidataIds(matching)).toEqual({ "st-petersburg": "Q656" });
    expect(matching.report[0]!.message).toContain("curated files establish");
  });

  it("uses a partner matched in an earlier round as an anchor", () => {
    // Stockholm's item (its unique label, twinned with Helsinki's) is twinned with one of two "Springfield"s.
    const chain = dataset(["Q1757 Q10", "Q10 Q20", "Q30 Q40"], {
      Q1757: "Helsinki",
      Q10: "Stockholm",
      Q20: "Springfield",
      Q30: "X",
      Q40: "Springfield",
    });
    const matching = matchCurated(
      graph(
        [HELSINKI, city("stockholm", "Stockholm"), city("springfield", "Springfield")],
        [partners("springfield", "stockholm")],
      ),
      chain,
      SOURCE,
    );
    expect(wikidataIds(matching)).toEqual({ stockholm: "Q10", springfield: "Q20" });
  });

  it("reports AMBIGUOUS with every candidate when the edges do not decide", () => {
    const amsterdam = dataset(["Q727 Q1899", "Q9899 Q1899"], { Q727: "Amsterdam", Q9899: "Amsterdam", Q1899: "Kiew" });
    const matching = matchCurated(graph([city("amsterdam", "Amsterdam")]), amsterdam, SOURCE);
    expect(matching.entities).toEqual([]);
    expect(matching.sources).toEqual([]);
    expect(matching.report).toEqual([
      expect.objectContaining({
        id: "amsterdam",
        outcome: "AMBIGUOUS",
        candidates: ["Q727 Amsterdam (1 partners)", "Q9899 Amsterdam (1 partners)"],
      }),
    ]);
  });

  it("gives one item to no two entities, nor one a curated entity holds", () => {
    const matching = matchCurated(
      graph([
        HELSINKI,
        city("a", "Stockholm"),
        city("b", "Tukholma", { aliases: ["Stockholm"] }),
        city("h2", "Helsinki"),
      ]),
      twins,
      SOURCE,
    );
    expect(outcomes(matching)).toEqual({ a: "AMBIGUOUS", b: "AMBIGUOUS", h2: "AMBIGUOUS" });
    expect(matching.report.find((item) => item.id === "h2")!.message).toContain("helsinki");
  });

  it("takes the item named alike among those twinned with a curated partner's item (German labels: Kiew)", () => {
    const kyiv = city("kyiv", "Kyiv", { nameFi: "Kiova", aliases: ["Kiev"] });
    const twins = dataset(["Q1757 Q1899", "Q1757 Q1085", "Q2 Q1899"], {
      Q1757: "Helsinki",
      Q1899: "Kiew",
      Q1085: "Prag",
      Q2: "Kiew",
    });
    const matching = matchCurated(graph([HELSINKI, kyiv], [partners("helsinki", "kyiv")]), twins, SOURCE);
    expect(outcomes(matching)).toEqual({ kyiv: "MATCHED" });
    expect(wikidataIds(matching)).toEqual({ kyiv: "Q1899" });
    // Named alike but twinned with no curated partner's item: never taken.
    const moscow = city("moscow", "Moscow", { nameSv: "Moskva" });
    const apart = dataset(["Q1757 Q1085", "Q3 Q649"], {
      Q1757: "Helsinki",
      Q1085: "Prag",
      Q649: "Moskau",
      Q3: "Peking",
    });
    const alone = matchCurated(graph([HELSINKI, moscow], [partners("helsinki", "moscow")]), apart, SOURCE);
    expect(outcomes(alone)).toEqual({ moscow: "NOT_FOUND" });
  });

  it("reports NOT_FOUND, with the items twinned with its curated partners as hints", () => {
    const kyiv = city("kyiv", "Kyiv", { nameFi: "Kiova", aliases: ["Kiev"] });
    const withKyiv = dataset(["Q1757 Q1899"], { Q1757: "Helsinki", Q1899: "Kijów" });
    const matching = matchCurated(graph([HELSINKI, kyiv], [partners("helsinki", "kyiv")]), withKyiv, SOURCE);
    expect(matching.report).toEqual([
      expect.objectContaining({
        id: "kyiv",
        outcome: "NOT_FOUND",
        candidates: ["Q1899 Kijów (1 partners; twinned with Q1757 Helsinki)"],
      }),
    ]);
    expect(matching.entities).toEqual([]);
  });

  it("leaves an entity that has a Wikidata id alone, and kinds other than City", () => {
    const matching = matchCurated(
      graph([HELSINKI, { ...city("sweden", "Stockholm"), kind: "Country" }]),
      twins,
      SOURCE,
    );
    expect(matching.report).toEqual([]);
  });
});

describe("the dataset files", () => {
  it("pairs statements unordered, each statement once, the smaller QID first", async () => {
    const small = await readTwinnedDataset(FIXTURE);
    expect(small.pairs).toHaveLength(24);
    expect(small.pairs.find((pair) => pair.b === "Q1757" && pair.a === "Q1085")).toEqual({
      a: "Q1085",
      b: "Q1757",
      statements: ["Q1085 P190 Q1757", "Q1757 P190 Q1085"],
    });
    expect(small.pairs.find((pair) => pair.a === "Q64")).toEqual({
      a: "Q64",
      b: "Q1748",
      statements: ["Q1748 P190 Q64"],
    });
    expect(small.byLabel("brussel")).toEqual(["Q239", "Q9005"]);
  });

  it("the vendored dataset holds 17,401 unordered pairs of 10,055 labelled items", async () => {
    const full = await readTwinnedDataset();
    expect(full.pairs).toHaveLength(17_401);
    expect(full.labels.size).toBe(10_055);
  });
});

describe("the curated overlay", () => {
  it("on the small fixture: Stockholm, St Petersburg and Kyiv (Kiew) matched, Amsterdam ambiguous", async () => {
    const curated = await readCuratedGraph(undefined, { enriched: false });
    const { matching } = curatedOverlay(curated, await readTwinnedDataset(FIXTURE));
    const outcome = outcomes(matching);
    expect(wikidataIds(matching)).toMatchObject({ stockholm: "Q1754", "st-petersburg": "Q656", barcelona: "Q1492" });
    expect(outcome).toMatchObject({ kyiv: "MATCHED", amsterdam: "AMBIGUOUS", brussels: "AMBIGUOUS" });
  });

  it(`is exactly what \`kg crowd --match-curated\` makes of the curated files today (seed/enrichment/${CROWD_OVERLAY_FILE})`, async () => {
    const curated = await readCuratedGraph(undefined, { enriched: false });
    const { text } = curatedOverlay(curated, await readTwinnedDataset());
    const committed = await readFile(path.join(PROJECT_ROOT, "seed", "enrichment", CROWD_OVERLAY_FILE), "utf8");
    expect(committed, `run \`npm run kg -- crowd --match-curated --out seed/enrichment/${CROWD_OVERLAY_FILE}\``).toBe(
      text,
    );
  });
});
