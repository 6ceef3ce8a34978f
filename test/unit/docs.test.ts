/**
 * The documentation held to account as a whole: the README stays a front page, every link between the pages
 * lands on a file and a heading that exist, and docs/configuration.md is what the configuration schema says.
 * (The pages' other promises are checked where their subject is tested: the error codes in error-codes.test.ts,
 * the problem codes in record-model.test.ts, every documented query against the limits in query-limits.test.ts.)
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withTables } from "../../src/cli/config-docs-command.js";
import { CONFIG_SCHEMAS, CONFIG_VARIABLES, PROJECT_ROOT, configurationTables } from "../../src/config/index.js";
import { OTHER_VARIABLES } from "../../src/config/documented.js";
import { docPages, readDoc, tableRows } from "../support/docs.js";

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\- ]/gu, "")
    .replaceAll(" ", "-");
}

function anchorsOf(text: string): Set<string> {
  const found = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const heading = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (!heading) continue;
    const slug = anchor(heading[1]!);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    found.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return found;
}

/** Markdown links and images outside code: [text](target). */
function links(text: string): string[] {
  const outsideCode = text.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...outsideCode.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
}

describe("the documentation", () => {
  it("keeps the README a front page of at most 250 lines", () => {
    expect(readDoc("README.md").split("\n").length).toBeLessThanOrEqual(250);
  });

  it.each(docPages())("%s: every link lands on a file and a heading that exist", (page) => {
    const broken: string[] = [];
    for (const target of links(readDoc(page))) {
      if (/^[a-z]+:/.test(target)) continue;
      const [file, hash] = target.split("#") as [string, string | undefined];
      const resolved = file === "" ? page : path.normalize(path.join(path.dirname(page), decodeURI(file)));
      if (!existsSync(path.join(PROJECT_ROOT, resolved))) {
        broken.push(`${target} (no file ${resolved})`);
        continue;
      }
      if (hash !== undefined && resolved.endsWith(".md") && !anchorsOf(readDoc(resolved)).has(hash)) {
        broken.push(`${target} (no heading #${hash} in ${resolved})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("lists every page of docs/ on the README", () => {
    const readme = readDoc("README.md");
    const unlisted = docPages()
      .filter((page) => page.startsWith("docs/"))
      .filter((page) => !readme.includes(`](${page})`));
    expect(unlisted).toEqual([]);
  });
});

describe("docs/configuration.md", () => {
  const page = readDoc("docs/configuration.md");
  const rows = tableRows(page).filter((row) => /^`[A-Z][A-Z0-9_]*`$/.test(row[0] ?? ""));
  const names = rows.map((row) => row[0]!.slice(1, -1));

  it("is what the configuration schema documents (run `npm run docs:config` after changing src/config)", () => {
    expect(page).toBe(withTables(page, configurationTables()));
  });

  it("lists every variable once, and nothing else", () => {
    expect([...names].sort()).toEqual([...CONFIG_VARIABLES, ...Object.keys(OTHER_VARIABLES)].sort());
  });

  it.each(rows.filter((row) => /^`[^`]+`$/.test(row[1] ?? "") && CONFIG_SCHEMAS[row[0]!.slice(1, -1)]))(
    "%s: the default it shows is the schema's",
    (name, shown) => {
      const schema = CONFIG_SCHEMAS[name.slice(1, -1)]!;
      expect(schema.parse(shown.slice(1, -1))).toEqual(schema.parse(undefined));
    },
  );
});

describe("the licences and the citation", () => {
  it("NOTICE names every publisher the curated graph quotes", () => {
    const notice = readDoc("NOTICE");
    const publishers = new Set(
      readdirSync(path.join(PROJECT_ROOT, "seed"))
        .filter((name) => name.endsWith(".yaml"))
        .flatMap((name) => [...readDoc(`seed/${name}`).matchAll(/^\s*publisher:\s*(.+)$/gm)])
        .map((match) => match[1]!.trim().replace(/^["']|["']$/g, "")),
    );
    expect([...publishers].filter((publisher) => !notice.includes(`- ${publisher}\n`))).toEqual([]);
  });

  it("CITATION.cff cites the version package.json has", () => {
    const version = (JSON.parse(readDoc("package.json")) as { version: string }).version;
    expect(readDoc("CITATION.cff")).toContain(`version: "${version}"`);
  });
});
