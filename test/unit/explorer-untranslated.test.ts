/**
 * Every word the explorer's components show goes through `messages()` (i18n-core.ts), in English, Finnish and
 * Swedish: this reads each `.tsx` file of the explorer with the TypeScript parser and fails on English written
 * straight into the markup — JSX text, a string child (`{"…"}`), or a literal `aria-label`, `title`,
 * `placeholder` or `alt`. Names that are the same in every language (a product's name, the data's own codes)
 * are allowed below, each with where and why.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const EXPLORER = "src/web/explorer";

/** The attributes a reader meets (seen, or read out by a screen reader). */
const SPOKEN_ATTRIBUTES = new Set([
  "aria-label",
  "aria-description",
  "aria-roledescription",
  "title",
  "placeholder",
  "alt",
]);

/** `file: text` allowed as it is. */
const ALLOWED = new Set([
  // The GraphiQL page is called so in every language.
  "view-switch.tsx: text: GraphiQL",
  // File formats are named so in every language (the links' spoken labels are translated).
  "question-downloads.tsx: text: CSV",
  "question-downloads.tsx: text: JSON",
  // The statuses and the field as the data writes them, shown as code beside their meaning.
  "end-form.tsx: text: ended",
  "end-form.tsx: text: suspended",
  "end-form.tsx: text: validTo",
]);

/** A word of two letters or more: text a reader reads (not punctuation, not a separator). */
const WORDS = /\p{L}{2,}/u;

function literalText(node: ts.Node | undefined): string | null {
  if (!node) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isJsxExpression(node)) return literalText(node.expression);
  return null;
}

/** The English written straight into a piece of markup: each as `text: …`, `child: …` or `attribute: …`. */
function findings(file: string, code: string): string[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const note = (what: string, text: string | null) => {
    if (text !== null && WORDS.test(text)) found.push(`${what}: ${text.trim().replace(/\s+/g, " ")}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) note("text", node.text);
    else if (ts.isJsxExpression(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      note("child", literalText(node.expression));
    } else if (ts.isJsxAttribute(node) && SPOKEN_ATTRIBUTES.has(node.name.getText(source))) {
      note(node.name.getText(source), literalText(node.initializer));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** One component file's findings, as `file: what: text`, less those allowed. */
function untranslated(file: string): string[] {
  return findings(file, readFileSync(join(EXPLORER, file), "utf8"))
    .map((finding) => `${file}: ${finding}`)
    .filter((entry) => !ALLOWED.has(entry));
}

const components = readdirSync(EXPLORER).filter((file) => file.endsWith(".tsx"));

describe("the explorer's words", () => {
  it("writes no English straight into a component's markup", () => {
    expect(components.length).toBeGreaterThan(10);
    expect(components.flatMap(untranslated)).toEqual([]);
  });

  it("would notice a new untranslated label", () => {
    // Text, a string child and a spoken attribute are each caught; words through `t` are not.
    const code = `export const X = () => <p aria-label="Close">Hello {"there"} {t(M.ok)}</p>;`;
    expect(findings("probe.tsx", code)).toEqual(["aria-label: Close", "text: Hello", "child: there"]);
  });
});
