/**
 * Editing in the explorer, in Chromium, as an editor does it (issue 13's "done when"): sign in through a
 * real OpenID provider (the development `oidc-provider`, started here) → add a partnership citing a new
 * source, with the API's checks shown beside the fields as they are typed and a preview before saving →
 * see it in the graph with its source → undo it from the history → gone, and the history shows both writes.
 * One flow, kept lean. Requests may go to this server and to the provider, nowhere else.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDevProvider, DEV_USERS, startDevProvider } from "../../dev/oidc/dev-provider.js";
import type { Database } from "../../src/database/index.js";
import type { RunningApi } from "../../src/start.js";
import { launchChromium } from "../support/browser.js";
import { connectTestDatabase, removeTestData, runCypher } from "../support/test-database.js";
import { startTestServer } from "../support/test-server.js";

let provider: RunningDevProvider;
let api: RunningApi;
let db: Database;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const foreignRequests: string[] = [];
const pageErrors: string[] = [];
const screenshotsDir = process.env.SCREENSHOTS_DIR;
const RELATIONSHIP = "helsinki--PARTNER_OF--tampere";
const SOURCE_TITLE = "Test partnership report 2024";

// Functions passed to page.evaluate run in the page; this is the page global they use (tests have no DOM types).
declare const sessionStorage: { removeItem(key: string): void };

beforeAll(async () => {
  provider = await startDevProvider();
  api = await startTestServer({ JWT_SECRET: "", ...provider.env });
  db = connectTestDatabase();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
  const allowed = [new URL(api.url).origin, new URL(provider.issuer).origin];
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (allowed.some((origin) => url.startsWith(origin)) || url.startsWith("data:") || url.startsWith("blob:")) {
      await route.continue();
    } else {
      foreignRequests.push(url);
      await route.abort();
    }
  });
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await api?.stop();
  await provider?.stop();
  // What the flow wrote, should it stop half-way: the partnership, the new source, and the history of both.
  if (db) {
    await runCypher(db, "MATCH ()-[r:PARTNER_OF {id: $id}]->() DELETE r", { id: RELATIONSHIP });
    await runCypher(db, "MATCH (c:Change) WHERE c.actor STARTS WITH 'dev-' DETACH DELETE c");
    await removeTestData(db);
    await db.close();
  }
});

async function screenshot(name: string): Promise<void> {
  if (!screenshotsDir) return;
  await mkdir(screenshotsDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });
}

/** Picks an entity in one of the edit form's search boxes. */
async function pickEntity(testId: string, text: string, name: string): Promise<void> {
  const box = page.getByTestId(testId);
  await box.getByRole("combobox").fill(text);
  await box.getByRole("option").filter({ hasText: name }).first().click();
}

/** Whether the side panel's list of drawn relationships (opened if closed) has Helsinki → Tampere. */
async function relationshipListed(): Promise<boolean> {
  const list = page.getByTestId("element-list");
  if ((await list.getAttribute("open")) === null) await list.locator("summary").click();
  const texts = await page.getByTestId("relationship-list").getByRole("button").allTextContents();
  return texts.some((text) => text.includes("Helsinki — partner of → Tampere"));
}

describe("editing in the explorer", () => {
  it("signs in, adds a partnership with a new source, sees it with its source, undoes it from the history", async () => {
    const editor = DEV_USERS.find((user) => user.username === "editor")!;

    // ── Sign in through the provider; come back to the same view, signed in as an editor.
    await page.goto(`${api.url}/explorer?focus=helsinki`);
    await expect
      .poll(() => page.getByTestId("graph-status").textContent(), { timeout: 45_000 })
      .toMatch(/^\d+ entities/);
    await page.getByRole("button", { name: "Sign in to edit" }).click();
    await page.waitForURL((url) => url.href.startsWith(provider.issuer), { timeout: 45_000 });
    await page.getByLabel("User name").fill(editor.username);
    await page.getByLabel("Password").fill(editor.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.getByTestId("sign-in").textContent(), { timeout: 45_000 })
      .toContain("Signed in as Eeva Editor (editor)");
    expect(new URL(page.url()).search).toBe("?focus=helsinki");
    expect(new URL(page.url()).hash).toBe("");
    expect(await relationshipListed()).toBe(false);

    // ── A new partnership: the API's checks appear beside the field they concern.
    await page.getByRole("button", { name: "New relationship" }).click();
    const form = page.getByTestId("editor");
    await pickEntity("edit-from", "Helsinki", "Helsinki");
    await pickEntity("edit-to", "Tampere", "Tampere");
    await form.getByLabel("Kind").fill("cooperation-agreement");
    await form.getByLabel("Status").selectOption("active");
    await form.getByLabel("Valid from").fill("2024-05");
    const validTo = form.getByLabel("Valid to (exclusive)");
    await validTo.fill("2023");
    await form.getByLabel("A new source").check();
    await form.getByLabel("Title (required)").fill(SOURCE_TITLE);
    await form.getByLabel("Publisher", { exact: true }).fill("City of Tampere");
    await form.getByLabel("Published").fill("2024-05");
    await form.getByLabel("Web address").fill("https://example.org/partnership-2024");
    await form.getByLabel("Excerpt (required)").fill("Helsinki and Tampere agreed to cooperate");
    await expect.poll(() => validTo.getAttribute("aria-invalid"), { timeout: 45_000 }).toBe("true");
    const problemId = (await validTo.getAttribute("aria-describedby"))!
      .split(" ")
      .find((id) => id.endsWith("-problem"))!;
    expect(await page.locator(`#${problemId}`).textContent()).not.toBe("");
    expect(await page.getByTestId("problems").locator("li").getAttribute("data-code")).toBe("DATE_ORDER");
    expect(await form.getByRole("button", { name: "Add relationship" }).isDisabled()).toBe(true);
    if (screenshotsDir) {
      // A tall window shows the whole form: the problem beside its field, the summary, the preview.
      await page.setViewportSize({ width: 1440, height: 2300 });
      await validTo.scrollIntoViewIfNeeded();
      await screenshot("editing-form");
      await page.setViewportSize({ width: 1440, height: 1000 });
    }

    // Nothing typed is lost to a reload of the tab (or a trip to the provider to sign in again).
    await page.reload();
    await expect
      .poll(() => page.getByTestId("editor").getByLabel("Title (required)").inputValue(), { timeout: 45_000 })
      .toBe(SOURCE_TITLE);
    expect(await form.getByLabel("Excerpt (required)").inputValue()).toBe("Helsinki and Tampere agreed to cooperate");
    expect(await page.getByTestId("edit-to").getByRole("combobox").inputValue()).toBe("Tampere");

    // The sign-in ends (its tokens gone from the tab, as when they expire): the form and its draft stay, with
    // a note to sign in again; signing in again (the provider's session answers at once, or asks again)
    // comes back to the same draft.
    await page.evaluate(() => {
      for (const key of Object.keys(sessionStorage)) if (key.startsWith("oidc.user:")) sessionStorage.removeItem(key);
    });
    await page.reload();
    await expect.poll(() => page.locator(".sign-in-again").count(), { timeout: 45_000 }).toBe(1);
    expect(await form.getByLabel("Title (required)").inputValue()).toBe(SOURCE_TITLE);
    await page.getByRole("button", { name: "Sign in to edit" }).click();
    const login = page.getByLabel("User name");
    await login
      .or(page.getByTestId("sign-in").getByText("Signed in as Eeva Editor"))
      .first()
      .waitFor({ timeout: 45_000 });
    if (await login.isVisible()) {
      await page.getByLabel("User name").fill(editor.username);
      await page.getByLabel("Password").fill(editor.password);
      await page.getByRole("button", { name: "Sign in" }).click();
    }
    await expect
      .poll(() => page.getByTestId("sign-in").textContent(), { timeout: 45_000 })
      .toContain("Signed in as Eeva Editor (editor)");
    expect(await page.locator(".sign-in-again").count()).toBe(0);
    expect(await form.getByLabel("Title (required)").inputValue()).toBe(SOURCE_TITLE);
    expect(await form.getByLabel("Excerpt (required)").inputValue()).toBe("Helsinki and Tampere agreed to cooperate");

    // Fixed: no problems, and the preview says what saving will write.
    await validTo.fill("");
    await expect
      .poll(() => page.getByTestId("check-status").textContent(), { timeout: 45_000 })
      .toBe("No problems found.");
    const preview = await page.getByTestId("preview").textContent();
    expect(preview).toContain(`New relationship ${RELATIONSHIP}`);
    expect(preview).toContain("New source test-partnership-report-2024");

    // ── Saved: drawn in the graph, selected, with its new source beside it.
    await form.getByRole("button", { name: "Add relationship" }).click();
    await expect.poll(relationshipListed, { timeout: 45_000 }).toBe(true);
    await expect.poll(() => page.getByTestId("citations").textContent(), { timeout: 45_000 }).toContain(SOURCE_TITLE);
    expect(await page.getByTestId("citations").textContent()).toContain("Helsinki and Tampere agreed to cooperate");

    // ── Undo it from the history: previewed, confirmed, gone; the history keeps both writes.
    await page.getByRole("button", { name: "History", exact: true }).click();
    const writes = page.getByTestId("history-writes").locator(":scope > li");
    await expect
      .poll(() => writes.first().textContent(), { timeout: 45_000 })
      .toContain("Added Helsinki partner of Tampere");
    expect(await writes.first().textContent()).toContain("dev-editor");
    expect(await writes.first().textContent()).toContain("from an edit through the API or the explorer");
    // Opened, the change shows each field it set.
    await writes.first().locator("details.change summary").first().click();
    expect(await writes.first().locator("table.change-fields").first().textContent()).toContain("tampere");
    await screenshot("editing-history");
    await writes.first().getByRole("button", { name: "Undo this change" }).click();
    await expect
      .poll(() => writes.first().textContent(), { timeout: 45_000 })
      .toContain(`Deleted relationship ${RELATIONSHIP}`);
    await writes.first().getByRole("button", { name: "Confirm: undo this change" }).click();
    await expect.poll(relationshipListed, { timeout: 45_000 }).toBe(false);
    await expect
      .poll(() => writes.first().textContent(), { timeout: 45_000 })
      .toContain("Deleted Helsinki partner of Tampere");
    expect(await writes.first().textContent()).toContain("undoes");
    expect(await writes.first().textContent()).toContain("from undoing an earlier change");
    expect(await writes.nth(1).textContent()).toContain("Added Helsinki partner of Tampere");
    await screenshot("editing-history-undone");

    // ── Claims side by side wherever a relationship is shown: Beijing, a twin city (2006, Chinese and embassy
    // sources) and a "special historical partnership" (the 2020 page) — in conflict, each with its sources.
    await page.goto(`${api.url}/explorer?focus=helsinki&select=edge:helsinki--PARTNER_OF--beijing`);
    const claims = page.getByTestId("claims");
    await expect.poll(() => claims.locator("thead th").count(), { timeout: 45_000 }).toBe(3);
    expect(await claims.locator("h3").textContent()).toContain("1 in conflict");
    // Each claim headed by who states it, in words, not by its id.
    expect(await claims.locator("thead").textContent()).toContain("stated by");
    expect(await claims.locator("thead").textContent()).not.toContain("helsinki--PARTNER_OF--beijing");
    expect(await claims.locator("td.differs").first().textContent()).toContain("twin-city");
    await screenshot("editing-claims");

    // Nothing left in the graph; every request went to this server or the provider.
    expect(await runCypher(db, "MATCH ()-[r:PARTNER_OF {id: $id}]->() RETURN r", { id: RELATIONSHIP })).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("reads the edit form in Finnish and in Swedish, the API's problems said in the reader's words", async () => {
    // Still signed in as the editor from the flow above (the tokens live in this tab).
    await page.goto(`${api.url}/explorer?focus=helsinki&lang=fi`);
    await page.getByRole("button", { name: "Uusi suhde" }).click();
    const form = page.getByTestId("editor");
    await expect
      .poll(() => form.getByRole("heading", { level: 2 }).textContent(), { timeout: 45_000 })
      .toBe("Uusi suhde");
    await form.getByLabel("Voimassa alkaen").waitFor();
    await form.getByLabel("Lainaus (pakollinen)").waitFor();
    await form.getByRole("button", { name: "Lisää suhde" }).waitFor();
    await form.getByRole("button", { name: "Peruuta" }).waitFor();
    expect(await form.getByLabel("Voimassa alkaen").getAttribute("placeholder")).toBe("VVVV, VVVV-KK tai VVVV-KK-PP");
    // The empty draft is checked: what each problem means is Finnish, the field named in Finnish.
    const problems = page.getByTestId("problems");
    await expect.poll(() => problems.textContent(), { timeout: 45_000 }).toContain("Pakollinen tieto puuttuu");
    expect(await problems.textContent()).toContain("Mistä");
    // The API's own explanation stays English, marked as English for screen readers (WCAG 3.1.2).
    expect(await problems.locator('li span[lang="en"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId("check-status").textContent()).toMatch(/korjattava ennen tallentamista/);

    // The open form comes back in Swedish (the draft is kept in the tab).
    await page.goto(`${api.url}/explorer?focus=helsinki&lang=sv`);
    await expect
      .poll(() => form.getByRole("heading", { level: 2 }).textContent(), { timeout: 45_000 })
      .toBe("Ny relation");
    await form.getByLabel("Giltig från").waitFor();
    await form.getByLabel("Utdrag (obligatoriskt)").waitFor();
    await form.getByRole("button", { name: "Lägg till relation" }).waitFor();
    await expect.poll(() => problems.textContent(), { timeout: 45_000 }).toContain("Obligatoriska uppgifter saknas");
    await form.getByRole("button", { name: "Avbryt" }).click();
    await expect.poll(() => page.getByTestId("editor").count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
