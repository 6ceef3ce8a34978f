/**
 * The explorer's plain TypeScript, in Node: the edit forms' fields and their values both ways (derived from the
 * record model), slugs for new records, the legend's kinds and colours (checked against the vocabulary, the
 * other copy of the same truth), and the API client and the data it shapes for the views, over a `fetch`
 * stubbed to answer like the API. The React views are tested in Chromium (test/browser).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  CENTRALITY_MEASURES,
  EXPLORER_QUERIES,
  fetchActivityByType,
  fetchCorroboration,
  fetchDashboard,
  fetchEntitySources,
  fetchNeighbourhood,
  fetchPartnersByCountry,
  fetchPeers,
} from "../../src/web/explorer/api.js";
import { EDIT_QUERIES, fetchRecord, findSources, upsertRecords } from "../../src/web/explorer/edit-api.js";
import { fetchOfficePlaces } from "../../src/web/explorer/map-api.js";
import {
  ENTITY_KINDS,
  LISTED_SCHEMES,
  RELATIONSHIP_TYPES,
  entityFormFields,
  fieldLabel,
  formInputNames,
  fromRecord,
  recordPatch,
  relationshipFormFields,
  relationshipRuleOf,
  slugFrom,
  sourceFormFields,
  toRecord,
} from "../../src/web/explorer/record-fields.js";
import {
  KIND_STYLES,
  RELATIONSHIP_TYPES as COLOURED_TYPES,
  UNKNOWN_KIND,
  communityColor,
  kindStyle,
  relationshipLabel,
  typeColor,
} from "../../src/web/explorer/kinds.js";
import { MEASURES } from "../../src/web/explorer/url-state.js";
import { ApiError, GRAPHQL_PATH, graphql } from "../../src/web/shared/graphql-client.js";
import { RELATIONSHIP_RULES } from "../../src/graph-data/vocabulary.js";

describe("the edit forms' fields", () => {
  it.each([
    ["staffCount", "Staff count"],
    ["isoCode", "ISO 3166 code"],
    ["validTo", "Valid to (exclusive)"],
    ["category", "Category"],
    ["premises", "Premises"],
    ["titleEnglishShort", "Title english short"],
  ])("labels %s as %s", (name, label) => {
    expect(fieldLabel(name)).toBe(label);
  });

  it("gives a person's contact fields to staff only, and never id or sources (they have widgets of their own)", () => {
    const names = (staff: boolean) => entityFormFields("Person", staff).map((field) => field.name);
    expect(names(false)).toEqual(["name", "nameFi", "nameSv", "nameEn", "aliases", "description", "externalIds"]);
    expect(names(true)).toEqual([...names(false), "email", "phone"]);
  });

  it("gives each kind its own fields after the common ones", () => {
    const own = (kind: (typeof ENTITY_KINDS)[number]) =>
      entityFormFields(kind, true)
        .map((field) => field.name)
        .slice(7);
    expect(own("City")).toEqual(["location"]);
    expect(own("Country")).toEqual(["isoCode"]);
    expect(own("Event")).toEqual(["category", "startDate", "endDate"]);
    expect(own("Theme")).toEqual([]);
  });

  it("leaves a relationship's type, ends, id and citations and a source's id to their own widgets", () => {
    expect(relationshipFormFields().map((field) => field.name)).toEqual([
      "kind",
      "status",
      "validFrom",
      "validTo",
      "premises",
    ]);
    expect(sourceFormFields().map((field) => field.name)).toEqual([
      "title",
      "titleEn",
      "publisher",
      "publisherKind",
      "publisherId",
      "form",
      "published",
      "url",
      "language",
      "note",
    ]);
  });

  it("names one input per part of a compound field: latitude and longitude, one per listed id scheme", () => {
    expect(formInputNames(entityFormFields("City", false)).slice(-5)).toEqual([
      "externalIds.wikidata",
      "externalIds.geonames",
      "externalIds.url",
      "location.lat",
      "location.lon",
    ]);
    expect(LISTED_SCHEMES).toEqual(["wikidata", "geonames", "url"]);
  });

  it("knows what each relationship type may join, and nothing of an unknown type", () => {
    expect(relationshipRuleOf("PARTNER_OF")).toBe(RELATIONSHIP_RULES.PARTNER_OF);
    expect(relationshipRuleOf("partner_of")).toBeUndefined();
    expect(relationshipRuleOf("__proto__")).toBeUndefined();
  });
});

describe("form values → a record in the import format", () => {
  const city = entityFormFields("City", false);
  const organisation = entityFormFields("Organization", false);

  it("trims every value, leaves empty inputs out, and splits lists by line", () => {
    expect(
      toRecord(city, {
        name: "  Tampere ",
        nameFi: "   ",
        aliases: " Manse \n\n  Tampereen kaupunki\n",
        description: "",
      }),
    ).toEqual({ name: "Tampere", aliases: ["Manse", "Tampereen kaupunki"] });
  });

  it("sends a place as numbers, and a half-typed one as typed so the API names the problem", () => {
    expect(toRecord(city, { "location.lat": "61.5", "location.lon": " 23.76 " })).toEqual({
      location: { lat: 61.5, lon: 23.76 },
    });
    expect(toRecord(city, { "location.lat": "61,5", "location.lon": "" })).toEqual({
      location: { lat: "61,5", lon: "" },
    });
    expect(toRecord(city, { "location.lat": "", "location.lon": "" })).toEqual({});
  });

  it("sends only the external ids filled in, each with its scheme", () => {
    expect(toRecord(city, { "externalIds.wikidata": "Q40840", "externalIds.geonames": " " })).toEqual({
      externalIds: [{ scheme: "wikidata", value: "Q40840" }],
    });
  });

  it("sends a count as a number only when it is a whole number", () => {
    expect(toRecord(organisation, { staffCount: "120" })).toEqual({ staffCount: 120 });
    expect(toRecord(organisation, { staffCount: "-3" })).toEqual({ staffCount: -3 });
    expect(toRecord(organisation, { staffCount: "12.5" })).toEqual({ staffCount: "12.5" });
    expect(toRecord(organisation, { staffCount: "about 40" })).toEqual({ staffCount: "about 40" });
  });

  it("turns a stored record into form values and back into the same record", () => {
    const record = {
      name: "Tampere",
      nameFi: "Tampere",
      aliases: ["Manse", "Tampereen kaupunki"],
      description: "A city in Pirkanmaa",
      externalIds: [
        { scheme: "wikidata", value: "Q40840" },
        { scheme: "geonames", value: "634963" },
      ],
      location: { lat: 61.49911, lon: 23.78712 },
    };
    const values = fromRecord(city, record);
    expect(values).toEqual({
      name: "Tampere",
      nameFi: "Tampere",
      aliases: "Manse\nTampereen kaupunki",
      description: "A city in Pirkanmaa",
      "externalIds.wikidata": "Q40840",
      "externalIds.geonames": "634963",
      "location.lat": "61.49911",
      "location.lon": "23.78712",
    });
    expect(toRecord(city, values)).toEqual(record);
    expect(fromRecord(organisation, { staffCount: 120, founded: "2007" })).toEqual({
      staffCount: "120",
      founded: "2007",
    });
  });

  it("shows a stored value of an unexpected shape as JSON, never as [object Object], and skips nulls", () => {
    expect(fromRecord(city, { description: { en: "x" }, nameFi: null, aliases: "Manse" })).toEqual({
      description: '{"en":"x"}',
      aliases: "Manse",
    });
  });
});

describe("an edit of a stored record sends what changed (mode PATCH)", () => {
  const city = entityFormFields("City", false);
  const stored = {
    name: "Tampere",
    nameFi: "Tampere",
    externalIds: [{ scheme: "wikidata", value: "Q40840" }],
    location: { lat: 61.49911, lon: 23.78712 },
    sources: ["page"],
  };
  const loaded = { ...toRecord(city, fromRecord(city, stored)), sources: ["page"] };

  it("nothing changed: nothing sent, so the graph keeps even what someone else changed since", () => {
    expect(loaded).toEqual(stored);
    expect(recordPatch(loaded, loaded)).toEqual({});
  });

  it("a field changed or added: only it; a field emptied: null (cleared); a list changed: the whole list", () => {
    const values = { ...fromRecord(city, stored), name: "Tampere City", nameSv: "Tammerfors", nameFi: " " };
    const edited = { ...toRecord(city, values), sources: ["page", "report"] };
    expect(recordPatch(loaded, edited)).toEqual({
      name: "Tampere City",
      nameSv: "Tammerfors",
      nameFi: null,
      sources: ["page", "report"],
    });
    const moved = toRecord(city, { ...fromRecord(city, stored), "location.lat": "", "location.lon": "" });
    expect(recordPatch(loaded, { ...moved, sources: ["page"] })).toEqual({ location: null });
  });
});

describe("slugs for new records", () => {
  it.each([
    ["Tampere City Report 2024", "tampere-city-report-2024"],
    ["Hämeenlinna – Åbo: ÉCHA's review", "hameenlinna-abo-echa-s-review"],
    ["  --Helsinki!!  ", "helsinki"],
    ["東京", ""],
    [`${"a".repeat(79)} b`, "a".repeat(79)],
  ])("%s → %s", (text, slug) => {
    expect(slugFrom(text)).toBe(slug);
  });

  it("is at most 80 characters", () => {
    expect(slugFrom("word ".repeat(40))).toHaveLength(79);
    expect(slugFrom("x".repeat(200))).toHaveLength(80);
  });
});

describe("the legend: kinds, types and colours", () => {
  it("styles every kind of entity the model has, and nothing else", () => {
    expect(Object.keys(KIND_STYLES).sort()).toEqual([...ENTITY_KINDS].sort());
    expect(new Set(Object.values(KIND_STYLES).map((style) => style.color)).size).toBe(ENTITY_KINDS.length);
    expect(kindStyle("Spaceship")).toBe(UNKNOWN_KIND);
  });

  it("colours every relationship type the model has, in its order", () => {
    expect(COLOURED_TYPES).toEqual([...RELATIONSHIP_TYPES]);
    expect(typeColor("PARTNER_OF")).toBe("#1f77b4");
    expect(typeColor("UNKNOWN")).toBe("#444444");
  });

  it("labels a relationship type in words", () => {
    expect(relationshipLabel("HOLDS_ROLE_IN")).toBe("holds role in");
  });

  it("colours every community its own colour: twenty listed, then made, none repeating", () => {
    const colours = Array.from({ length: 200 }, (_, i) => communityColor(i + 1));
    expect(new Set(colours).size).toBe(200);
    expect(colours.every((colour) => /^#[0-9a-f]{6}$/.test(colour))).toBe(true);
    expect(communityColor(1)).toBe("#e6194b");
  });

  it("offers the same centrality measures in the address as the API takes", () => {
    expect([...MEASURES]).toEqual([...CENTRALITY_MEASURES]);
  });
});

// ── The API client, over a stubbed fetch ────────────────────────────────────

interface Sent {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** Stubs `fetch` with answers given in order (a body, or a function that throws), and records what was sent. */
function api(...answers: unknown[]): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> };
    sent.push({ url, headers: init.headers as Record<string, string>, ...body });
    const answer = answers.shift();
    if (typeof answer === "function") (answer as () => never)();
    return new Response(typeof answer === "string" ? answer : JSON.stringify(answer), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  });
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the GraphQL client", () => {
  it("posts the query and variables to /graphql, and a bearer token only when given one", async () => {
    const sent = api({ data: { a: 1 } }, { data: { a: 2 } });
    expect(await graphql("{ a }", { x: 1 })).toEqual({ a: 1 });
    expect(await graphql("{ a }", {}, { token: "t0k3n" })).toEqual({ a: 2 });
    expect(sent).toEqual([
      {
        url: GRAPHQL_PATH,
        headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
        query: "{ a }",
        variables: { x: 1 },
      },
      {
        url: "/graphql",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          authorization: "Bearer t0k3n",
        },
        query: "{ a }",
        variables: {},
      },
    ]);
  });

  it("turns a GraphQL error into an ApiError with its code and a refused write's problems", async () => {
    const problems = [{ item: "entity", index: 0, id: "x", field: "sources", code: "UNKNOWN_REFERENCE", message: "m" }];
    api({ errors: [{ message: "refused", extensions: { code: "BAD_USER_INPUT", problems } }], data: null });
    const error = (await graphql("{ a }").catch((failure: unknown) => failure)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect({ code: error.code, problems: error.problems }).toEqual({ code: "BAD_USER_INPUT", problems });
  });

  it.each([
    [
      "the network fails",
      () =>
        api(() => {
          throw new TypeError("fetch failed");
        }),
      "NETWORK_ERROR",
    ],
    ["the answer is not JSON", () => api("<html>Bad gateway</html>"), undefined],
    ["the answer has no data", () => api({ data: null }), undefined],
    ["an error has no code", () => api({ errors: [{ message: "x" }] }), undefined],
  ])("fails with an ApiError when %s", async (_case, answer, code) => {
    answer();
    const error = (await graphql("{ a }").catch((failure: unknown) => failure)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe(code);
    expect(error.problems).toEqual([]);
  });

  it("lets an aborted request end as an abort, not as an API failure", async () => {
    api(() => {
      throw new DOMException("The operation was aborted.", "AbortError");
    });
    const error = (await graphql("{ a }").catch((failure: unknown) => failure)) as Error;
    expect(error).not.toBeInstanceOf(ApiError);
    expect(error.name).toBe("AbortError");
  });
});

describe("what the views are given", () => {
  const node = (id: string, name = id) => ({
    id,
    kind: "City",
    name,
    description: null,
    names: [],
    aliases: [],
    location: null,
  });
  const edge = (type: string, fromId: string, toId: string) => ({
    id: `${fromId}--${type}--${toId}`,
    type,
    kind: null,
    fromId,
    toId,
    validFrom: null,
    validTo: null,
    status: null,
    sources: [],
  });

  it("counts a city's partner cities by country: either direction, once each, the most first", async () => {
    const sent = api({
      data: {
        neighbourhood: {
          truncated: false,
          nodes: [node("helsinki"), node("ee", "Estonia"), node("cn", "China")],
          edges: [
            edge("PARTNER_OF", "helsinki", "tallinn"),
            edge("PARTNER_OF", "tartu", "helsinki"),
            edge("PARTNER_OF", "helsinki", "tartu"),
            edge("PARTNER_OF", "helsinki", "beijing"),
            edge("PARTNER_OF", "helsinki", "atlantis"),
            edge("PARTNER_OF", "tallinn", "tartu"),
            edge("IN_COUNTRY", "tallinn", "ee"),
            edge("IN_COUNTRY", "tartu", "ee"),
            edge("IN_COUNTRY", "beijing", "cn"),
            edge("IN_COUNTRY", "helsinki", "fi"),
          ],
        },
      },
    });
    expect(await fetchPartnersByCountry("helsinki", "2020-01-01")).toEqual({
      byCountry: [
        { key: "Estonia", count: 2 },
        { key: "China", count: 1 },
        { key: "", count: 1 },
      ],
      cities: 4,
      relationships: 5,
      repeated: [{ name: "tartu", relationships: 2 }],
      notCities: [],
    });
    expect(sent[0]?.variables).toEqual({
      id: "helsinki",
      depth: 2,
      asOf: "2020-01-01",
      undated: "INCLUDE",
      types: ["PARTNER_OF", "IN_COUNTRY"],
      publisherKinds: null,
      limit: 1000,
    });
  });

  it("asks a neighbourhood with every type, 200 entities and undated claims included unless told otherwise", async () => {
    const sent = api({ data: { neighbourhood: { truncated: true, nodes: [], edges: [] } } });
    expect(await fetchNeighbourhood("echa", { depth: 1, asOf: null })).toEqual({
      truncated: true,
      nodes: [],
      edges: [],
    });
    expect(sent[0]?.variables).toEqual({
      id: "echa",
      depth: 1,
      asOf: null,
      undated: "INCLUDE",
      types: null,
      publisherKinds: null,
      limit: 200,
    });
    expect(sent[0]?.query).toBe(EXPLORER_QUERIES.neighbourhood.query);
  });

  it("asks a hub's neighbourhood narrowed by the API: types, whose word, the drawing's limit, and its total", async () => {
    const sent = api({
      data: { neighbourhood: { truncated: false, total: 4, totalExact: true, nodes: [], edges: [] } },
    });
    await fetchNeighbourhood("st-petersburg", {
      depth: 2,
      asOf: "2020-01-01",
      undated: "EXCLUDE",
      relationshipTypes: ["PARTNER_OF"],
      publisherKinds: ["city", "organisation", "government"],
      limit: 150,
    });
    expect(sent[0]?.variables).toEqual({
      id: "st-petersburg",
      depth: 2,
      asOf: "2020-01-01",
      undated: "EXCLUDE",
      types: ["PARTNER_OF"],
      publisherKinds: ["city", "organisation", "government"],
      limit: 150,
    });
    expect(sent[0]?.query).toMatch(/truncated total totalExact firstHopTypes \{ key count \} nodes/);
  });

  it("asks whose word backs an entity's ties, up to 1000 of them, and entities side by side as of a day", async () => {
    const sent = api({ data: { corroboration: { total: 0, counts: [], ties: [] } } });
    expect(await fetchCorroboration("helsinki")).toEqual({ total: 0, counts: [], ties: [] });
    expect(sent[0]?.query).toBe(EXPLORER_QUERIES.corroboration.query);
    expect(sent[0]?.variables).toEqual({ entityId: "helsinki", limit: 1000 });
    const comparison = { peers: [], sharedByAll: [], sharedBySome: [], unique: [] };
    const asked = api({ data: { peers: comparison } });
    expect(await fetchPeers(["helsinki", "stockholm"], "2020-01-01")).toEqual(comparison);
    expect(asked[0]?.query).toBe(EXPLORER_QUERIES.peers.query);
    expect(asked[0]?.variables).toEqual({ entityIds: ["helsinki", "stockholm"], asOf: "2020-01-01" });
    // Every citation the explorer asks for says whose word it is.
    for (const query of [EXPLORER_QUERIES.neighbourhood.query, EXPLORER_QUERIES.corroboration.query]) {
      expect(query).toContain("publisherKind publisherId party url published excerpt locator");
    }
  });

  it("flattens the dashboard's funders per office, asked as of the explorer's day", async () => {
    const sent = api({
      data: {
        graphStats: { nodesByKind: [{ key: "City", count: 3 }], edgesByType: [{ key: "FUNDS", count: 2 }] },
        fundersPerOffice: [{ office: { id: "hel-eu", name: "Helsinki EU Office" }, funders: 2 }],
      },
    });
    expect(await fetchDashboard("2019-12-31", "EXCLUDE")).toEqual({
      nodesByKind: [{ key: "City", count: 3 }],
      edgesByType: [{ key: "FUNDS", count: 2 }],
      fundersPerOffice: [{ id: "hel-eu", name: "Helsinki EU Office", funders: 2 }],
    });
    expect(sent[0]?.variables).toEqual({ asOf: "2019-12-31", undated: "EXCLUDE" });
  });

  it("asks the activity of every type in one request, an alias each, and gives each type its series", async () => {
    const sent = api({ data: { t0: [{ year: 2020, active: 3 }], t1: [] } });
    expect(await fetchActivityByType("helsinki", ["PARTNER_OF", "MEMBER_OF", "FUNDS"], 2019, 2020)).toEqual({
      PARTNER_OF: [{ year: 2020, active: 3 }],
      MEMBER_OF: [],
      FUNDS: [],
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.query.match(/t\d+: activitySeries/g)).toEqual([
      "t0: activitySeries",
      "t1: activitySeries",
      "t2: activitySeries",
    ]);
    expect(sent[0]?.variables).toEqual({ entityId: "helsinki", fromYear: 2019, toYear: 2020, undated: "INCLUDE" });
    expect(sent[0]?.query).toContain('relationshipTypes: ["MEMBER_OF"], undated: $undated');
  });

  it("asks an entity's sources only when it cites some", async () => {
    const sent = api({ data: { entities: [] } });
    expect(await fetchEntitySources("nobody")).toEqual([]);
    expect(sent).toHaveLength(1);
    const two = api(
      { data: { entities: [{ sourceIds: ["a", "b"] }] } },
      { data: { sources: [{ id: "a", title: "A", publisher: null, url: null, published: null }] } },
    );
    expect(await fetchEntitySources("echa")).toEqual([
      { id: "a", title: "A", publisher: null, url: null, published: null },
    ]);
    expect(two.map((request) => request.variables)).toEqual([{ id: "echa" }, { ids: ["a", "b"] }]);
  });

  it("places an office at the first located city it is in (by id), and leaves out offices with none", async () => {
    const sent = api({
      data: {
        offices: [
          {
            id: "centre",
            locatedIn: [
              { id: "st-petersburg", name: "St Petersburg", location: { latitude: 59.94, longitude: 30.31 } },
              { id: "moscow", name: "Moscow", location: null },
              { id: "kronstadt", name: "Kronstadt", location: { latitude: 60, longitude: 29.77 } },
            ],
          },
          { id: "nowhere", locatedIn: [] },
        ],
      },
    });
    const ids = Array.from({ length: 250 }, (_, i) => `office-${i}`);
    expect([...(await fetchOfficePlaces(ids))]).toEqual([
      ["centre", { officeId: "centre", cityId: "kronstadt", cityName: "Kronstadt", lat: 60, lon: 29.77 }],
    ]);
    expect((sent[0]?.variables.ids as string[]).length).toBe(200);
    expect(await fetchOfficePlaces([])).toEqual(new Map());
    expect(sent).toHaveLength(1);
  });
});

describe("what editing sends", () => {
  const report = {
    writeId: null,
    dryRun: true,
    sources: { new: 0, changed: 0, unchanged: 0, corroborated: 0, conflicts: 0, deleted: 0 },
    entities: { new: 1, changed: 0, unchanged: 0, corroborated: 0, conflicts: 0, deleted: 0 },
    relationships: { new: 0, changed: 0, unchanged: 0, corroborated: 0, conflicts: 0, deleted: 0 },
    items: [],
    truncated: false,
  };

  it("a write: every list (empty when not given), the mode, dryRun, and the user's token", async () => {
    const sent = api({ data: { upsertRecords: report } });
    const entity = { kind: "City", id: "x", name: "X", sources: ["s"] };
    expect(await upsertRecords({ entities: [entity] }, "PATCH", true, "t0k3n")).toEqual(report);
    expect(sent[0]).toMatchObject({
      query: EDIT_QUERIES.upsert.query,
      variables: { sources: [], entities: [entity], relationships: [], dryRun: true, mode: "PATCH" },
      headers: { authorization: "Bearer t0k3n" },
    });
  });

  it("a search for sources: as typed, capitalised, and as an id", async () => {
    const sent = api({ data: { sources: [] } });
    await findSources("helsinki Report");
    expect(sent[0]?.variables).toEqual({
      text: "helsinki Report",
      capitalised: "Helsinki Report",
      id: "helsinki report",
    });
    expect(sent[0]?.headers.authorization).toBeUndefined();
  });

  it("a stored record: its properties as a record, or null when it does not exist today", async () => {
    const sent = api(
      { data: { recordAsOf: { existed: true, itemType: "entity", properties: '{"id":"x","name":"X"}' } } },
      { data: { recordAsOf: { existed: false, itemType: null, properties: null } } },
    );
    expect(await fetchRecord("x")).toEqual({ id: "x", name: "X" });
    expect(await fetchRecord("gone")).toBeNull();
    expect(sent[0]?.variables.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
