/**
 * Backup and restore of the whole graph — facts, who-and-when stamps, the history and the graph's version —
 * as JSON Lines: a header line, then one line per node and per relationship, exactly as Neo4j holds them
 * (date-times kept to the nanosecond and their time zone). `restore` puts such a file into an EMPTY
 * database only: it is the graph coming back, not a write of new facts, so it records no new history (the
 * history it restores already says who wrote what); that is also why it lives here, with the write path, and
 * writes through the same driver boundary in bounded transactions. Labels and relationship types come from
 * the model's allow-lists, never from the file.
 *
 * Reading pages through each label by id (as exports do), so a backup of a million records streams.
 */
import { once } from "node:events";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import neo4j, { type DateTime, type Integer, type Point, isInt } from "neo4j-driver";
import { type Database, cypherInt, toNumber } from "../database/index.js";
import {
  CHANGE_LABEL,
  ENTITY_KINDS,
  ENTITY_LABEL,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  SOURCE_LABEL,
} from "../graph-data/index.js";
import { GRAPH_VERSION_LABEL } from "./graph-version.js";

export const BACKUP_FORMAT = "helsinki-kg-backup/1";

/** Node labels a backup holds, in the order they are written and restored. */
const NODE_LABELS = [SOURCE_LABEL, ENTITY_LABEL, CHANGE_LABEL, GRAPH_VERSION_LABEL] as const;

const PAGE = 2_000;
const BATCH = 1_000;

type Value = unknown;
type Properties = Record<string, Value>;

/**
 * A property value as JSON: date-times as `{ "$datetime": [y, mo, d, h, mi, s, ns, offsetSeconds] }`, points
 * as `{ "$point": [srid, x, y] }` (or `[srid, x, y, z]`).
 */
function encode(value: Value): Value {
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

function decode(value: Value): Value {
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
const encodeProps = (props: Properties): Properties =>
  Object.fromEntries(
    Object.entries(props)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => [key, encode(value)]),
  );
const decodeProps = (props: Properties): Properties =>
  Object.fromEntries(Object.entries(props).map(([key, value]) => [key, decode(value)]));

interface BackupNode {
  readonly node: { readonly labels: string[]; readonly props: Properties };
}
interface BackupRelationship {
  readonly relationship: {
    readonly type: string;
    readonly from: string;
    readonly to: string;
    readonly props: Properties;
  };
}

async function write(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, "drain");
}

export interface BackupCounts {
  nodes: number;
  relationships: number;
}

/** Writes the whole graph to `out`; returns what it wrote. */
export async function backupGraph(db: Database, out: Writable): Promise<BackupCounts> {
  const counts: BackupCounts = { nodes: 0, relationships: 0 };
  await write(out, JSON.stringify({ format: BACKUP_FORMAT, labels: NODE_LABELS }));
  for (const label of NODE_LABELS) {
    for (let after = ""; ;) {
      const rows = await db.read(async (tx) =>
        (
          await tx.run(
            `MATCH (n:${label}) WHERE n.id > $after
             ${label === ENTITY_LABEL ? "" : `AND NOT n:${ENTITY_LABEL}`}
             RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY n.id LIMIT $page`,
            { after, page: cypherInt(PAGE) },
          )
        ).records.map((record) => ({
          id: record.get("id") as string,
          labels: (record.get("labels") as string[]).sort(),
          props: record.get("props") as Properties,
        })),
      );
      for (const row of rows) {
        const line: BackupNode = { node: { labels: row.labels, props: encodeProps(row.props) } };
        await write(out, JSON.stringify(line));
        counts.nodes++;
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
  }
  for (let after = ""; ;) {
    const rows = await db.read(
      async (tx) =>
        (
          await tx.run(
            `MATCH (a:${ENTITY_LABEL}) WHERE a.id > $after WITH a ORDER BY a.id LIMIT $page
           WITH collect(a) AS page
           CALL (page) {
             UNWIND page AS a MATCH (a)-[r]->(b:${ENTITY_LABEL}) WHERE type(r) IN $types
             WITH a, r, b ORDER BY a.id, r.id, type(r), b.id
             RETURN collect({ type: type(r), from: a.id, to: b.id, props: properties(r) }) AS rows
           }
           RETURN rows, CASE WHEN size(page) = $page THEN page[-1].id END AS last`,
            { after, page: cypherInt(PAGE), types: [...RELATIONSHIP_TYPES] },
          )
        ).records[0],
    );
    for (const row of (rows?.get("rows") as { type: string; from: string; to: string; props: Properties }[]) ?? []) {
      const line: BackupRelationship = { relationship: { ...row, props: encodeProps(row.props) } };
      await write(out, JSON.stringify(line));
      counts.relationships++;
    }
    const last = rows?.get("last") as string | null | undefined;
    if (typeof last !== "string") break;
    after = last;
  }
  return counts;
}

/** Refuses a file or a database restore cannot take; the message says what to do. */
export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreError";
  }
}

const ALLOWED_LABELS = new Set<string>([...NODE_LABELS, ...ENTITY_KINDS]);

/** Restores a backup into an empty database. */
export async function restoreGraph(db: Database, input: Readable): Promise<BackupCounts> {
  const occupied = await db.read(async (tx) => (await tx.run("MATCH (n) RETURN n LIMIT 1")).records.length > 0);
  if (occupied) {
    throw new RestoreError("The database is not empty: restore puts a backup into an empty database only.");
  }
  const counts: BackupCounts = { nodes: 0, relationships: 0 };
  let nodes: BackupNode["node"][] = [];
  let relationships: BackupRelationship["relationship"][] = [];
  const flushNodes = async () => {
    // One statement per label set (labels cannot be parameters); every label checked against the model.
    const groups = new Map<string, Properties[]>();
    for (const node of nodes) {
      const key = node.labels.join(":");
      groups.set(key, [...(groups.get(key) ?? []), decodeProps(node.props)]);
    }
    for (const [key, rows] of groups) {
      await db.write((tx) => tx.run(`UNWIND $rows AS row CREATE (n:${key}) SET n = row`, { rows }), { timeoutMs: 0 });
    }
    counts.nodes += nodes.length;
    nodes = [];
  };
  const flushRelationships = async () => {
    const groups = new Map<RelationshipType, { from: string; to: string; props: Properties }[]>();
    for (const relationship of relationships) {
      const type = relationship.type as RelationshipType;
      groups.set(type, [...(groups.get(type) ?? []), { ...relationship, props: decodeProps(relationship.props) }]);
    }
    for (const [type, rows] of groups) {
      const created = await db.write(
        async (tx) =>
          toNumber(
            (
              await tx.run(
                `UNWIND $rows AS row MATCH (a:${ENTITY_LABEL} {id: row.from}) MATCH (b:${ENTITY_LABEL} {id: row.to})
                 CREATE (a)-[r:${type}]->(b) SET r = row.props RETURN count(r) AS created`,
                { rows },
              )
            ).records[0]?.get("created"),
          ),
        { timeoutMs: 0 },
      );
      if (created !== rows.length)
        throw new RestoreError(`${type}: ${rows.length - created} relationship(s) lost an end`);
    }
    counts.relationships += relationships.length;
    relationships = [];
  };
  let lineNumber = 0;
  for await (const text of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNumber++;
    if (text.trim() === "") continue;
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new RestoreError(`line ${lineNumber}: not JSON`);
    }
    if (lineNumber === 1) {
      if (line.format !== BACKUP_FORMAT) throw new RestoreError(`not a backup of this project (${BACKUP_FORMAT})`);
      continue;
    }
    if ("node" in line) {
      const node = line.node as BackupNode["node"];
      if (
        !Array.isArray(node.labels) ||
        node.labels.length === 0 ||
        node.labels.some((label) => !ALLOWED_LABELS.has(label))
      ) {
        throw new RestoreError(`line ${lineNumber}: labels outside the model`);
      }
      nodes.push(node);
      if (nodes.length >= BATCH) await flushNodes();
    } else if ("relationship" in line) {
      if (nodes.length > 0) await flushNodes();
      const relationship = line.relationship as BackupRelationship["relationship"];
      if (!(RELATIONSHIP_TYPES as readonly string[]).includes(relationship.type)) {
        throw new RestoreError(`line ${lineNumber}: relationship type outside the model`);
      }
      relationships.push(relationship);
      if (relationships.length >= BATCH) await flushRelationships();
    } else {
      throw new RestoreError(`line ${lineNumber}: neither a node nor a relationship`);
    }
  }
  await flushNodes();
  await flushRelationships();
  return counts;
}
