/**
 * Answers of the graph algorithms (centrality, communities), remembered in this process for the graph's
 * version, so a question asked again costs no projection and no run — and **`asOf` normalised**, so asking
 * for every day of a year is not 365 runs. The graph as of a day changes only on the days some date in it
 * counts from (a relationship's `validFrom` or `validTo`, a citing source's `published` for `ATTESTED`:
 * `firstDayCypher`), so an answer for day D is the answer for the latest such day on or before D. One
 * client looping over new days (each `asOf` missed the result cache) now gets remembered answers.
 *
 * Keyed by the version token the result cache uses (`<version>:<writeId>`, raised by every write in its own
 * transaction): a write anywhere makes every remembered answer stale at once. A graph without a version node
 * (not written through the write path) is never remembered. Concurrent identical questions share one run.
 */
import type { Database } from "../../database/index.js";
import { toNumber } from "../../database/index.js";
import { SOURCE_LABEL, firstDayCypher } from "../../graph-data/index.js";
import { GRAPH_VERSION_LABEL } from "../../write/index.js";

/** How many answers are remembered (the oldest go first). */
const MAX_ANSWERS = 256;
/** The day before every day a graph can hold (record dates are from year 1000): "before everything". */
const BEFORE_ALL = "0001-01-01";

interface Remembered {
  readonly version: string;
  readonly answer: Promise<unknown>;
}

const answers = new Map<string, Remembered>();
let days: { version: string; days: Promise<string[]> } | undefined;

async function versionToken(db: Database): Promise<string | undefined> {
  const [row] = await db.readAutoCommit(
    `MATCH (v:${GRAPH_VERSION_LABEL} {id: 'graph'}) RETURN v.version AS version, v.writeId AS writeId`,
  );
  if (!row || row.version === null || row.version === undefined) return undefined;
  return `${toNumber(row.version)}:${String(row.writeId)}`;
}

/** Every day the graph as of a day can change on, ascending. */
async function changeDays(db: Database): Promise<string[]> {
  const rows = await db.readAutoCommit(
    `CALL () {
       MATCH (:Entity)-[r]->(:Entity) WHERE r.validFrom IS NOT NULL OR r.validTo IS NOT NULL
       UNWIND [r.validFrom, r.validTo] AS d
       WITH d WHERE d IS NOT NULL AND d <> ''
       RETURN ${firstDayCypher("d")} AS day
       UNION
       MATCH (s:${SOURCE_LABEL}) WHERE s.published IS NOT NULL
       RETURN ${firstDayCypher("s.published")} AS day
     }
     RETURN day ORDER BY day`,
  );
  return rows.map((row) => String(row.day));
}

/** The latest day in `sorted` on or before `day`, else BEFORE_ALL (pure; exported for tests). */
export function normalisedDay(sorted: readonly string[], day: string): string {
  let low = 0;
  let high = sorted.length - 1;
  let found = BEFORE_ALL;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! <= day) {
      found = sorted[middle]!;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/**
 * The answer to `request` (whose `asOf`, when set, is normalised first), computed by `compute` once per
 * graph version and normalised request. `field` names the question (part of the key).
 */
export async function rememberedAnswer<R extends { readonly asOf: string | null }, T>(
  db: Database,
  field: string,
  request: R,
  compute: (request: R) => Promise<T>,
): Promise<T> {
  const version = await versionToken(db);
  if (version === undefined) return compute(request);
  let normalised = request;
  if (request.asOf !== null) {
    if (days?.version !== version) {
      const read = changeDays(db);
      days = { version, days: read };
      read.catch(() => (days = undefined));
    }
    normalised = { ...request, asOf: normalisedDay(await days.days, request.asOf) };
  }
  const key = JSON.stringify([field, normalised]);
  const remembered = answers.get(key);
  if (remembered?.version === version) return remembered.answer as Promise<T>;
  const answer = compute(normalised);
  answers.delete(key);
  answers.set(key, { version, answer });
  if (answers.size > MAX_ANSWERS) answers.delete(answers.keys().next().value!);
  // A failure (a timeout, the gate full) is not remembered: the next ask runs again.
  answer.catch(() => {
    if (answers.get(key)?.answer === answer) answers.delete(key);
  });
  return answer;
}
