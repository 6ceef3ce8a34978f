/** axe-core in a browser page: the WCAG 2.1 A and AA rules, for the browser tests of the explorer's pages. */
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";

/**
 * axe-core's WCAG 2.1 A and AA rules run over the page as it stands; each violation as "rule: targets". The
 * page's context needs `bypassCSP: true`: the pages' policy refuses the script this puts in.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const source = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  await page.addScriptTag({ content: source });
  return page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const result = await axe.run((globalThis as any).document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map(
      (violation: any) =>
        `${violation.id}: ${violation.nodes
          .slice(0, 5)
          .map((node: any) => node.target.join(" "))
          .join(", ")}`,
    );
  });
}
