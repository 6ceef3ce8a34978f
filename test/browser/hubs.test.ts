/**
 * A hub in the explorer, in Chromium: a city with more partners than the explorer draws (150), most of them
 * stated only by the crowd, written through the write path (test/support/hub-fixture.ts) and removed after.
 * The notice says how many of how many are shown; narrowing by whose word or by relationship type is passed
 * to the API, kept in the address, draws the narrowed hub whole and the notice goes away; so does asking to
 * draw more (`limit=`, 25–1000).
 * With SCREENSHOTS_DIR set (npm run screenshots), the hub and its notice are saved there as a PNG file.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import type { RunningApi } from "../../src/start.js";
import { launchChromium } from "../support/browser.js";
import { writeHub } from "../support/hub-fixture.js";
import { connectTestDatabase, removeTestData } from "../support/test-database.js";
import { startTestServer } from "../support/test-server.js";

let api: RunningApi;
let db: Database;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let foreignRequests: string[];
const pageErrors: string[] = [];
const screenshotsDir = process.env.SCREENSHOTS_DIR;
const patience = { timeout: 60_000 };

// Functions passed to page.evaluate run in the page; this is the page global they use (tests have no DOM types).
declare const document: { querySelector(selector: string): any };

beforeAll(async () => {
  db = connectTestDatabase();
  await removeTestData(db);
  // 160 partners only the crowd states, 3 on the hub's own page, and a network: 165 entities with the hub.
  await writeHub(db, { id: "test-hub", name: "Test Hub", crowdPartners: 160, officialPartners: 3 });
  api = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
  if (db) {
    await removeTestData(db);
    await db.close();
  }
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  foreignRequests = [];
  pageErrors.length = 0;
  const origin = new URL(api.url).origin;
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) await route.continue();
    else {
      foreignRequests.push(url);
      await route.abort();
    }
  });
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
});
afterEach(async () => {
  await context.close();
  expect(foreignRequests).toEqual([]);
  expect(pageErrors).toEqual([]);
});

/** How many nodes the Cytoscape drawing holds. */
function drawnNodes(): Promise<number> {
  return page.evaluate(() => {
    const element = document.querySelector('[data-testid="graph-canvas"]');
    return element?.cy ? (element.cy.nodes().length as number) : 0;
  });
}

/** The status line once loaded ("N entities, M relationships …"). */
function status(): Promise<string | null> {
  return page.getByTestId("graph-status").textContent();
}

describe("a hub in the explorer", () => {
  it("says how many of how many it shows, and narrows by whose word and by type until all is drawn", async () => {
    await page.goto(`${api.url}/explorer?focus=test-hub`);
    const notice = page.getByTestId("hub-notice");
    await expect.poll(() => notice.textContent(), patience).toContain("Showing 150 of 165 entities around Test Hub.");
    await expect.poll(drawnNodes, patience).toBe(150);
    expect(await status()).toMatch(/^150 entities, \d+ relationships \(drawn in part/);
    // The hub's types are offered, every one ticked, with the entities each reaches — also the membership,
    // though the first 150 by name are all partners.
    const types = page.getByTestId("hub-types");
    await expect.poll(() => types.locator("label").allTextContents()).toEqual([" partner of (163)", " member of (1)"]);
    expect(await types.getByRole("checkbox", { name: "partner of" }).isChecked()).toBe(true);
    expect(await types.getByRole("checkbox", { name: "member of" }).isChecked()).toBe(true);
    if (screenshotsDir) {
      await mkdir(screenshotsDir, { recursive: true });
      await page.screenshot({ path: path.join(screenshotsDir, "explorer-hub.png") });
    }

    // ── Whose word: official sources only. The API walks only what they cite: the hub's three official
    // partners and the network, all drawn, and the notice gone.
    await page.getByTestId("hub-sources").selectOption("official");
    await expect.poll(() => page.url()).toContain("sources=official");
    await expect.poll(drawnNodes, patience).toBe(5);
    await expect.poll(() => notice.count(), patience).toBe(0);
    await expect.poll(status, patience).toMatch(/^5 entities, 4 relationships$/);
    expect(await page.getByTestId("hub-narrowed").textContent()).toContain(
      "Everything drawn, narrowed to official sources only",
    );
    // The address is the view: opened again, the same narrowed hub.
    const narrowed = page.url();
    await page.goto("about:blank");
    await page.goto(narrowed);
    await expect.poll(drawnNodes, patience).toBe(5);

    // ── Back to any source: cut again.
    await page.getByTestId("hub-sources").selectOption({ label: "any source" });
    await expect.poll(() => notice.textContent(), patience).toContain("Showing 150 of 165 entities");
    expect(page.url()).not.toContain("sources=");

    // ── One type: untick "partner of", leaving the membership — the hub and its network.
    await types.getByRole("checkbox", { name: "partner of" }).uncheck();
    await expect.poll(() => page.url()).toContain("types=MEMBER_OF");
    await expect.poll(drawnNodes, patience).toBe(2);
    await expect.poll(() => notice.count(), patience).toBe(0);
    // "partner of" is still offered, unticked, to bring it back.
    expect(await types.getByRole("checkbox", { name: "partner of" }).isChecked()).toBe(false);
    expect(await types.getByRole("checkbox", { name: "member of" }).isDisabled()).toBe(true);
    await types.getByRole("button", { name: "All types" }).click();
    await expect.poll(() => notice.textContent(), patience).toContain("Showing 150 of 165 entities");
    expect(page.url()).not.toContain("types=");
  });

  it("draws as many as the reader asks, within 25–1000, kept in the address", async () => {
    await page.goto(`${api.url}/explorer?focus=test-hub&limit=300`);
    await expect.poll(drawnNodes, patience).toBe(165);
    await expect.poll(status, patience).toMatch(/^165 entities, \d+ relationships$/);
    expect(await page.getByTestId("hub-notice").count()).toBe(0);
    // Back to the usual 150 with the control: the address drops `limit`, the notice says what is left out.
    const limit = page.getByTestId("draw-limit");
    await page.getByTestId("narrow").locator("summary").click();
    expect(await limit.inputValue()).toBe("300");
    await limit.selectOption({ label: "150 entities" });
    await expect
      .poll(() => page.getByTestId("hub-notice").textContent(), patience)
      .toContain("Showing 150 of 165 entities around Test Hub.");
    expect(page.url()).not.toContain("limit=");
    // A link cannot ask for fewer than 25 (nor more than 1000).
    await page.goto(`${api.url}/explorer?focus=test-hub&limit=3`);
    await expect.poll(drawnNodes, patience).toBe(25);
    expect(await page.getByTestId("hub-notice").textContent()).toContain("Showing 25 of 165 entities");
  });
});

describe("a hub's entity panel", () => {
  it("lists all 163 partners, beyond the 150 drawn, 20 at a time until all are asked for", async () => {
    await page.goto(`${api.url}/explorer?focus=test-hub&select=node:test-hub`);
    const panel = page.getByTestId("entity-relationships");
    const partners = panel
      .getByRole("region")
      .filter({ has: page.getByRole("heading", { level: 4, name: "Partner of (163)" }) });
    await partners.waitFor(patience);
    expect(await partners.locator("li").count()).toBe(20);
    await partners.getByRole("button", { name: "Show all 163" }).click();
    expect(await partners.locator("li").count()).toBe(163);
    expect(await panel.getByRole("heading", { level: 4 }).allTextContents()).toEqual([
      "Partner of (163)",
      "Member of (1)",
    ]);
  });
});
