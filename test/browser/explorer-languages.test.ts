/**
 * The explorer in Finnish and Swedish, in a real browser against the curated graph: the address's `lang`, the
 * chooser in the header, the choice kept in the address and over a reload, entities named in the language,
 * `<html lang>` following it, and axe-core finding nothing in Finnish; the accessibility statement linked from
 * the header in the reader's language.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningApi } from "../../src/start.js";
import { axeViolations } from "../support/axe.js";
import { launchChromium } from "../support/browser.js";
import { startTestServer } from "../support/test-server.js";

let api: RunningApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const patience = { timeout: 45_000 };

beforeAll(async () => {
  api = await startTestServer({ ACCESSIBILITY_CONTACT: "saavutettavuus@example.fi" });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

beforeEach(async () => {
  // bypassCSP: axe-core is put into the page by the test, which the pages' policy would refuse.
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  pageErrors.length = 0;
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
});
afterEach(async () => {
  await context.close();
  expect(pageErrors).toEqual([]);
});

/** Every label on the drawing (Cytoscape's data), entities' and relationships'. */
const drawnLabels = () =>
  page.evaluate<string[]>(
    `(() => { const cy = document.querySelector('[data-testid="graph-canvas"]').cy; return cy.elements().map((e) => e.data("label")); })()`,
  );

const htmlLang = () => page.evaluate<string>("document.documentElement.lang");

describe("the explorer's languages", () => {
  it("speaks English to a browser that asks for English", async () => {
    // Headless Chromium's language is the machine's (here "en-US@posix"): English.
    expect(await page.evaluate<string>("navigator.languages[0]")).toMatch(/^en\b/);
    await page.goto(`${api.url}/explorer?focus=helsinki`);
    await expect.poll(() => page.getByTestId("graph-status").textContent(), patience).toMatch(/^\d+ entities/);
    expect(await htmlLang()).toBe("en");
  });

  it("opens in Finnish from the address, names entities in Finnish, and switches to Swedish", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki&lang=fi`);
    await expect.poll(() => page.getByTestId("graph-status").textContent(), patience).toMatch(/^\d+ kohdetta/);
    expect(await htmlLang()).toBe("fi");
    expect(await page.title()).toMatch(/^Tutkimusnäkymä/);
    await page.getByRole("combobox", { name: "Hae" }).waitFor();
    const views = page.getByRole("navigation", { name: "Näkymät" });
    for (const name of ["Graafi", "Kartta", "Koontinäkymä"]) await views.getByRole("button", { name }).waitFor();
    await page.getByRole("link", { name: "Saavutettavuusseloste" }).waitFor();
    const entities = page.getByTestId("entity-list");
    await expect.poll(() => entities.textContent(), patience).toContain("Helsinki-keskus");
    expect(await entities.textContent()).not.toContain("Helsinki Centre");
    // The drawing speaks Finnish too: entities by their Finnish names, relationships by their Finnish types.
    await expect.poll(drawnLabels, patience).toEqual(expect.arrayContaining(["Helsinki-keskus", "kumppani"]));
    // Each language offered in its own name, marked with its language.
    const chooser = page.getByRole("group", { name: "Kieli" });
    expect(await chooser.getByRole("button", { name: "Svenska" }).getAttribute("lang")).toBe("sv");
    expect(await chooser.getByRole("button", { name: "Suomi" }).getAttribute("aria-pressed")).toBe("true");
    expect(await axeViolations(page)).toEqual([]);

    await chooser.getByRole("button", { name: "Svenska" }).click();
    await expect.poll(htmlLang).toBe("sv");
    expect(new URL(page.url()).searchParams.get("lang")).toBe("sv");
    await page.getByRole("combobox", { name: "Sök" }).waitFor();
    await expect.poll(() => entities.textContent(), patience).toContain("Helsingforscentret");
    // What is already drawn is relabelled, not left in the language it was drawn in.
    await expect.poll(drawnLabels, patience).toEqual(expect.arrayContaining(["Helsingforscentret", "partner till"]));

    await page.reload();
    await expect.poll(() => page.getByTestId("graph-status").textContent(), patience).toMatch(/^\d+ entiteter/);
    expect(await htmlLang()).toBe("sv");
    await page.getByRole("navigation", { name: "Vyer" }).getByRole("button", { name: "Karta" }).waitFor();

    // Remembered: the explorer's own address, without `lang`, opens in the language chosen.
    await page.goto(`${api.url}/explorer?focus=helsinki`);
    await expect.poll(() => page.getByTestId("graph-status").textContent(), patience).toMatch(/^\d+ entiteter/);
    expect(await htmlLang()).toBe("sv");
  });

  it("reads the details panel and the history panel in Finnish", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki-centre-st-petersburg&lang=fi`);
    const entities = page.getByTestId("entity-list");
    await expect.poll(() => entities.textContent(), patience).toContain("Helsinki-keskus");
    // The "In view" list is folded away until opened.
    await page.getByTestId("element-list").locator("summary").click();
    await entities.getByRole("button", { name: "Helsinki-keskus", exact: true }).click();
    const details = page.getByTestId("details");
    for (const name of ["Laajenna", "Keskitä tähän", "Polku täältä", "Polku tänne"]) {
      await details.getByRole("button", { name, exact: true }).waitFor(patience);
    }
    await details.getByRole("heading", { level: 3, name: "Lähteet" }).waitFor();
    await details.getByRole("heading", { level: 3, name: "Historia" }).waitFor();
    // Its recorded changes dated as Finnish writes dates ("8. joulukuuta 2026"), or none said in Finnish.
    await expect
      .poll(() => details.textContent(), patience)
      .toMatch(/Historia(Ei kirjattuja muutoksia|\d{1,2}\. \p{Ll}+ \d{4})/u);
    const detailsText = (await details.textContent()) ?? "";
    for (const english of ["Sources", "History", "Expand", "Loading", "Also known as", " from "]) {
      expect(detailsText).not.toContain(english);
    }
    // Read as Finnish: no part of the panel says it is another language but the names given in one.
    expect(
      await page.evaluate<string>(
        `document.querySelector('[data-testid="details"]').closest('[lang]').getAttribute('lang')`,
      ),
    ).toBe("fi");

    await page.getByRole("button", { name: "Historia", exact: true }).click();
    const history = page.getByTestId("history-panel");
    await history.getByRole("heading", { level: 2, name: /^Historia/ }).waitFor(patience);
    await history.getByRole("tab", { name: "Viimeisimmät muutokset" }).waitFor();
    await history.getByRole("tab", { name: "Poistetut tietueet" }).waitFor();
    await history.getByText("Kirjaudu sisään muokkaajana", { exact: false }).waitFor();
    await page.getByTestId("history-writes").waitFor(patience);
    const historyText = (await history.textContent()) ?? "";
    for (const english of ["Recent changes", "Deleted records", "Sign in", "Close"]) {
      expect(historyText).not.toContain(english);
    }
    expect(
      await page.evaluate<string>(
        `document.querySelector('[data-testid="history-panel"]').closest('[lang]').getAttribute('lang')`,
      ),
    ).toBe("fi");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("links to the accessibility statement in the reader's language", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki&lang=sv`);
    await page.getByRole("link", { name: "Tillgänglighetsutlåtande" }).click();
    await page.waitForURL((url) => url.pathname === "/accessibility");
    expect(await htmlLang()).toBe("sv");
    await page.getByRole("heading", { level: 1, name: /^Tillgänglighetsutlåtande/ }).waitFor();
    await page.getByRole("link", { name: "saavutettavuus@example.fi" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("navigation", { name: "Språk" }).getByRole("link", { name: "Suomi" }).click();
    await expect.poll(htmlLang).toBe("fi");
    await page.getByRole("heading", { level: 1, name: /^Saavutettavuusseloste/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Takaisin tutkimusnäkymään" }).click();
    await page.waitForURL((url) => url.pathname === "/explorer");
    await expect.poll(htmlLang, patience).toBe("fi");
  });
});
