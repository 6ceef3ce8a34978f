/**
 * The entity panel answers the direct questions (issue 20, item 4), in a real browser against the curated
 * graph: who funds Helsinki Centre is a "Funded by" group naming its five funders, each with its dates and
 * state and a button that opens the relationship and its sources; Helsinki's partnership with Moscow is one
 * line with its records as periods (seed/helsinki.yaml until 2022-03; suspended from 2022-03 by the City,
 * seed/helsinki-2015-2023.yaml, and from 2022-02-28 or later by a news site, seed/peers-helsinki.yaml).
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
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
const patience = { timeout: 45_000 };
const screenshotsDir = process.env.SCREENSHOTS_DIR;

// Functions passed to page.evaluate run in the page; this is the page global they use (tests have no DOM types).
declare const document: any;

/** With SCREENSHOTS_DIR set, the page as it stands, for the docs. */
async function screenshot(name: string): Promise<void> {
  if (!screenshotsDir) return;
  await mkdir(screenshotsDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });
}

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

/** The side panel's group headed `heading` ("Funded by (5)"). */
function group(heading: RegExp) {
  return page
    .getByTestId("entity-relationships")
    .getByRole("region")
    .filter({ has: page.getByRole("heading", { level: 4, name: heading }) });
}

describe("the entity panel", () => {
  it("answers who funds Helsinki Centre, and opens a funding with its source", async () => {
    await page.goto(`${api.url}/explorer`);
    const input = page.getByTestId("search").getByRole("combobox");
    await input.fill("Helsinki Centre");
    await page.getByTestId("search").getByRole("option").filter({ hasText: "Helsinki Centre" }).first().click();
    await page.waitForURL(/focus=helsinki-centre-st-petersburg/);

    const funders = group(/^Funded by \(5\)$/);
    await funders.waitFor(patience);
    expect(await funders.locator("li > button").allTextContents()).toEqual([
      "Helsinki",
      "Helsinki-Uusimaa Regional Council",
      "Kotka",
      "Lahti",
      "Tampere",
    ]);
    // Undated in the source: said plainly, with the state as of today (the date control at All dates).
    const tampere = funders.locator('li[data-other="tampere"]');
    expect(await tampere.getByRole("button").nth(1).textContent()).toBe("undated · in force, start unknown");
    expect(await page.getByTestId("relationships-day").textContent()).toMatch(
      /^States as of today \(\d{4}-\d{2}-\d{2}\): all dates are shown\.$/,
    );
    // Its own relationships are headed from its side too, before those that end at it.
    const headings = await page
      .getByTestId("entity-relationships")
      .getByRole("heading", { level: 4 })
      .allTextContents();
    expect(headings).toEqual(["Located in (1)", "Represents (1)", "Funded by (5)"]);

    await tampere
      .getByRole("button", {
        name: "Open the relationship with its sources: Funded by Tampere, undated, in force, start unknown",
      })
      .click();
    await page.waitForURL(/select=edge(:|%3A)/);
    const details = page.getByTestId("details");
    await expect
      .poll(() => details.getByRole("heading", { level: 2 }).textContent())
      .toBe("Tampere funds Helsinki Centre");
    expect(await page.getByTestId("citations").textContent()).toContain("Kansainvälinen toiminta");

    // The name opens the entity.
    await details.getByRole("button", { name: "Helsinki Centre", exact: true }).click();
    await group(/^Funded by \(5\)$/).waitFor(patience);
    await group(/^Funded by \(5\)$/)
      .getByRole("button", { name: "Kotka", exact: true })
      .click();
    await page.waitForURL(/select=node(:|%3A)kotka/);
    await expect
      .poll(() => page.getByRole("heading", { level: 2, name: "Kotka", exact: true }).count(), patience)
      .toBe(1);
    await group(/^Funds \(1\)$/).waitFor(patience);
  });

  it("shows Helsinki's partnership with Moscow as one line with its periods, each opening its record", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki&select=node:helsinki&asOf=2020-01-01`);
    const partners = group(/^Partner of \(\d+\)$/);
    await partners.waitFor(patience);
    // A hub's group shows its first rows; the rest on asking.
    const showAll = partners.getByRole("button", { name: /^Show all \d+$/ });
    if ((await showAll.count()) > 0) await showAll.click();
    const moscow = partners.locator('li[data-other="moscow"]');
    expect(await moscow.count()).toBe(1);
    const periods = moscow.locator("button.period");
    expect(await periods.allTextContents()).toEqual([
      "until 2022-03 · in force, start unknown",
      "from 2022-02-28/.. · not yet started",
      "from 2022-03 · not yet started",
    ]);
    expect(await moscow.textContent()).toContain("(3 records)");
    expect(await page.getByTestId("relationships-day").textContent()).toBe("States as of 2020-01-01, the chosen day.");
    await screenshot("explorer-entity-panel");

    // The day moves: the same periods, their states on the new day.
    await page.getByTestId("date-control").locator('input[type="date"]').fill("2023-06-01");
    await expect
      .poll(() => periods.allTextContents(), patience)
      .toEqual(["until 2022-03 · ended", "from 2022-02-28/.. · suspended", "from 2022-03 · suspended"]);

    // Each period opens its own record, with its own source.
    await periods.nth(2).click();
    await page.waitForURL((url) => url.searchParams.get("select") === "edge:helsinki--PARTNER_OF--moscow--2022");
    expect(await page.getByTestId("citations").textContent()).toContain(
      "suspend cooperation with the cities of Moscow",
    );
    await page.goBack();
    await partners.waitFor(patience);
    if ((await showAll.count()) > 0) await showAll.click();
    await moscow.locator("button.period").nth(1).click();
    await page.waitForURL(
      (url) => url.searchParams.get("select") === "edge:helsinki--PARTNER_OF--moscow--2022~themayor-eu",
    );
    await expect
      .poll(() => page.getByTestId("citations").textContent(), patience)
      .toContain("the municipality is suspending its cooperation");
  });

  it("fits a phone: a hub's panel is no wider than 390 px", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${api.url}/explorer?focus=helsinki&select=node:helsinki`);
    await group(/^Partner of \(\d+\)$/).waitFor(patience);
    expect(await page.evaluate(() => document.documentElement.scrollWidth as number)).toBeLessThanOrEqual(390);
  });

  it("lists the drawn relationships one line per tie, its records as periods", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki&depth=1`);
    await expect.poll(() => page.getByTestId("graph-status").textContent(), patience).toMatch(/^\d+ entities/);
    await page.getByTestId("element-list").locator("summary").click();
    const lines = page.getByTestId("relationship-list").locator("li");
    const moscow = lines.filter({ hasText: "Helsinki — partner of → Moscow" });
    expect(await moscow.count()).toBe(1);
    expect(await moscow.textContent()).toContain("· 3 records:");
    expect(await moscow.locator("button.period").count()).toBe(3);
  });
});
