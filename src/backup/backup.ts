/**
 * Backup and restore of the whole graph — facts, who-and-when stamps, the history and the graph's version —
 * as JSON Lines (backup-format.ts): a header line, then one line per node and per relationship, exactly as
 * Neo4j holds them (date-times kept to the nanosecond and their time zone). `restore` puts such a file into
 * an EMPTY database only: it is the graph coming back, not a write of new facts, so it records no new history
 * (the history it restores already says who wrote what); that is also why it lives apart from the write
 * path, and writes through the same driver boundary in bounded transactions. It checks the whole file first
 * with the record model's checker (restore-check.ts) and writes nothing when anything is wrong. Labels and
 * relationship types come from the model's allow-lists, never from the file.
 *
 * Reading pages through each label by id (as exports do), so a backup of a million records streams. A backup
 * holds personal data (a Person's contact details): `writePrivateFile` gives the file to its owner only.
 */
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { constants, createWriteStream } from "node:fs";
import { access, chmod, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Writable } from "node:stream";
import { type Database, cypherInt, toNumber } from "../database/index.js";
import {
  ENTITY_LABEL,
  type Problem,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  formatProblem,
} from "../graph-data/index.js";
import {
  BACKUP_FORMAT,
  type BackupInput,
  type BackupNode,
  type BackupRelationship,
  NODE_LABELS,
  type Properties,
  backupLines,
  decodeProps,
  encodeProps,
} from "./backup-format.js";
import { checkBackup, nodeRole } from "./restore-check.js";
import { PUSH_LEASES_PROPERTY, reasonOf } from "../write/index.js";

export { BACKUP_FORMAT, type BackupInput } from "./backup-format.js";

const PAGE = 2_000;
const BATCH = 1_000;

async function write(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, "drain");
}

export interface BackupCounts {
  nodes: number;
  relationships: number;
}

/** Writes the whole graph to `out`; returns what it wrote. */
function withoutLeases(props: Properties): Properties {
  const { [PUSH_LEASES_PROPERTY]: _leases, ...rest } = props;
  return rest;
}

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
          // Leases are the running servers' (push mode), not the graph's: a restored graph starts without them.
          props: withoutLeases(record.get("props") as Properties),
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

/** Why a restore was refused: a code for scripts, a message saying what to do, and the file's problems. */
export const RestoreErrorCode = {
  /** The database holds something: a restore goes into an empty database only. */
  NotEmpty: "DATABASE_NOT_EMPTY",
  /** The file is not a backup, or holds what the record model or the history's shape does not allow. */
  InvalidBackup: "INVALID_BACKUP",
  /** Writing stopped part of the way (Neo4j went away): empty the database and restore again. */
  Interrupted: "RESTORE_INTERRUPTED",
} as const;
export type RestoreErrorCode = (typeof RestoreErrorCode)[keyof typeof RestoreErrorCode];

/** Refuses a file or a database restore cannot take (nothing was written), or says where it stopped. */
export class RestoreError extends Error {
  constructor(
    readonly code: RestoreErrorCode,
    message: string,
    readonly problems: readonly Problem[] = [],
    /** Problems found beyond the ones listed. */
    readonly omitted = 0,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "RestoreError";
  }

  /** The message and every problem, one a line (what `kg restore` prints). */
  describe(): string {
    return [
      `${this.code}: ${this.message}`,
      ...this.problems.map((problem) => `  - ${formatProblem(problem)}`),
      ...(this.omitted > 0 ? [`  … and ${this.omitted} more`] : []),
    ].join("\n");
  }
}

/**
 * Restores a backup into an empty database: checks the whole file first (restore-check.ts) and refuses it,
 * writing nothing, when anything in it is wrong; then writes it in transactions of BATCH records.
 */
export async function restoreGraph(db: Database, input: BackupInput): Promise<BackupCounts> {
  const occupied = await db.read(async (tx) => (await tx.run("MATCH (n) RETURN n LIMIT 1")).records.length > 0);
  if (occupied) {
    throw new RestoreError(
      RestoreErrorCode.NotEmpty,
      "The database is not empty: restore puts a backup into an empty database only. Nothing was written.",
    );
  }
  const check = await checkBackup(input);
  if (check.problems.size > 0) {
    throw new RestoreError(
      RestoreErrorCode.InvalidBackup,
      `${input.name} has ${check.problems.size} problem(s); nothing was restored.`,
      check.problems.problems,
      check.problems.omitted,
    );
  }
  const counts: BackupCounts = { nodes: 0, relationships: 0 };
  let nodes: BackupNode["node"][] = [];
  let relationships: BackupRelationship["relationship"][] = [];
  const flushNodes = async () => {
    // One statement per label set (labels cannot be parameters); every label set checked against the model.
    const groups = new Map<string, Properties[]>();
    for (const node of nodes) {
      const key = [...node.labels].sort().join(":");
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
      // The check found every end in the file: a miss means the file changed while being restored.
      if (created !== rows.length)
        throw new Error(`${type}: ${rows.length - created} relationship(s) lost an end during the restore`);
    }
    counts.relationships += relationships.length;
    relationships = [];
  };
  try {
    await writeLines();
  } catch (error) {
    throw new RestoreError(
      RestoreErrorCode.Interrupted,
      `The restore stopped after writing ${counts.nodes} nodes and ${counts.relationships} relationships (${reasonOf(error)}). Empty the database (or start on a new store) and run the restore again.`,
      [],
      0,
      { cause: error },
    );
  }
  return counts;

  async function writeLines(): Promise<void> {
    for await (const line of backupLines(input, () => undefined)) {
      if (line.kind === "node") {
        // Checked above; checked again here against the allow-list, as labels go into the Cypher text.
        if (!nodeRole(line.labels)) throw new Error(`line ${line.line}: labels outside the model`);
        nodes.push(line);
        if (nodes.length >= BATCH) await flushNodes();
      } else {
        if (nodes.length > 0) await flushNodes();
        if (!(RELATIONSHIP_TYPES as readonly string[]).includes(line.type)) {
          throw new Error(`line ${line.line}: relationship type outside the model`);
        }
        relationships.push(line);
        if (relationships.length >= BATCH) await flushRelationships();
      }
    }
    await flushNodes();
    await flushRelationships();
  }
}

/**
 * Writes a file only its owner may read (mode 0600: a backup holds personal data), through a temporary file
 * in the same folder renamed over `file` once complete — so a failed backup leaves an earlier one as it was.
 * An existing file's mode is never loosened (a 0400 backup stays 0400).
 */
export async function writePrivateFile<T>(file: string, write: (out: Writable) => Promise<T>): Promise<T> {
  const target = path.resolve(file);
  const existing = await stat(target).catch(() => undefined);
  const mode = existing ? existing.mode & 0o600 : 0o600;
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`,
  );
  // A folder that is not there or not writable fails here, before any work, naming the folder.
  await access(path.dirname(target), constants.W_OK);
  const out = createWriteStream(temporary, { flags: "wx", mode: 0o600 });
  let renamed = false;
  try {
    await once(out, "open");
    const result = await write(out);
    await new Promise<void>((resolve, reject) => {
      out.once("error", reject);
      out.end(() => resolve());
    });
    if (!out.closed) await once(out, "close");
    // On disk before it takes the earlier backup's name.
    const handle = await open(temporary, "r+");
    await handle.sync().finally(() => handle.close());
    await chmod(temporary, mode);
    await rename(temporary, target);
    renamed = true;
    return result;
  } finally {
    if (!renamed) {
      // Writes still queued fail once it is destroyed: nothing to report beyond the failure itself.
      out.on("error", () => undefined);
      out.destroy();
      await rm(temporary, { force: true });
    }
  }
}
