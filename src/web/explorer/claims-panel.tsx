/**
 * Every claim about one relationship, side by side with its sources: the relationships of the same type
 * between the same two entities (either direction). The write path keeps a different claim from another
 * source beside the stored one (`<id>~<source>`), and a change of status is a new period; both show here as
 * columns, the fields that differ from the selected claim marked. Two claims are in **conflict** when they
 * overlap in time, say different things and share no source; periods that follow each other are not.
 */
import { useEffect, useState } from "react";
import { graphql } from "../shared/graphql-client.js";
import type { GraphEdge } from "./api.js";
import { EDIT_QUERIES } from "./edit-api.js";
import type { ExplorerClaimsQuery } from "./generated/operations.js";
import { WhoseWord } from "./citation-list.js";
import { formatPartialDate } from "./graph-model.js";
import { relationshipLabel } from "./kinds.js";

const COMPARED = ["kind", "status", "validFrom", "validTo"] as const;
type Compared = (typeof COMPARED)[number];
const LABELS: Record<Compared, string> = {
  kind: "What kind",
  status: "Status",
  validFrom: "In force from",
  validTo: "In force until",
};

/** Who states a claim, in words: its sources' publishers (or titles), as a column's heading says it. */
export function claimedBy(claim: GraphEdge): string {
  const who = [...new Set(claim.sources.map((source) => source.publisher ?? source.title))];
  return who.length === 0 ? "no source cited" : `stated by ${who.join("; ")}`;
}

/** The other claims about the same relationship (same type, same two ends), oldest start first. */
export async function fetchClaims(edge: GraphEdge, signal?: AbortSignal): Promise<GraphEdge[]> {
  const data = await graphql<ExplorerClaimsQuery>(
    EDIT_QUERIES.claims.query,
    { entityId: edge.fromId, types: [edge.type] },
    signal,
  );
  const ends = new Set([edge.fromId, edge.toId]);
  return data.timeline
    .map((entry) => entry.edge)
    .filter((other) => ends.has(other.fromId) && ends.has(other.toId) && other.fromId !== other.toId);
}

const dayOf = (date: string | null, open: string) => (date === null ? open : formatStart(date));
function formatStart(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** Overlapping validity, different statements, no source in common. */
export function inConflict(a: GraphEdge, b: GraphEdge): boolean {
  const overlap =
    dayOf(a.validFrom, "0000") < dayOf(b.validTo, "9999") && dayOf(b.validFrom, "0000") < dayOf(a.validTo, "9999");
  const differ = COMPARED.some((field) => (a[field] ?? null) !== (b[field] ?? null));
  const shared = a.sources.some((source) => b.sources.some((other) => other.sourceId === source.sourceId));
  return overlap && differ && !shared;
}

export function ClaimsPanel({ edge }: { edge: GraphEdge }) {
  const [claims, setClaims] = useState<GraphEdge[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setClaims(null);
    fetchClaims(edge, controller.signal).then(setClaims, () => setClaims([]));
    return () => controller.abort();
  }, [edge]);
  if (!claims || claims.length < 2) return null;
  const ordered = [edge, ...claims.filter((claim) => claim.id !== edge.id)];
  const conflicts = ordered.slice(1).filter((claim) => inConflict(edge, claim)).length;
  return (
    <section className="claims" aria-labelledby="claims-title" data-testid="claims">
      <h3 id="claims-title">
        All claims about this {relationshipLabel(edge.type)} ({ordered.length})
        {conflicts > 0 && <span className="badge conflict"> {conflicts} in conflict</span>}
      </h3>
      <div className="claims-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">What is claimed</th>
              {ordered.map((claim, index) => (
                <th key={claim.id} scope="col">
                  {index === 0 ? "This claim" : inConflict(edge, claim) ? "Conflicting claim" : "Other period or claim"}
                  <br />
                  <span className="claim-by" title={claim.id}>
                    {claimedBy(claim)}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {COMPARED.map((field) => (
              <tr key={field}>
                <th scope="row">{LABELS[field]}</th>
                {ordered.map((claim, index) => {
                  const value = claim[field];
                  const differs = index > 0 && (value ?? null) !== (edge[field] ?? null);
                  const shown = field === "validFrom" || field === "validTo" ? formatPartialDate(value) : value;
                  return (
                    <td key={claim.id} className={differs ? "differs" : undefined}>
                      {shown ?? "—"}
                      {differs && <span className="visually-hidden"> (differs)</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr>
              <th scope="row">Sources</th>
              {ordered.map((claim) => (
                <td key={claim.id}>
                  <ul className="claim-sources">
                    {claim.sources.map((source) => (
                      <li key={source.sourceId}>
                        <strong>{source.title}</strong>
                        {source.published && ` · ${formatPartialDate(source.published)}`}
                        <WhoseWord citation={source} />
                      </li>
                    ))}
                  </ul>
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
