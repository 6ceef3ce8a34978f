/**
 * The explorer's graph as a reader sees it at 1440 × 900 in Chromium, against the curated graph: the drawing
 * fills a tall pane (and still fits one column at 700 px), its labels are legible on screen, the same link
 * draws the same picture, a found path is zoomed to with the rest dimmed, and any neighbourhood narrows by
 * relationship type through the API and the address (issue 20, "a readable graph").
 * With SCREENSHOTS_DIR set (npm run screenshots), the drawing and the path are saved there as PNG files.
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
let foreignRequests: string[];
const pageErrors: string[] = [];
const screenshotsDir = process.env.SCREENSHOTS_DIR;
const patience = { timeout: 45_000 };

// Functions passed to page.evaluate run in the page; this is the page global they use (tests have no DOM types).
declare const document: { querySelector(selector: string): any };

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

async function screenshot(name: string): Promise<void> {
  if (!screenshotsDir) return;
  await mkdir(screenshotsDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });
}

/** Waits until the drawing holds what the status line counts ("N entities, M relationships"). */
async function loaded(): Promise<{ nodes: number; edges: number }> {
  const status = page.getByTestId("graph-status");
  let counts = { nodes: -1, edges: -1 };
  await expect
    .poll(async () => {
      const match = /^(\d+) entities, (\d+) relationships/.exec((await status.textContent()) ?? "");
      if (!match) return false;
      counts = { nodes: Number(match[1]), edges: Number(match[2]) };
      const drawn = await page.evaluate(() => {
        const cy = document.querySelector('[data-testid="graph-canvas"]')?.cy;
        return cy ? { nodes: cy.nodes().length as number, edges: cy.edges().length as number } : null;
      });
      return drawn?.nodes === counts.nodes && drawn.edges === counts.edges;
    }, patience)
    .toBe(true);
  return counts;
}

/** What the reader sees of the drawing: its pane, where the nodes are on it, and the labels' sizes on screen. */
function view(): Promise<{
  pane: { width: number; height: number };
  nodes: { id: string; x: number; y: number }[];
  drawing: { width: number; height: number };
  outside: number;
  zoom: number;
  labelledNodes: number;
  labelledEdges: number;
  smallestLabel: number;
  dimmed: number;
  onPath: string[];
  types: string[];
}> {
  return page.evaluate(() => {
    const element = document.querySelector('[data-testid="graph-canvas"]');
    const cy = element.cy;
    const box = element.getBoundingClientRect();
    const zoom = cy.zoom() as number;
    const nodes = cy.nodes().map((node: any) => ({ id: node.id(), ...node.renderedPosition() }));
    const xs = nodes.map((node: { x: number }) => node.x);
    const ys = nodes.map((node: { y: number }) => node.y);
    // A label is shown when it has text and Cytoscape draws it (min-zoomed-font-size hides smaller ones).
    const labelled = cy.elements().filter((e: any) => e.style("label") !== "");
    const sizes = labelled.map((e: any) => zoom * parseFloat(e.style("font-size")));
    return {
      pane: { width: box.width, height: box.height },
      nodes,
      drawing: { width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) },
      outside: nodes.filter((n: any) => n.x < 0 || n.y < 0 || n.x > box.width || n.y > box.height).length,
      zoom,
      labelledNodes: labelled.filter((e: any) => e.isNode()).length,
      labelledEdges: labelled.filter((e: any) => e.isEdge()).length,
      smallestLabel: Math.min(...sizes),
      dimmed: cy.$(".dimmed").length,
      onPath: cy.nodes(".on-path").map((n: any) => n.id()),
      types: cy.edges().map((e: any) => e.data("type")),
    };
  });
}

describe("the graph drawing", () => {
  it("fills a tall pane with legible labels at 1440 × 900", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki`);
    const { nodes } = await loaded();
    expect(nodes).toBeGreaterThan(20);
    await expect
      .poll(async () => {
        const seen = await view();
        return {
          tallPane: seen.pane.height >= 0.6 * 900,
          filled: seen.drawing.width >= 0.75 * seen.pane.width || seen.drawing.height >= 0.75 * seen.pane.height,
          outside: seen.outside,
          // Every node is labelled (the neighbourhood is not crowded), none below 11 px on screen.
          everyNodeLabelled: seen.labelledNodes === nodes,
          legible: seen.smallestLabel >= 11,
        };
      }, patience)
      .toEqual({ tallPane: true, filled: true, outside: 0, everyNodeLabelled: true, legible: true });
    // Relationship labels wait for room (zoom in, hover, the path): a hundred of them would be a hairball.
    expect((await view()).labelledEdges).toBe(0);
    await screenshot("explorer-graph");
  });

  it("labels relationships at the pointer, and where zoomed in with room for them", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki`);
    await loaded();
    // The pointer over a node labels its relationships (and its neighbours), at a legible size.
    const pointAt = (id: string, event: string) =>
      page.evaluate(
        // Returns nothing: a Cytoscape element sent back to the test would be serialised whole.
        ([at, name]) => void document.querySelector('[data-testid="graph-canvas"]').cy.getElementById(at).emit(name),
        [id, event],
      );
    await pointAt("tallinn", "mouseover");
    await expect.poll(async () => (await view()).labelledEdges, patience).toBeGreaterThan(0);
    expect((await view()).smallestLabel).toBeGreaterThanOrEqual(11);
    await pointAt("tallinn", "mouseout");
    await expect.poll(async () => (await view()).labelledEdges, patience).toBe(0);

    // Zoomed in where there is room (at the edge of the drawing, away from the focus's many lines), the
    // relationships there are labelled, still legibly.
    await page.evaluate(() => {
      const cy = document.querySelector('[data-testid="graph-canvas"]').cy;
      const centre = cy.getElementById("helsinki").position();
      const far = cy
        .nodes()
        .max((node: any) => Math.hypot(node.position().x - centre.x, node.position().y - centre.y)).ele;
      cy.zoom({ level: 3, position: far.position() });
    });
    await expect.poll(async () => (await view()).labelledEdges, patience).toBeGreaterThan(0);
    expect((await view()).smallestLabel).toBeGreaterThanOrEqual(11);
  });

  it("fits one column on a narrow screen", async () => {
    await page.setViewportSize({ width: 700, height: 900 });
    await page.goto(`${api.url}/explorer?focus=helsinki`);
    // One column on a narrow screen: the drawing still fills its pane and stays inside it.
    await loaded();
    await expect
      .poll(async () => {
        const seen = await view();
        return { fits: seen.pane.width <= 700 && seen.pane.height >= 384, outside: seen.outside };
      }, patience)
      .toEqual({ fits: true, outside: 0 });
  });

  it("draws the same picture from the same link", async () => {
    const address = `${api.url}/explorer?focus=helsinki&expand=tampere`;
    const positions = async () => {
      await page.goto(address);
      await loaded();
      return page.evaluate(() =>
        Object.fromEntries(
          document
            .querySelector('[data-testid="graph-canvas"]')
            .cy.nodes()
            .map((node: any) => [node.id(), node.position()]),
        ),
      ) as Promise<Record<string, { x: number; y: number }>>;
    };
    // The layout is seeded, and stretched towards the pane's shape for the window (not as measured): the same
    // arrangement, compared within each picture's own bounds, and the same stretch (the bounds' shape).
    const shape = (at: Record<string, { x: number; y: number }>) => {
      const xs = Object.values(at).map((p) => p.x);
      const ys = Object.values(at).map((p) => p.y);
      return (Math.max(...xs) - Math.min(...xs)) / (Math.max(...ys) - Math.min(...ys) || 1);
    };
    const normalised = (at: Record<string, { x: number; y: number }>) => {
      const xs = Object.values(at).map((p) => p.x);
      const ys = Object.values(at).map((p) => p.y);
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      return Object.fromEntries(
        Object.entries(at).map(([id, p]) => [id, { x: (p.x - x0) / (x1 - x0 || 1), y: (p.y - y0) / (y1 - y0 || 1) }]),
      );
    };
    const firstAt = await positions();
    await page.goto("about:blank");
    const secondAt = await positions();
    expect(Math.abs(shape(firstAt) / shape(secondAt) - 1)).toBeLessThan(0.01);
    const [first, second] = [normalised(firstAt), normalised(secondAt)];
    expect(Object.keys(second).sort()).toEqual(Object.keys(first).sort());
    const moved = Object.keys(first).filter(
      (id) => Math.abs(first[id]!.x - second[id]!.x) > 0.005 || Math.abs(first[id]!.y - second[id]!.y) > 0.005,
    );
    expect(moved).toEqual([]);
  });

  it("zooms to a found path with the rest dimmed, and shows the whole graph again", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki&from=tampere&to=brussels`);
    const steps = page.getByTestId("path-result").getByRole("listitem");
    await expect.poll(() => steps.count(), patience).toBeGreaterThan(0);
    const { nodes } = await loaded();
    const toggle = page.getByTestId("path-view");
    await expect.poll(() => toggle.textContent(), patience).toBe("Show whole graph");
    await expect
      .poll(async () => {
        const seen = await view();
        const onPath = seen.nodes.filter((node) => seen.onPath.includes(node.id));
        const xs = onPath.map((node) => node.x);
        const ys = onPath.map((node) => node.y);
        const inside = onPath.every(
          (node) => node.x >= 0 && node.y >= 0 && node.x <= seen.pane.width && node.y <= seen.pane.height,
        );
        const spread =
          Math.max(...xs) - Math.min(...xs) >= 0.5 * seen.pane.width ||
          Math.max(...ys) - Math.min(...ys) >= 0.5 * seen.pane.height;
        return { pathNodes: onPath.length > 1, inside, spread, restDimmed: seen.dimmed > 0 };
      }, patience)
      .toEqual({ pathNodes: true, inside: true, spread: true, restDimmed: true });
    await screenshot("explorer-path-zoomed");

    await toggle.click();
    await expect.poll(() => toggle.textContent()).toBe("Zoom to the path");
    await expect
      .poll(async () => {
        const seen = await view();
        return { outside: seen.outside, dimmed: seen.dimmed, drawn: seen.nodes.length };
      }, patience)
      .toEqual({ outside: 0, dimmed: 0, drawn: nodes });
  });

  it("narrows any neighbourhood to one relationship type, through the API and the address", async () => {
    await page.goto(`${api.url}/explorer?focus=helsinki`);
    const before = await loaded();
    expect(new Set((await view()).types).size).toBeGreaterThan(1);
    // Folded until wanted.
    const narrow = page.getByTestId("narrow");
    expect(await narrow.getAttribute("open")).toBeNull();
    await narrow.locator("summary").click();
    await narrow.getByRole("button", { name: "Only partner of" }).click();
    await expect.poll(() => page.url()).toContain("types=PARTNER_OF");
    await expect.poll(async () => new Set((await view()).types), patience).toEqual(new Set(["PARTNER_OF"]));
    const after = await loaded();
    expect(after.edges).toBeLessThan(before.edges);
    expect(await page.getByTestId("hub-narrowed").textContent()).toContain("narrowed to partner of");
    // The other types stay offered, unticked, to bring them back.
    const types = page.getByTestId("hub-types");
    expect(await types.getByRole("checkbox", { name: "partner of" }).isChecked()).toBe(true);
    expect(await types.getByRole("checkbox", { checked: true }).count()).toBe(1);
    expect(await types.getByRole("checkbox", { checked: false }).count()).toBeGreaterThan(0);
    // The address is the view.
    await page.reload();
    await expect.poll(async () => new Set((await view()).types), patience).toEqual(new Set(["PARTNER_OF"]));
  });
});
