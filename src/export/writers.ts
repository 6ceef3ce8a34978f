/**
 * The export formats, each written as a stream:
 * - json: the import file format (sources, entities, relationships; one record per line) — lossless and
 *   re-importable;
 * - csv: the import file's CSV dialect (graph-data/csv-dialect.ts), one record per row — re-importable;
 * - gephi: a node table or an edge table for Gephi and spreadsheets (UTF-8 with BOM so they read ä and ö;
 *   Gephi's column names Id/Label and Source/Target/Type);
 * - graphml: for yEd and Gephi, every property as a declared key;
 * - gexf: GEXF 1.3 for Gephi, relationships carrying their validity as time intervals (Gephi's timeline);
 * - geojson: located entities and the relationships between them, for maps (geojson-writer.ts).
 * The XML is written by hand because the XML and graph libraries build the whole document in memory.
 */
import type { Writable } from "node:stream";
import { stringify } from "csv-stringify";
import {
  CSV_COLUMNS,
  type EntityRecord,
  type RelationshipRecord,
  type SourceRecord,
  firstDayOf,
  joinList,
  recordToRow,
  relationshipState,
  spreadsheetSafe,
  todayUtc,
} from "../graph-data/index.js";

export const EXPORT_FORMATS = ["json", "csv", "gephi", "graphml", "gexf", "geojson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type CsvTable = "nodes" | "edges";

export interface GraphReader {
  sources(): AsyncIterable<SourceRecord>;
  entities(): AsyncIterable<EntityRecord>;
  relationships(): AsyncIterable<RelationshipRecord>;
  /**
   * For each office without a location of its own, the id of the located city it is LOCATED_IN (the first by
   * id, as the explorer's map places it); only the GeoJSON writer asks. Absent: no office is placed.
   */
  officePlacements?(): Promise<ReadonlyMap<string, string>>;
}

export interface WriteOptions {
  readonly asOf: string | null;
  readonly onItem?: () => void;
}

/**
 * Resolves when `stream` may take more, and rejects when it closes or fails first (a client that went
 * away): the export then stops, and its Neo4j session is released, instead of waiting forever.
 */
function drained(stream: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const finish = (error?: Error) => {
      stream.off("drain", onDrain).off("close", onClose).off("error", onError);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => finish();
    const onClose = () => finish(new Error("the export's output closed before the end"));
    const onError = (error: Error) => finish(error);
    stream.on("drain", onDrain).on("close", onClose).on("error", onError);
  });
}

/** Writes, waiting for the stream to drain when it asks to; fails once the stream is gone. */
export async function put(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed || out.writableEnded) throw new Error("the export's output closed before the end");
  if (!out.write(chunk)) await drained(out);
}

// ── JSON

export async function writeJson(graph: GraphReader, out: Writable, options: WriteOptions): Promise<void> {
  await put(
    out,
    `{\n  "format": "helsinki-kg/1",\n${options.asOf ? `  "asOf": ${JSON.stringify(options.asOf)},\n` : ""}`,
  );
  const section = async (name: string, records: AsyncIterable<unknown>, last: boolean, counted: boolean) => {
    await put(out, `  "${name}": [`);
    let first = true;
    for await (const record of records) {
      await put(out, `${first ? "" : ","}\n    ${JSON.stringify(record)}`);
      first = false;
      if (counted) options.onItem?.();
    }
    await put(out, `${first ? "" : "\n  "}]${last ? "" : ","}\n`);
  };
  await section("sources", graph.sources(), false, false);
  await section("entities", graph.entities(), false, true);
  await section("relationships", graph.relationships(), true, true);
  await put(out, "}\n");
}

// ── CSV: the import dialect, one record per row.

export async function writeRecordsCsv(graph: GraphReader, out: Writable, options: WriteOptions): Promise<void> {
  await writeCsvRows(
    out,
    CSV_COLUMNS,
    async (row) => {
      for await (const source of graph.sources()) await row(recordToRow("sources", source), false);
      for await (const entity of graph.entities()) await row(recordToRow("entities", entity), true);
      for await (const relationship of graph.relationships())
        await row(recordToRow("relationships", relationship), true);
    },
    options,
  );
}

/**
 * Streams CSV rows (UTF-8 with BOM) into `out`, stopping when `out` closes (a client that went away).
 * `rows` calls `row(cells, counted)` for each row; counted rows call `onItem`.
 */
async function writeCsvRows(
  out: Writable,
  columns: readonly string[],
  rows: (row: (cells: unknown[], counted: boolean) => Promise<void>) => Promise<void>,
  options: WriteOptions,
): Promise<void> {
  const csv = stringify({ header: true, bom: true, columns: [...columns] });
  csv.pipe(out, { end: false });
  const finished = new Promise<void>((resolve, reject) => {
    csv.on("end", resolve);
    csv.on("error", reject);
  });
  // Whatever ends the export first (the rows failing, the client going away), the other must not be left
  // as an unhandled rejection.
  finished.catch(() => undefined);
  // The client going away closes `out`: stop the stringifier too, so the loop below ends.
  const stop = () => csv.destroy(new Error("the export's output closed before the end"));
  out.once("close", stop);
  try {
    await rows(async (cells, counted) => {
      if (csv.destroyed) throw new Error("the export's output closed before the end");
      if (!csv.write(cells)) await drained(csv);
      if (counted) options.onItem?.();
    });
    csv.end();
    await finished;
  } finally {
    out.off("close", stop);
    if (!csv.writableEnded) csv.destroy();
  }
}

// ── Gephi tables

/**
 * Gephi's columns: its own `Id`/`Label` (and `Source`/`Target`/`Type` for edges), then the same values the
 * GraphML and GEXF writers give (nodeValues / edgeValues below), so the three formats cannot drift apart.
 */
export async function writeGephiCsv(
  graph: GraphReader,
  out: Writable,
  table: CsvTable,
  options: WriteOptions,
): Promise<void> {
  const cells = (values: Record<string, string | undefined>) =>
    Object.values(values).map((value) => spreadsheetSafe(value ?? ""));
  if (table === "nodes") {
    const columns = ["Id", "Label", ...NODE_KEYS.filter((key) => key !== "label")];
    await writeCsvRows(
      out,
      columns,
      async (row) => {
        for await (const entity of graph.entities())
          await row([spreadsheetSafe(entity.id), ...cells(nodeValues(entity))], true);
      },
      options,
    );
    return;
  }
  const columns = ["Id", "Source", "Target", "Type", "Label", ...EDGE_KEYS.filter((key) => key !== "label")];
  await writeCsvRows(
    out,
    columns,
    async (row) => {
      const titles = await sourceIndex(graph);
      for await (const edge of graph.relationships()) {
        await row(
          [
            ...[edge.id, edge.from, edge.to, "Directed"].map(spreadsheetSafe),
            ...cells(edgeValues(edge, titles, stateDay(options))),
          ],
          true,
        );
      }
    },
    options,
  );
}

export async function sourceIndex(graph: GraphReader): Promise<SourceIndex> {
  const sources = new Map<string, SourceRecord>();
  for await (const source of graph.sources()) sources.set(source.id, source);
  return sources;
}

// ── XML (GraphML, GEXF)

/** Text safe inside XML: markup escaped; characters XML 1.0 forbids (controls, lone surrogates) dropped. */
export function xmlText(value: unknown): string {
  return (
    String(value)
      // With the `u` flag a well-formed surrogate pair is one code point, so only lone halves match.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      // Kept as characters: XML readers turn raw line breaks and tabs in attributes into spaces.
      .replace(/\n/g, "&#10;")
      .replace(/\r/g, "&#13;")
      .replace(/\t/g, "&#9;")
  );
}

const NODE_KEYS = ["label", "kind", "nameFi", "nameSv", "nameEn", "aliases", "description", "sources"] as const;
const EDGE_KEYS = [
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
] as const;

function nodeValues(entity: EntityRecord): Record<(typeof NODE_KEYS)[number], string | undefined> {
  return {
    label: entity.name,
    kind: entity.kind,
    nameFi: entity.nameFi,
    nameSv: entity.nameSv,
    nameEn: entity.nameEn,
    aliases: joinList(entity.aliases ?? []) || undefined,
    description: entity.description,
    sources: joinList(entity.sources) || undefined,
  };
}

/** What a relationship's citations need of each source: its title and whose word it is. */
export type SourceIndex = ReadonlyMap<string, Pick<SourceRecord, "title" | "publisherKind" | "publisherId">>;

/**
 * Whose word a citation is: `party` when the source's publisher is one of the relationship's ends (Stockholm
 * on its own twinning), `third party` when it names another publisher, empty when it names none.
 */
export function citationParty(edge: Pick<RelationshipRecord, "from" | "to">, publisherId: string | undefined): string {
  if (publisherId === undefined) return "";
  return publisherId === edge.from || publisherId === edge.to ? "party" : "third party";
}

/**
 * The day an export's `state` column is taken on: its `asOf`, else the day it is written (UTC). `status` stays
 * as stored; `state` is what status and dates mean on that day (`relationshipState`, the API's `state`).
 */
export function stateDay(options: Pick<WriteOptions, "asOf">): string {
  return options.asOf ?? todayUtc();
}

function edgeValues(
  edge: RelationshipRecord,
  sources: SourceIndex,
  day: string,
): Record<(typeof EDGE_KEYS)[number], string | undefined> {
  return {
    label: edge.type.toLowerCase().replaceAll("_", " "),
    relationship: edge.type,
    kind: edge.kind,
    status: edge.status,
    state: relationshipState(edge, day),
    validFrom: edge.validFrom,
    validTo: edge.validTo,
    sources: joinList(edge.citations.map((c) => c.source)) || undefined,
    sourceTitles: joinList(edge.citations.map((c) => sources.get(c.source)?.title ?? c.source)) || undefined,
    excerpts: joinList(edge.citations.map((c) => c.excerpt ?? c.locator ?? "")) || undefined,
    // One per citation, in the order of `sources`: the publisher kind (city, organisation, government, media,
    // crowd) and whether the publisher is a party to the relationship.
    sourceKinds: joinList(edge.citations.map((c) => sources.get(c.source)?.publisherKind ?? "")) || undefined,
    sourceParties:
      joinList(edge.citations.map((c) => citationParty(edge, sources.get(c.source)?.publisherId))) || undefined,
  };
}

export async function writeGraphml(graph: GraphReader, out: Writable, options: WriteOptions): Promise<void> {
  await put(
    out,
    `<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n`,
  );
  for (const key of NODE_KEYS) {
    await put(out, `  <key id="n_${key}" for="node" attr.name="${key}" attr.type="string"/>\n`);
  }
  for (const key of EDGE_KEYS) {
    await put(out, `  <key id="e_${key}" for="edge" attr.name="${key}" attr.type="string"/>\n`);
  }
  await put(
    out,
    `  <graph id="helsinki-international-relations" edgedefault="directed">\n${options.asOf ? `    <desc>As of ${xmlText(options.asOf)}</desc>\n` : ""}`,
  );
  for await (const entity of graph.entities()) {
    const data = Object.entries(nodeValues(entity))
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `<data key="n_${key}">${xmlText(value)}</data>`)
      .join("");
    await put(out, `    <node id="${xmlText(entity.id)}">${data}</node>\n`);
    options.onItem?.();
  }
  const titles = await sourceIndex(graph);
  for await (const edge of graph.relationships()) {
    const data = Object.entries(edgeValues(edge, titles, stateDay(options)))
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `<data key="e_${key}">${xmlText(value)}</data>`)
      .join("");
    await put(
      out,
      `    <edge id="${xmlText(edge.id)}" source="${xmlText(edge.from)}" target="${xmlText(edge.to)}">${data}</edge>\n`,
    );
    options.onItem?.();
  }
  await put(out, "  </graph>\n</graphml>\n");
}

export async function writeGexf(graph: GraphReader, out: Writable, options: WriteOptions): Promise<void> {
  const nodeAttributes = NODE_KEYS.filter((key) => key !== "label");
  const edgeAttributes = EDGE_KEYS.filter((key) => key !== "label");
  await put(
    out,
    `<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n` +
      `  <meta><creator>helsinki-international-kg</creator><description>Helsinki's international relations${options.asOf ? `, as of ${xmlText(options.asOf)}` : ""}; relationships carry their validity as time intervals.</description></meta>\n` +
      `  <graph defaultedgetype="directed" mode="dynamic" timeformat="date" timerepresentation="interval">\n` +
      `    <attributes class="node" mode="static">\n${nodeAttributes.map((key) => `      <attribute id="${key}" title="${key}" type="string"/>\n`).join("")}    </attributes>\n` +
      `    <attributes class="edge" mode="static">\n${edgeAttributes.map((key) => `      <attribute id="${key}" title="${key}" type="string"/>\n`).join("")}    </attributes>\n` +
      `    <nodes>\n`,
  );
  for await (const entity of graph.entities()) {
    const { label, ...values } = nodeValues(entity);
    await put(out, `      <node id="${xmlText(entity.id)}" label="${xmlText(label)}">${attvalues(values)}</node>\n`);
    options.onItem?.();
  }
  await put(out, "    </nodes>\n    <edges>\n");
  const titles = await sourceIndex(graph);
  for await (const edge of graph.relationships()) {
    const { label, ...values } = edgeValues(edge, titles, stateDay(options));
    // Gephi's timeline: the interval the relationship holds (partial dates → their first day).
    const start = edge.validFrom ? ` start="${firstDayOf(edge.validFrom)}"` : "";
    const end = edge.validTo ? ` end="${firstDayOf(edge.validTo)}"` : "";
    await put(
      out,
      `      <edge id="${xmlText(edge.id)}" source="${xmlText(edge.from)}" target="${xmlText(edge.to)}" label="${xmlText(label)}"${start}${end}>${attvalues(values)}</edge>\n`,
    );
    options.onItem?.();
  }
  await put(out, "    </edges>\n  </graph>\n</gexf>\n");
}

function attvalues(values: Record<string, string | undefined>): string {
  const present = Object.entries(values).filter(([, value]) => value !== undefined);
  if (present.length === 0) return "";
  return `<attvalues>${present.map(([key, value]) => `<attvalue for="${key}" value="${xmlText(value)}"/>`).join("")}</attvalues>`;
}
