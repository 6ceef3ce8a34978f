/**
 * The explorer and GraphiQL in a real browser (Chromium via playwright-core) against the running API and the
 * curated graph. Every request the pages make must go to this server: nothing comes from a CDN.
 * With SCREENSHOTS_DIR set (npm run screenshots), the main states are saved there as PNG files.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningApi } from "../../src/start.js";
import { typeColor } from "../../src/web/explorer/kinds.js";
import { launchChromium } from "../support/browser.js";
import { startTestServer } from "../support/test-server.js";

let api: RunningApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let foreignRequests: string[];
const pageErrors: string[] = [];
const screenshotsDir = process.env.SCREENSHOTS_DIR;

// Functions passed to page.evaluate run in the page; this is the page global they use (tests have no DOM types).
declare const document: { querySelector(selector: string): any; activeElement: any };

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
  foreignRequests = [];
  pageErrors.length = 0;
  const origin = new URL(api.url).origin;
  // Offline: anything not from this server is refused and recorded.
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

async function screenshot(name: string, options: { fullPane?: boolean } = {}): Promise<void> {
  if (!screenshotsDir) return;
  await mkdir(screenshotsDir, { recursive: true });
  // The research views sit below the graph: a taller window shows the graph and them together.
  if (options.fullPane) await page.setViewportSize({ width: 1440, height: 1500 });
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });
}

/** Types into a search combobox and picks the suggestion with this name. */
async function searchAndPick(testId: string, text: string, name: string): Promise<void> {
  const input = page.getByTestId(testId).getByRole("combobox");
  await input.fill(text);
  await page.getByTestId(testId).getByRole("option").filter({ hasText: name }).first().waitFor();
  const options = page.getByTestId(testId).getByRole("option");
  const index = (await options.allTextContents()).findIndex((option) => option.includes(name));
  for (let step = 0; step < index; step++) await input.press("ArrowDown");
  await input.press("Enter");
}

/** Waits until the graph has loaded and returns what the status line says ("N entities, M relationships"). */
async function graphStatus(): Promise<string> {
  const status = page.getByTestId("graph-status");
  await expect.poll(() => status.textContent(), { timeout: 45_000 }).toMatch(/^\d+ entities/);
  return (await status.textContent()) ?? "";
}

/**
 * Clicks the point of the drawing that `locate` (run in the page) names, once it holds still (the page around
 * the drawing may still be settling on a busy machine), until the address matches `until`; clicks again if
 * the drawing moved under the pointer, as a person would.
 */
async function clickInGraph(locate: () => { x: number; y: number } | undefined, until: RegExp): Promise<void> {
  const where = () => page.evaluate(locate);
  const attempts: string[] = [];
  try {
    await expect
      .poll(
        async () => {
          if (until.test(page.url())) return true;
          const first = await where();
          await new Promise((resolve) => setTimeout(resolve, 250));
          const second = await where();
          const still = first && second && Math.abs(first.x - second.x) <= 2 && Math.abs(first.y - second.y) <= 2;
          // What the drawing's own idea of its place on the page is, next to the page's (Cytoscape caches it).
          const mapping = await page.evaluate(() => {
            const element = document.querySelector('[data-testid="graph-canvas"]') as unknown as {
              cy: { renderer(): { containerBB?: number[] } };
              getBoundingClientRect(): { left: number; top: number; width: number; height: number };
            };
            const box = element.getBoundingClientRect();
            return { cached: element.cy.renderer().containerBB, box: [box.left, box.top, box.width, box.height] };
          });
          attempts.push(`${JSON.stringify({ first, second, ...mapping })} ${page.url()}`);
          if (!still) return false;
          await page.mouse.click(second.x, second.y);
          return page.waitForURL(until, { timeout: 10_000 }).then(
            () => true,
            () => false,
          );
        },
        { timeout: 90_000 },
      )
      .toBe(true);
  } catch (error) {
    throw new Error(`no click reached ${until} in 90 s; attempts:\n${attempts.slice(-10).join("\n")}`, {
      cause: error,
    });
  }
}

/** What the Cytoscape drawing holds, read from the live graph. */
function drawn(selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const element = document.querySelector('[data-testid="graph-canvas"]') as unknown as {
      cy: { elements(s: string): { map(f: (e: { data(k: string): string }) => string): string[] } };
    };
    return element.cy.elements(sel).map((e) => e.data("label"));
  }, selector);
}

async function openElementList(): Promise<void> {
  const list = page.getByTestId("element-list");
  if ((await list.getAttribute("open")) === null) await list.locator("summary").click();
}

describe("the explorer", () => {
  it("finds Helsinki-keskus by its Finnish name and draws its funders", async () => {
    await page.goto(`${api.url}/explorer`);
    await graphStatus();
    await searchAndPick("search", "Helsinki-keskus", "Helsinki Centre");
    await expect
      .poll(() => page.getByRole("heading", { level: 2, name: "Helsinki Centre", exact: true }).count())
      .toBe(1);
    // Its sources and its recorded history are in the side panel.
    await expect
      .poll(() => page.getByTestId("details").textContent(), { timeout: 45_000 })
      .toMatch(/History(No recorded changes|\d{1,2} [A-Z][a-z]+ \d{4})/);
    await expect
      .poll(() => page.getByTestId("details").textContent(), { timeout: 45_000 })
      .toContain("Kansainvälinen toiminta");
    await graphStatus();
    expect(page.url()).toContain("focus=helsinki-centre-st-petersburg");
    // Five funders in the API (see test/http), five `funds` edges drawn.
    await expect.poll(() => drawn('edge[label = "funds"]').then((edges) => edges.length)).toBe(5);
    const funders = await page.evaluate(() => {
      const element: any = document.querySelector('[data-testid="graph-canvas"]');
      return element.cy
        .edges('[label = "funds"]')
        .map((edge: any) => edge.source().data("label"))
        .sort();
    });
    expect(funders).toContain("Helsinki");
    expect(funders).toContain("Tampere");
    await screenshot("explorer-funders");
  });

  it("opens a relationship clicked in the graph and shows its source", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki-centre-st-petersburg`);
    await graphStatus();
    await clickInGraph(() => {
      const element: any = document.querySelector('[data-testid="graph-canvas"]');
      const edge = element.cy.edges('[label = "funds"]').filter((e: any) => e.source().id() === "helsinki")[0];
      if (!edge) return undefined;
      const box = element.getBoundingClientRect();
      const mid = edge.renderedMidpoint();
      return { x: Math.round(box.left + mid.x), y: Math.round(box.top + mid.y) };
    }, /select=edge/);
    const details = page.getByTestId("details");
    await expect.poll(() => details.textContent()).toContain("Relationship");
    expect(await details.textContent()).toContain("funds");
    const citations = page.getByTestId("citations");
    expect(await citations.textContent()).toContain("Kansainvälinen toiminta");
    expect(await citations.textContent()).toContain("City of Helsinki");
    expect(await citations.locator("blockquote").count()).toBeGreaterThan(0);
    expect(page.url()).toMatch(/select=edge%3A|select=edge:/);
    await screenshot("explorer-relationship-source");
  });

  it("shows the graph on a map: places as points, relationships as arcs by type, following the date and a click", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki&asOf=2021-06-30`);
    // Generous waits throughout: a busy machine may take its time with a first load.
    const patience = { timeout: 60_000 };
    await expect.poll(() => page.getByTestId("graph-status").textContent(), patience).toMatch(/^\d+ entities/);
    await page.getByRole("navigation", { name: "Views" }).getByRole("button", { name: "Map" }).click();
    await expect.poll(() => page.url(), patience).toContain("view=map");
    const status = page.getByTestId("map-status");
    await expect.poll(() => status.textContent(), patience).toMatch(/^\d+ places, \d+ relationships/);
    // The Natural Earth basemap comes from this server (every other request would be refused and fail the test).
    await expect
      .poll(
        () =>
          page
            .getByTestId("map-basemap")
            .getAttribute("d")
            .then((d) => d?.length ?? 0),
        patience,
      )
      .toBeGreaterThan(10_000);
    const points = () =>
      page.locator("[data-node-id]").evaluateAll((els) => els.map((el) => el.getAttribute("data-node-id")));
    await expect
      .poll(async () => (await points()).sort(), patience)
      .toEqual(
        expect.arrayContaining(["helsinki", "tallinn", "stockholm", "st-petersburg", "moscow", "beijing", "kyiv"]),
      );
    // Offices without an address of their own sit at their city, and the map says so.
    await expect.poll(() => points(), patience).toContain("helsinki-centre-st-petersburg");
    expect(await status.textContent()).toContain("Helsinki Centre: Saint Petersburg");
    // Arcs coloured by relationship type; as of mid-2021 the Moscow partnership is in force, not yet suspended.
    const moscow = page.locator('[data-edge-id^="helsinki--PARTNER_OF--moscow"]');
    await expect
      .poll(() => moscow.evaluateAll((els) => els.map((el) => el.getAttribute("data-edge-id"))), patience)
      .toEqual(["helsinki--PARTNER_OF--moscow"]);
    expect(await moscow.locator("path").nth(0).getAttribute("stroke")).toBe(typeColor("PARTNER_OF"));
    // The date control moves the map too: in 2023 the suspended period is drawn, dotted (the City's own
    // record from March 2022, and TheMayor.EU's from 28 February 2022 on).
    await page.getByTestId("date-control").locator('input[type="date"]').fill("2023-01-01");
    await expect
      .poll(() => moscow.evaluateAll((els) => els.map((el) => el.getAttribute("data-edge-id"))), patience)
      .toEqual(["helsinki--PARTNER_OF--moscow--2022", "helsinki--PARTNER_OF--moscow--2022~themayor-eu"]);
    expect(await moscow.locator("path").nth(0).getAttribute("stroke-dasharray")).toBe("2 4");
    // A click selects (the details and the address follow); the keyboard reaches the points too.
    await page.locator('[data-node-id="tallinn"] circle').click();
    await expect.poll(() => page.url(), patience).toContain("select=node%3Atallinn");
    expect(page.url()).toContain("view=map");
    await expect.poll(() => page.getByTestId("details").textContent(), patience).toContain("Tallinna");
    expect(await page.locator('[data-node-id="tallinn"]').getAttribute("aria-pressed")).toBe("true");
    await page.locator('[data-node-id="stockholm"]').focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.url(), patience).toContain("select=node%3Astockholm");
    // An arc is clicked on its line (its middle), as a person would: once the page has settled after the
    // selection above, so that the arc, not what moved over it, is under the pointer.
    const beijing = page.locator('[data-edge-id="helsinki--PARTNER_OF--beijing"] path').last();
    await expect
      .poll(async () => {
        const middle = await beijing.evaluate((path: any) => {
          const at = path.getPointAtLength(path.getTotalLength() / 2);
          const m = path.getScreenCTM();
          const x = at.x * m.a + at.y * m.c + m.e;
          const y = at.x * m.b + at.y * m.d + m.f;
          const under = (globalThis as any).document.elementFromPoint(x, y);
          return { x, y, onArc: Boolean(under?.closest('[data-edge-id="helsinki--PARTNER_OF--beijing"]')) };
        });
        if (middle.onArc) await page.mouse.click(middle.x, middle.y);
        return page.url();
      }, patience)
      .toContain("select=edge%3Ahelsinki--PARTNER_OF--beijing");
    await expect.poll(() => page.getByTestId("citations").textContent(), patience).toContain("Kansainvälinen toiminta");
    await screenshot("explorer-map");
    // The view is in the address: a reload shows the map again.
    await page.reload();
    await expect.poll(() => status.textContent(), patience).toMatch(/^\d+ places/);
  });

  it("keeps the whole drawing in view when its box changes size", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki-centre-st-petersburg`);
    await graphStatus();
    const outside = () =>
      page.evaluate(() => {
        const element = document.querySelector('[data-testid="graph-canvas"]') as unknown as {
          cy: { nodes(): { filter(f: (node: any) => boolean): { length: number } } };
          getBoundingClientRect(): { width: number; height: number };
        };
        const box = element.getBoundingClientRect();
        return element.cy.nodes().filter((node: any) => {
          const at = node.renderedPosition();
          return at.x < 0 || at.y < 0 || at.x > box.width || at.y > box.height;
        }).length;
      });
    const size = page.viewportSize()!;
    try {
      await page.setViewportSize({ width: Math.round(size.width * 0.6), height: Math.round(size.height * 0.6) });
      await expect.poll(outside).toBe(0);
      await page.setViewportSize(size);
      await expect.poll(outside).toBe(0);
    } finally {
      await page.setViewportSize(size);
    }
  });

  it("expands a node clicked in the graph", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki-centre-st-petersburg`);
    const before = await graphStatus();
    await clickInGraph(() => {
      const element: any = document.querySelector('[data-testid="graph-canvas"]');
      const node = element.cy.getElementById("tampere");
      if (node.empty()) return undefined;
      const box = element.getBoundingClientRect();
      const at = node.renderedPosition();
      return { x: Math.round(box.left + at.x), y: Math.round(box.top + at.y) };
    }, /expand=tampere/);
    await expect.poll(() => page.getByTestId("graph-status").textContent()).not.toBe(before);
    expect(await page.getByTestId("details").textContent()).toContain("Tampere");
  });

  it("finds the path from Tampere to Brussels and highlights it", async () => {
    await page.goto(`${api.url}/explorer`);
    await graphStatus();
    await searchAndPick("path-from", "Tampere", "Tampere");
    await searchAndPick("path-to", "Brussels", "Brussels");
    const steps = page.getByTestId("path-result").getByRole("listitem");
    await expect.poll(() => steps.count(), { timeout: 45_000 }).toBeGreaterThan(0);
    const texts = await steps.allTextContents();
    expect(texts[0]).toMatch(/^Tampere/);
    expect(texts.at(-1)).toMatch(/Brussels$/);
    const highlighted = await page.evaluate(
      () => document.querySelector('[data-testid="graph-canvas"]').cy.$(".on-path").length,
    );
    expect(highlighted).toBe(texts.length * 2 + 1);
    expect(page.url()).toContain("from=tampere");
    expect(page.url()).toContain("to=brussels");
    await screenshot("explorer-path");

    // The address is the view: opening it again shows the same path.
    const shared = page.url();
    await page.goto("about:blank");
    await page.goto(shared);
    await expect.poll(() => steps.allTextContents(), { timeout: 45_000 }).toEqual(texts);
  });

  it("changes the graph as the date moves", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki`);
    const allDates = await graphStatus();
    expect(await drawn("node")).toContain("European Chemicals Agency");
    // ECHA has been hosted in Helsinki since 2007; the strategy department dates from 2020.
    await page.getByTestId("date-control").locator('input[type="date"]').fill("2005-06-30");
    await expect.poll(() => page.url()).toContain("asOf=2005-06-30");
    await expect.poll(() => page.getByTestId("graph-status").textContent()).not.toBe(allDates);
    await graphStatus();
    await expect.poll(() => drawn("node")).not.toContain("European Chemicals Agency");
    await screenshot("explorer-as-of-2005");

    // The year slider, from the keyboard: End jumps to this year, where ECHA is back.
    const slider = page.getByTestId("date-control").locator('input[type="range"]');
    await slider.focus();
    await slider.press("End");
    await expect.poll(() => page.url()).toContain(`asOf=${new Date().getFullYear()}-12-31`);
    await expect.poll(() => drawn("node"), { timeout: 45_000 }).toContain("European Chemicals Agency");
  });

  it("lists every drawn element for the keyboard, and selects from the list", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki-centre-st-petersburg`);
    await graphStatus();
    await openElementList();
    const relationship = page.getByTestId("relationship-list").locator('button[data-type="LOCATED_IN"]').first();
    await relationship.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("details").textContent()).toContain("located in");
    // "/" jumps to the search box.
    await page.locator("body").click({ position: { x: 5, y: 200 } });
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("combobox");
  });

  it("shows the dashboard: counts by kind, funders per office, partners by country, activity per year", async () => {
    await page.goto(`${api.url}/explorer?view=dashboard`);
    const dashboard = page.getByTestId("dashboard");
    await expect.poll(() => dashboard.locator("canvas").count(), { timeout: 45_000 }).toBe(5);
    const tables = await dashboard.locator("section").evaluateAll((sections) =>
      sections.map((section) => ({
        title: section.querySelector("h2")?.textContent,
        rows: [...section.querySelectorAll("tr")].map((row) => row.textContent),
      })),
    );
    const byTitle = Object.fromEntries(tables.map((table) => [table.title, table.rows]));
    expect(byTitle["Funders per office"]).toContain("Helsinki Centre5");
    expect(byTitle["Entities by kind"]?.some((row: string | null) => row?.startsWith("City"))).toBe(true);
    expect(byTitle["Partner cities of Helsinki by country"]?.length).toBeGreaterThan(0);
    // Helsinki's relationships in force per year, by type (activitySeries), on 1 July: UBC (joined 1993–95),
    // Mayors for Peace, the Euregio, IRBC, Climate-KIC Nordic and the digital rights coalition (undated), then
    // OASC from 2015, the Carbon Neutral Cities Alliance (by 2019-05-29) and WHO Healthy Cities from 2020.
    const activity = await page
      .getByTestId("activity-table")
      .evaluate((table) =>
        [...table.querySelectorAll("tr")].map((row) =>
          [...row.querySelectorAll("th, td")].map((cell) => cell.textContent),
        ),
      );
    const memberColumn = activity[0]!.indexOf("member of");
    expect(memberColumn).toBeGreaterThan(0);
    const memberships = (year: number) => activity.find((row) => row[0] === String(year))?.[memberColumn];
    expect([2014, 2015, 2020].map(memberships), JSON.stringify(activity)).toEqual(["6", "7", "9"]);
    await screenshot("explorer-dashboard");
  });

  it("compares the chosen cities on the dashboard: memberships in force per year, side by side", async () => {
    await page.goto(`${api.url}/explorer?view=dashboard&focus=helsinki&peers=stockholm&types=MEMBER_OF`);
    const card = page.getByTestId("peers-activity");
    await expect
      .poll(() => card.locator("h2").textContent(), { timeout: 60_000 })
      .toMatch(
        /^In force on 1 July, per year: Helsinki, (Stockholm|stockholm) \(member of; undated claims counted every year\)$/,
      );
    const rows = await page
      .getByTestId("peers-activity-table")
      .evaluate((table) =>
        [...table.querySelectorAll("tr")].map((row) =>
          [...row.querySelectorAll("th, td")].map((cell) => cell.textContent),
        ),
      );
    expect(rows[0]?.[1]).toBe("Helsinki");
    // Helsinki's column is the activity chart's "member of" column above.
    const helsinki = (year: number) => rows.find((row) => row[0] === String(year))?.[1];
    expect([2014, 2015, 2020].map(helsinki), JSON.stringify(rows)).toEqual(["6", "7", "9"]);
    expect(Number(rows.find((row) => row[0] === "2020")?.[2])).toBeGreaterThan(0);
  });
});

/** How Cytoscape draws a drawn edge, by our id: its state (the API's rule) and its line style. */
function edgeDrawing(id: string): Promise<{ state: string; lineStyle: string; outline: number } | null> {
  return page.evaluate((edgeId) => {
    const element: any = document.querySelector('[data-testid="graph-canvas"]');
    const found = element.cy.getElementById(`edge:${edgeId}`);
    if (found.empty()) return null;
    const outline = found.numericStyle("line-outline-width");
    return { state: found.data("state"), lineStyle: found.style("line-style"), outline };
  }, id);
}

/** Classes Cytoscape holds for a drawn element, by our id (edges carry the `edge:` prefix). */
function classesOf(id: string): Promise<string[]> {
  return page.evaluate((elementId) => {
    const element: any = document.querySelector('[data-testid="graph-canvas"]');
    const found = element.cy.getElementById(elementId);
    return found.empty() ? [] : found.classes();
  }, id);
}

describe("research over time in the explorer", () => {
  it("shows an entity's timeline, follows the date, and opens a bar's sources from the keyboard", async () => {
    await page.goto(`${api.url}/explorer?focus=moscow&asOf=2023-01-01`);
    await graphStatus();
    const timeline = page.getByTestId("timeline");
    const bars = timeline.locator(".timeline-bar");
    // In Russia; the partnership until March 2022; its suspension as the City dates it, and as TheMayor.EU does.
    await expect.poll(() => bars.count(), { timeout: 45_000 }).toBe(4);
    // The same relationships as a citable table: the saved question, with a second table of their sources.
    const downloads = timeline.getByTestId("chart-downloads");
    expect(
      await downloads.getByRole("link", { name: "Timeline of Moscow as CSV (for a spreadsheet)" }).getAttribute("href"),
    ).toBe("/questions/timeline.csv?entity=moscow");
    expect(
      await downloads
        .getByRole("link", { name: "Timeline of Moscow: the sources, a row per relationship and source (CSV)" })
        .getAttribute("href"),
    ).toBe("/questions/timeline.csv?entity=moscow&table=sources");
    // The 2020 partnership ended in March 2022: faded on 2023-01-01; its undated start is open (dashed).
    const before = timeline.locator('[data-edge="helsinki--PARTNER_OF--moscow"]');
    expect(await before.getAttribute("class")).toContain("not-on-date");
    expect(await before.getAttribute("class")).toContain("open-start");
    const suspended = timeline.locator('[data-edge="helsinki--PARTNER_OF--moscow--2022"]');
    expect(await suspended.getAttribute("class")).not.toContain("not-on-date");
    const reported = timeline.locator('[data-edge="helsinki--PARTNER_OF--moscow--2022~themayor-eu"]');
    expect(await reported.getAttribute("class")).not.toContain("not-on-date");
    expect(await reported.getAttribute("title")).toBe(
      "from 28 February 2022 or later · special-historical · suspended",
    );
    await suspended.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.url()).toContain("select=edge%3Ahelsinki--PARTNER_OF--moscow--2022");
    const details = page.getByTestId("details");
    await expect.poll(() => details.textContent()).toContain("suspended");
    expect(await page.getByTestId("citations").textContent()).toContain(
      "Helsinki prepares for effects of war in Ukraine",
    );
    await screenshot("explorer-timeline", { fullPane: true });
    // Moving the date un-fades the earlier period.
    await page.getByTestId("date-control").locator('input[type="date"]').fill("2021-06-30");
    await expect.poll(() => before.getAttribute("class")).not.toContain("not-on-date");
  });

  it("words each timeline row from the entity's side, its own ties first", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki-centre-st-petersburg`);
    await graphStatus();
    const timeline = page.getByTestId("timeline");
    const labels = timeline.locator(".timeline-label");
    await expect.poll(() => labels.allTextContents(), { timeout: 45_000 }).toContain("funded by Tampere");
    const words = await labels.allTextContents();
    expect(words).toContain("funded by Helsinki");
    expect(words.some((text) => text.startsWith("funds "))).toBe(false);
    expect(await timeline.locator(".timeline-group").allTextContents()).toEqual([
      "From Helsinki Centre",
      "To Helsinki Centre",
    ]);
    expect(await timeline.getByRole("button", { name: /^funded by Tampere: / }).count()).toBe(1);
    await page.goto(`${api.url}/explorer?focus=helsinki`);
    await graphStatus();
    await expect.poll(() => labels.allTextContents(), { timeout: 45_000 }).toContain("hosts European Chemicals Agency");
    expect((await labels.allTextContents()).some((text) => text.startsWith("hosted in "))).toBe(false);
  });

  it("draws the past as past under All dates: Helsinki–Stockholm 2018–2019 and St Petersburg until March 2022 dashed", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki`);
    await graphStatus();
    const patience = { timeout: 45_000 };
    await expect
      .poll(() => edgeDrawing("helsinki--PARTNER_OF--stockholm--2018"), patience)
      .toEqual({ state: "PAST", lineStyle: "dashed", outline: 0 });
    // Stored `active`, with a `validTo` of 2022-03: ended all the same.
    expect(await edgeDrawing("helsinki--PARTNER_OF--st-petersburg")).toEqual({
      state: "PAST",
      lineStyle: "dashed",
      outline: 0,
    });
    expect(await edgeDrawing("helsinki--PARTNER_OF--moscow--2022")).toEqual({
      state: "SUSPENDED",
      lineStyle: "dotted",
      outline: 0,
    });
    // Undated, not ended: drawn apart from the dated ones in force (hollow: a white line outlined).
    expect(await edgeDrawing("helsinki--PARTNER_OF--stockholm")).toEqual({
      state: "UNDATED",
      lineStyle: "solid",
      outline: 1.5,
    });
    const legend = (await page.locator(".legend").first().textContent()) ?? "";
    expect(legend).toContain("ended (by the chosen day; under All dates, by today)");
    // The side panel's list says it in words: the tie once, its two records as periods.
    await openElementList();
    const stockholm = page
      .getByTestId("relationship-list")
      .locator("li")
      .filter({ hasText: "Helsinki — partner of → Stockholm" });
    expect(await stockholm.count()).toBe(1);
    expect(await stockholm.locator("button.period").allTextContents()).toEqual([
      "undated · in force, start unknown",
      "2018–2019 · ended",
    ]);
    // On a day inside its period the focus year is in force, drawn solid; the St Petersburg agreement undated.
    await page.getByTestId("date-control").locator('input[type="date"]').fill("2018-06-01");
    await expect
      .poll(() => edgeDrawing("helsinki--PARTNER_OF--stockholm--2018"), patience)
      .toEqual({ state: "CURRENT", lineStyle: "solid", outline: 0 });
    const timeline = page.getByTestId("timeline");
    expect(
      await timeline.locator('[data-edge="helsinki--PARTNER_OF--stockholm--2018"]').getAttribute("aria-label"),
    ).toBe("partner of Stockholm: 2018 – 2019, in force on the chosen day");
  });

  it("compares two days: the Moscow and St Petersburg suspensions marked in the graph and listed with their source", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki`);
    await graphStatus();
    const form = page.getByTestId("compare");
    await form.getByLabel("From").fill("2021-06-01");
    await form.getByLabel("To").fill("2023-01-01");
    await form.getByLabel("To").press("Enter");
    await expect.poll(() => page.url()).toContain("compareFrom=2021-06-01&compareTo=2023-01-01");
    const result = page.getByTestId("compare-result");
    // Counts as the curated graph answers since the peers' files and the news sources joined it.
    // The four suspensions (the City's and the news report's, Moscow and St Petersburg) are status changes,
    // not new partnerships: 13 records started, 9 of them new ties.
    await expect.poll(() => result.textContent(), { timeout: 45_000 }).toContain("Started (9)");
    const text = (await result.textContent()) ?? "";
    expect(text).toContain("Ended (5)");
    expect(text).toContain("Status changed: suspended (4)");
    expect(text).toContain("Status changed: resumed (0)");
    expect(text).not.toContain("Invalid Date");
    const started = (await result.locator('[data-group="started"]').textContent()) ?? "";
    expect(started).not.toContain("suspended");
    const suspended = (await result.locator('[data-group="suspended"]').textContent()) ?? "";
    expect(suspended).toContain("Helsinki — partner of → Moscow from March 2022 · suspended");
    expect(suspended).toContain("from 28 February 2022 or later · suspended");
    expect(suspended).toContain("will suspend cooperation with the cities of Moscow and Saint Petersburg");
    // Once compared, the answer sits in the side panel, beside the drawing.
    expect(await page.locator("aside.side").getByTestId("compare-result").count()).toBe(1);
    // The same changes as a citable table: the saved question's CSV, a row per record that started or ended.
    const csvLink = result.getByRole("link", { name: /What changed between 2021-06-01 and 2023-01-01 as CSV/ });
    const href = (await csvLink.getAttribute("href")) ?? "";
    expect(href).toBe("/questions/changes.csv?from=2021-06-01&to=2023-01-01&entity=helsinki&undated=INCLUDE");
    const table = await (await page.request.get(`${api.url}${href}`)).text();
    const changes = table.split("\r\n").map((line) => line.split(",")[0]);
    expect(changes.filter((change) => change === "started")).toHaveLength(13);
    expect(changes.filter((change) => change === "ended")).toHaveLength(5);
    await expect.poll(() => classesOf("edge:helsinki--PARTNER_OF--moscow--2022")).toContain("status-changed");
    await expect.poll(() => classesOf("edge:helsinki--PARTNER_OF--st-petersburg")).toContain("ended-between");
    await screenshot("explorer-compare", { fullPane: true });
  });

  it("sizes nodes by centrality with a ranking, and colours them by community", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki&communities=1`);
    await graphStatus();
    const panel = page.getByTestId("centrality");
    await panel.getByLabel("Size nodes by").selectOption("DEGREE");
    await expect.poll(() => page.url()).toContain("measure=DEGREE");
    const ranking = page.getByTestId("ranking");
    await expect
      .poll(() => ranking.locator("tbody tr").first().textContent(), { timeout: 150_000 })
      .toBe("1Helsinki10089");
    // Rank, name, the share of the top score (17 of 89 is 19 %), and for degree the relationships.
    expect(await ranking.locator("tbody tr").nth(1).textContent()).toBe("2Turku1917");
    await expect
      .poll(() => panel.getByTestId("community-count").textContent(), { timeout: 150_000 })
      .toMatch(/^11 communities, largest first\./);
    expect(await panel.locator('[data-testid="community"][aria-current="true"]').textContent()).toMatch(
      /^Community 1 \(49 entities\) · Helsinki is here: Helsinki, /,
    );
    const sizes = await page.evaluate(() => {
      const element: any = document.querySelector('[data-testid="graph-canvas"]');
      return {
        helsinki: element.cy.getElementById("helsinki").width(),
        tallinn: element.cy.getElementById("tallinn").width(),
        colours: new Set(element.cy.nodes().map((n: any) => n.style("background-color"))).size,
      };
    });
    expect(sizes.helsinki).toBeGreaterThan(sizes.tallinn * 2);
    expect(sizes.colours).toBeGreaterThan(3);
    await screenshot("explorer-centrality", { fullPane: true });
    // Over one step around the focus: Helsinki keeps its 89 ties, the rest count only theirs among its neighbours.
    await panel.getByTestId("analysis-scope").selectOption("1");
    await expect.poll(() => page.url()).toContain("scope=1");
    expect(await panel.getByTestId("analysis-scope-words").textContent()).toBe(
      "Over one step around Helsinki, across all dates (All dates: ended ones too).",
    );
    await expect
      .poll(() => panel.getByTestId("community-count").textContent(), { timeout: 150_000 })
      .toMatch(/^\d+ communit(y|ies), largest first\./);
    await expect
      .poll(() => panel.locator('[data-testid="community"][aria-current="true"]').textContent(), { timeout: 150_000 })
      .toMatch(/^Community \d+ \(\d+ entities\) · Helsinki is here: Helsinki/);
    await expect
      .poll(() => ranking.locator("tbody tr").first().textContent(), { timeout: 150_000 })
      .toBe("1Helsinki10089");
    await expect
      .poll(async () => Number(await ranking.locator("tbody tr").nth(1).locator("td").last().textContent()))
      .toBeLessThan(17);
    // The ranking's names open the entity.
    const second = ranking.locator("tbody tr").nth(1).getByRole("button");
    const secondName = await second.textContent();
    await second.click();
    await expect.poll(() => page.url()).toMatch(/select=node%3A[a-z-]+/);
    expect(secondName).not.toBe("Helsinki");
  }, 600_000);

  it("lists what the path finder's two ends share, with both relationships", async () => {
    await page.goto(`${api.url}/explorer?from=helsinki&to=tampere&asOf=2020-02-05`);
    await graphStatus();
    const shared = page.getByTestId("shared-connections");
    await expect.poll(() => shared.locator("li").count(), { timeout: 45_000 }).toBe(8);
    const rows = await shared.locator("li").allTextContents();
    expect(rows[0]).toMatch(
      /^Climate network of the six largest Finnish cities: Helsinki founder of · Tampere founder of/,
    );
    expect(rows[1]).toMatch(/^Finland: Helsinki in country · Tampere in country/);
    expect(rows[5]).toMatch(/^Open & Agile Smart Cities: Helsinki member of · Tampere member of/);
    await shared.locator("li").nth(5).getByRole("button", { name: "Tampere member of" }).click();
    await expect.poll(() => page.getByTestId("citations").textContent()).toContain("CeBIT 2015");
    await screenshot("explorer-shared");
  });
});

describe("whose word in the explorer", () => {
  it("shows whose word backs Helsinki's ties with a CSV, and Helsinki and Stockholm side by side", async () => {
    const patience = { timeout: 90_000 };
    await page.goto(`${api.url}/explorer?focus=helsinki`);
    await graphStatus();
    // ── Corroboration: opened by a button, kept in the address.
    const panel = page.getByTestId("corroboration");
    await panel.getByRole("button", { name: /^Show whose word backs Helsinki/ }).click();
    await expect.poll(() => page.url()).toContain("corroboration=1");
    const counts = page.getByTestId("corroboration-counts");
    await expect.poll(() => counts.locator("dt").allTextContents(), patience).toContain("Official sources only");
    // Without the crowd layer nothing is Wikidata's: Stockholm's tie is official only (its own denial of a
    // twinning denies a kind no one claims), Copenhagen's only word is its denial.
    expect(Number(await counts.getByTestId("count-CROWD_ONLY").textContent())).toBe(0);
    expect(Number(await counts.getByTestId("count-OFFICIAL_ONLY").textContent())).toBeGreaterThan(0);
    expect(Number(await counts.getByTestId("count-DENIED").textContent())).toBeGreaterThan(0);
    const official = page.getByTestId("verdict-OFFICIAL_ONLY");
    expect(await official.getByRole("heading").first().textContent()).toMatch(/^Official sources only \(\d+\)$/);
    const stockholm = official.getByTestId("tie").filter({ has: page.getByText("Stockholm", { exact: true }) });
    const stockholmText = (await stockholm.textContent()) ?? "";
    expect(stockholmText).toContain("twin-city · denied");
    expect(stockholmText).toContain("Staden har dock inga utpekade vänorter");
    expect(stockholmText).toContain("(city · party to this tie)");
    expect(stockholmText).toContain("(news media · third party)");
    const denied = (await page.getByTestId("verdict-DENIED").textContent()) ?? "";
    expect(denied).toMatch(/^Only a denial on record \(\d+\)/);
    expect(denied).toContain("Copenhagen");
    expect(denied).toContain("Copenhagen currently has no sister city in the world.");
    // A claim opens in the side panel with its sources and whose word each is.
    await stockholm.getByRole("button", { name: /twin-city · denied/ }).click();
    await expect.poll(() => page.url()).toContain("select=edge%3Astockholm--PARTNER_OF--helsinki");
    await expect
      .poll(() => page.getByTestId("citations").getByTestId("whose-word").allTextContents())
      .toEqual(["city · party to this tie"]);
    // The table as CSV: one row per tie, claim and source.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      panel.getByRole("button", { name: "Download the table (CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("corroboration-helsinki.csv");
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "from_id,from_name,to_id,to_name,verdict,claim_classes,claim_id,claim_kind,claim_status,valid_from,valid_to," +
        "source_id,source_title,publisher,publisher_kind,party,published,url,excerpt,locator",
    );
    expect(
      lines.some((line) => line.includes("stockholm-organisations-and-networks") && line.includes(",party,")),
    ).toBe(true);
    expect(lines.some((line) => line.startsWith("helsinki,Helsinki,copenhagen,Copenhagen,DENIED,DENIED,"))).toBe(true);
    await screenshot("explorer-corroboration", { fullPane: true });

    // ── Peers: Helsinki and Stockholm, picked with the search box, kept in the address.
    await searchAndPick("peer-search", "Stockholm", "Stockholm");
    await expect.poll(() => page.url()).toContain("peers=stockholm");
    const shared = page.getByTestId("shared-by-all");
    const connection = (node: string) => shared.locator(`[data-testid="peer-connection"][data-node="${node}"]`);
    await expect.poll(() => connection("kyiv").count(), patience).toBe(1);
    expect(await connection("world-cities-culture-forum").count()).toBe(1);
    expect(await connection("helsinki-impact-conference-2019").count()).toBe(1);
    const headings = await shared.locator("h4").allTextContents();
    expect(headings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Networks \(member of\) \(\d+\)$/),
        expect.stringMatching(/^Partners \(\d+\)$/),
        expect.stringMatching(/^Events \(took part in\) \(\d+\)$/),
      ]),
    );
    const kyiv = connection("kyiv");
    expect(await kyiv.textContent()).toContain("Helsinki: since 1993");
    expect(await kyiv.textContent()).toContain("Stockholm: ");
    // Sources on demand: closed until asked for.
    const helsinkiSources = kyiv.locator("details").first();
    expect(await helsinkiSources.getAttribute("open")).toBeNull();
    await helsinkiSources.locator("summary").click();
    await expect
      .poll(() => helsinkiSources.locator(".citations").first().textContent())
      .toContain("Helsinki on solminut yhteistyöasiakirjan Kiovan kaupungin kanssa");
    expect(
      await page
        .getByTestId("unique")
        .getByRole("heading", { name: /^Only Stockholm/ })
        .count(),
    ).toBe(1);
    await screenshot("explorer-peers", { fullPane: true });
    // The date control's day is passed on: in 2000 Stockholm had no agreement with Kyiv yet.
    await page.getByTestId("date-control").locator('input[type="date"]').fill("2000-01-01");
    await expect.poll(() => page.url()).toContain("asOf=2000-01-01");
    await expect.poll(() => page.getByTestId("peers-result").textContent(), patience).toContain("as of 2000-01-01");
    expect(await connection("kyiv").count()).toBe(0);
    // The address reproduces the comparison.
    await page.goto(`${api.url}/explorer?focus=helsinki&peers=stockholm`);
    await expect.poll(() => connection("kyiv").count(), patience).toBe(1);
  }, 600_000);
});

describe("GraphiQL", () => {
  it("is served from here, opens with example queries, and runs one", async () => {
    await page.goto(`${api.url}/graphiql`);
    const run = page.locator(".graphiql-execute-button");
    await run.waitFor({ timeout: 30_000 });
    await page.locator(".graphiql-query-editor .monaco-editor").first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator(".graphiql-tab").count()).toBeGreaterThan(3);
    await run.click();
    const result = page.locator(".result-window");
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toContain("helsinki-centre-st-petersburg");
    await screenshot("graphiql");
  });
});
