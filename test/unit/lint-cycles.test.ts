/**
 * The lint rule `local/no-cycle-with-types` (dev/lint/no-type-cycle.mjs): an import cycle counts when its
 * imports name only types, which import-x/no-cycle lets through; a chain without a way back is no cycle.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Linter } from "eslint";
import tseslint from "typescript-eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import local from "../../dev/lint/no-type-cycle.mjs";

let dir: string;
const files: Record<string, string> = {
  "a.ts": 'import type { B } from "./b.js";\nexport interface A { b: B }\n',
  "b.ts": 'import { type A } from "./a.js";\nexport interface B { a?: A }\n',
  "c.ts": 'import type { D } from "./d.js";\nexport type C = D;\n',
  "d.ts": 'export * from "./e.js";\nexport type D = string;\n',
  "e.ts": "export const e = 1;\n",
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lint-cycles-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function lint(name: string): string[] {
  const linter = new Linter({ cwd: dir });
  const messages = linter.verify(
    files[name]!,
    [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tseslint.parser },
        plugins: { local },
        rules: { "local/no-cycle-with-types": "error" },
      },
    ],
    { filename: join(dir, name) },
  );
  return messages.map((message) => message.message);
}

describe("no-cycle-with-types", () => {
  it("reports a cycle made of type-only imports, with its route", () => {
    expect(lint("a.ts")).toEqual(["Import cycle (type-only imports count): a.ts → b.ts → a.ts"]);
    expect(lint("b.ts")).toEqual(["Import cycle (type-only imports count): b.ts → a.ts → b.ts"]);
  });

  it("lets a chain without a way back through", () => {
    expect(lint("c.ts")).toEqual([]);
    expect(lint("d.ts")).toEqual([]);
  });
});
