/**
 * An entity's relationships as its side panel lists them: grouped by type and direction,
 * one line per entity at the other end, and on that line every record of the tie as a period of its own.
 * Several records of one type between the same two entities are the tie's periods or several sources' claims
 * (Helsinki–Moscow: partner of until 2022-03 by the City's 2020 page, then suspended from 2022-03 by the
 * City's and a news site's word); listed one per line they read as unexplained duplicates.
 * Pure: the panel (entity-relationships.tsx) and the "In view" list render what these return.
 */
import { firstDayOf, isDateValue } from "../../graph-data/partial-date.js";
import type { RelationshipState } from "../../graph-data/relationship-state.js";
import type { GraphEdge } from "./api.js";
import { RELATIONSHIP_TYPES, directionFrom, edgeState, inverseRelationshipLabel, relationshipLabel } from "./kinds.js";

/** The entity at a relationship's other end, as much of it as a line shows. */
export interface OtherEnd {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
}

/** One record of a tie and its state on the day the explorer is set to (else today). */
export interface RelationshipPeriod {
  readonly edge: GraphEdge;
  readonly state: RelationshipState;
}

/** One entity at the other end, with every record of the group's type between the two. */
export interface RelationshipLine {
  readonly other: OtherEnd;
  readonly periods: readonly RelationshipPeriod[];
}

/**
 * `out`: the entity is where the relationship starts ("funds"); `in`: where it ends ("funded by"); `both`: a
 * type that reads the same from either end (`PARTNER_OF`), whose records in both directions are one group, so
 * that "Partner of" is not headed twice and a partner recorded each way is one line.
 */
export type GroupDirection = "out" | "in" | "both";

export interface RelationshipGroup {
  readonly key: string;
  readonly type: string;
  readonly direction: GroupDirection;
  readonly lines: readonly RelationshipLine[];
  /** How many records the lines hold (at least the number of lines). */
  readonly records: number;
}

/** How many lines a group shows before "Show all": a hub's partners run to hundreds. */
export const GROUP_ROWS = 20;

export function isSymmetric(type: string): boolean {
  return relationshipLabel(type) === inverseRelationshipLabel(type);
}

export function groupDirection(edge: Pick<GraphEdge, "type" | "fromId">, entityId: string): GroupDirection {
  return isSymmetric(edge.type) ? "both" : directionFrom(edge, entityId);
}

/** The day a record date counts from (`2016-05` → `2016-05-01`), or the text itself when it is no date. */
function dayOf(value: string): string {
  return isDateValue(value) ? firstDayOf(value) : value;
}

/**
 * Periods in time order: by start (a record with no start first: the Moscow partnership "until 2022-03" comes
 * before its suspension "from 2022-03"), then by end (open ends last), then by id so the order is stable.
 */
export function comparePeriods(a: Pick<GraphEdge, "id" | "validFrom" | "validTo">, b: typeof a): number {
  const start = (edge: typeof a) => (edge.validFrom ? dayOf(edge.validFrom) : "");
  const end = (edge: typeof a) => (edge.validTo ? dayOf(edge.validTo) : "\uffff");
  return start(a).localeCompare(start(b)) || end(a).localeCompare(end(b)) || a.id.localeCompare(b.id);
}

const DIRECTION_ORDER: Readonly<Record<GroupDirection, number>> = { out: 0, both: 0, in: 1 };

function typeOrder(type: string): number {
  const index = RELATIONSHIP_TYPES.indexOf(type);
  return index === -1 ? RELATIONSHIP_TYPES.length : index;
}

/**
 * The entity's relationships (`entries`, as the API's `timeline` gives them) grouped for its panel.
 *
 * Groups: the entity's own relationships first (what it funds, is a member of, is partner of), then those that
 * end at it (who funds it, what it hosts), each part in the vocabulary's order. This is the order the timeline
 * reads in (its own, then "To …"), so the two lists of one entity agree; largest-first would move a group
 * as records are added, and the reader would have to hunt for "Funded by" again.
 * Lines: by the other entity's name (then id), so a name can be found by reading down.
 * Periods: in time order (`comparePeriods`), each with its state on `asOf` (null: today), by the one rule.
 */
export function groupRelationships(
  entries: readonly { readonly edge: GraphEdge; readonly other: OtherEnd }[],
  entityId: string,
  asOf: string | null,
): RelationshipGroup[] {
  const groups = new Map<string, { type: string; direction: GroupDirection; lines: Map<string, RelationshipLine> }>();
  for (const { edge, other } of entries) {
    const direction = groupDirection(edge, entityId);
    const key = `${edge.type}:${direction}`;
    let group = groups.get(key);
    if (!group) {
      group = { type: edge.type, direction, lines: new Map() };
      groups.set(key, group);
    }
    const line = group.lines.get(other.id);
    const period = { edge, state: edgeState(edge, asOf) };
    group.lines.set(other.id, { other: line?.other ?? other, periods: [...(line?.periods ?? []), period] });
  }
  return [...groups]
    .map(([key, group]) => {
      const lines = [...group.lines.values()]
        .map((line) => ({ ...line, periods: [...line.periods].sort((a, b) => comparePeriods(a.edge, b.edge)) }))
        .sort((a, b) => a.other.name.localeCompare(b.other.name) || a.other.id.localeCompare(b.other.id));
      const records = lines.reduce((sum, line) => sum + line.periods.length, 0);
      return { key, type: group.type, direction: group.direction, lines, records };
    })
    .sort(
      (a, b) =>
        DIRECTION_ORDER[a.direction] - DIRECTION_ORDER[b.direction] ||
        typeOrder(a.type) - typeOrder(b.type) ||
        a.type.localeCompare(b.type),
    );
}

/** One tie of the "In view" list: the records of one type from one entity to another, in time order. */
export interface DrawnTie {
  readonly key: string;
  readonly type: string;
  readonly fromId: string;
  readonly toId: string;
  readonly periods: readonly RelationshipPeriod[];
}

/**
 * The drawn relationships one line per tie (type, from, to), in the order first drawn, each with its records
 * as periods: what the "In view" list shows instead of one line per record.
 */
export function drawnTies(edges: Iterable<GraphEdge>, asOf: string | null): DrawnTie[] {
  const ties = new Map<string, { type: string; fromId: string; toId: string; edges: GraphEdge[] }>();
  for (const edge of edges) {
    const key = `${edge.fromId}|${edge.type}|${edge.toId}`;
    const tie = ties.get(key);
    if (tie) tie.edges.push(edge);
    else ties.set(key, { type: edge.type, fromId: edge.fromId, toId: edge.toId, edges: [edge] });
  }
  return [...ties].map(([key, tie]) => ({
    key,
    type: tie.type,
    fromId: tie.fromId,
    toId: tie.toId,
    periods: tie.edges.sort(comparePeriods).map((edge) => ({ edge, state: edgeState(edge, asOf) })),
  }));
}

/**
 * A record's dates as data, the values as the API gives them (partial and uncertain dates kept: `2022-03`,
 * `2022-02-28/..`): the panel words them in the reader's language.
 */
export type PeriodDates =
  | { readonly kind: "between"; readonly from: string; readonly to: string }
  | { readonly kind: "from"; readonly from: string }
  | { readonly kind: "until"; readonly to: string }
  | { readonly kind: "undated" };

export function periodDates(edge: Pick<GraphEdge, "validFrom" | "validTo">): PeriodDates {
  if (edge.validFrom && edge.validTo) return { kind: "between", from: edge.validFrom, to: edge.validTo };
  if (edge.validFrom) return { kind: "from", from: edge.validFrom };
  if (edge.validTo) return { kind: "until", to: edge.validTo };
  return { kind: "undated" };
}

/** The lines a group shows: the first `GROUP_ROWS`, or all once asked. */
export function visibleLines(group: RelationshipGroup, showAll: boolean): readonly RelationshipLine[] {
  return showAll ? group.lines : group.lines.slice(0, GROUP_ROWS);
}
