/**
 * How the graph is drawn, as pure decisions graph-view.tsx applies to Cytoscape (unit-tested without a browser):
 *
 * - **Where nodes start** before fCoSE relaxes them. fCoSE's own start (`randomize: true`) is a spectral layout
 *   sampled with Math.random, so one link drew a different picture on every load. We run it with
 *   `randomize: false` from positions computed here instead: the focus in the middle, each hop on a ring around
 *   it, in an order and with a small jitter taken from a PRNG seeded by the ids. This is the clean way: no
 *   global Math.random is replaced (which would reach every other script on the page), and the start is a
 *   sensible one (concentric by hop, as a reader expects a neighbourhood), so the relaxation settles quickly.
 *   A hop too crowded for one ring (a city with hundreds of twins) fills a band instead, evenly (`bandRadius`),
 *   near where the relaxation would leave it. fCoSE's remaining randomness (layout-base's RandomSeed) is a
 *   fixed sequence, not Math.random.
 * - **How hard the layout works** (`layoutEffort`): a large drawing gets fewer iterations (its start is already
 *   close to where it settles): the force layout's cost grows with the nodes and the iterations.
 * - **How the drawing fills its pane**: fCoSE draws a neighbourhood round; a wide pane stretches it sideways
 *   (at most 1.8 times), which gives the wide labels room instead of leaving the pane's sides empty. The
 *   pane's shape is the one the window's size gives it (`paneShape`), so the stretch does not creep.
 * - **How big labels are** on screen: never below a legible size whatever the zoom, and shown only where there
 *   is room for them (all node labels when the drawing is not crowded; a relationship's label when zoomed in
 *   far enough and its line is long enough to hold it, else on hover, selection and the path).
 * - **What a found path's view fits**: the path's nodes that are drawn.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** mulberry32: a small, fast 32-bit PRNG; the same seed gives the same sequence in every browser. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: a text's 32-bit hash, the seed for what is drawn around it. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Distance between rings of hops, and from a node drawn before to the new nodes placed around it. */
export const RING_SPACING = 160;
export const BESIDE_SPACING = 110;
/** How many nodes the `n`th ring holds before its hop becomes a band; and the room each node of a band gets. */
export const RING_ROOM = 12;
export const BAND_AREA_PER_NODE = 90 * 90;
/** The fractional part of the golden ratio: successive multiples spread evenly over [0, 1). */
const GOLDEN_FRACTION = (Math.sqrt(5) - 1) / 2;

/**
 * The distance from the focus of the `index`th of `count` nodes of a crowded hop, in a band from `inner`
 * outwards holding BAND_AREA_PER_NODE each: radii by the golden ratio's multiples, so neighbours in angle sit
 * at different depths and the band's density is even.
 */
export function bandRadius(index: number, count: number, inner: number): number {
  const share = (index * GOLDEN_FRACTION) % 1;
  return Math.sqrt(inner * inner + (share * count * BAND_AREA_PER_NODE) / Math.PI);
}

/** The outer edge of such a band. */
export function bandOuter(count: number, inner: number): number {
  return Math.sqrt(inner * inner + (count * BAND_AREA_PER_NODE) / Math.PI);
}

/** fCoSE's iterations for a drawing of `nodes` nodes: its default up to a few hundred nodes, fewer beyond. */
export const LAYOUT_ITERATIONS = 2500;
export function layoutEffort(nodes: number): { readonly numIter: number } {
  if (nodes <= 150) return { numIter: LAYOUT_ITERATIONS };
  return { numIter: Math.max(250, Math.round((LAYOUT_ITERATIONS * 150) / nodes)) };
}

interface Link {
  readonly source: string;
  readonly target: string;
}

function neighboursOf(ids: readonly string[], links: readonly Link[]): Map<string, string[]> {
  const neighbours = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const link of links) {
    if (!neighbours.has(link.source) || !neighbours.has(link.target)) continue;
    neighbours.get(link.source)!.push(link.target);
    neighbours.get(link.target)!.push(link.source);
  }
  for (const list of neighbours.values()) list.sort();
  return neighbours;
}

/**
 * Start positions for the nodes `ids` not in `placed` (those keep theirs, so an expansion does not move what the
 * reader has seen). A first drawing: `focus` (else the first id) at the origin, every other node on the ring of
 * its hop distance, rings ordered by their parent's angle and then by id hash, each ring turned and jittered by
 * a PRNG seeded by the focus. Later additions: around the nearest node already placed. The result depends only
 * on the arguments (never on Math.random), so the same address draws the same picture.
 */
export function startPositions(
  ids: readonly string[],
  links: readonly Link[],
  focus: string | null,
  placed: ReadonlyMap<string, Point> = new Map(),
): Map<string, Point> {
  const neighbours = neighboursOf(ids, links);
  const positions = new Map<string, Point>();
  const anchored = ids.filter((id) => placed.has(id));
  const random = seededRandom(hashText(focus ?? ids[0] ?? ""));

  if (anchored.length === 0) {
    const start = focus !== null && neighbours.has(focus) ? focus : ids[0];
    if (start === undefined) return positions;
    // Hop distances from the start; what it does not reach goes on a ring outside the farthest.
    const hop = new Map<string, number>([[start, 0]]);
    const parent = new Map<string, string>();
    const queue = [start];
    for (let at = 0; at < queue.length; at++) {
      const id = queue[at]!;
      for (const next of neighbours.get(id) ?? []) {
        if (hop.has(next)) continue;
        hop.set(next, hop.get(id)! + 1);
        parent.set(next, id);
        queue.push(next);
      }
    }
    const farthest = Math.max(0, ...hop.values());
    for (const id of ids) if (!hop.has(id)) hop.set(id, farthest + 1);
    positions.set(start, { x: 0, y: 0 });
    const angle = new Map<string, number>([[start, 0]]);
    // The outer edge of what is placed so far: a band pushes the rings after it outwards.
    let outer = 0;
    for (let ring = 1; ring <= farthest + 1; ring++) {
      const members = ids.filter((id) => hop.get(id) === ring);
      if (members.length === 0) continue;
      const parentAngle = (id: string) => angle.get(parent.get(id) ?? "") ?? 0;
      members.sort((a, b) => parentAngle(a) - parentAngle(b) || hashText(a) - hashText(b) || (a < b ? -1 : 1));
      const turn = random() * 2 * Math.PI;
      const inner = Math.max(ring * RING_SPACING, outer + RING_SPACING);
      const band = members.length > RING_ROOM * ring;
      members.forEach((id, index) => {
        const theta = turn + (2 * Math.PI * index) / members.length + (random() - 0.5) * 0.2;
        const r = band ? bandRadius(index, members.length, inner) : inner * (0.9 + random() * 0.2);
        angle.set(id, theta);
        positions.set(id, { x: r * Math.cos(theta), y: r * Math.sin(theta) });
      });
      outer = band ? bandOuter(members.length, inner) : inner;
    }
    return positions;
  }

  // Additions: each beside a placed neighbour (breadth first from what is placed), else beside the centre.
  const known = new Map<string, Point>();
  for (const id of anchored) known.set(id, placed.get(id)!);
  const centre = {
    x: anchored.reduce((sum, id) => sum + known.get(id)!.x, 0) / anchored.length,
    y: anchored.reduce((sum, id) => sum + known.get(id)!.y, 0) / anchored.length,
  };
  const around = new Map<string, number>();
  const besides = (anchor: string | null, id: string) => {
    const at = anchor ? known.get(anchor)! : centre;
    const count = around.get(anchor ?? "") ?? 0;
    around.set(anchor ?? "", count + 1);
    const itsOwn = seededRandom(hashText(`${anchor ?? ""}>${id}`));
    const theta = itsOwn() * 2 * Math.PI + count * 2.4;
    const r = (anchor ? BESIDE_SPACING : RING_SPACING * 2) * (1 + Math.floor(count / 8) * 0.6);
    const point = { x: at.x + r * Math.cos(theta), y: at.y + r * Math.sin(theta) };
    known.set(id, point);
    positions.set(id, point);
  };
  const queue = [...anchored];
  for (let at = 0; at < queue.length; at++) {
    const id = queue[at]!;
    for (const next of neighbours.get(id) ?? []) {
      if (known.has(next)) continue;
      besides(id, next);
      queue.push(next);
    }
  }
  for (const id of ids) if (!known.has(id)) besides(null, id);
  return positions;
}

/** One rem in CSS pixels, and the widths at which explorer.css changes the page's columns. */
const REM = 16;
const SIDE_PANEL = 24 * REM;
const ONE_COLUMN_BELOW = 1000;
const PHONE_BELOW = 700;

/**
 * The shape the drawing is stretched towards: the pane's as explorer.css sizes it for a window of this size
 * (beside the 24rem side panel from 1000 px, the row at least two thirds of the window's height, 60 % on a
 * phone), not as measured. The measured pane grows with what the page holds below and around the drawing, so
 * stretching towards it made each redrawing wider than the last; the window's size does not change as the
 * drawing does.
 */
export function paneShape(window: { readonly width: number; readonly height: number }): {
  width: number;
  height: number;
} {
  const width = window.width > ONE_COLUMN_BELOW ? window.width - SIDE_PANEL : window.width;
  const share = window.width > PHONE_BELOW ? 0.66 : 0.6;
  return { width: Math.max(0, width), height: Math.max(24 * REM, window.height * share) };
}

/**
 * How much to stretch a laid-out drawing of `drawing`'s size so that its shape comes near its pane's: along
 * one axis only, by at most `most`, in steps of 0.1 (a pane a few pixels different draws the same picture).
 */
export function paneStretch(
  drawing: { readonly width: number; readonly height: number },
  pane: { readonly width: number; readonly height: number },
  most = 1.8,
): { x: number; y: number } {
  if (drawing.width <= 0 || drawing.height <= 0 || pane.width <= 0 || pane.height <= 0) return { x: 1, y: 1 };
  const ratio = pane.width / pane.height / (drawing.width / drawing.height);
  const step = (value: number) => Math.min(most, Math.round(value * 10) / 10);
  return ratio >= 1 ? { x: step(ratio), y: 1 } : { x: 1, y: step(1 / ratio) };
}

/** Label sizes on screen, in CSS pixels. Cytoscape hides any label below MIN_LABEL_PX (`min-zoomed-font-size`). */
export const NODE_LABEL_PX = 13;
export const EDGE_LABEL_PX = 12;
export const MIN_LABEL_PX = 11;
/**
 * Room labels need, in square CSS pixels of the visible drawing per element: a node label about 120 × 60 (its
 * text and the gap to its neighbours); relationship labels about 120 × 120 each before any is drawn.
 */
export const NODE_LABEL_ROOM = 7_000;
export const EDGE_LABEL_ROOM = 15_000;
/** A node's diameter in the drawing's units (graph-view.tsx's default). */
export const NODE_DIAMETER = 26;

/**
 * A font size in the drawing's units that shows `px` CSS pixels on screen at `zoom`: constant on screen when
 * zoomed out (the drawing shrinks, its words do not), growing with the drawing when zoomed in past 1.
 */
export function modelFontSize(px: number, zoom: number): number {
  return px / Math.min(Math.max(zoom, 1e-3), 1);
}

export interface LabelPolicy {
  /** Font sizes in the drawing's units (multiply by the zoom for CSS pixels). */
  readonly nodeFont: number;
  readonly edgeFont: number;
  /** Every node labelled; else only the focus, the selection, the path and what the pointer is over. */
  readonly allNodeLabels: boolean;
  /**
   * Relationships labelled where their line holds the label (`edgeLabelFits`); else only the selected, the
   * path's and those at the pointer.
   */
  readonly edgeLabels: boolean;
  readonly zoom: number;
}

export interface VisibleDrawing {
  readonly zoom: number;
  /** The area of the drawing inside its pane, in square CSS pixels. */
  readonly visibleArea: number;
  /** How many nodes and relationships lie inside the pane. */
  readonly visibleNodes: number;
  readonly visibleEdges: number;
}

/** The labels for what is on screen: legible sizes, and only as many as have room. */
export function labelPolicy(drawing: VisibleDrawing): LabelPolicy {
  const roomPer = (count: number) => (count > 0 ? drawing.visibleArea / count : Number.POSITIVE_INFINITY);
  return {
    nodeFont: modelFontSize(NODE_LABEL_PX, drawing.zoom),
    edgeFont: modelFontSize(EDGE_LABEL_PX, drawing.zoom),
    allNodeLabels: roomPer(drawing.visibleNodes) >= NODE_LABEL_ROOM,
    edgeLabels: roomPer(drawing.visibleEdges) >= EDGE_LABEL_ROOM,
    zoom: drawing.zoom,
  };
}

/**
 * Whether a relationship's label fits along its line, `length` CSS pixels on screen between the centres of
 * its ends: the text (about 0.55 em a character) and the two ends' radii.
 */
export function edgeLabelFits(length: number, label: string, zoom: number): boolean {
  const text = label.length * 0.55 * EDGE_LABEL_PX * Math.max(zoom, 1);
  return length >= text + NODE_DIAMETER * zoom + 8;
}

/** Whether two policies draw differently enough to restyle (font sizes within 2 % are the same). */
export function samePolicy(a: LabelPolicy, b: LabelPolicy): boolean {
  const close = (x: number, y: number) => Math.abs(x - y) <= 0.02 * Math.max(x, y);
  return (
    close(a.nodeFont, b.nodeFont) &&
    close(a.edgeFont, b.edgeFont) &&
    close(a.zoom, b.zoom) &&
    a.allNodeLabels === b.allNodeLabels &&
    a.edgeLabels === b.edgeLabels
  );
}

/** The nodes a found path's view fits: those of the path that are drawn (none: no path to fit). */
export function pathFitIds(onPath: ReadonlySet<string>, drawnNodeIds: Iterable<string>): string[] {
  return [...drawnNodeIds].filter((id) => onPath.has(id));
}
