/**
 * Charts and measures that explain themselves (issue 20), in a real browser against the curated graph: the
 * dashboard's charts say whose, as of when and what they count, in plain words (no MEMBER_OF); the partners
 * chart says why Helsinki's partnership relationships outnumber its partner cities; the centrality ranking
 * gives ranks, shares of the top score and a sentence on the measure; communities list their members; and the
 * graph's legend follows the colouring.
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

/** What the tests read of an element in the page (the tests' compiler has no DOM library). */
interface PageElement {
  readonly textContent: string | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

/** The rows of a table as cell texts. */
function tableRows(testId: string): Promise<string[][]> {
  return page
    .getByTestId(testId)
    .evaluate((table) =>
      Array.from((table as unknown as PageElement).querySelectorAll("tr")).map((row) =>
        Array.from(row.querySelectorAll("th, td")).map((cell) => cell.textContent ?? ""),
      ),
    );
}

describe("the dashboard's charts explain themselves", () => {
  it("captions each chart with whose, as of when and what it counts, in plain words", async () => {
    await page.goto(`${api.url}/explorer?view=dashboard&focus=helsinki&asOf=2019-07-01`);
    const dashboard = page.getByTestId("dashboard");
    await expect.poll(() => dashboard.locator("canvas").count(), { timeout: 60_000 }).toBe(5);
    const partners = page.getByTestId("partners-chart");
    await expect
      .poll(() => partners.getByTestId("chart-caption").textContent(), { timeout: 30_000 })
      .toMatch(
        /^\d+ partner cities of Helsinki, in force on 2019-07-01 \(undated claims counted as in force\), by the country each lies in \(cities only\)\./,
      );
    expect(await partners.locator("h2").textContent()).toBe("Partner cities of Helsinki by country");
    expect(await page.getByTestId("funders-chart").getByTestId("chart-caption").textContent()).toContain(
      "in force on 2019-07-01",
    );
    expect(await page.getByTestId("kinds-chart").getByTestId("chart-caption").textContent()).toContain(
      "The date control does not apply here.",
    );
    const activity = page.getByTestId("activity-chart");
    expect(await activity.getByTestId("chart-caption").textContent()).toMatch(
      /^Relationships of Helsinki in force on 1 July of each year, 1990–\d{4}, by type \(undated claims counted as in force\)\. A relationship with several periods or claims counts once for each/,
    );

    // The researcher's puzzle: more "partner of" in the per-year chart than partner cities. The caption says
    // how many relationships tie the partners, and that is the per-year chart's number for the same day.
    const caption = (await partners.getByTestId("chart-caption").textContent()) ?? "";
    const cities = Number(/^(\d+) partner cities/.exec(caption)?.[1]);
    const ties = Number(/They are (\d+) partnership relationships/.exec(caption)?.[1]);
    expect(caption).toMatch(/several periods or claims \((\w[\w ]* \d+(, )?)+\)/);
    expect(caption).toMatch(/Tallinn \d/);
    expect(ties).toBeGreaterThan(cities);
    const years = await tableRows("activity-table");
    const partnerColumn = years[0]!.indexOf("partner of");
    expect(partnerColumn, JSON.stringify(years[0])).toBeGreaterThan(0);
    expect(Number(years.find((row) => row[0] === "2019")?.[partnerColumn])).toBe(ties);

    // Plain words only: no code names of relationship types anywhere on the dashboard, tables included.
    const text = (await dashboard.textContent()) ?? "";
    expect(text.match(/\b[A-Z]+_[A-Z_]+\b/g)).toBeNull();
    expect(text).toContain("member of");
  });

  it("says All dates as such, and follows the focus", async () => {
    await page.goto(`${api.url}/explorer?view=dashboard&focus=tampere`);
    const partners = page.getByTestId("partners-chart");
    await expect
      .poll(() => partners.getByTestId("chart-caption").textContent(), { timeout: 60_000 })
      .toMatch(/^\d+ partner cit(y|ies) of Tampere, across all dates \(All dates: ended ones too\)/);
    expect(await page.getByTestId("funders-chart").getByTestId("chart-caption").textContent()).toContain(
      "across all dates",
    );
    expect(await page.getByTestId("activity-chart").locator("h2").textContent()).toBe(
      "Relationships of Tampere in force per year, by type",
    );
  });
});

describe("the dashboard's numbers can be taken away", () => {
  it("offers each chart's saved question as CSV and JSON, in the reader's language, with the chart's numbers", async () => {
    await page.goto(`${api.url}/explorer?view=dashboard&focus=tampere&asOf=2019-07-01&lang=fi`);
    const funders = page.getByTestId("funders-chart");
    const csv = funders.getByRole("link", { name: "Rahoittajat toimistoittain CSV-muodossa (taulukkolaskentaan)" });
    await expect.poll(() => csv.count(), { timeout: 60_000 }).toBe(1);
    expect(await csv.getAttribute("href")).toBe("/questions/funders-per-office.csv?asOf=2019-07-01&undated=INCLUDE");
    expect(await funders.getByTestId("chart-downloads").textContent()).toBe("Lataa luvut: CSV · JSON");

    // The JSON answers exactly the numbers the chart's table shows.
    const json = await funders
      .getByRole("link", { name: "Rahoittajat toimistoittain JSON-muodossa (ohjelmille)" })
      .getAttribute("href");
    const answer = (await (await fetch(`${api.url}${json}`)).json()) as {
      rows: { officeName: string; funders: number }[];
    };
    const shown = await funders
      .locator("table")
      .evaluate((table) =>
        Array.from((table as unknown as PageElement).querySelectorAll("tr")).map((row) =>
          Array.from(row.querySelectorAll("th, td")).map((cell) => cell.textContent ?? ""),
        ),
      );
    expect(answer.rows.map((row) => [row.officeName, String(row.funders)])).toEqual(shown);

    const activity = page.getByTestId("activity-chart");
    await expect.poll(() => activity.getByRole("link", { name: /CSV-muodossa/ }).count(), { timeout: 60_000 }).toBe(1);
    expect(await activity.getByRole("link", { name: /CSV-muodossa/ }).getAttribute("href")).toMatch(
      /^\/questions\/activity-by-type\.csv\?entity=tampere&fromYear=1990&toYear=\d{4}&undated=INCLUDE$/,
    );
    // The partners chart: the saved question counts by the explorer's own rule, so the same numbers (the
    // countries' names are the data's, the table's in the reader's language: compare the counts).
    const partners = page.getByTestId("partners-chart");
    const partnersJson = partners.getByRole("link", { name: /JSON-muodossa/ });
    await expect.poll(() => partnersJson.count(), { timeout: 60_000 }).toBe(1);
    const partnersHref = (await partnersJson.getAttribute("href")) ?? "";
    expect(partnersHref).toBe("/questions/partners-by-country.json?entity=tampere&asOf=2019-07-01&undated=INCLUDE");
    const partnerAnswer = (await (await fetch(`${api.url}${partnersHref}`)).json()) as {
      rows: { country: string; partners: number }[];
    };
    const partnerRows = await partners
      .locator("table")
      .evaluate((table) =>
        Array.from((table as unknown as PageElement).querySelectorAll("tr")).map((row) =>
          Array.from(row.querySelectorAll("th, td")).map((cell) => cell.textContent ?? ""),
        ),
      );
    const counts = (values: number[]) => [...values].sort((a, b) => a - b);
    expect(counts(partnerAnswer.rows.map((row) => row.partners))).toEqual(
      counts(partnerRows.map((row) => Number(row.at(-1)))),
    );
  });
});

describe("centrality and communities explain themselves", () => {
  it("ranks with shares of the top score and a sentence, lists communities, and the legend follows", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki&asOf=2019-12-31&measure=BETWEENNESS&communities=1`);
    const panel = page.getByTestId("centrality");
    const legend = page.getByTestId("graph-legend");
    expect(await legend.textContent()).toContain("Colour: kind of entity");
    expect(await panel.getByTestId("measure-sentence").textContent()).toBe(
      "Betweenness: how often an entity lies on the shortest paths between two others — the brokers.",
    );
    expect(await panel.getByTestId("analysis-scope-words").textContent()).toBe(
      "Over the whole graph, in force on 2019-12-31 (undated claims counted as in force).",
    );
    const ranking = page.getByTestId("ranking");
    await expect.poll(() => ranking.locator("tbody tr").count(), { timeout: 150_000 }).toBeGreaterThan(2);
    const rows = await tableRows("ranking");
    expect(rows[0]).toEqual(["Rank", "Entity", "Score (top = 100)"]);
    expect(rows[1]?.[0]).toBe("1");
    expect(rows[1]?.[2]).toBe("100");
    expect(rows.slice(2).every((row) => Number(row[2]) <= 100 && /^\d+$/.test(row[0] ?? ""))).toBe(true);
    expect(await ranking.getByTestId("ranking-share").textContent()).toBe(
      `Score: a share of the top score (${rows[1]?.[1]} = 100).`,
    );

    // Communities, largest first, with members; Helsinki's marked, its name first.
    const communities = panel.getByTestId("community");
    await expect.poll(() => communities.count(), { timeout: 150_000 }).toBeGreaterThan(1);
    expect(await panel.getByTestId("community-count").textContent()).toMatch(/^\d+ communities, largest first\./);
    const focusCommunity = panel.locator('[data-testid="community"][aria-current="true"]');
    expect(await focusCommunity.count()).toBe(1);
    expect(await focusCommunity.textContent()).toMatch(
      /^Community \d+ \(\d+ entities\) · Helsinki is here: Helsinki, /,
    );
    const sizes = await communities.evaluateAll((items) =>
      items.map((item) => Number(/\((\d+) entit/.exec((item as unknown as PageElement).textContent ?? "")?.[1])),
    );
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const largest = communities.first();
    if (/and \d+ more/.test((await largest.textContent()) ?? "")) {
      const named = await largest.getByRole("button").count();
      await largest.getByRole("button", { name: "(show all)" }).click();
      await expect.poll(() => largest.getByRole("button").count()).toBeGreaterThan(named);
    }
    // A member opens the entity.
    const member = focusCommunity.getByRole("button").nth(1);
    const memberName = (await member.textContent()) ?? "";
    await member.click();
    await expect.poll(() => page.url()).toMatch(/select=node%3A[a-z0-9-]+/);
    expect(memberName).not.toBe("Helsinki");

    // The legend now shows communities with their members, the kinds only by shape.
    await expect.poll(() => legend.textContent()).toContain("Colour: community");
    const legendText = (await legend.textContent()) ?? "";
    expect(legendText).toMatch(/Community \d+: Helsinki, /);
    expect(legendText).toContain("Shape: kind of entity");
    expect(legendText).not.toContain("Colour: kind of entity");
    await panel.getByLabel("Colour by community").uncheck();
    await expect.poll(() => legend.textContent()).toContain("Colour: kind of entity");
    expect(await legend.textContent()).not.toMatch(/Community \d+:/);
  }, 400_000);
});
