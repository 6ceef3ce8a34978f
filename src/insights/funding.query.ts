/** Who funds which office: the `FUNDS` relationships valid on `asOf`, for one office or all of them. */
import type { ManagedTransaction } from "neo4j-driver";
import { cypherInt } from "../database/index.js";
import { validOnCypher } from "../model/index.js";
import type { Funding } from "./funding.type.js";
import { type NodeRow, PROJECTION_PARAMS, citationLookup, nodeProjection, toGraphNode } from "./graph-records.js";

const FUNDING = `
  MATCH (funder:Entity)-[r:FUNDS]->(office:Office)
  WHERE ($officeId IS NULL OR office.id = $officeId) AND ${validOnCypher("r")}
  RETURN ${nodeProjection("office")} AS office, ${nodeProjection("funder")} AS funder,
         r.validFrom AS validFrom, r.validTo AS validTo,
         coalesce(r.sourceIds, []) AS sourceIds, coalesce(r.excerpts, []) AS excerpts
  ORDER BY office.name, office.id, funder.name, funder.id
  LIMIT $limit`;

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
  const result = await tx.run(FUNDING, { officeId, asOf, limit: cypherInt(limit), ...PROJECTION_PARAMS });
  const rows = result.records.map((record) => record.toObject() as unknown as FundingRow);
  const citations = await citationLookup(tx, rows);
  return rows.map((row) => ({
    office: toGraphNode(row.office),
    funder: toGraphNode(row.funder),
    validFrom: row.validFrom ?? null,
    validTo: row.validTo ?? null,
    sources: citations(row),
  }));
}
