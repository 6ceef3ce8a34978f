/** How each kind of entity and relationship looks: one colour and one shape per kind, shared by graph and legend. */
import { type RelationshipState, relationshipState, todayUtc } from "../../graph-data/relationship-state.js";

export interface KindStyle {
  readonly color: string;
  readonly shape: "ellipse" | "round-rectangle" | "rectangle" | "diamond" | "hexagon" | "star" | "triangle" | "barrel";
  readonly label: string;
}

export const KIND_STYLES: Readonly<Record<string, KindStyle>> = {
  City: { color: "#1f6fb4", shape: "ellipse", label: "City" },
  Country: { color: "#6b6b6b", shape: "round-rectangle", label: "Country" },
  Organization: { color: "#2a8a3a", shape: "rectangle", label: "Organisation" },
  Office: { color: "#c0392b", shape: "diamond", label: "Office" },
  Theme: { color: "#7d4bb3", shape: "hexagon", label: "Theme" },
  Network: { color: "#a0522d", shape: "star", label: "Network" },
  Person: { color: "#c2407f", shape: "barrel", label: "Person" },
  Event: { color: "#c06a16", shape: "triangle", label: "Event" },
  Place: { color: "#5d8aa8", shape: "ellipse", label: "Place (from a dataset)" },
};

export const UNKNOWN_KIND: KindStyle = { color: "#444444", shape: "ellipse", label: "Other" };

export function kindStyle(kind: string): KindStyle {
  return KIND_STYLES[kind] ?? UNKNOWN_KIND;
}

/** `PARTNER_OF` → "partner of": the type read from its `from` end. */
export function relationshipLabel(type: string): string {
  return type.toLowerCase().replaceAll("_", " ");
}

/**
 * Each type read from its `to` end: Tampere FUNDS Helsinki Centre, so Helsinki Centre is "funded by" Tampere;
 * European Chemicals Agency HOSTED_IN Helsinki, so Helsinki "hosts" it. A unit test checks every type of the
 * vocabulary has one.
 */
export const INVERSE_LABELS: Readonly<Record<string, string>> = {
  PARTNER_OF: "partner of",
  FUNDS: "funded by",
  PARTNER_IN: "run jointly with",
  LOCATED_IN: "site of",
  REPRESENTS: "represented by",
  HOSTED_IN: "hosts",
  PART_OF: "includes",
  HEADS: "headed by",
  PRIORITISES: "a priority of",
  MEMBER_OF: "has member",
  PARTICIPATES_IN: "has participant",
  HOLDS_ROLE_IN: "has a role holder",
  HELD_IN: "venue of",
  ORGANISED_BY: "organiser of",
  IN_COUNTRY: "country of",
  FOUNDED_IN: "founding place of",
  FOUNDER_OF: "founded by",
};

/** The type read from its `to` end ("funded by"); an unknown type as "<type> (from)" so it never reads backwards. */
export function inverseRelationshipLabel(type: string): string {
  return INVERSE_LABELS[type] ?? `${relationshipLabel(type)} (from)`;
}

/** Whether `entityId` is where the relationship starts ("out") or ends ("in"). */
export function directionFrom(edge: { readonly fromId: string }, entityId: string): "out" | "in" {
  return edge.fromId === entityId ? "out" : "in";
}

/**
 * The relationship as the entity `entityId` reads it, to be followed by the other end's name: Helsinki Centre's
 * FUNDS from Tampere is "funded by" (Tampere); Tampere's is "funds" (Helsinki Centre).
 */
export function relationshipLabelFrom(edge: { readonly type: string; readonly fromId: string }, entityId: string) {
  return directionFrom(edge, entityId) === "out" ? relationshipLabel(edge.type) : inverseRelationshipLabel(edge.type);
}

/**
 * One colour per relationship type (timeline bars, activity chart, map arcs): Tableau 20 (Maureen Stone's
 * categorical palette for Tableau), without its three palest, the strong half given to the commonest types. A unit
 * test keeps every pair at least ΔE00 10 apart (colour-distance.ts); the type's name is always written beside it.
 */
const TYPE_COLORS: Readonly<Record<string, string>> = {
  PARTNER_OF: "#1f77b4",
  FUNDS: "#2ca02c",
  PARTNER_IN: "#17becf",
  LOCATED_IN: "#8c564b",
  REPRESENTS: "#e377c2",
  HOSTED_IN: "#d62728",
  PART_OF: "#bcbd22",
  HEADS: "#aec7e8",
  PRIORITISES: "#ffbb78",
  MEMBER_OF: "#ff7f0e",
  PARTICIPATES_IN: "#9467bd",
  HOLDS_ROLE_IN: "#98df8a",
  HELD_IN: "#ff9896",
  ORGANISED_BY: "#c5b0d5",
  IN_COUNTRY: "#7f7f7f",
  FOUNDED_IN: "#c49c94",
  FOUNDER_OF: "#9edae5",
};

export function typeColor(type: string): string {
  return TYPE_COLORS[type] ?? "#444444";
}

export const RELATIONSHIP_TYPES = Object.keys(TYPE_COLORS);

/** Colours for communities 1, 2, … (then repeating). */
const COMMUNITY_COLORS = [
  "#e6194b",
  "#3cb44b",
  "#4363d8",
  "#f58231",
  "#911eb4",
  "#42d4f4",
  "#f032e6",
  "#9a6324",
  "#469990",
  "#808000",
];

export function communityColor(id: number): string {
  return COMMUNITY_COLORS[(id - 1) % COMMUNITY_COLORS.length]!;
}

/**
 * A relationship's state on the explorer's day (the date control's, else today), by the one rule the API's
 * `state` and the exports use (graph-data/relationship-state.ts): an agreement stored `active` whose `validTo`
 * has passed is PAST, so it is drawn dashed under "All dates" too.
 */
export function edgeState(
  edge: { readonly validFrom: string | null; readonly validTo: string | null; readonly status: string | null },
  asOf: string | null,
): RelationshipState {
  return relationshipState(edge, asOf ?? todayUtc());
}

/** How each state is drawn: a CSS class of `.line` (the legend, the map's arcs, the graph's stylesheet). */
export const STATE_LINES: Readonly<Record<RelationshipState, string>> = {
  CURRENT: "solid",
  UNDATED: "undated",
  FUTURE: "faint",
  PAST: "dashed",
  SUSPENDED: "dotted",
  PENDING: "faint",
  DENIED: "faint",
};

/**
 * How a relationship's line reads, for the legend: each a CSS class of `.line` beside the words. The graph's
 * stylesheet (graph-view.tsx) and the map draw the same marks; none is told by colour alone.
 */
export const LINE_LEGEND: readonly { readonly line: string; readonly label: string }[] = [
  { line: "dashed", label: "ended (by the chosen day; under All dates, by today)" },
  { line: "dotted", label: "suspended" },
  { line: "undated", label: "undated: in force, start unknown" },
  { line: "faint", label: "not yet in force (starts later, or only applied for)" },
  { line: "crowd-only", label: "only Wikidata (the crowd) says so: lighter, dash-dotted" },
  { line: "started", label: "started between the compared days" },
  { line: "ended-between", label: "ended between them" },
  { line: "changed", label: "status changed between them (suspended, resumed)" },
];
