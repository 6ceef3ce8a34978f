/** Who funds which office: the `FUNDS` relationships valid on `asOf`, for one office or all of them. */
import type { ManagedTransaction } from "neo4j-driver";
import { cypherInt } from "../database/index.js";
import { validOnCypher } from "../graph-data/index.js";
import type { Funding } from "./funding.type.js";
import {
  type NodeRow,
  PROJECTION_PARAMS,
  type SourceRow,
  citations,
  nodeProjection,
  sourcesOfCypher,
  toGraphNode,
} from "./graph-records.js";

// Two texts rather than `$officeId IS NULL OR office.id = $officeId`, which would keep the planner from
// seeking the office through the unique index on Entity(id).
const ONE_OFFICE = "MATCH (office:Office:Entity {id: $officeId})";
const EVERY_OFFICE = "MATCH (office:Office)";
const fundingCypher = (offices: string): string => `
  ${offices}
  MATCH (funder:Entity)-[r:FUNDS]->(office)
  WHERE ${validOnCypher("r")}
  WITH office, funder, r
  ORDER BY office.name, office.id, funder.name, funder.id
  LIMIT $limit
  WITH collect({ office: ${nodeProjection("office")}, funder: ${nodeProjection("funder")}, validFrom: r.validFrom, validTo: r.validTo,
                 sourceIds: coalesce(r.sourceIds, []), excerpts: coalesce(r.excerpts, []), rel: r }) AS rows
  WITH rows, [row IN rows | row.rel] AS rels
  ${sourcesOfCypher("rels")}
  RETURN [row IN rows | row { .office, .funder, .validFrom, .validTo, .sourceIds, .excerpts }] AS rows, sources`;

interface FundingRow {
  office: NodeRow;
  funder: NodeRow;
  validFrom: string | null;
  validTo: string | null;
  sourceIds: string[];
  excerpts: string[];
}

export async function findFunding(
  tx: ManagedTransaction,
  officeId: string | null,
  asOf: string | null,
  limit: number,
): Promise<Funding[]> {
  const result = await tx.run(fundingCypher(officeId === null ? EVERY_OFFICE : ONE_OFFICE), {
    officeId,
    asOf,
    limit: cypherInt(limit),
    ...PROJECTION_PARAMS,
  });
  const record = result.records[0];
  const cite = citations((record?.get("sources") ?? []) as SourceRow[]);
  return ((record?.get("rows") ?? []) as FundingRow[]).map((row) => ({
    office: toGraphNode(row.office),
    funder: toGraphNode(row.funder),
    validFrom: row.validFrom ?? null,
    validTo: row.validTo ?? null,
    sources: cite(row),
  }));
}
