/**
 * `activitySeries`: per year, the relationships in force on 1 July, and those in force that began or
 * ended in the year. One pass over the relationships in scope: they are first grouped by their (start,
 * end) days — few distinct pairs even in a large graph — and only the groups are spread over the years,
 * so the cost is one relationship scan plus (groups × years), not relationships × years.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { cypherInt, toNumber } from "../../database/index.js";
import {
  IN_FORCE_STATUSES,
  type UndatedPolicy,
  attestedFromCypher,
  firstDayCypher,
  undatedAllowsCypher,
  undatedCypher,
} from "../../graph-data/index.js";
import type { YearActivity } from "./year-activity.type.js";

export interface ActivityFilter {
  readonly fromYear: number;
  readonly toYear: number;
  readonly entityId: string | null;
  readonly relationshipTypes: readonly string[];
  readonly undated: UndatedPolicy;
}

// Undated relationships group apart (their start is null either way), with the day ATTESTED counts them from
// when that is the policy; they hold on 1 July as the policy says, and never count as started.
const series = (match: string, undated: UndatedPolicy): string => `${match}
  WHERE type(r) IN $relationshipTypes AND (r.status IS NULL OR r.status IN $inForce)
  WITH DISTINCT r
  WITH r, ${undatedCypher("r")} AS undated
  WITH ${firstDayCypher("r.validFrom")} AS starts, ${firstDayCypher("r.validTo")} AS ends, undated,
       ${undated === "ATTESTED" ? `CASE WHEN undated THEN ${attestedFromCypher("r")} END` : "null"} AS attested,
       count(*) AS n
  UNWIND range($fromYear, $toYear) AS year
  WITH year, starts, ends, undated, attested, n, right('000' + toString(year), 4) + '-07-01' AS july
  WITH year, starts, ends, undated, n,
       (starts IS NULL OR undated OR starts <= july) AND (ends IS NULL OR ends > july) AS heldIfIncluded,
       ${undatedAllowsCypher(undated, "undated", "attested", "july")} AS allowed
  WITH year, undated, n, heldIfIncluded, allowed,
       CASE WHEN heldIfIncluded AND allowed THEN n ELSE 0 END AS active,
       CASE WHEN starts IS NOT NULL AND NOT undated AND toInteger(left(starts, 4)) = year THEN n ELSE 0 END AS started,
       CASE WHEN ends IS NOT NULL AND toInteger(left(ends, 4)) = year THEN n ELSE 0 END AS ended
  RETURN year, sum(active) AS active, sum(started) AS started, sum(ended) AS ended,
         sum(CASE WHEN undated AND heldIfIncluded AND allowed THEN n ELSE 0 END) AS undatedIncluded,
         sum(CASE WHEN undated AND heldIfIncluded AND NOT allowed THEN n ELSE 0 END) AS undatedExcluded
  ORDER BY year`;

const ALL_ACTIVITY = "MATCH (:Entity)-[r]->(:Entity)";
const ENTITY_ACTIVITY = "MATCH (:Entity {id: $entityId})-[r]-(:Entity)";

export async function findActivitySeries(tx: ManagedTransaction, filter: ActivityFilter): Promise<YearActivity[]> {
  const result = await tx.run(series(filter.entityId ? ENTITY_ACTIVITY : ALL_ACTIVITY, filter.undated), {
    ...filter,
    fromYear: cypherInt(filter.fromYear),
    toYear: cypherInt(filter.toYear),
    inForce: IN_FORCE_STATUSES,
  });
  const byYear = new Map(
    result.records.map((record) => [
      toNumber(record.get("year")),
      {
        year: toNumber(record.get("year")),
        active: toNumber(record.get("active")),
        started: toNumber(record.get("started")),
        ended: toNumber(record.get("ended")),
        undatedIncluded: toNumber(record.get("undatedIncluded")),
        undatedExcluded: toNumber(record.get("undatedExcluded")),
      },
    ]),
  );
  // No relationship in scope leaves no rows: every year is then zero.
  const years: YearActivity[] = [];
  for (let year = filter.fromYear; year <= filter.toYear; year += 1)
    years.push(byYear.get(year) ?? { year, active: 0, started: 0, ended: 0, undatedIncluded: 0, undatedExcluded: 0 });
  return years;
}
