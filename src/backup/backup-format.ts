/**
 * The backup file's format, shared by `kg backup` (backup.ts), the checks a restore runs first
 * (restore-check.ts) and the restore's writer: JSON Lines, a header line, then one line per node
 * (`{"node":{"labels":[…],"props":{…}}}`) and per relationship (`{"relationship":{"type","from","to","props"}}`),
 * with Neo4j's values as JSON: date-times as `{ "$datetime": [y, mo, d, h, mi, s, ns, offsetSeconds] }`,
 * points as `{ "$point": [srid, x, y] }` (or `[srid, x, y, z]`).
 */
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import neo4j, { type DateTime, type Integer, type Point, isInt } from "neo4j-driver";
import { toNumber } from "../database/index.js";
import { CHANGE_LABEL, ENTITY_LABEL, type Problem, ProblemCode, SOURCE_LABEL } from "../graph-data/index.js";
import { GRAPH_VERSION_LABEL } from "../write/index.js";

export const BACKUP_FORMAT = "helsinki-kg-backup/1";

/** Node labels a backup holds, in the order they are written and restored. */
export const NODE_LABELS = [SOURCE_LABEL, ENTITY_LABEL, CHANGE_LABEL, GRAPH_VERSION_LABEL] as const;

export type Properties = Record<string, unknown>;

/** A property value as JSON. */
export function encode(value: unknown): unknown {
  if (isInt(value)) return value.toNumber();
  if (neo4j.isDateTime(value)) {
    const t = value as DateTime<number | Integer>;
    return {
      $datetime: [t.year, t.month, t.day, t.hour, t.minute, t.second, t.nanosecond, t.timeZoneOffsetSeconds ?? 0].map(
        (part) => toNumber(part),
      ),
    };
  }
  if (neo4j.isPoint(value)) {
    const p = value as Point<number | Integer>;
    return { $point: [toNumber(p.srid), p.x, p.y, ...(p.z === undefined ? [] : [p.z])] };
  }
  if (Array.isArray(value)) return value.map(encode);
  return value;
}

export function decode(value: unknown): unknown {
  if (value && typeof value === "object" && !Array.isArray(value) && "$datetime" in value) {
    const [year, month, day, hour, minute, second, nanosecond, offset] = (value as { $datetime: number[] }).$datetime;
    return new neo4j.types.DateTime(year!, month!, day!, hour!, minute!, second!, nanosecond!, offset);
  }
  if (value && typeof value === "object" && !Array.isArray(value) && "$point" in value) {
    const [srid, x, y, z] = (value as { $point: number[] }).$point;
    return z === undefined ? new neo4j.types.Point(srid!, x!, y!) : new neo4j.types.Point(srid!, x!, y!, z);
  }
  if (Array.isArray(value)) return value.map(decode);
  return value;
}

/** Keys in name order: Neo4j returns a map's keys in the order its store met them, which a restore changes. */
export const encodeProps = (props: Properties): Properties =>
  Object.fromEntries(
    Object.entries(props)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => [key, encode(value)]),
  );
export const decodeProps = (props: Properties): Properties =>
  Object.fromEntries(Object.entries(props).map(([key, value]) => [key, decode(value)]));

export interface BackupNode {
  readonly node: { readonly labels: string[]; readonly props: Properties };
}
export interface BackupRelationship {
  readonly relationship: {
    readonly type: string;
    readonly from: string;
    readonly to: string;
    readonly props: Properties;
  };
}

/** A backup file, which a restore reads more than once (to check it whole, then to write it). */
export interface BackupInput {
  /** Names the file in problems. */
  readonly name: string;
  /** The file from its start. */
  open(): Readable;
}

/** One node or relationship line of a backup, with its line number. */
export type BackupLine =
  | ({ readonly line: number; readonly kind: "node" } & BackupNode["node"])
  | ({ readonly line: number; readonly kind: "relationship" } & BackupRelationship["relationship"]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * The node and relationship lines of a backup, in file order. A line that is neither (not JSON, not the
 * shape above) goes to `onProblem`; a file whose first line is not this format's header ends the reading
 * there (`fatal`: nothing after it can be trusted to be a backup).
 */
export async function* backupLines(
  input: BackupInput,
  onProblem: (problem: Problem, fatal: boolean) => void,
): AsyncGenerator<BackupLine> {
  const problem = (line: number, message: string): Problem => ({
    file: input.name,
    line,
    item: "file",
    id: null,
    field: null,
    code: ProblemCode.InvalidFile,
    message,
  });
  let lineNumber = 0;
  for await (const text of createInterface({ input: input.open(), crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNumber++;
    let value: unknown;
    try {
      value = text.trim() === "" ? undefined : JSON.parse(text);
    } catch {
      value = Symbol.for("not JSON");
    }
    if (lineNumber === 1) {
      if (!isObject(value) || value.format !== BACKUP_FORMAT) {
        onProblem(
          problem(1, `not a backup made by \`kg backup\` (its first line names the format ${BACKUP_FORMAT})`),
          true,
        );
        return;
      }
      continue;
    }
    if (value === undefined) continue;
    if (typeof value === "symbol") {
      onProblem(problem(lineNumber, "not JSON"), false);
      continue;
    }
    const keys = isObject(value) ? Object.keys(value) : [];
    if (keys.length === 1 && keys[0] === "node") {
      const node = (value as { node: unknown }).node;
      if (
        isObject(node) &&
        Array.isArray(node.labels) &&
        node.labels.every((label) => typeof label === "string") &&
        isObject(node.props) &&
        Object.keys(node).length === 2
      ) {
        yield { line: lineNumber, kind: "node", labels: node.labels, props: node.props };
        continue;
      }
      onProblem(problem(lineNumber, 'a node line is {"node":{"labels":[…],"props":{…}}}'), false);
      continue;
    }
    if (keys.length === 1 && keys[0] === "relationship") {
      const relationship = (value as { relationship: unknown }).relationship;
      if (
        isObject(relationship) &&
        typeof relationship.type === "string" &&
        typeof relationship.from === "string" &&
        typeof relationship.to === "string" &&
        isObject(relationship.props) &&
        Object.keys(relationship).length === 4
      ) {
        const { type, from, to, props } = relationship as BackupRelationship["relationship"];
        yield { line: lineNumber, kind: "relationship", type, from, to, props };
        continue;
      }
      onProblem(
        problem(lineNumber, 'a relationship line is {"relationship":{"type":…,"from":…,"to":…,"props":{…}}}'),
        false,
      );
      continue;
    }
    onProblem(problem(lineNumber, "neither a node nor a relationship"), false);
  }
  if (lineNumber === 0) onProblem(problem(1, "empty: not a backup made by `kg backup`"), true);
}
