/**
 * The export formats without a database, each driven by a small graph held in memory: the whole output of
 * every writer (JSON, the import CSV, Gephi's tables, GraphML, GEXF) for one graph, what goes into the graph
 * tools' formats and what stays out (personal contact details), escaping, lists in cells, GEXF's time
 * intervals from partial dates, GeoJSON's geometry and leave-outs, streaming into a slow reader, and stopping
 * when the reader goes away or the graph fails mid-export. The reading side (paging, the personal filter)
 * runs on a stand-in for the database that only answers pages, so its loop is tested here and its Cypher
 * against Neo4j (test/http/export.test.ts).
 */
import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat, exportFileName, xmlText } from "../../src/export/index.js";
import {
  type GraphReader,
  citationParty,
  type WriteOptions,
  put,
  writeGephiCsv,
  writeGexf,
  writeGraphml,
  writeJson,
  writeRecordsCsv,
} from "../../src/export/writers.js";
import {
  entityProperties,
  relationshipProperties,
  writeGeojson,
  lineGeometry,
} from "../../src/export/geojson-writer.js";
import { readEntities, readSources } from "../../src/export/read-graph.js";
import { type Database } from "../../src/database/index.js";
import {
  type EntityRecord,
  type RelationshipRecord,
  type SourceRecord,
  textReader,
  type RecordReader,
  splitList,
} from "../../src/graph-data/index.js";
import { featureCollectionErrors } from "../support/json-schemas.js";

const SOURCES: SourceRecord[] = [
  { id: "report", title: "Annual report & review", publisherKind: "city", publisherId: "helsinki" },
  { id: "news", title: "News <2019>", publisherKind: "media" },
];

const ENTITIES: EntityRecord[] = [
  {
    kind: "City",
    id: "helsinki",
    name: "Helsinki",
    nameFi: "Helsinki",
    nameSv: "Helsingfors",
    aliases: ["Stadi"],
    location: { lat: 60.17, lon: 24.94 },
    sources: ["report"],
  },
  {
    kind: "Person",
    id: "mayor",
    name: 'Anna "the Mayor" Virtanen',
    aliases: [],
    description: "Mayor\nof Helsinki",
    email: "anna@example.org",
    phone: "+358 9 123",
    sources: ["report", "news"],
  },
];

const RELATIONSHIPS: RelationshipRecord[] = [
  {
    type: "HEADS",
    id: "mayor--HEADS--helsinki",
    from: "mayor",
    to: "helsinki",
    kind: "elected",
    status: "active",
    validFrom: "2021-06",
    validTo: "2025",
    citations: [
      { source: "report", excerpt: "the mayor <since 2021>" },
      { source: "missing", excerpt: "a|b" },
    ],
  },
];

function graphOf(
  sources: readonly SourceRecord[],
  entities: readonly EntityRecord[],
  relationships: readonly RelationshipRecord[],
): GraphReader {
  return {
    async *sources() {
      yield* sources;
    },
    async *entities() {
      yield* entities;
    },
    async *relationships() {
      yield* relationships;
    },
  };
}

const GRAPH = graphOf(SOURCES, ENTITIES, RELATIONSHIPS);
const EMPTY = graphOf([], [], []);

type Writer = (graph: GraphReader, out: Writable, options: WriteOptions) => Promise<void>;

/** Every writer, by the name the API and the command line give it (Gephi's two tables apart). */
const WRITERS: Record<string, Writer> = {
  json: writeJson,
  csv: writeRecordsCsv,
  "gephi nodes": (graph, out, options) => writeGephiCsv(graph, out, "nodes", options),
  "gephi edges": (graph, out, options) => writeGephiCsv(graph, out, "edges", options),
  graphml: writeGraphml,
  gexf: writeGexf,
  geojson: writeGeojson,
};

async function written(writer: Writer, graph: GraphReader, options: WriteOptions = { asOf: null }): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  await writer(graph, out, options);
  return Buffer.concat(chunks).toString("utf8");
}

describe("JSON export", () => {
  it("writes the import file format, one record per line, the day it is as of in its head", async () => {
    const text = await written(writeJson, graphOf(SOURCES.slice(0, 1), ENTITIES.slice(0, 1), []), {
      asOf: "2020-01-01",
    });
    expect(text).toBe(
      [
        "{",
        '  "format": "helsinki-kg/1",',
        '  "asOf": "2020-01-01",',
        '  "sources": [',
        '    {"id":"report","title":"Annual report & review","publisherKind":"city","publisherId":"helsinki"}',
        "  ],",
        '  "entities": [',
        '    {"kind":"City","id":"helsinki","name":"Helsinki","nameFi":"Helsinki","nameSv":"Helsingfors","aliases":["Stadi"],"location":{"lat":60.17,"lon":24.94},"sources":["report"]}',
        "  ],",
        '  "relationships": []',
        "}",
        "",
      ].join("\n"),
    );
  });

  it("writes an empty graph as valid JSON with three empty lists and no asOf", async () => {
    const text = await written(writeJson, EMPTY);
    expect(JSON.parse(text)).toEqual({ format: "helsinki-kg/1", sources: [], entities: [], relationships: [] });
  });

  it("is read back by the import as the same records, personal details included when the reader gave them", async () => {
    const text = await written(writeJson, GRAPH);
    const read: unknown[] = [];
    for await (const record of textReader(text, "export.json", "json").records(() => undefined)) {
      read.push(record.value);
    }
    expect(read).toEqual([...SOURCES, ...ENTITIES, ...RELATIONSHIPS]);
  });
});

describe("CSV export (the import's dialect)", () => {
  it("starts with a BOM and is read back as the same records: relationships, citations, places and contacts", async () => {
    const text = await written(writeRecordsCsv, GRAPH);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const read: unknown[] = [];
    for await (const record of textReader(text, "export.csv", "csv").records(() => undefined)) {
      read.push(record.value);
    }
    // An empty list is an empty cell, read back as no list (as the database gives it back too).
    const { aliases: _none, ...mayor } = ENTITIES[1]!;
    expect(read).toEqual([...SOURCES, ENTITIES[0], mayor, ...RELATIONSHIPS]);
  });
});

describe("whose word each citation is", () => {
  it("party when the publisher is an end, third party when another, nothing when the source names none", () => {
    const edge = { from: "stockholm", to: "helsinki" };
    expect(citationParty(edge, "stockholm")).toBe("party");
    expect(citationParty(edge, "helsinki")).toBe("party");
    expect(citationParty(edge, "eurocities")).toBe("third party");
    expect(citationParty(edge, undefined)).toBe("");
  });
});

describe("Gephi tables", () => {
  it("the node table: Gephi's Id and Label, then the same values as GraphML; no personal contact details", async () => {
    const text = await written(WRITERS["gephi nodes"]!, GRAPH);
    expect(text).toBe(
      "\uFEFFId,Label,kind,nameFi,nameSv,nameEn,aliases,description,sources\n" +
        "helsinki,Helsinki,City,Helsinki,Helsingfors,,Stadi,,report\n" +
        'mayor,"Anna ""the Mayor"" Virtanen",Person,,,,,"Mayor\nof Helsinki",report|news\n',
    );
    expect(text).not.toContain("anna@example.org");
    expect(text).not.toContain("+358");
  });

  it("the edge table: directed, labelled in words, each citation's source title (its id when unknown)", async () => {
    const text = await written(WRITERS["gephi edges"]!, GRAPH);
    expect(text).toBe(
      "\uFEFFId,Source,Target,Type,Label,relationship,kind,status,state,validFrom,validTo,sources,sourceTitles,excerpts,sourceKinds,sourceParties\n" +
        "mayor--HEADS--helsinki,mayor,helsinki,Directed,heads,HEADS,elected,active,PAST,2021-06,2025," +
        "report|missing,Annual report & review|missing,the mayor <since 2021>|a\\|b,city|,party|\n",
    );
  });

  it("defuses a cell a spreadsheet would run, in ids and ends too", async () => {
    const text = await written(
      WRITERS["gephi edges"]!,
      graphOf([], [], [{ type: "PARTNER_OF", id: "+x", from: "@a", to: "-b", citations: [] }]),
    );
    expect(text.split("\n")[1]).toBe("'+x,'@a,'-b,Directed,partner of,PARTNER_OF,,,UNDATED,,,,,,,");
  });

  it("writes only the header for an empty graph", async () => {
    expect(await written(WRITERS["gephi nodes"]!, EMPTY)).toBe(
      "\uFEFFId,Label,kind,nameFi,nameSv,nameEn,aliases,description,sources\n",
    );
  });
});

describe("GraphML", () => {
  it("declares every key, writes only the values present, escaped, and the day in the graph's description", async () => {
    const text = await written(writeGraphml, GRAPH, { asOf: "2020-01-01" });
    const keys = (kind: string, names: string[]) =>
      names.map((name) => `  <key id="${kind[0]}_${name}" for="${kind}" attr.name="${name}" attr.type="string"/>\n`);
    expect(text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n' +
        keys("node", ["label", "kind", "nameFi", "nameSv", "nameEn", "aliases", "description", "sources"]).join("") +
        keys("edge", [
          "label",
          "relationship",
          "kind",
          "status",
          "state",
          "validFrom",
          "validTo",
          "sources",
          "sourceTitles",
          "excerpts",
          "sourceKinds",
          "sourceParties",
        ]).join("") +
        '  <graph id="helsinki-international-relations" edgedefault="directed">\n' +
        "    <desc>As of 2020-01-01</desc>\n" +
        '    <node id="helsinki"><data key="n_label">Helsinki</data><data key="n_kind">City</data><data key="n_nameFi">Helsinki</data><data key="n_nameSv">Helsingfors</data><data key="n_aliases">Stadi</data><data key="n_sources">report</data></node>\n' +
        '    <node id="mayor"><data key="n_label">Anna &quot;the Mayor&quot; Virtanen</data><data key="n_kind">Person</data><data key="n_description">Mayor&#10;of Helsinki</data><data key="n_sources">report|news</data></node>\n' +
        '    <edge id="mayor--HEADS--helsinki" source="mayor" target="helsinki"><data key="e_label">heads</data><data key="e_relationship">HEADS</data><data key="e_kind">elected</data><data key="e_status">active</data><data key="e_state">FUTURE</data><data key="e_validFrom">2021-06</data><data key="e_validTo">2025</data><data key="e_sources">report|missing</data><data key="e_sourceTitles">Annual report &amp; review|missing</data><data key="e_excerpts">the mayor &lt;since 2021&gt;|a\\|b</data><data key="e_sourceKinds">city|</data><data key="e_sourceParties">party|</data></edge>\n' +
        "  </graph>\n</graphml>\n",
    );
  });

  it("has no description without a day, and escapes ids in attributes", async () => {
    const text = await written(
      writeGraphml,
      graphOf([], [{ kind: "Theme", id: 'a&"b', name: "T", aliases: [], sources: [] }], []),
    );
    expect(text).not.toContain("<desc>");
    expect(text).toContain(
      '    <node id="a&amp;&quot;b"><data key="n_label">T</data><data key="n_kind">Theme</data></node>\n',
    );
  });
});

describe("GEXF", () => {
  const edge = (id: string, dates: { validFrom?: string; validTo?: string }): RelationshipRecord => ({
    type: "MEMBER_OF",
    id,
    from: "helsinki",
    to: "eurocities",
    ...dates,
    citations: [],
  });

  it("writes the whole document: attributes declared, nodes with attvalues, edges as dated intervals", async () => {
    const text = await written(writeGexf, GRAPH, { asOf: "2020-01-01" });
    const attributes = (names: string[]) =>
      names.map((name) => `      <attribute id="${name}" title="${name}" type="string"/>\n`).join("");
    expect(text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n' +
        "  <meta><creator>helsinki-international-kg</creator><description>Helsinki's international relations, as of 2020-01-01; relationships carry their validity as time intervals.</description></meta>\n" +
        '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date" timerepresentation="interval">\n' +
        '    <attributes class="node" mode="static">\n' +
        attributes(["kind", "nameFi", "nameSv", "nameEn", "aliases", "description", "sources"]) +
        "    </attributes>\n" +
        '    <attributes class="edge" mode="static">\n' +
        attributes([
          "relationship",
          "kind",
          "status",
          "state",
          "validFrom",
          "validTo",
          "sources",
          "sourceTitles",
          "excerpts",
          "sourceKinds",
          "sourceParties",
        ]) +
        "    </attributes>\n" +
        "    <nodes>\n" +
        '      <node id="helsinki" label="Helsinki"><attvalues><attvalue for="kind" value="City"/><attvalue for="nameFi" value="Helsinki"/><attvalue for="nameSv" value="Helsingfors"/><attvalue for="aliases" value="Stadi"/><attvalue for="sources" value="report"/></attvalues></node>\n' +
        '      <node id="mayor" label="Anna &quot;the Mayor&quot; Virtanen"><attvalues><attvalue for="kind" value="Person"/><attvalue for="description" value="Mayor&#10;of Helsinki"/><attvalue for="sources" value="report|news"/></attvalues></node>\n' +
        "    </nodes>\n" +
        "    <edges>\n" +
        '      <edge id="mayor--HEADS--helsinki" source="mayor" target="helsinki" label="heads" start="2021-06-01" end="2025-01-01"><attvalues><attvalue for="relationship" value="HEADS"/><attvalue for="kind" value="elected"/><attvalue for="status" value="active"/><attvalue for="state" value="FUTURE"/><attvalue for="validFrom" value="2021-06"/><attvalue for="validTo" value="2025"/><attvalue for="sources" value="report|missing"/><attvalue for="sourceTitles" value="Annual report &amp; review|missing"/><attvalue for="excerpts" value="the mayor &lt;since 2021&gt;|a\\|b"/><attvalue for="sourceKinds" value="city|"/><attvalue for="sourceParties" value="party|"/></attvalues></edge>\n' +
        "    </edges>\n  </graph>\n</gexf>\n",
    );
    expect(text).not.toContain("anna@example.org");
  });

  it.each([
    ["a year and a day", { validFrom: "2016", validTo: "2019-05-31" }, ' start="2016-01-01" end="2019-05-31"'],
    ["a month, open-ended", { validFrom: "2016-05" }, ' start="2016-05-01"'],
    ["only an end", { validTo: "2019" }, ' end="2019-01-01"'],
    ["no dates: always", {}, ""],
  ])("an edge valid for %s gets the interval's first days", async (_case, dates, interval) => {
    const text = await written(writeGexf, graphOf([], [], [edge("e", dates)]));
    expect(text).toContain(
      `      <edge id="e" source="helsinki" target="eurocities" label="member of"${interval}><attvalues><attvalue for="relationship" value="MEMBER_OF"/>`,
    );
  });

  it("writes an edge with no attribute values without an empty attvalues element", async () => {
    const text = await written(
      writeGexf,
      graphOf([], [{ kind: "Theme", id: "t", name: "T", aliases: [], sources: [] }], []),
    );
    expect(text).toContain(
      '      <node id="t" label="T"><attvalues><attvalue for="kind" value="Theme"/></attvalues></node>\n',
    );
    expect(text).toContain("relationships carry their validity as time intervals.</description>");
    expect(text).not.toContain(", as of");
  });
});

describe("XML text", () => {
  it.each([
    ["markup", "<a href='x'>&</a>", "&lt;a href='x'&gt;&amp;&lt;/a&gt;"],
    ["a carriage return kept as a character reference", "a\r\nb", "a&#13;&#10;b"],
    ["a well-formed surrogate pair (an emoji) kept", "Helsinki 🏙️", "Helsinki 🏙️"],
    ["a lone low surrogate dropped", "a\uDC00b", "ab"],
    ["the non-characters U+FFFE and U+FFFF dropped", "a\uFFFEb\uFFFFc", "abc"],
    ["vertical tab, form feed and escape dropped", "a\u000Bb\u000Cc\u001Bd", "abcd"],
    ["Finnish and Swedish letters kept as they are", "Åbo – Turku, Hämeenlinna", "Åbo – Turku, Hämeenlinna"],
  ])("%s", (_case, value, expected) => {
    expect(xmlText(value)).toBe(expected);
  });

  it("writes numbers and other values as their text", () => {
    expect(xmlText(60.17)).toBe("60.17");
    expect(xmlText(null)).toBe("null");
  });
});

describe("GeoJSON, beyond Points and lines", () => {
  const located = (id: string, location: unknown): EntityRecord => ({
    kind: "City",
    id,
    name: id.toUpperCase(),
    aliases: [],
    location,
    sources: ["report"],
  });

  it("leaves out entities without a usable location and relationships with an unplaced end, counting every item", async () => {
    const entities = [
      located("a", { lat: 60, lon: 25 }),
      located("b", { lat: 59.4, lon: 24.7 }),
      located("nan", { lat: Number.NaN, lon: 1 }),
      located("none", undefined),
    ];
    const relationships: RelationshipRecord[] = [
      { type: "PARTNER_OF", id: "a-b", from: "a", to: "b", citations: [] },
      { type: "PARTNER_OF", id: "a-nan", from: "a", to: "nan", citations: [] },
      { type: "PARTNER_OF", id: "none-b", from: "none", to: "b", citations: [] },
    ];
    let items = 0;
    const text = await written(writeGeojson, graphOf(SOURCES, entities, relationships), {
      asOf: null,
      onItem: () => (items += 1),
    });
    const collection = JSON.parse(text) as { asOf?: string; features: { id: string }[] };
    expect(collection.features.map((feature) => feature.id)).toEqual(["a", "b", "a-b"]);
    expect(collection.asOf).toBeUndefined();
    expect(items).toBe(7);
  });

  it("places an office without a location of its own at the city it is located in, and says so", async () => {
    const office: EntityRecord = { kind: "Office", id: "eu-office", name: "EU Office", aliases: [], sources: [] };
    const lost: EntityRecord = { kind: "Office", id: "lost-office", name: "Lost", aliases: [], sources: [] };
    const entities = [located("a", { lat: 50.85, lon: 4.35 }), office, lost, located("z", { lat: 60, lon: 25 })];
    const relationships: RelationshipRecord[] = [
      { type: "FUNDS", id: "z-funds", from: "z", to: "eu-office", citations: [] },
      { type: "FUNDS", id: "z-funds-lost", from: "z", to: "lost-office", citations: [] },
    ];
    const graph: GraphReader = {
      ...graphOf(SOURCES, entities, relationships),
      officePlacements: async () => new Map([["eu-office", "a"]]),
    };
    const collection = JSON.parse(await written(writeGeojson, graph)) as {
      features: { id: string; geometry: { coordinates: unknown }; properties: Record<string, unknown> }[];
    };
    expect(collection.features.map((feature) => feature.id)).toEqual(["a", "z", "eu-office", "z-funds"]);
    const placed = collection.features.find((feature) => feature.id === "eu-office")!;
    expect(placed.geometry.coordinates).toEqual([4.35, 50.85]);
    expect(placed.properties).toMatchObject({ kind: "Office", placedAt: { id: "a", name: "A" } });
  });

  it("names an unknown source's title null, and a relationship's missing fields null", () => {
    const titles = new Map([["report", { title: "Annual report & review" }]]);
    expect(entityProperties({ ...ENTITIES[1]!, sources: ["report", "gone"] }, titles)).toEqual({
      feature: "entity",
      id: "mayor",
      kind: "Person",
      name: 'Anna "the Mayor" Virtanen',
      nameFi: null,
      nameSv: null,
      nameEn: null,
      aliases: [],
      description: "Mayor\nof Helsinki",
      externalIds: [],
      sources: [
        { id: "report", title: "Annual report & review" },
        { id: "gone", title: null },
      ],
    });
    expect(
      relationshipProperties(
        { type: "IN_COUNTRY", id: "x", from: "a", to: "b", citations: [{ source: "gone", excerpt: "e" }] },
        { from: "A", to: "B" },
        titles,
        "2020-01-01",
      ),
    ).toEqual({
      feature: "relationship",
      id: "x",
      type: "IN_COUNTRY",
      kind: null,
      from: "a",
      to: "b",
      fromName: "A",
      toName: "B",
      status: null,
      state: "UNDATED",
      stateOn: "2020-01-01",
      validFrom: null,
      validTo: null,
      sources: [{ id: "gone", title: null, excerpt: "e", publisherKind: null, party: null }],
    });
  });
});

describe("every writer", () => {
  it.each(Object.keys(WRITERS))("%s: counts each entity and relationship once, never a source", async (name) => {
    let items = 0;
    await written(WRITERS[name]!, GRAPH, { asOf: null, onItem: () => (items += 1) });
    const expected = name === "gephi nodes" ? ENTITIES.length : name === "gephi edges" ? RELATIONSHIPS.length : 3;
    expect(items).toBe(expected);
  });

  it.each(Object.keys(WRITERS))(
    "%s: waits for a slow reader (never buffers the export), and writes the same bytes",
    async (name) => {
      const many = graphOf(
        SOURCES,
        Array.from({ length: 300 }, (_, i) => ({ ...ENTITIES[0]!, id: `city-${i}`, name: `City ${i}` })),
        Array.from({ length: 300 }, (_, i) => ({ ...RELATIONSHIPS[0]!, id: `r-${i}`, from: `city-${i}` })),
      );
      const expected = await written(WRITERS[name]!, many);
      const chunks: Buffer[] = [];
      let buffered = 0;
      const slow = new Writable({
        highWaterMark: 64,
        write(chunk: Buffer, _encoding, callback) {
          chunks.push(chunk);
          buffered = Math.max(buffered, slow.writableLength);
          setImmediate(callback);
        },
      });
      await WRITERS[name]!(many, slow, { asOf: null });
      await new Promise<void>((resolve) => slow.end(resolve));
      expect(Buffer.concat(chunks).toString("utf8")).toBe(expected);
      // Waiting for "drain" keeps what waits in the stream to a record or so, whatever the export's size.
      expect(expected.length).toBeGreaterThan(15_000);
      expect(buffered).toBeLessThan(2_000);
    },
  );

  it.each(Object.keys(WRITERS))("%s: fails, rather than writes on, when the graph fails mid-export", async (name) => {
    const failing: GraphReader = {
      ...GRAPH,
      async *entities() {
        yield ENTITIES[0]!;
        throw new Error("the database went away");
      },
      async *relationships() {
        yield RELATIONSHIPS[0]!;
        throw new Error("the database went away");
      },
    };
    await expect(written(WRITERS[name]!, failing)).rejects.toThrow("the database went away");
  });

  // JSON's case is below (lists in cells).
  it.each(Object.keys(WRITERS).filter((name) => name !== "json"))(
    "%s: stops when the reader goes away mid-export",
    async (name) => {
      const endless: GraphReader = {
        ...GRAPH,
        async *entities() {
          for (let i = 0; ; i++) yield { ...ENTITIES[0]!, id: `city-${i}` };
        },
        async *relationships() {
          for (let i = 0; ; i++) yield { ...RELATIONSHIPS[0]!, id: `r-${i}` };
        },
      };
      let taken = 0;
      const out = new Writable({
        highWaterMark: 256,
        write(_chunk, _encoding, callback) {
          taken += 1;
          // The reader stops reading after a few chunks and goes away.
          if (taken === 5) setImmediate(() => out.destroy());
          else setImmediate(callback);
        },
      });
      await expect(WRITERS[name]!(endless, out, { asOf: null })).rejects.toThrow("closed before the end");
    },
  );
});

describe("an output already closed", () => {
  it.each([
    ["ended", (out: Writable) => out.end()],
    ["destroyed", (out: Writable) => out.destroy()],
  ])("is refused at the first write when %s", async (_case, close) => {
    const out = new PassThrough();
    close(out);
    await expect(put(out, "x")).rejects.toThrow("closed before the end");
    await expect(writeGraphml(GRAPH, out, { asOf: null })).rejects.toThrow("closed before the end");
  });
});

describe("export names and media types", () => {
  it.each([
    ["json", undefined, "helsinki-kg.json", "application/json; charset=utf-8"],
    ["csv", undefined, "helsinki-kg.csv", "text/csv; charset=utf-8"],
    ["gephi", undefined, "helsinki-kg-nodes.csv", "text/csv; charset=utf-8"],
    ["gephi", "edges", "helsinki-kg-edges.csv", "text/csv; charset=utf-8"],
    ["graphml", undefined, "helsinki-kg.graphml", "application/graphml+xml; charset=utf-8"],
    ["gexf", undefined, "helsinki-kg.gexf", "application/gexf+xml; charset=utf-8"],
    ["geojson", undefined, "helsinki-kg.geojson", "application/geo+json; charset=utf-8"],
  ] as const)("%s %s → %s (%s)", (format, table, file, type) => {
    expect(exportFileName(format, table)).toBe(file);
    expect(CONTENT_TYPES[format]).toBe(type);
  });

  it("covers every format", () => {
    expect(Object.keys(CONTENT_TYPES).sort()).toEqual([...EXPORT_FORMATS].sort());
    expect(new Set(EXPORT_FORMATS.map((format: ExportFormat) => exportFileName(format))).size).toBe(
      EXPORT_FORMATS.length,
    );
  });
});

/** A stand-in for the database that answers each page query from a list, and records what was asked. */
function pagedDatabase(rows: Record<string, unknown>[], key: (row: Record<string, unknown>) => string) {
  const asked: { after: string; pageSize: number }[] = [];
  const db = {
    read: async <T>(work: (tx: unknown) => Promise<T>): Promise<T> =>
      work({
        run: async (_cypher: string, params: { after: string; pageSize: { toNumber(): number } }) => {
          const pageSize = params.pageSize.toNumber();
          asked.push({ after: params.after, pageSize });
          const page = rows.filter((row) => key(row) > params.after).slice(0, pageSize);
          const last = page.length === pageSize ? key(page[page.length - 1]!) : null;
          const values: Record<string, unknown> = { rows: page, last };
          return { records: [{ get: (name: string) => values[name] }] };
        },
      }),
  };
  return { db: db as unknown as Database, asked };
}

describe("reading the graph page by page", () => {
  const people = ["a", "b", "c", "d", "e"].map((id) => ({
    kind: "Person",
    props: { id, name: id.toUpperCase(), aliases: [], sourceIds: ["s"], email: `${id}@example.org`, phone: "1" },
  }));

  it("resumes after the last id of each full page, and stops after a short one", async () => {
    const { db, asked } = pagedDatabase(people, (row) => (row.props as { id: string }).id);
    const ids: string[] = [];
    for await (const entity of readEntities(db, true, 2)) ids.push(entity.id);
    expect(ids).toEqual(["a", "b", "c", "d", "e"]);
    expect(asked).toEqual([
      { after: "", pageSize: 2 },
      { after: "b", pageSize: 2 },
      { after: "d", pageSize: 2 },
    ]);
  });

  it("asks once more when the last page was exactly full, and ends on the empty one", async () => {
    const { db, asked } = pagedDatabase(
      [
        { id: "s1", title: "One" },
        { id: "s2", title: "Two" },
      ],
      (row) => row.id as string,
    );
    const read: SourceRecord[] = [];
    for await (const source of readSources(db, 2)) read.push(source);
    expect(read.map((source) => source.id)).toEqual(["s1", "s2"]);
    expect(asked.map((question) => question.after)).toEqual(["", "s2"]);
  });

  it("leaves out personal contact details unless they are asked for", async () => {
    const { db } = pagedDatabase(people.slice(0, 1), (row) => (row.props as { id: string }).id);
    const without: EntityRecord[] = [];
    for await (const entity of readEntities(db, false)) without.push(entity);
    expect(without).toEqual([{ kind: "Person", id: "a", name: "A", sources: ["s"] }]);
    const withThem: EntityRecord[] = [];
    for await (const entity of readEntities(db, true)) withThem.push(entity);
    expect(withThem).toEqual([
      { kind: "Person", id: "a", name: "A", sources: ["s"], email: "a@example.org", phone: "1" },
    ]);
  });
});

describe("lists in cells, escaping, GeoJSON, a reader that goes away", () => {
  function graphOf(entities: number): GraphReader {
    return {
      async *sources() {
        yield { id: "s", title: "Source" };
      },
      async *entities() {
        for (let i = 0; i < entities; i++) {
          yield { kind: "City", id: `city-${i}`, name: `City ${i}`, aliases: ["=cmd", "A|B"], sources: ["s"] };
        }
      },
      async *relationships() {},
    };
  }

  describe("export writers", () => {
    it("write a | inside a list value as \\| (the import reads it back), and defuse formula cells", async () => {
      const out = new PassThrough();
      let text = "";
      out.on("data", (chunk: Buffer) => (text += chunk.toString()));
      await writeGephiCsv(graphOf(1), out, "nodes", { asOf: null });
      const line = text.split("\n")[1]!;
      // The cell starts with "=", so a spreadsheet would run it: it gets an apostrophe.
      expect(line).toContain("'=cmd|A\\|B");
      expect(splitList("=cmd|A\\|B")).toEqual(["=cmd", "A|B"]);
    });

    it("write a CSV the import reads back as the same records", async () => {
      const out = new PassThrough();
      let text = "";
      out.on("data", (chunk: Buffer) => (text += chunk.toString()));
      await writeRecordsCsv(graphOf(2), out, { asOf: null });
      const reader: RecordReader = textReader(text, "export.csv", "csv");
      const read: unknown[] = [];
      for await (const record of reader.records(() => undefined)) read.push(record.value);
      expect(read).toEqual([
        { id: "s", title: "Source" },
        { kind: "City", id: "city-0", name: "City 0", aliases: ["=cmd", "A|B"], sources: ["s"] },
        { kind: "City", id: "city-1", name: "City 1", aliases: ["=cmd", "A|B"], sources: ["s"] },
      ]);
    });

    it("keep line breaks and tabs in XML attributes, and drop characters XML forbids", () => {
      expect(xmlText('a\nb\tc & "d" \u0001 \uD800')).toBe("a&#10;b&#9;c &amp; &quot;d&quot;  ");
    });

    it("stop, rather than wait forever, when the output goes away mid-export", async () => {
      const out = new Writable({
        highWaterMark: 16,
        write(_chunk, _encoding, callback) {
          // Never calls back: the reader stopped reading (a client that went away).
          void callback;
        },
      });
      const done = writeJson(graphOf(100_000), out, { asOf: null });
      setTimeout(() => out.destroy(), 50);
      await expect(done).rejects.toThrow(/closed before the end/);
    });

    it("write GeoJSON: located entities as Points, relationships between them as LineStrings, [lon, lat]", async () => {
      const graph: GraphReader = {
        async *sources() {
          yield { id: "s", title: "The source" };
        },
        async *entities() {
          yield { kind: "City", id: "a", name: "A", aliases: [], location: { lat: 60.1, lon: 24.9 }, sources: ["s"] };
          yield {
            kind: "City",
            id: "b",
            name: "B",
            aliases: ["Bee"],
            externalIds: [{ scheme: "geonames", value: "1" }],
            location: { lat: -33.9, lon: 151.2 },
            sources: ["s"],
          };
          yield { kind: "Country", id: "c", name: "C", aliases: [], sources: ["s"] };
        },
        async *relationships() {
          const citations = [{ source: "s", excerpt: 'a <b> & "c"' }];
          yield {
            type: "PARTNER_OF",
            id: "a--PARTNER_OF--b",
            from: "a",
            to: "b",
            status: "active",
            validFrom: "2018",
            citations,
          };
          yield { type: "IN_COUNTRY", id: "a--IN_COUNTRY--c", from: "a", to: "c", citations };
        },
      };
      const out = new PassThrough();
      let text = "";
      out.on("data", (chunk: Buffer) => (text += chunk.toString()));
      await writeGeojson(graph, out, { asOf: "2020-01-01" });
      const collection = JSON.parse(text) as { features: { id: string; geometry: unknown; properties: unknown }[] };
      expect(featureCollectionErrors(collection)).toEqual([]);
      expect(collection).toMatchObject({ type: "FeatureCollection", asOf: "2020-01-01" });
      expect(collection.features.map((feature) => [feature.id, feature.geometry])).toEqual([
        ["a", { type: "Point", coordinates: [24.9, 60.1] }],
        ["b", { type: "Point", coordinates: [151.2, -33.9] }],
        [
          "a--PARTNER_OF--b",
          {
            type: "LineString",
            coordinates: [
              [24.9, 60.1],
              [151.2, -33.9],
            ],
          },
        ],
      ]);
      expect(collection.features[1]?.properties).toEqual({
        feature: "entity",
        id: "b",
        kind: "City",
        name: "B",
        nameFi: null,
        nameSv: null,
        nameEn: null,
        aliases: ["Bee"],
        description: null,
        externalIds: ["geonames:1"],
        sources: [{ id: "s", title: "The source" }],
      });
      expect(collection.features[2]?.properties).toEqual({
        feature: "relationship",
        id: "a--PARTNER_OF--b",
        type: "PARTNER_OF",
        kind: null,
        from: "a",
        to: "b",
        fromName: "A",
        toName: "B",
        status: "active",
        state: "CURRENT",
        stateOn: "2020-01-01",
        validFrom: "2018",
        validTo: null,
        sources: [{ id: "s", title: "The source", excerpt: 'a <b> & "c"', publisherKind: null, party: null }],
      });
    });

    it("cut a GeoJSON line whose short way crosses the antimeridian into two that meet there (RFC 7946 §3.1.9)", () => {
      const tokyo: [number, number] = [139.7, 35.7];
      const sanFrancisco: [number, number] = [-122.4, 37.8];
      const there = lineGeometry(tokyo, sanFrancisco);
      expect(there.type).toBe("MultiLineString");
      const [east, west] = there.coordinates as [number, number][][];
      expect(east![0]).toEqual(tokyo);
      expect(east![1]![0]).toBe(180);
      expect(west![0]![0]).toBe(-180);
      expect(west![1]).toEqual(sanFrancisco);
      // The same latitude on both sides, between the ends', where the straight line meets the meridian.
      expect(east![1]![1]).toBeCloseTo(35.7 + ((180 - 139.7) / (237.6 - 139.7)) * 2.1, 9);
      expect(west![0]![1]).toBe(east![1]![1]);
      // Back again: the same cut, in the other order.
      const back = lineGeometry(sanFrancisco, tokyo);
      expect(back.coordinates).toEqual([
        [sanFrancisco, [-180, east![1]![1]]],
        [[180, east![1]![1]], tokyo],
      ]);
      // Lines that stay within 180° of longitude are left whole, even across Greenwich or long ones.
      expect(lineGeometry([24.9, 60.2], [151.2, -33.9])).toEqual({
        type: "LineString",
        coordinates: [
          [24.9, 60.2],
          [151.2, -33.9],
        ],
      });
      expect(lineGeometry([-0.1, 51.5], [2.3, 48.9]).type).toBe("LineString");
      // An end on the antimeridian itself is taken on the other end's side: no part of zero length.
      expect(lineGeometry([180, -17], [-175.2, -21.1])).toEqual({
        type: "LineString",
        coordinates: [
          [-180, -17],
          [-175.2, -21.1],
        ],
      });
      expect(lineGeometry([-180, 10], [180, 20]).coordinates).toEqual([
        [180, 10],
        [180, 20],
      ]);
      // Every shape is valid GeoJSON.
      const collection = {
        type: "FeatureCollection",
        features: [there, back].map((geometry, i) => ({ type: "Feature", id: String(i), geometry, properties: {} })),
      };
      expect(featureCollectionErrors(collection)).toEqual([]);
    });

    it("write an empty but valid GeoJSON FeatureCollection when nothing is located", async () => {
      const out = new PassThrough();
      let text = "";
      out.on("data", (chunk: Buffer) => (text += chunk.toString()));
      await writeGeojson(graphOf(3), out, { asOf: null });
      const collection = JSON.parse(text) as unknown;
      expect(collection).toEqual({ type: "FeatureCollection", name: "helsinki-international-relations", features: [] });
      expect(featureCollectionErrors(collection)).toEqual([]);
    });
  });
});
