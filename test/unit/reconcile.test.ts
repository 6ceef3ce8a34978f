/**
 * Reconciliation without a database: how a batch's queries are read (trimming, property values of every
 * JSON type, what is ignored) and refused (the exact argument path of each refusal, the bounds at their
 * edges), suggest's prefix and cursor, the scores and `match` (also where only properties speak), the
 * preview's escaping, and the route's own refusals and answers that need no Cypher (manifest from the Host
 * header, types and properties suggested, forms and bodies refused) on a server whose database is not
 * there. test/http/reconcile.test.ts has the answers over the graph.
 */
import { describe, expect, it, afterAll, beforeAll } from "vitest";
import { fuzzyLuceneQuery } from "../../src/reconcile/candidates.js";
import { escapeHtml, previewHtml } from "../../src/reconcile/preview.js";
import {
  RECONCILE_LIMITS,
  parseQueryBatch,
  parseSuggest,
  RECONCILE_PROPERTIES,
  type ReconcileQuery,
} from "../../src/reconcile/reconcile-request.js";
import { type CandidateEntity, nameSimilarity, scoreCandidates } from "../../src/reconcile/scoring.js";
import { request as httpRequest } from "node:http";
import { buildSchema } from "graphql";
import { ENTITY_KINDS } from "../../src/graph-data/index.js";
import { type ServerWithoutDatabase, startServerWithoutDatabase } from "../support/server-without-database.js";

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

describe("requests at their edges, and the route without a database", () => {
  const one = (query: unknown): ReconcileQuery => parseQueryBatch({ q: query }).get("q")!;

  /** `[code, argumentName, status]` of a refusal, or null when the input is accepted. */
  function refusal(run: () => unknown): [unknown, unknown, unknown] | null {
    try {
      run();
    } catch (error) {
      const { extensions } = error as { extensions: { code: string; argumentName?: string; http: { status: number } } };
      return [extensions.code, extensions.argumentName ?? null, extensions.http.status];
    }
    return null;
  }

  describe("reading a batch", () => {
    it("trims the name, keeps the batch's order and ignores fields it does not know", () => {
      const batch = parseQueryBatch({
        z: { query: "  Tallin  ", type_strict: "any", unknown: { deep: true } },
        a: { query: "Pietari" },
      });
      expect([...batch.keys()]).toEqual(["z", "a"]);
      expect(batch.get("z")).toEqual({ query: "Tallin", types: [], limit: 5, properties: [] });
    });

    it("reads property values of every JSON type as text, an earlier match by its id, dropping blanks", () => {
      const query = one({
        query: "Helsinki",
        properties: [
          { pid: "geonames", v: 658225 },
          { pid: "url", v: true },
          { pid: "country", v: { id: "finland", name: "Finland" } },
          { pid: "wikidata", v: ["Q1757", "", "  ", { id: "Q33" }] },
        ],
      });
      expect(query.properties).toEqual([
        { pid: "geonames", values: ["658225"] },
        { pid: "url", values: ["true"] },
        { pid: "country", values: ["finland"] },
        { pid: "wikidata", values: ["Q1757", "Q33"] },
      ]);
    });

    it("a query of properties alone has no name", () => {
      expect(one({ query: "   ", properties: [{ pid: "iso3166", v: "FI" }] })).toEqual({
        query: undefined,
        types: [],
        limit: 5,
        properties: [{ pid: "iso3166", values: ["FI"] }],
      });
    });

    it("takes the largest batch, key and limit the manifest allows", () => {
      const batch = Object.fromEntries(
        Array.from({ length: RECONCILE_LIMITS.batchSize }, (_, i) => [`q${i}`.padEnd(100, "x"), { query: "x" }]),
      );
      expect(parseQueryBatch(batch).size).toBe(50);
      expect(one({ query: "x", limit: 25 }).limit).toBe(25);
      expect(one({ query: "x".repeat(300) }).query).toHaveLength(300);
      expect(one({ query: "x", type: [...ENTITY_KINDS] }).types).toEqual(ENTITY_KINDS);
    });
  });

  describe("refusing a batch, naming where", () => {
    it.each<[string, unknown, [string, string | null, number]]>([
      ["JSON text of an array", "[1, 2]", ["BAD_USER_INPUT", "queries", 400]],
      ["JSON text of null", "null", ["BAD_USER_INPUT", "queries", 400]],
      ["JSON text of a number", "5", ["BAD_USER_INPUT", "queries", 400]],
      ["no batch", undefined, ["BAD_USER_INPUT", "queries", 400]],
      ["a limit with a fraction", { q: { query: "x", limit: 2.5 } }, ["BAD_USER_INPUT", "queries.q.limit", 400]],
      ["a limit as text", { q: { query: "x", limit: "3" } }, ["BAD_USER_INPUT", "queries.q.limit", 400]],
      ["a type that is a number", { q: { query: "x", type: 5 } }, ["BAD_USER_INPUT", "queries.q.type", 400]],
      [
        "more types than there are kinds",
        { q: { query: "x", type: [...ENTITY_KINDS, "City"] } },
        ["BAD_USER_INPUT", "queries.q.type", 400],
      ],
      [
        "an unknown type among known ones",
        { q: { query: "x", type: ["City", "city"] } },
        ["BAD_USER_INPUT", "queries.q.type", 400],
      ],
      [
        "an unknown type_strict",
        { q: { query: "x", type_strict: "maybe" } },
        ["BAD_USER_INPUT", "queries.q.type_strict", 400],
      ],
      ["a name that is not text", { q: { query: 5 } }, ["BAD_USER_INPUT", "queries.q.query", 400]],
      [
        "11 values of one property",
        { q: { query: "x", properties: [{ pid: "wikidata", v: Array(11).fill("Q1") }] } },
        ["BAD_USER_INPUT", "queries.q.properties.0.v", 400],
      ],
      [
        "a property value of 301 characters",
        { q: { query: "x", properties: [{ pid: "url", v: "x".repeat(301) }] } },
        ["BAD_USER_INPUT", "queries.q.properties.0.v", 400],
      ],
      [
        "a property value that is a list in a list",
        { q: { query: "x", properties: [{ pid: "url", v: [["a"]] }] } },
        ["BAD_USER_INPUT", "queries.q.properties.0.v", 400],
      ],
      [
        "an earlier match without its id",
        { q: { query: "x", properties: [{ pid: "country", v: { name: "Finland" } }] } },
        ["BAD_USER_INPUT", "queries.q.properties.0.v", 400],
      ],
      [
        "a bad query after good ones: the bad one is named",
        { good: { query: "x" }, "bad key": { query: "x", limit: 99 } },
        ["BAD_USER_INPUT", "queries.bad key.limit", 400],
      ],
    ])("%s", (_label, input, expected) => {
      expect(refusal(() => parseQueryBatch(input))).toEqual(expected);
    });

    it.each([
      ["an empty cell", { query: "" }, "neither a name nor properties"],
      ["a blank cell", { query: "   " }, "neither a name nor properties"],
      ["no name at all", {}, "neither a name nor properties"],
      ["only blank property values", { query: "", properties: [{ pid: "country", v: ["", " "] }] }, "neither"],
      ["a cell over 300 characters", { query: "x".repeat(301) }, "a name over 300 characters"],
    ])("%s matches nothing, and its batch is still answered", (_label, cell, why) => {
      const batch = parseQueryBatch({ good: { query: "Tallinn" }, bad: cell });
      expect(batch.get("good")).toMatchObject({ query: "Tallinn" });
      expect(batch.get("good")!.unmatchable).toBeUndefined();
      expect(batch.get("bad")).toMatchObject({
        query: undefined,
        properties: [],
        unmatchable: expect.stringContaining(why),
      });
    });

    it("never echoes a long unknown type back whole", () => {
      try {
        parseQueryBatch({ q: { query: "x", type: "T".repeat(250) } });
      } catch (error) {
        expect((error as Error).message).toContain(`"${"T".repeat(100)}"`);
        expect((error as Error).message).not.toContain("T".repeat(101));
        return;
      }
      throw new Error("accepted");
    });
  });

  describe("suggest's prefix and cursor", () => {
    it.each<[unknown, unknown, { prefix: string; cursor: number }]>([
      ["hel", undefined, { prefix: "hel", cursor: 0 }],
      ["hel", "", { prefix: "hel", cursor: 0 }],
      ["hel", "200", { prefix: "hel", cursor: 200 }],
      ["x".repeat(300), "0", { prefix: "x".repeat(300), cursor: 0 }],
    ])("%j, cursor %j → %j", (prefix, cursor, expected) => {
      expect(parseSuggest(prefix, cursor)).toEqual(expected);
    });

    it.each<[unknown, unknown, string]>([
      ["   ", undefined, "prefix"],
      [["a", "b"], undefined, "prefix"],
      ["hel", "201", "cursor"],
      ["hel", "1.5", "cursor"],
      ["hel", "abc", "cursor"],
      ["hel", ["1", "2"], "cursor"],
    ])("%j, cursor %j → BAD_USER_INPUT on %s", (prefix, cursor, argument) => {
      expect(refusal(() => parseSuggest(prefix, cursor))).toEqual(["BAD_USER_INPUT", argument, 400]);
    });
  });

  const city = (id: string, name: string, extra: Partial<CandidateEntity> = {}): CandidateEntity => ({
    id,
    kind: "City",
    name,
    aliases: [],
    externalIds: [],
    countries: [],
    ...extra,
  });

  describe("scores where properties speak", () => {
    const helsinki = city("helsinki", "Helsinki", { externalIds: ["wikidata:Q1757", "geonames:658225"] });
    const namesake = city("helsinki-2", "Helsinki", { externalIds: ["wikidata:Q999"] });

    it("with no name, a property that agrees makes a unique match, features only for properties", () => {
      const scored = scoreCandidates(one({ properties: [{ pid: "wikidata", v: "Q1757" }] }), [namesake, helsinki]);
      expect(scored.map((c) => [c.id, c.score, c.match, c.features])).toEqual([
        ["helsinki", 100, true, [{ id: "property_wikidata", value: true }]],
        ["helsinki-2", 50, false, [{ id: "property_wikidata", value: false }]],
      ]);
    });

    it("each property multiplies: agrees ×1, unknown ×0.8, contradicts ×0.5", () => {
      const scored = scoreCandidates(
        one({
          query: "Helsinki",
          properties: [
            { pid: "geonames", v: "658225" },
            { pid: "iso3166", v: "FI" },
            { pid: "url", v: "https://www.hel.fi" },
          ],
        }),
        [helsinki],
      );
      expect(scored[0]).toMatchObject({ score: 64, match: false });
    });

    it("an ISO code is compared in capitals against a country's code", () => {
      const finland = { ...city("finland", "Finland"), kind: "Country" as const, isoCode: "FI" };
      expect(
        scoreCandidates(one({ query: "Finland", properties: [{ pid: "iso3166", v: "fi" }] }), [finland])[0],
      ).toMatchObject({
        score: 100,
        match: true,
        features: expect.arrayContaining([{ id: "property_iso3166", value: true }]),
      });
    });

    it("equal scores are ordered by name, then id; the description names kind and countries", () => {
      const a = city("b-town", "Aton", { countries: [{ id: "x", name: "Xland" }], description: "Old port" });
      const b = city("a-town", "Aton");
      const scored = scoreCandidates(one({ query: "Aton" }), [a, b]);
      expect(scored.map((c) => [c.id, c.description])).toEqual([
        ["a-town", "City"],
        ["b-town", "City in Xland. Old port"],
      ]);
    });
  });

  describe("the preview page's optional parts", () => {
    it("leaves out what the entity lacks, and escapes the explorer address in its link", () => {
      const html = previewHtml({ ...city("x", "X"), lat: null, lon: 24.9 }, `http://h/explorer?focus=x&a="b"`);
      expect(html).not.toMatch(/<dt>(Names|Also|Country|Ids|Location)<\/dt>/);
      expect(html).not.toContain("<p>");
      expect(html).toContain('href="http://h/explorer?focus=x&amp;a=&quot;b&quot;"');
      expect(html).toContain("<dt>Id</dt><dd>x</dd>");
    });
  });

  // A driver aimed at a port nobody listens on: every request below is answered before any Cypher.
  let server: ServerWithoutDatabase;
  beforeAll(async () => {
    server = await startServerWithoutDatabase(buildSchema("type Query { hello: String }"), {
      MAX_BODY_BYTES: "2000",
      RATE_LIMIT_RECONCILE: "0",
    });
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  });

  /** A request with any Host header (fetch will not send one of our choosing). */
  function raw(path: string, options: { method?: string; host?: string; type?: string; body?: string } = {}) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: any }>((resolve, reject) => {
      const req = httpRequest(
        `${server.url}${path}`,
        {
          method: options.method ?? "GET",
          headers: {
            host: options.host ?? `127.0.0.1:${server.port}`,
            ...(options.type ? { "content-type": options.type } : {}),
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => {
            const json = res.headers["content-type"]?.includes("json") ? (JSON.parse(text) as unknown) : text;
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: json });
          });
        },
      );
      req.on("error", reject);
      req.end(options.body);
    });
  }
  const codeOf = (result: { body: any }) => [
    result.body?.errors?.[0]?.extensions?.code,
    result.body?.errors?.[0]?.extensions?.argumentName,
  ];

  describe("the /reconcile route before any Cypher", () => {
    it("builds the manifest's addresses from the Host header, IPv6 literals included, never cached", async () => {
      const result = await raw("/reconcile", { host: "[::1]:4000" });
      expect(result.status).toBe(200);
      expect(result.headers["cache-control"]).toBe("no-store");
      expect(result.body).toMatchObject({
        identifierSpace: "http://[::1]:4000/explorer?focus=",
        view: { url: "http://[::1]:4000/explorer?focus={{id}}" },
        preview: { url: "http://[::1]:4000/reconcile/preview?id={{id}}", width: 420, height: 220 },
        suggest: { type: { service_url: "http://[::1]:4000", service_path: "/reconcile/suggest/type" } },
        batchSize: 50,
        defaultTypes: ENTITY_KINDS.map((kind) => ({ id: kind, name: kind })),
      });
    });

    it.each([
      ["a script", "<script>"],
      ["a path", "example.org/evil"],
      ["a user", "user@example.org"],
    ])("refuses a Host header with %s: 400 BAD_REQUEST", async (_label, host) => {
      const result = await raw("/reconcile", { host });
      expect([result.status, ...codeOf(result)]).toEqual([400, "BAD_REQUEST", undefined]);
    });

    it.each<[string, string, Parameters<typeof raw>[1], number, string, string | undefined]>([
      ["data extension on a GET", "/reconcile?extend=%7B%7D", {}, 400, "BAD_USER_INPUT", "extend"],
      ["a GET with other parameters but no queries", "/reconcile?query=Tallin", {}, 400, "BAD_USER_INPUT", "queries"],
      ["a GET with queries twice", "/reconcile?queries=a&queries=b", {}, 400, "BAD_USER_INPUT", "queries"],
      [
        "a GET batch refused before any read",
        `/reconcile?queries=${encodeURIComponent('{"q":{"query":"x","limit":0}}')}`,
        {},
        400,
        "BAD_USER_INPUT",
        "queries.q.limit",
      ],
      [
        "a form without the queries field",
        "/reconcile",
        { method: "POST", type: "application/x-www-form-urlencoded", body: "query=Tallin" },
        400,
        "BAD_USER_INPUT",
        "queries",
      ],
      [
        "a form with more than 20 fields",
        "/reconcile",
        {
          method: "POST",
          type: "application/x-www-form-urlencoded",
          body: Array.from({ length: 21 }, (_, i) => `f${i}=1`).join("&"),
        },
        413,
        "BAD_REQUEST",
        undefined,
      ],
      [
        "a JSON body over MAX_BODY_BYTES",
        "/reconcile",
        { method: "POST", type: "application/json", body: JSON.stringify({ q: { query: "x".repeat(3000) } }) },
        413,
        "BAD_REQUEST",
        undefined,
      ],
      [
        "a JSON body of the wrapped batch, refused before any read",
        "/reconcile",
        { method: "POST", type: "application/json", body: '{"queries":{"q":{"query":"x","type":"Planet"}}}' },
        400,
        "BAD_USER_INPUT",
        "queries.q.type",
      ],
      ["a POST with no body type", "/reconcile", { method: "POST", body: "" }, 415, "BAD_REQUEST", undefined],
      ["a preview id over 100 characters", `/reconcile/preview?id=${"a".repeat(101)}`, {}, 400, "BAD_USER_INPUT", "id"],
      [
        "a type suggestion past the last cursor",
        "/reconcile/suggest/type?prefix=c&cursor=201",
        {},
        400,
        "BAD_USER_INPUT",
        "cursor",
      ],
    ])("%s → %i %s", async (_label, path, options, status, code, argument) => {
      const result = await raw(path, options);
      expect([result.status, ...codeOf(result)]).toEqual([status, code, argument]);
    });

    it("suggests the kinds containing the prefix, in any case, paged by cursor", async () => {
      const all = await raw("/reconcile/suggest/type?prefix=O");
      const expected = ENTITY_KINDS.filter((kind) => kind.toLowerCase().includes("o"));
      expect(all.body).toEqual({ result: expected.map((kind) => ({ id: kind, name: kind })) });
      const paged = await raw("/reconcile/suggest/type?prefix=o&cursor=1");
      expect(paged.body.result.map((type: { id: string }) => type.id)).toEqual(expected.slice(1));
    });

    it("suggests the properties by id or name", async () => {
      const result = await raw("/reconcile/suggest/property?prefix=ID");
      expect(result.body).toEqual({
        result: RECONCILE_PROPERTIES.filter((p) => p.id.includes("id") || p.name.toLowerCase().includes("id")).map(
          (p) => ({ ...p }),
        ),
      });
      expect(result.body.result.map((p: { id: string }) => p.id)).toEqual(["wikidata", "geonames"]);
    });
  });
});
