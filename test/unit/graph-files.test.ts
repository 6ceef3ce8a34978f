/** Several seed files read as one graph: references may cross files; problems keep their file and line. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RejectedWrite, readCuratedGraph } from "../../src/write/index.js";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "kg-graph-files-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function seedDir(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir);
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), text);
  return dir;
}

describe("the seed files read together", () => {
  it("lets a record cite a source or name an entity of another file", async () => {
    const dir = await seedDir("crossing", {
      "a.yaml":
        "sources:\n  - { id: test-a, title: A }\nentities:\n  - { kind: City, id: test-x, name: X, sources: [test-b] }\n",
      "b.yaml":
        "sources:\n  - { id: test-b, title: B }\nentities:\n  - { kind: City, id: test-y, name: Y, sources: [test-a] }\nrelationships:\n  - { type: PARTNER_OF, from: test-x, to: test-y, citations: [{ source: test-a, excerpt: e }] }\n",
    });
    const graph = await readCuratedGraph(dir);
    expect(graph.sources.map((s) => s.id)).toEqual(["test-a", "test-b"]);
    expect(graph.entities.map((e) => e.id)).toEqual(["test-x", "test-y"]);
    expect(graph.relationships.map((r) => r.id)).toEqual(["test-x--PARTNER_OF--test-y"]);
  });

  it("names the file and line of a problem in the second file, and an id used in two files", async () => {
    const dir = await seedDir("problems", {
      "c.yaml": "sources:\n  - { id: test-c, title: C }\n",
      "d.yaml":
        "sources:\n  - { id: test-c, title: again }\nentities:\n  - { kind: City, id: test-z, name: Z, sources: [nowhere] }\n",
    });
    const error = await readCuratedGraph(dir).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(RejectedWrite);
    expect((error as RejectedWrite).problems).toMatchObject([
      { file: expect.stringMatching(/d\.yaml$/), line: 2, item: "source", id: "test-c", code: "DUPLICATE_ID" },
      { file: expect.stringMatching(/d\.yaml$/), line: 4, item: "entity", id: "test-z", code: "UNKNOWN_REFERENCE" },
    ]);
  });
});
