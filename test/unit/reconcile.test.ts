/** Reconciliation without a database: the request's checks and limits, the scores and `match`, the preview's escaping. */
import { describe, expect, it } from "vitest";
import { fuzzyLuceneQuery } from "../../src/reconcile/candidates.js";
import { escapeHtml, previewHtml } from "../../src/reconcile/preview.js";
import { RECONCILE_LIMITS, parseQueryBatch, parseSuggest } from "../../src/reconcile/reconcile-request.js";
import { type CandidateEntity, nameSimilarity, scoreCandidates } from "../../src/reconcile/scoring.js";

const finland = { id: "finland", name: "Finland", nameFi: "Suomi", isoCode: "FI" };
const estonia = { id: "estonia", name: "Estonia", nameFi: "Viro", isoCode: "EE" };
const city = (id: string, name: string, extra: Partial<CandidateEntity> = {}): CandidateEntity => ({
  id,
  kind: "City",
  name,
  aliases: [],
  externalIds: [],
  countries: [],
  ...extra,
});
const TALLINN = city("tallinn", "Tallinn", { nameFi: "Tallinna", countries: [estonia] });
const HELSINKI = city("helsinki", "Helsinki", {
  nameSv: "Helsingfors",
  externalIds: ["wikidata:Q1757", "geonames:658225"],
  countries: [finland],
});
const ST_PETERSBURG = city("st-petersburg", "Saint Petersburg", { nameFi: "Pietari", aliases: ["St Petersburg"] });
const CENTRE: CandidateEntity = {
  id: "helsinki-centre-st-petersburg",
  kind: "Office",
  name: "Helsinki Centre",
  nameSv: "Helsingforscentret",
  aliases: ["Pietarin toimisto"],
  externalIds: [],
  countries: [],
};

const query = (batch: object) => [...parseQueryBatch(batch).values()][0]!;

describe("reconciliation scores", () => {
  it('"Tallin" is Tallinn: a unique confident hit', () => {
    const [best, ...rest] = scoreCandidates(query({ q0: { query: "Tallin" } }), [TALLINN, HELSINKI]);
    expect(best).toMatchObject({ id: "tallinn", score: 85.7, match: true, type: [{ id: "City", name: "City" }] });
    expect(best?.features).toEqual([
      { id: "name_similarity", value: 0.857 },
      { id: "exact_name", value: false },
    ]);
    expect(rest.every((candidate) => !candidate.match)).toBe(true);
  });

  it.each([
    ["Pietari", "st-petersburg"],
    ["PIETARI", "st-petersburg"],
    ["Helsingfors", "helsinki"],
    ["helsingfórs", "helsinki"],
    ["St. Petersburg", "st-petersburg"],
    ["Q1757", "helsinki"],
    ["wikidata:Q1757", "helsinki"],
    ["helsinki", "helsinki"],
  ])("%s → %s, scored 100 with match", (text, id) => {
    const [best] = scoreCandidates(query({ q: { query: text } }), [TALLINN, HELSINKI, ST_PETERSBURG, CENTRE]);
    expect(best).toMatchObject({ id, score: 100, match: true });
  });

  it("never matches two namesakes, unless a property tells them apart", () => {
    const twins = [
      city("moscow", "Moscow", { countries: [{ id: "russia", name: "Russia", isoCode: "RU" }] }),
      city("moscow-idaho", "Moscow", { countries: [{ id: "usa", name: "United States", isoCode: "US" }] }),
    ];
    expect(scoreCandidates(query({ q: { query: "Moscow" } }), twins).map((c) => [c.id, c.score, c.match])).toEqual([
      ["moscow", 100, false],
      ["moscow-idaho", 100, false],
    ]);
    const byCountry = scoreCandidates(
      query({ q: { query: "Moscow", properties: [{ pid: "country", v: "RU" }] } }),
      twins,
    );
    expect(byCountry.map((c) => [c.id, c.score, c.match])).toEqual([
      ["moscow", 100, true],
      ["moscow-idaho", 50, false],
    ]);
    expect(byCountry[0]?.features).toContainEqual({ id: "property_country", value: true });
  });

  it("a country given by name in any language, or a reconciled id, counts too; a contradiction is never a match", () => {
    const byName = scoreCandidates(query({ q: { query: "Helsinki", properties: [{ pid: "country", v: "suomi" }] } }), [
      HELSINKI,
    ]);
    expect(byName[0]).toMatchObject({ score: 100, match: true });
    const byId = scoreCandidates(
      query({ q: { query: "Helsinki", properties: [{ pid: "country", v: { id: "finland" } }] } }),
      [HELSINKI],
    );
    expect(byId[0]).toMatchObject({ score: 100, match: true });
    const wrong = scoreCandidates(query({ q: { query: "Helsinki", properties: [{ pid: "country", v: "EE" }] } }), [
      HELSINKI,
    ]);
    expect(wrong[0]).toMatchObject({ score: 50, match: false });
    const unknown = scoreCandidates(
      query({ q: { query: "Helsinki Centre", properties: [{ pid: "country", v: "RU" }] } }),
      [CENTRE],
    );
    expect(unknown[0]).toMatchObject({ score: 80, match: false });
  });

  it("a weak or close second keeps match false; limit cuts the list", () => {
    expect(scoreCandidates(query({ q: { query: "Helsink" } }), [HELSINKI, CENTRE])[0]).toMatchObject({
      id: "helsinki",
      match: true,
    });
    expect(scoreCandidates(query({ q: { query: "Hel" } }), [HELSINKI])[0]?.match).toBe(false);
    expect(scoreCandidates(query({ q: { query: "x", limit: 1 } }), [HELSINKI, TALLINN])).toHaveLength(1);
  });

  it("measures names by edit distance on folded keys", () => {
    expect(nameSimilarity("tallin", "tallinn")).toBeCloseTo(0.857, 3);
    expect(nameSimilarity("", "")).toBe(0);
    // Long names are compared on their first 64 characters: the work per pair is bounded.
    expect(nameSimilarity("a".repeat(300), "a".repeat(64) + "b".repeat(236))).toBe(1);
  });
});

describe("reconciliation requests", () => {
  it("reads a batch from JSON text or an object, with defaults", () => {
    expect([...parseQueryBatch('{"q0":{"query":"Tallin","type":"City"}}')]).toEqual([
      ["q0", { query: "Tallin", types: ["City"], limit: RECONCILE_LIMITS.defaultLimit, properties: [] }],
    ]);
    expect(query({ q: { query: "x", type: ["City", "Office"], limit: 3, type_strict: "should" } })).toEqual({
      query: "x",
      types: ["City", "Office"],
      limit: 3,
      properties: [],
    });
  });

  const refusal = (input: unknown) => {
    try {
      parseQueryBatch(input);
    } catch (error) {
      const { extensions } = error as { extensions: { code: string; argumentName?: string; http: { status: number } } };
      return [extensions.code, extensions.argumentName ?? null, extensions.http.status];
    }
    return null;
  };

  it.each([
    ["{not json", ["BAD_USER_INPUT", "queries", 400]],
    [[], ["BAD_USER_INPUT", "queries", 400]],
    [{}, ["BAD_USER_INPUT", "queries", 400]],
    [{ q: { query: "x".repeat(301) } }, ["BAD_USER_INPUT", "queries.q.query", 400]],
    [{ q: { query: "x", limit: 26 } }, ["BAD_USER_INPUT", "queries.q.limit", 400]],
    [{ q: { query: "x", limit: 0 } }, ["BAD_USER_INPUT", "queries.q.limit", 400]],
    [{ q: { query: "x", type: "Planet" } }, ["BAD_USER_INPUT", "queries.q.type", 400]],
    [
      { q: { query: "x", properties: [{ pid: "population", v: 1 }] } },
      ["BAD_USER_INPUT", "queries.q.properties.0.pid", 400],
    ],
    [
      { q: { query: "x", properties: Array(11).fill({ pid: "country", v: "FI" }) } },
      ["BAD_USER_INPUT", "queries.q.properties", 400],
    ],
    [{ q: {} }, ["BAD_USER_INPUT", "queries.q.query", 400]],
    [{ q: "Helsinki" }, ["BAD_USER_INPUT", "queries.q", 400]],
    [{ ["k".repeat(101)]: { query: "x" } }, ["BAD_USER_INPUT", "queries", 400]],
    [Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`q${i}`, { query: "x" }])), ["BAD_REQUEST", null, 413]],
  ])("refuses %j", (input, expected) => {
    expect(refusal(input)).toEqual(expected);
  });

  it("checks a suggest request's prefix and cursor", () => {
    expect(parseSuggest(" hel ", "10")).toEqual({ prefix: "hel", cursor: 10 });
    expect(() => parseSuggest(undefined, undefined)).toThrow(/prefix/);
    expect(() => parseSuggest("x".repeat(301), undefined)).toThrow(/prefix/);
    expect(() => parseSuggest("hel", "-1")).toThrow(/cursor/);
    expect(() => parseSuggest("hel", "1e9")).toThrow(/cursor/);
  });

  it("builds Lucene text of plain words only: whole, prefix, and one edit away for 4–20 letters", () => {
    expect(fuzzyLuceneQuery(["tallin", "st"])).toBe("(tallin OR tallin* OR tallin~1) OR (st OR st*)");
    // Long words are not fuzzy (their automata are costly), and only the first eight words count.
    expect(fuzzyLuceneQuery(["a".repeat(21)])).toBe(`(${"a".repeat(21)} OR ${"a".repeat(21)}*)`);
    expect(fuzzyLuceneQuery(Array.from({ length: 12 }, (_, i) => `w${i}`)).split(" OR (").length).toBe(8);
  });
});

describe("the preview page", () => {
  it("escapes every value and links only the known id schemes", () => {
    const html = previewHtml(
      {
        ...HELSINKI,
        name: `<script>alert("x")</script>`,
        description: `"><img src=x onerror=alert(1)>`,
        aliases: ["A & B"],
        lat: 60.16952,
        lon: 24.93545,
      },
      "http://example.org/explorer?focus=helsinki&x=<y>",
    );
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain('href="https://www.wikidata.org/wiki/Q1757"');
    expect(html).toContain("A &amp; B");
    expect(html).toContain("60.16952, 24.93545");
    expect(escapeHtml(`'"<>&`)).toBe("&#39;&quot;&lt;&gt;&amp;");
  });
});
