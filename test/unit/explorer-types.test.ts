/**
 * The explorer's API types (src/web/explorer/generated/operations.ts) are generated from the committed schema
 * snapshot and the explorer's documents: the committed file must be what `npm run codegen` writes now, so a
 * changed schema or document without regenerated types fails here, and the explorer's type check then fails
 * on every field it uses that changed.
 */
import { readFile } from "node:fs/promises";
import { Kind, parse } from "graphql";
import { describe, expect, it } from "vitest";
import {
  EXPLORER_TYPES_FILE,
  SCHEMA_SNAPSHOT,
  explorerDocuments,
  generateExplorerTypes,
} from "../../src/web-build/explorer-types.js";

describe("the explorer's generated API types", () => {
  it("are what npm run codegen writes from the committed schema (run it after changing either)", async () => {
    const committed = await readFile(EXPLORER_TYPES_FILE, "utf8");
    expect(
      await generateExplorerTypes(),
      "src/web/explorer/generated/operations.ts is stale: run npm run codegen",
    ).toBe(committed);
  });

  it("give every operation the explorer sends a name of its own", () => {
    const names = explorerDocuments().flatMap(({ text }) =>
      parse(text)
        .definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
        .map((definition) => definition.name?.value ?? "(anonymous)"),
    );
    expect(names).not.toContain("(anonymous)");
    expect(new Set(names).size).toBe(names.length);
  });

  it("refuse a schema without a field the explorer asks for", async () => {
    const schema = await readFile(SCHEMA_SNAPSHOT, "utf8");
    const renamed = schema.replace(/^(\s+)aliases: \[String!\]!$/gm, "$1otherNames: [String!]!");
    expect(renamed).not.toBe(schema);
    await expect(generateExplorerTypes(renamed)).rejects.toThrow(/aliases/);
  });
});
