/**
 * `npm run docs:config`: writes docs/configuration.md's tables from the configuration schema's own
 * documentation (src/config), between the page's two markers. The unit test that holds the page to account
 * says to run this when they disagree.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT, configurationTables } from "../config/index.js";

export const CONFIG_PAGE = path.join(PROJECT_ROOT, "docs/configuration.md");
export const BEGIN = "<!-- The tables below are written by `npm run docs:config` from src/config: edit them there. -->";
export const END = "<!-- End of the generated tables. -->";

/** The page with its generated part replaced by `tables`. */
export function withTables(page: string, tables: string): string {
  const start = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/configuration.md has lost its markers (${BEGIN} … ${END})`);
  return `${page.slice(0, start + BEGIN.length)}\n\n${tables}\n\n${page.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const page = readFileSync(CONFIG_PAGE, "utf8");
  const next = withTables(page, configurationTables());
  if (next === page) console.log("docs/configuration.md is up to date");
  else {
    writeFileSync(CONFIG_PAGE, next);
    console.log("docs/configuration.md rewritten from src/config");
  }
}
