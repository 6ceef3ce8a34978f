/** Several graph files read as one graph: references may cross files; problems keep their file and line. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphDataError } from "../../src/errors/index.js";
import { readGraphFiles } from "../../src/seed/index.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "kg-graph-files-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const at = path.join(dir, name);
  await writeFile(at, text);
  return at;
}

describe("readGraphFiles", () => {
  it("checks the files together: a record may cite a source or an entity of another file", async () => {
    const a = await file(
      "a.yaml",
      "sources:\n  - { id: test-a, title: A }\nentities:\n  - { kind: City, id: test-x, name: X, sources: [test-b] }\n",
    );
    const b = await file(
      "b.yaml",
      "sources:\n  - { id: test-b, title: B }\nentities:\n  - { kind: City, id: test-y, name: Y, sources: [test-a] }\nrelationships:\n  - { type: PARTNER_OF, from: test-x, to: test-y, citations: [{ source: test-a, excerpt: e }] }\n",
    );
    const graph = await readGraphFiles([a, b]);
    expect(graph.sources.map((s) => s.id)).toEqual(["test-a", "test-b"]);
    expect(graph.entities.map((e) => e.id)).toEqual(["test-x", "test-y"]);
    expect(graph.relationships.map((r) => r.id)).toEqual(["test-x--PARTNER_OF--test-y"]);
  });

  it("names the file and line of a problem in the second file, and ids used in two files", async () => {
    const a = await file("c.yaml", "sources:\n  - { id: test-c, title: C }\n");
    const b = await file(
      "d.yaml",
      "sources:\n  - { id: test-c, title: again }\nentities:\n  - { kind: City, id: test-z, name: Z, sources: [nowhere] }\n",
    );
    const error = (await readGraphFiles([a, b]).catch((failure: unknown) => failure)) as GraphDataError;
    expect(error).toBeInstanceOf(GraphDataError);
    const relative = (name: string) => path.relative(process.cwd(), path.join(dir, name));
    expect(error.problems).toEqual([
      `${relative("d.yaml")}:2: source test-c: id is used twice`,
      `${relative("d.yaml")}:4: City test-z, field sources: unknown source nowhere`,
    ]);
  });
});
