/**
 * The explorer's empty and error states, in a real browser against the curated graph: each says what happened
 * and offers what to try (a search with no match, a day with nothing in force, no path as of a day).
 */
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
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
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
    await expect.poll(() => status.textContent(), { timeout: 45_000 }).toMatch(/^\d+ entities, [1-9]\d* relationships/);
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
