/**
 * The explorer's empty and error states, in a real browser against the curated graph: each says what happened
 * and offers what to try (a search with no match, a day with nothing in force, no path as of a day).
 */
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningApi } from "../../src/start.js";
import { launchChromium } from "../support/browser.js";
import { startTestServer } from "../support/test-server.js";

let api: RunningApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  api = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

beforeEach(async () => {
  // bypassCSP: axe-core is put into the page by the test, which the explorer's policy would refuse.
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, bypassCSP: true });
  pageErrors.length = 0;
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
});
afterEach(async () => {
  await context.close();
  expect(pageErrors).toEqual([]);
});

describe("the explorer's empty states", () => {
  it("says a search found nothing, and offers names spelled alike", async () => {
    await page.goto(`${api.url}/explorer`);
    const search = page.getByTestId("search");
    const miss = page.getByTestId("search-miss");

    await search.getByRole("combobox").fill("Atlantis");
    await expect.poll(() => miss.textContent(), { timeout: 30_000 }).toMatch(/^No match for “Atlantis”\. Try/);

    await search.getByRole("combobox").fill("Helsinky");
    await expect.poll(() => miss.textContent(), { timeout: 30_000 }).toMatch(/^No match for “Helsinky”\. Did you mean/);
    await miss.getByRole("button", { name: "Helsinki", exact: true }).click();
    await page.waitForURL(/focus=helsinki(&|$)/);
    expect(await miss.textContent()).toBe("");
  });

  it("says when nothing is in force on the chosen day, and offers a day that has something", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki&asOf=1950-12-31&undated=EXCLUDE`);
    const status = page.getByTestId("graph-status");
    await expect.poll(() => status.textContent(), { timeout: 45_000 }).toBe("Nothing in force as of 1950-12-31");
    const empty = page.getByTestId("graph-empty");
    expect(await empty.textContent()).toContain("No relationship of Helsinki is in force as of 1950-12-31.");
    expect(await page.getByTestId("graph-canvas").count()).toBe(0);

    const offer = empty.getByRole("button", { name: /^Show \d{4}-\d{2}-\d{2}$/ });
    await offer.waitFor({ timeout: 30_000 });
    const day = ((await offer.textContent()) ?? "").slice("Show ".length);
    await offer.click();
    await page.waitForURL(new RegExp(`asOf=${day}`));
    await expect
      .poll(() => status.textContent(), { timeout: 45_000 })
      .toMatch(/^\d+ entit(y|ies), [1-9]\d* relationships?/);
  });

  it("says a path is missing as of a day, and looks over all dates when asked", async () => {
    await page.goto(`${api.url}/explorer?from=tampere&to=brussels&asOf=1950-12-31&undated=EXCLUDE`);
    const result = page.getByTestId("path-result");
    await expect
      .poll(() => result.textContent(), { timeout: 45_000 })
      .toBe(
        "No path within 6 steps as of 1950-12-31: only relationships in force on that day are followed. Try all dates",
      );
    await result.getByRole("button", { name: "Try all dates" }).click();
    await expect.poll(() => result.locator("li").count(), { timeout: 45_000 }).toBeGreaterThan(0);
    expect(page.url()).not.toContain("asOf=");
  });
});

// Functions passed to page.evaluate run in the page; these are the page globals they use (tests have no DOM types).
declare const document: any;

/** The elements wider than the window reaches (their right edge past it), for a message when a test fails. */
function overflowing(): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll("body *")]
      .filter((element: any) => element.getBoundingClientRect().right > width + 1)
      .slice(0, 12)
      .map(
        (element: any) =>
          `${element.tagName.toLowerCase()}.${element.className} → ${Math.round(element.getBoundingClientRect().right)}`,
      );
  });
}

describe("the explorer on a phone", () => {
  it("fits 390 px: one column, no sideways scroll, the panel below the drawing, a year control that reads", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${api.url}/explorer?focus=helsinki-centre-st-petersburg&from=tampere&to=brussels`);
    const status = page.getByTestId("graph-status");
    await expect.poll(() => status.textContent(), { timeout: 45_000 }).toMatch(/^\d+ entities/);
    await expect
      .poll(() => page.getByTestId("path-result").locator("li").count(), { timeout: 45_000 })
      .toBeGreaterThan(0);

    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth as number);
    expect(scrollWidth, (await overflowing()).join("\n")).toBeLessThanOrEqual(390);

    // One column: the side panel is a sheet below the drawing, as wide as the page.
    const graph = await page.getByTestId("graph-canvas").boundingBox();
    const side = await page.getByRole("complementary", { name: "Details" }).boundingBox();
    expect(graph && side && side.y >= graph.y + graph.height - 1).toBe(true);
    expect(side && side.width >= 370).toBe(true);

    // The year slider spans the width, with its years marked beside it.
    const slider = await page.getByRole("slider", { name: "Year" }).boundingBox();
    expect(slider && slider.width >= 300).toBe(true);
    expect(await page.getByTestId("year-ticks").textContent()).toMatch(/^1950.*2000.*\d{4}$/);

    // The map and the dashboard fit too.
    await page.getByRole("button", { name: "Map", exact: true }).click();
    await expect
      .poll(() => page.getByTestId("map").locator("g.map-point").count(), { timeout: 45_000 })
      .toBeGreaterThan(0);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth as number),
      (await overflowing()).join("\n"),
    ).toBeLessThanOrEqual(390);
    await page.getByRole("button", { name: "Dashboard", exact: true }).click();
    await expect.poll(() => page.locator("canvas").count(), { timeout: 45_000 }).toBeGreaterThan(0);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth as number),
      (await overflowing()).join("\n"),
    ).toBeLessThanOrEqual(390);
  });
});

/** axe-core's WCAG 2.1 A and AA rules run over the page as it stands; each violation as "rule: targets". */
async function axeViolations(): Promise<string[]> {
  const source = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  await page.addScriptTag({ content: source });
  return page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const result = await axe.run(document, {
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

describe("the explorer's accessibility (axe-core, WCAG 2.1 A and AA)", () => {
  it("has no violations in the graph view", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki-centre-st-petersburg&from=tampere&to=brussels`);
    await expect
      .poll(() => page.getByTestId("graph-status").textContent(), { timeout: 45_000 })
      .toMatch(/^\d+ entities/);
    await expect
      .poll(() => page.getByTestId("path-result").locator("li").count(), { timeout: 45_000 })
      .toBeGreaterThan(0);
    expect(await axeViolations()).toEqual([]);
  });

  it("has no violations in an entity's panel and the In view list, both open", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki&select=node:helsinki&asOf=2020-01-01`);
    await page
      .getByTestId("entity-relationships")
      .getByRole("heading", { level: 4 })
      .first()
      .waitFor({ timeout: 45_000 });
    await page.getByTestId("element-list").locator("summary").click();
    await page.getByTestId("relationship-list").locator("button.period").first().waitFor({ timeout: 45_000 });
    expect(await axeViolations()).toEqual([]);
  });

  it("has no violations in the ranking, the communities and their legend", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki&measure=DEGREE&communities=1&asOf=2019-12-31`);
    await expect
      .poll(() => page.getByTestId("ranking").locator("tbody tr").count(), { timeout: 150_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId("community").count(), { timeout: 150_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId("graph-legend").textContent()).toContain("Colour: community");
    expect(await axeViolations()).toEqual([]);
  }, 400_000);

  it("has no violations in the map view, whose relationships the keyboard reaches", async () => {
    await page.goto(`${api.url}/explorer?view=map&focus=helsinki`);
    const arcs = page.getByTestId("map").locator("g.map-arc");
    await expect.poll(() => arcs.count(), { timeout: 45_000 }).toBeGreaterThan(0);
    expect(await axeViolations()).toEqual([]);

    // A relationship on the map: focused and opened from the keyboard, as a point is.
    const arc = arcs.first();
    const id = await arc.getAttribute("data-edge-id");
    expect(await arc.getAttribute("aria-label")).toMatch(/ — .+ → /);
    await arc.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("select") === `edge:${id}`);
  });

  it("has no violations in the dashboard", async () => {
    await page.goto(`${api.url}/explorer?view=dashboard`);
    await expect.poll(() => page.locator("canvas").count(), { timeout: 45_000 }).toBeGreaterThan(0);
    expect(await axeViolations()).toEqual([]);
  });

  it("has no violations in the history", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki`);
    await page.getByRole("button", { name: "History", exact: true }).click();
    await page.getByTestId("history-writes").waitFor({ timeout: 45_000 });
    expect(await axeViolations()).toEqual([]);
  });
});
