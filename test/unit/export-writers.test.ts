/** The export writers without a database: lists in cells, escaping, and a reader that goes away mid-export. */
import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { xmlText } from "../../src/export/index.js";
import { type GraphReader, writeGephiCsv, writeJson, writeRecordsCsv } from "../../src/export/writers.js";
import { type RecordReader, splitList, textReader } from "../../src/graph-data/index.js";

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
});
