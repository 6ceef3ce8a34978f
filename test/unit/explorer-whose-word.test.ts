/**
 * Whose word backs a tie, as the explorer words it (src/web/explorer/whose-word.ts): publisher kinds and
 * parties in plain words, crowd-only relationships, every API class named in its verdict order, the ties
 * grouped by verdict, and the corroboration table as RFC 4180 CSV; and entities side by side
 * (peers-model.ts): grouping by type in plain words, unique connections by entity, since when.
 */
import { describe, expect, it } from "vitest";
import type { Citation, GraphEdge, PeerConnection, TieCorroboration } from "../../src/web/explorer/api.js";
import { CORROBORATION_CLASSES } from "../../src/web/explorer/api.js";
import { LINE_LEGEND } from "../../src/web/explorer/kinds.js";
import { groupByType, peerTypeLabel, sinceText, uniqueByPeer } from "../../src/web/explorer/peers-model.js";
import { VERDICT_ORDER } from "../../src/resolvers/research/corroboration.query.js";
import {
  CLASS_WORDS,
  CSV_COLUMNS,
  citedWords,
  classCounts,
  classLabel,
  corroborationRows,
  isCrowdOnly,
  partyLabel,
  publisherKindLabel,
  tiesByVerdict,
  toCsv,
} from "../../src/web/explorer/whose-word.js";

const citation = (fields: Partial<Citation>): Citation => ({
  sourceId: "s",
  title: "A source",
  publisher: null,
  publisherKind: null,
  publisherId: null,
  party: false,
  url: null,
  published: null,
  excerpt: null,
  locator: null,
  ...fields,
});

const edge = (fields: Partial<GraphEdge>): GraphEdge => ({
  id: "e",
  type: "PARTNER_OF",
  kind: null,
  fromId: "helsinki",
  toId: "stockholm",
  validFrom: null,
  validTo: null,
  status: null,
  sources: [],
  ...fields,
});

describe("whose word a source is", () => {
  it.each([
    [{ publisherKind: "city", publisher: "City of Helsinki" }, "city"],
    [{ publisherKind: "media", publisher: "STT Info" }, "news media"],
    [{ publisherKind: "government", publisher: null }, "government"],
    [{ publisherKind: "organisation", publisher: null }, "organisation"],
    [{ publisherKind: "crowd", publisher: "Wikidata" }, "Wikidata (crowd)"],
    [{ publisherKind: "crowd", publisher: null }, "a crowd-sourced dataset (crowd)"],
    [{ publisherKind: null, publisher: "Someone" }, "kind of publisher not recorded"],
    [{ publisherKind: "guild", publisher: null }, "guild"],
  ])("names publisher kind %j as %s", (fields, label) => {
    expect(publisherKindLabel(fields)).toBe(label);
  });

  it("says whether the publisher is a party to the tie", () => {
    expect(partyLabel({ party: true })).toBe("party to this tie");
    expect(partyLabel({ party: false })).toBe("third party");
  });

  it("shows a dataset's locator instead of an excerpt, else the excerpt, else nothing", () => {
    expect(citedWords({ locator: "Q1757 P190 Q1085", excerpt: null })).toEqual({
      kind: "locator",
      text: "Q1757 P190 Q1085",
    });
    expect(citedWords({ locator: "Q1", excerpt: "words" })).toEqual({ kind: "locator", text: "Q1" });
    expect(citedWords({ locator: null, excerpt: "words" })).toEqual({ kind: "excerpt", text: "words" });
    expect(citedWords({ locator: null, excerpt: null })).toBeNull();
  });

  it("calls a relationship crowd-only when every source (at least one) is the crowd's", () => {
    const crowd = citation({ publisherKind: "crowd" });
    expect(isCrowdOnly(edge({ sources: [crowd] }))).toBe(true);
    expect(isCrowdOnly(edge({ sources: [crowd, citation({ publisherKind: "city" })] }))).toBe(false);
    expect(isCrowdOnly(edge({ sources: [] }))).toBe(false);
  });

  it("puts the crowd-only line in the legend beside ended and suspended", () => {
    expect(LINE_LEGEND.map((entry) => entry.line)).toEqual([
      "dashed",
      "dotted",
      "undated",
      "faint",
      "crowd-only",
      "started",
      "ended-between",
      "changed",
    ]);
    expect(LINE_LEGEND.find((entry) => entry.line === "crowd-only")?.label).toMatch(/^only Wikidata/);
  });
});

describe("corroboration classes in words", () => {
  it("names every class the API has, in the API's verdict order", () => {
    expect(CORROBORATION_CLASSES).toEqual(VERDICT_ORDER);
    expect(Object.keys(CLASS_WORDS)).toEqual([...VERDICT_ORDER]);
    expect(new Set(Object.values(CLASS_WORDS).map((words) => words.label)).size).toBe(VERDICT_ORDER.length);
  });

  it.each([
    ["BACKED", "Backed by an official source"],
    ["BACKED_AS_OTHER_KIND", "Backed as another kind of tie"],
    ["CROWD_ONLY", "Only Wikidata says so"],
    ["CONTRADICTED", "Denied by a party"],
    ["OUTDATED", "Ended since Wikidata's snapshot"],
    ["OFFICIAL_ONLY", "Official sources only"],
    ["DENIED", "Only a denial on record"],
  ] as const)("labels %s as %s", (name, label) => {
    expect(classLabel(name)).toBe(label);
  });

  it("counts every class in verdict order, zero where the answer has none", () => {
    const counts = classCounts({
      counts: [
        { class: "OFFICIAL_ONLY", ties: 7 },
        { class: "DENIED", ties: 1 },
      ],
    });
    expect(counts.map((count) => count.ties)).toEqual([0, 0, 0, 0, 0, 0, 7, 1]);
  });
});

const tie = (toId: string, verdict: TieCorroboration["verdict"], claims: GraphEdge[] = []): TieCorroboration => ({
  fromId: "helsinki",
  fromName: "Helsinki",
  fromKind: "City",
  toId,
  toName: toId[0]!.toUpperCase() + toId.slice(1),
  toKind: "City",
  verdict,
  classes: [{ class: verdict, relationshipIds: claims.map((claim) => claim.id) }],
  claims,
});

describe("the corroboration table", () => {
  it("groups ties by verdict in verdict order, leaving out empty verdicts and keeping the API's order within", () => {
    const ties = [tie("tallinn", "OFFICIAL_ONLY"), tie("copenhagen", "DENIED"), tie("stockholm", "OFFICIAL_ONLY")];
    expect(tiesByVerdict(ties).map((group) => [group.verdict, group.ties.map((t) => t.toId)])).toEqual([
      ["OFFICIAL_ONLY", ["tallinn", "stockholm"]],
      ["DENIED", ["copenhagen"]],
    ]);
  });

  it("has one row per tie × claim × source, with the verdict and the classes each claim is behind", () => {
    const denial = edge({
      id: "stockholm--PARTNER_OF--helsinki--denied",
      fromId: "stockholm",
      toId: "helsinki",
      kind: "twin-city",
      status: "denied",
      sources: [
        citation({
          sourceId: "stockholm-page",
          title: "Organisationer, nätverk",
          publisher: "Stockholms stad",
          publisherKind: "city",
          party: true,
          excerpt: "Staden har dock inga utpekade vänorter",
        }),
      ],
    });
    const bilateral = edge({
      id: "helsinki--PARTNER_OF--stockholm",
      kind: "bilateral",
      status: "active",
      validFrom: "2018",
      sources: [
        citation({ sourceId: "hel-fi", title: "Kansainvälinen toiminta", publisherKind: "city", party: true }),
        citation({
          sourceId: "wikidata",
          title: "Wikidata",
          publisher: "Wikidata",
          publisherKind: "crowd",
          locator: "Q1757 P190 Q1754",
        }),
      ],
    });
    const undocumented = edge({ id: "helsinki--PARTNER_OF--stockholm--x", kind: "focus-city" });
    const stockholm: TieCorroboration = {
      ...tie("stockholm", "CONTRADICTED"),
      classes: [
        { class: "CONTRADICTED", relationshipIds: [denial.id, bilateral.id] },
        { class: "BACKED", relationshipIds: [bilateral.id] },
      ],
      claims: [denial, bilateral, undocumented],
    };
    const rows = corroborationRows([stockholm]);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1).map((row) => [row[5], row[6], row[11], row[14], row[15]])).toEqual([
      ["CONTRADICTED", denial.id, "stockholm-page", "city", "party"],
      ["CONTRADICTED; BACKED", bilateral.id, "hel-fi", "city", "party"],
      ["CONTRADICTED; BACKED", bilateral.id, "wikidata", "crowd", "third party"],
      ["", undocumented.id, "", "", ""],
    ]);
    const row = Object.fromEntries(CSV_COLUMNS.map((column, index) => [column, rows[3]![index]]));
    expect(row).toMatchObject({
      from_id: "helsinki",
      to_name: "Stockholm",
      verdict: "CONTRADICTED",
      claim_kind: "bilateral",
      claim_status: "active",
      valid_from: "2018",
      excerpt: "",
      locator: "Q1757 P190 Q1754",
    });
  });

  it("writes RFC 4180 CSV: CRLF records, fields with commas, quotes or line breaks quoted, quotes doubled", () => {
    const csv = toCsv([
      ["id", "excerpt"],
      ["plain", "says “twin city”"],
      ["comma", "Tallinna, Tukholma"],
      ["quote", 'the "special" partnership'],
      ["lines", "first\nsecond"],
      ["cr", "a\rb"],
      ["empty", ""],
    ]);
    expect(csv).toBe(
      [
        "id,excerpt",
        "plain,says “twin city”",
        'comma,"Tallinna, Tukholma"',
        'quote,"the ""special"" partnership"',
        'lines,"first\nsecond"',
        'cr,"a\rb"',
        "empty,",
        "",
      ].join("\r\n"),
    );
  });
});

const link = (peer: string, since: string | null, validFrom: string | null = null) => ({
  peer: { id: peer, name: peer },
  since,
  relationships: [edge({ id: `${peer}-r`, validFrom })],
});

const connection = (type: string, node: string, peers: string[]): PeerConnection => ({
  node: { id: node, name: node, kind: "City" },
  type,
  sharedBy: peers.length,
  links: peers.map((peer) => link(peer, null)),
});

describe("entities side by side", () => {
  it("groups connections by type in plain words, networks first, unknown types last", () => {
    const groups = groupByType([
      connection("PARTNER_OF", "kyiv", ["helsinki", "stockholm"]),
      connection("LOCATED_IN", "x", ["helsinki", "stockholm"]),
      connection("MEMBER_OF", "eurocities", ["helsinki", "stockholm"]),
      connection("PARTICIPATES_IN", "impact-2019", ["helsinki", "stockholm"]),
      connection("MEMBER_OF", "wccf", ["helsinki", "stockholm"]),
    ]);
    expect(groups.map((group) => [group.label, group.connections.map((c) => c.node.id)])).toEqual([
      ["Networks (member of)", ["eurocities", "wccf"]],
      ["Partners", ["kyiv"]],
      ["Events (took part in)", ["impact-2019"]],
      ["located in", ["x"]],
    ]);
    expect(peerTypeLabel("FUNDS")).toBe("Offices (funds)");
  });

  it("lists what is unique by the entity that has it, in the order compared", () => {
    const unique = [
      connection("PARTNER_OF", "beijing", ["helsinki"]),
      connection("MEMBER_OF", "c40", ["stockholm"]),
      connection("MEMBER_OF", "eurocities", ["helsinki"]),
    ];
    const byPeer = uniqueByPeer(
      [
        { id: "helsinki", name: "Helsinki" },
        { id: "stockholm", name: "Stockholm" },
        { id: "oslo", name: "Oslo" },
      ],
      unique,
    );
    expect(byPeer.map((entry) => [entry.peer.id, entry.groups.map((group) => group.type)])).toEqual([
      ["helsinki", ["MEMBER_OF", "PARTNER_OF"]],
      ["stockholm", ["MEMBER_OF"]],
      ["oslo", []],
    ]);
  });

  it("writes since when as the relationship dates it, not as a first of January", () => {
    expect(sinceText(link("helsinki", "1993-01-01", "1993"))).toBe("since 1993");
    expect(sinceText(link("helsinki", "2016-05-01", "2016-05"))).toBe("since May 2016");
    expect(sinceText(link("helsinki", "2019-01-01", "../2019"))).toBe("since 2019");
    expect(sinceText(link("helsinki", "2018-01-01", "2018/2019"))).toBe("since 2018");
    expect(sinceText(link("helsinki", "2007-03-12", "2007-03-12"))).toBe("since 12 March 2007");
    expect(sinceText(link("helsinki", null))).toBe("date not recorded");
  });
});
