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
import { partialDateIn } from "./date-words.js";
import { type Lang, type Message, format, messages, useLang, useT } from "./i18n.js";
import { typeLabel } from "./kinds.js";

const COMPARED = ["kind", "status", "validFrom", "validTo"] as const;
type Compared = (typeof COMPARED)[number];
const LABELS: Readonly<Record<Compared, Message>> = messages({
  kind: { en: "What kind", fi: "Millainen", sv: "Vilken typ" },
  status: { en: "Status", fi: "Tila", sv: "Status" },
  validFrom: { en: "In force from", fi: "Voimassa alkaen", sv: "Gäller från" },
  validTo: { en: "In force until", fi: "Voimassa asti", sv: "Gäller till" },
});

const M = messages({
  noSource: { en: "no source cited", fi: "ei lähdettä", sv: "ingen källa anges" },
  statedBy: { en: "stated by {who}", fi: "lähde: {who}", sv: "enligt {who}" },
  title: {
    en: "All claims about this {type} ({count})",
    fi: "Kaikki väitteet tästä suhteesta ({type}) ({count})",
    sv: "Alla påståenden om denna relation ({type}) ({count})",
  },
  inConflict: { en: " {count} in conflict", fi: " {count} ristiriidassa", sv: " {count} i konflikt" },
  whatIsClaimed: { en: "What is claimed", fi: "Mitä väitetään", sv: "Vad som påstås" },
  thisClaim: { en: "This claim", fi: "Tämä väite", sv: "Detta påstående" },
  conflicting: { en: "Conflicting claim", fi: "Ristiriitainen väite", sv: "Motstridigt påstående" },
  otherClaim: { en: "Other period or claim", fi: "Muu jakso tai väite", sv: "Annan period eller annat påstående" },
  differs: { en: " (differs)", fi: " (eroaa)", sv: " (skiljer sig)" },
  sources: { en: "Sources", fi: "Lähteet", sv: "Källor" },
});

/** Who states a claim, in words: its sources' publishers (or titles), as a column's heading says it. */
export function claimedBy(claim: GraphEdge, lang: Lang = "en"): string {
  const who = [...new Set(claim.sources.map((source) => source.publisher ?? source.title))];
  return who.length === 0 ? format(lang, M.noSource) : format(lang, M.statedBy, { who: who.join("; ") });
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
  const t = useT();
  const lang = useLang();
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
        {t(M.title, { type: typeLabel(edge.type, lang), count: ordered.length })}
        {conflicts > 0 && <span className="badge conflict">{t(M.inConflict, { count: conflicts })}</span>}
      </h3>
      <div className="claims-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t(M.whatIsClaimed)}</th>
              {ordered.map((claim, index) => (
                <th key={claim.id} scope="col">
                  {t(index === 0 ? M.thisClaim : inConflict(edge, claim) ? M.conflicting : M.otherClaim)}
                  <br />
                  <span className="claim-by" title={claim.id}>
                    {claimedBy(claim, lang)}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {COMPARED.map((field) => (
              <tr key={field}>
                <th scope="row">{t(LABELS[field])}</th>
                {ordered.map((claim, index) => {
                  const value = claim[field];
                  const differs = index > 0 && (value ?? null) !== (edge[field] ?? null);
                  const shown = field === "validFrom" || field === "validTo" ? partialDateIn(value, lang) : value;
                  return (
                    <td key={claim.id} className={differs ? "differs" : undefined}>
                      {shown ?? "—"}
                      {differs && <span className="visually-hidden">{t(M.differs)}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr>
              <th scope="row">{t(M.sources)}</th>
              {ordered.map((claim) => (
                <td key={claim.id}>
                  <ul className="claim-sources">
                    {claim.sources.map((source) => (
                      <li key={source.sourceId}>
                        <strong>{source.title}</strong>
                        {source.published && ` · ${partialDateIn(source.published, lang)}`}
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
