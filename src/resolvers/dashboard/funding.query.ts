/**
 * Who funds which office: the `FUNDS` relationships valid on `asOf`, for one office or all of them, in one
 * statement that reads only what the request selects (the sources' records only when `sources` is asked for).
 */
import { cypherInt, toNumber, type StatementRunner } from "../../database/index.js";
import { type UndatedPolicy, validOnCypher } from "../../graph-data/index.js";
import type { Funding, OfficeFunders } from "./funding.type.js";
import {
  type NodeRow,
  type NodeSelection,
  PROJECTION_PARAMS,
  type SourceRow,
  citations,
  nodeProjection,
  sourcesOfCypher,
  toGraphNode,
} from "../shared/graph-records.js";

// Two texts rather than `$officeId IS NULL OR office.id = $officeId`, which would keep the planner from
// seeking the office through the unique index on Entity(id).
const ONE_OFFICE = "MATCH (office:Office:Entity {id: $officeId})";
const EVERY_OFFICE = "MATCH (office:Office)";
const fundingCypher = (offices: string, selection: FundingSelection): string => `
  ${offices}
  MATCH (funder:Entity)-[r:FUNDS]->(office)
  WHERE ${validOnCypher("r", "$asOf", selection.undated)}
  WITH office, funder, r
  ORDER BY office.name, office.id, funder.name, funder.id
  LIMIT $limit
  WITH collect({ office: ${nodeProjection("office", selection.office)}, funder: ${nodeProjection("funder", selection.funder)},
                 validFrom: r.validFrom, validTo: r.validTo${
                   selection.sources
                     ? ", sourceIds: coalesce(r.sourceIds, []), excerpts: coalesce(r.excerpts, []), rel: r"
                     : ""
                 } }) AS rows
  ${
    selection.sources
      ? `WITH rows, [row IN rows | row.rel] AS rels
  ${sourcesOfCypher("rels")}
  RETURN [row IN rows | row { .office, .funder, .validFrom, .validTo, .sourceIds, .excerpts }] AS rows, sources`
      : "RETURN rows, [] AS sources"
  }`;

/** What a funding request selects: the two nodes' fields, and whether it wants the citations. */
export interface FundingSelection {
  readonly office: NodeSelection;
  readonly funder: NodeSelection;
  readonly sources: boolean;
  /** What undated `FUNDS` count as on `asOf` (the policy becomes query text). */
  readonly undated: UndatedPolicy;
}

interface FundingRow {
  office: NodeRow;
  funder: NodeRow;
  validFrom: string | null;
  validTo: string | null;
  sourceIds?: string[];
  excerpts?: string[];
}

export async function findFunding(
  tx: StatementRunner,
  officeId: string | null,
  asOf: string | null,
  limit: number,
  selection: FundingSelection,
): Promise<Funding[]> {
  const result = await tx.run(fundingCypher(officeId === null ? EVERY_OFFICE : ONE_OFFICE, selection), {
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

/**
 * A dashboard page: offices by name, each with its number of funders (and partners, when selected), counted
 * with `COUNT { }` subqueries. The generated API answers the same with `fundersConnection { totalCount }`,
 * whose Cypher collects every funder into a list of maps per office and unions one branch per funder type
 * before taking the list's size (docs/benchmarks.md measures both).
 */
export async function findFundersPerOffice(
  tx: StatementRunner,
  page: {
    readonly limit: number;
    readonly offset: number;
    readonly asOf: string | null;
    readonly undated: UndatedPolicy;
  },
  selection: { readonly office: NodeSelection; readonly partners: boolean },
): Promise<OfficeFunders[]> {
  const partners = selection.partners
    ? `COUNT { (office)<-[r:PARTNER_IN]-(:Entity) WHERE ${validOnCypher("r", "$asOf", page.undated)} }`
    : "0";
  const result = await tx.run(
    `MATCH (office:Office:Entity)
     WITH office ORDER BY office.name, office.id SKIP $offset LIMIT $limit
     RETURN ${nodeProjection("office", selection.office)} AS office,
            COUNT { (office)<-[r:FUNDS]-(:Entity) WHERE ${validOnCypher("r", "$asOf", page.undated)} } AS funders, ${partners} AS partners`,
    { limit: cypherInt(page.limit), offset: cypherInt(page.offset), asOf: page.asOf, ...PROJECTION_PARAMS },
  );
  return result.records.map((record) => ({
    office: toGraphNode(record.get("office") as NodeRow),
    funders: toNumber(record.get("funders")),
    partners: toNumber(record.get("partners")),
  }));
}
