/**
 * The project's documentation as the tests read it: the README (the front page), the manual's pages in docs/
 * and test/README.md. Each test that holds a page to account reads that whole page.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/config/index.js";

/** One page's text, by its path from the project's root (`docs/errors.md`). */
export function readDoc(page: string): string {
  return readFileSync(path.join(PROJECT_ROOT, page), "utf8");
}

/** Every documentation page, by its path from the root: README.md, CONTRIBUTING.md, LICENSE-DATA.md, docs/*.md, test/README.md. */
export function docPages(): string[] {
  const docs = readdirSync(path.join(PROJECT_ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`);
  return ["README.md", "CONTRIBUTING.md", "LICENSE-DATA.md", ...docs, "test/README.md"];
}

/** The rows of a page's Markdown tables: each row's cells, trimmed (header and separator rows left out). */
export function tableRows(text: string): string[][] {
  const lines = text.split("\n");
  const isRow = (line: string) => line.startsWith("|") && line.trimEnd().endsWith("|");
  const isSeparator = (line: string) => /^\|(\s*:?-+:?\s*\|)+\s*$/.test(line);
  return lines
    .filter((line, i) => isRow(line) && !isSeparator(line) && !isSeparator(lines[i + 1] ?? ""))
    .map((line) =>
      line
        .trim()
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
}
