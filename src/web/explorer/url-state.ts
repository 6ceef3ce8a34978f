/**
 * What the explorer shows lives in the address, so a link reproduces the view:
 * `/explorer?view=map&focus=helsinki&expand=echa&depth=1&asOf=2019-12-31&select=edge:<id>&from=tampere&to=brussels`
 * `&compareFrom=2021-06-01&compareTo=2023-01-01&measure=BETWEENNESS&communities=1&undated=EXCLUDE&corroboration=1&peers=stockholm,oslo`
 * `&types=PARTNER_OF,MEMBER_OF&sources=official&scope=2&limit=300&lang=fi`.
 */
import { DRAW_LIMIT, parseDrawLimit } from "./draw-limit.js";
import { type Lang, isLang } from "./i18n-core.js";
import { RELATIONSHIP_TYPES } from "./kinds.js";

export type View = "graph" | "map" | "dashboard";
export const VIEWS: readonly View[] = ["graph", "map", "dashboard"];

export interface Selection {
  readonly type: "node" | "edge";
  readonly id: string;
}

export interface ExplorerState {
  readonly view: View;
  /** The entity whose neighbourhood is drawn. */
  readonly focus: string | null;
  /** Further entities whose neighbourhoods were opened by clicking them. */
  readonly expand: readonly string[];
  readonly depth: 1 | 2;
  /** A day, YYYY-MM-DD: show only what held on it. Null: every relationship, whatever its dates. */
  readonly asOf: string | null;
  /** What relationships without a start date count as on that day (the API's `undated`; INCLUDE by default). */
  readonly undated: Undated;
  readonly select: Selection | null;
  readonly from: string | null;
  readonly to: string | null;
  /** Compare two days: the graph marks what started and ended between them. */
  readonly compareFrom: string | null;
  readonly compareTo: string | null;
  /** Size nodes by this centrality measure (and list the ranking). */
  readonly measure: Measure | null;
  /** Colour nodes by community. */
  readonly communities: boolean;
  /**
   * What centrality and communities run over: 0 the whole graph, 1–3 the focus and the compared peers with
   * what lies within that many steps of them (the API's `around` and `hops`).
   */
  readonly scope: Scope;
  /** Show whose word backs each of the focused entity's ties. */
  readonly corroboration: boolean;
  /** Entities compared side by side with the focus (the focus is the first of the peers). */
  readonly peers: readonly string[];
  /** Draw only relationships of these types (the API's `relationshipTypes`); null: every type. */
  readonly types: readonly string[] | null;
  /** Draw only relationships these sources cite (the API's `publisherKinds`, hub.ts); null: any source. */
  readonly sources: SourcesFilter | null;
  /** Draw at most this many entities (draw-limit.ts: 25–1000, 150 by default). */
  readonly limit: number;
  /** The language the reader chose (language-choice.ts); null when the address does not say. */
  readonly lang: Lang | null;
}

/** Whose word the drawing follows: see SOURCE_FILTERS in hub.ts for the publisher kinds of each. */
export const SOURCES_FILTERS = ["official", "no-crowd", "crowd"] as const;
export type SourcesFilter = (typeof SOURCES_FILTERS)[number];

export const UNDATED = ["INCLUDE", "EXCLUDE", "ATTESTED"] as const;
export type Undated = (typeof UNDATED)[number];
/** `peers` compares at most 8 entities: the focus and 7 more. */
export const MAX_PEERS = 7;

export const SCOPES = [0, 1, 2, 3] as const;
export type Scope = (typeof SCOPES)[number];

export const MEASURES = ["DEGREE", "BETWEENNESS", "CLOSENESS", "PAGERANK"] as const;
export type Measure = (typeof MEASURES)[number];

export const INITIAL_STATE: ExplorerState = {
  view: "graph",
  focus: "helsinki",
  expand: [],
  depth: 1,
  asOf: null,
  undated: "INCLUDE",
  select: null,
  from: null,
  to: null,
  compareFrom: null,
  compareTo: null,
  measure: null,
  communities: false,
  scope: 0,
  corroboration: false,
  peers: [],
  types: null,
  sources: null,
  limit: DRAW_LIMIT,
  lang: null,
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[A-Za-z0-9:._-]{1,200}$/;

function day(value: string | null): string | null {
  return value && DAY.test(value) ? value : null;
}

function id(value: string | null): string | null {
  return value && ID.test(value) ? value : null;
}

/** Known relationship types, each once, in the vocabulary's order; null when none is left. */
function types(value: string | null): string[] | null {
  const listed = new Set((value ?? "").split(","));
  const known = RELATIONSHIP_TYPES.filter((type) => listed.has(type));
  return known.length > 0 ? known : null;
}

export function parseState(search: string): ExplorerState {
  const params = new URLSearchParams(search);
  if ([...params.keys()].length === 0) return INITIAL_STATE;
  const select = params.get("select");
  const [type, ...rest] = select?.split(":") ?? [];
  const selectedId = id(rest.join(":"));
  return {
    view: VIEWS.find((view) => view === params.get("view")) ?? "graph",
    focus: id(params.get("focus")) ?? INITIAL_STATE.focus,
    expand: (params.get("expand") ?? "")
      .split(",")
      .map((value) => id(value))
      .filter((value): value is string => value !== null),
    depth: params.get("depth") === "2" ? 2 : 1,
    asOf: day(params.get("asOf")),
    undated: UNDATED.find((policy) => policy === params.get("undated")) ?? "INCLUDE",
    select: (type === "node" || type === "edge") && selectedId ? { type, id: selectedId } : null,
    from: id(params.get("from")),
    to: id(params.get("to")),
    compareFrom: day(params.get("compareFrom")),
    compareTo: day(params.get("compareTo")),
    measure: (MEASURES as readonly string[]).includes(params.get("measure") ?? "")
      ? (params.get("measure") as Measure)
      : null,
    communities: params.get("communities") === "1",
    scope: SCOPES.find((scope) => String(scope) === params.get("scope")) ?? 0,
    corroboration: params.get("corroboration") === "1",
    peers: [
      ...new Set(
        (params.get("peers") ?? "")
          .split(",")
          .map((value) => id(value))
          .filter((value): value is string => value !== null),
      ),
    ].slice(0, MAX_PEERS),
    types: types(params.get("types")),
    sources: SOURCES_FILTERS.find((filter) => filter === params.get("sources")) ?? null,
    limit: parseDrawLimit(params.get("limit")),
    lang: isLang(params.get("lang")) ? (params.get("lang") as Lang) : null,
  };
}

export function formatState(state: ExplorerState): string {
  const params = new URLSearchParams();
  if (state.view !== "graph") params.set("view", state.view);
  if (state.focus) params.set("focus", state.focus);
  if (state.expand.length > 0) params.set("expand", state.expand.join(","));
  if (state.depth !== 1) params.set("depth", String(state.depth));
  if (state.asOf) params.set("asOf", state.asOf);
  if (state.undated !== "INCLUDE") params.set("undated", state.undated);
  if (state.select) params.set("select", `${state.select.type}:${state.select.id}`);
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.compareFrom) params.set("compareFrom", state.compareFrom);
  if (state.compareTo) params.set("compareTo", state.compareTo);
  if (state.measure) params.set("measure", state.measure);
  if (state.communities) params.set("communities", "1");
  if (state.scope !== 0) params.set("scope", String(state.scope));
  if (state.corroboration) params.set("corroboration", "1");
  if (state.peers.length > 0) params.set("peers", state.peers.join(","));
  if (state.types && state.types.length > 0) params.set("types", state.types.join(","));
  if (state.sources) params.set("sources", state.sources);
  if (state.limit !== DRAW_LIMIT) params.set("limit", String(state.limit));
  if (state.lang) params.set("lang", state.lang);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Where the browser is: the page's path and its current query string. */
export interface Location {
  readonly pathname: string;
  readonly search: string;
}

/**
 * The state after `change`, and the address to write for it: null when the address already says so (a
 * change that leaves the address as it is adds no history entry).
 */
export function changedAddress(
  current: ExplorerState,
  change: Partial<ExplorerState>,
  location: Location,
): { readonly next: ExplorerState; readonly url: string | null } {
  const next = { ...current, ...change };
  const url = `${location.pathname}${formatState(next)}`;
  return { next, url: url === `${location.pathname}${location.search}` ? null : url };
}
