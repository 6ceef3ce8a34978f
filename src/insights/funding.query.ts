/** Who funds which office: the `FUNDS` relationships valid on `asOf`, for one office or all of them. */
import type { ManagedTransaction } from "neo4j-driver";
import { cypherInt } from "../database/index.js";
import { validOnCypher } from "../model/index.js";
import type { Funding } from "./funding.type.js";
import {
  type EdgeRow,
  type NodeRow,
  PROJECTION_PARAMS,
  citationsCypher,
  nodeProjection,
  toCitations,
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
  RETURN ${nodeProjection("office")} AS office, ${nodeProjection("funder")} AS funder,
         r.validFrom AS validFrom, r.validTo AS validTo, ${citationsCypher("r")} AS sources
  ORDER BY office.name, office.id, funder.name, funder.id
  LIMIT $limit`;

interface FundingRow {
  office: NodeRow;
  funder: NodeRow;
  validFrom: string | null;
  validTo: string | null;
  sources: EdgeRow["sources"];
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
  return result.records.map((record) => {
    const row = record.toObject() as unknown as FundingRow;
    return {
      office: toGraphNode(row.office),
      funder: toGraphNode(row.funder),
      validFrom: row.validFrom ?? null,
      validTo: row.validTo ?? null,
      sources: toCitations(row.sources),
    };
  });
}
