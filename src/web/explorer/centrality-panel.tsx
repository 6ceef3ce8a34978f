/**
 * Centrality: choose a measure to size the graph's nodes by it and see the ranking; optionally colour the
 * nodes by community. Both are computed by the API (Neo4j Graph Data Science) as of the explorer's day, over
 * the whole graph or the part around the focus and the compared peers ("the brokers among the eight cities
 * and their partners two steps out"), following the drawing's narrowing (types, whose word). Each measure is
 * said in one sentence and scored as a rank and a share of the top score; each community is listed with its
 * members (centrality-words.ts).
 */
import { useId, useState } from "react";
import type { Community, NodeScore } from "./api.js";
import {
  analysisScopeWords,
  communityRows,
  measureLabel,
  measureSentence,
  rankedRows,
  shareWords,
} from "./centrality-words.js";
import { messages, useLang, useT } from "./i18n.js";
import { MEASURES, type Measure, SCOPES, type Scope, type Undated } from "./url-state.js";

const SCOPE_LABELS = messages({
  0: { en: "the whole graph", fi: "koko graafi", sv: "hela grafen" },
  1: {
    en: "one step around the focus and compared entities",
    fi: "yhden askeleen päähän keskipisteestä ja vertailtavista",
    sv: "ett steg runt fokus och de jämförda entiteterna",
  },
  2: {
    en: "two steps around the focus and compared entities",
    fi: "kahden askeleen päähän keskipisteestä ja vertailtavista",
    sv: "två steg runt fokus och de jämförda entiteterna",
  },
  3: {
    en: "three steps around the focus and compared entities",
    fi: "kolmen askeleen päähän keskipisteestä ja vertailtavista",
    sv: "tre steg runt fokus och de jämförda entiteterna",
  },
});

/** Members named per community before "and N more". */
const NAMED_MEMBERS = 8;
const RANKED = 15;

const M = messages({
  ranking: { en: "Most central by {measure}", fi: "Keskeisimmät: {measure}", sv: "Mest centrala: {measure}" },
  rank: { en: "Rank", fi: "Sija", sv: "Plats" },
  entity: { en: "Entity", fi: "Kohde", sv: "Entitet" },
  share: { en: "Score (top = 100)", fi: "Pisteet (suurin = 100)", sv: "Poäng (högsta = 100)" },
  relationships: { en: "Relationships", fi: "Suhteita", sv: "Relationer" },
  computing: { en: "Computing…", fi: "Lasketaan…", sv: "Beräknas…" },
  communities: {
    one: {
      en: "{count} community, largest first",
      fi: "{count} yhteisö, suurin ensin",
      sv: "{count} gemenskap, störst först",
    },
    other: {
      en: "{count} communities, largest first",
      fi: "{count} yhteisöä, suurin ensin",
      sv: "{count} gemenskaper, störst först",
    },
  },
  communityAbout: {
    en: "Louvain communities: groups of entities more tied to each other than to the rest.",
    fi: "Louvain-yhteisöt: kohderyhmät, jotka ovat tiiviimmin yhteydessä toisiinsa kuin muihin.",
    sv: "Louvain-gemenskaper: grupper av entiteter som är tätare knutna till varandra än till resten.",
  },
  size: {
    one: { en: "{count} entity", fi: "{count} kohde", sv: "{count} entitet" },
    other: { en: "{count} entities", fi: "{count} kohdetta", sv: "{count} entiteter" },
  },
  focusHere: { en: "{name} is here", fi: "{name} kuuluu tähän", sv: "{name} hör hit" },
  more: {
    one: { en: "and {count} more", fi: "ja {count} muu", sv: "och {count} till" },
    other: { en: "and {count} more", fi: "ja {count} muuta", sv: "och {count} till" },
  },
  showAll: { en: "show all", fi: "näytä kaikki", sv: "visa alla" },
  centrality: { en: "Centrality", fi: "Keskeisyys", sv: "Centralitet" },
  sizeBy: { en: "Size nodes by", fi: "Solmujen koko", sv: "Nodernas storlek efter" },
  nothing: { en: "nothing", fi: "ei mitään", sv: "ingenting" },
  colour: { en: "Colour by community", fi: "Väritä yhteisöittäin", sv: "Färglägg efter gemenskap" },
  over: { en: "Over", fi: "Alue", sv: "Omfång" },
});

interface CentralityPanelProps {
  readonly measure: Measure | null;
  readonly communities: boolean;
  readonly scores: NodeScore[] | null;
  /** The communities found, largest first; null while off or loading. */
  readonly communityList: readonly Community[] | null;
  readonly focusId: string | null;
  readonly focusName: string | null;
  readonly scope: Scope;
  /** The names of the focus and the compared peers, the centre of a scope. */
  readonly around: readonly string[];
  readonly narrowing: string | null;
  readonly asOf: string | null;
  readonly undated: Undated;
  readonly error: string | null;
  readonly onScope: (scope: Scope) => void;
  readonly onMeasure: (measure: Measure | null) => void;
  readonly onCommunities: (on: boolean) => void;
  readonly onSelectNode: (id: string) => void;
}

export function CentralityPanel(props: CentralityPanelProps) {
  const { measure, communities, scores, communityList, error } = props;
  const selectId = useId();
  const checkId = useId();
  const scopeId = useId();
  const lang = useLang();
  const t = useT();
  const rows = scores ? rankedRows(scores, RANKED) : null;
  return (
    <section className="centrality" aria-labelledby="centrality-title" data-testid="centrality">
      <h2 id="centrality-title">{t(M.centrality)}</h2>
      <div className="centrality-controls">
        <label htmlFor={selectId}>{t(M.sizeBy)}</label>
        <select
          id={selectId}
          value={measure ?? ""}
          onChange={(event) => props.onMeasure((event.target.value || null) as Measure | null)}
        >
          <option value="">{t(M.nothing)}</option>
          {MEASURES.map((value) => (
            <option key={value} value={value}>
              {measureLabel(lang, value)}
            </option>
          ))}
        </select>
        <input
          id={checkId}
          type="checkbox"
          checked={communities}
          onChange={(event) => props.onCommunities(event.target.checked)}
        />
        <label htmlFor={checkId}>{t(M.colour)}</label>
        <label htmlFor={scopeId}>{t(M.over)}</label>
        <select
          id={scopeId}
          data-testid="analysis-scope"
          value={String(props.scope)}
          onChange={(event) => props.onScope(Number(event.target.value) as Scope)}
        >
          {SCOPES.map((value) => (
            <option key={value} value={String(value)}>
              {t(SCOPE_LABELS[value])}
            </option>
          ))}
        </select>
      </div>
      {(measure || communities) && (
        <p className="muted" data-testid="analysis-scope-words">
          {analysisScopeWords(lang, props.scope, props.around, props.narrowing, props.asOf, props.undated)}
        </p>
      )}
      {measure && <p data-testid="measure-sentence">{measureSentence(lang, measure)}</p>}
      <div aria-live="polite">
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {measure && !rows && !error && <p className="muted">{t(M.computing)}</p>}
        {measure && rows && (
          <table className="ranking" data-testid="ranking">
            <caption>
              {t(M.ranking, { measure: measureLabel(lang, measure).toLowerCase() })}
              {shareWords(lang, rows) && (
                <>
                  <br />
                  <span className="muted" data-testid="ranking-share">
                    {shareWords(lang, rows)}
                  </span>
                </>
              )}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(M.rank)}</th>
                <th scope="col">{t(M.entity)}</th>
                <th scope="col">{t(M.share)}</th>
                {measure === "DEGREE" && <th scope="col">{t(M.relationships)}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{row.rank}</td>
                  <td>
                    <button type="button" className="link" onClick={() => props.onSelectNode(row.id)}>
                      {row.name}
                    </button>
                  </td>
                  <td>{row.share}</td>
                  {measure === "DEGREE" && <td>{row.score}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {communities && communityList && (
          <CommunityList
            communities={communityList}
            focusId={props.focusId}
            focusName={props.focusName}
            onSelectNode={props.onSelectNode}
          />
        )}
      </div>
    </section>
  );
}

function CommunityList(props: {
  communities: readonly Community[];
  focusId: string | null;
  focusName: string | null;
  onSelectNode: (id: string) => void;
}) {
  const lang = useLang();
  const t = useT();
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const rows = communityRows(lang, props.communities, props.focusId, NAMED_MEMBERS, expanded);
  return (
    <div className="communities" data-testid="communities">
      <p className="muted" data-testid="community-count">
        {t(M.communities, { count: rows.length })}. {t(M.communityAbout)}
      </p>
      <ol className="community-list">
        {rows.map((row) => (
          <li
            key={row.id}
            data-testid="community"
            aria-current={row.holdsFocus ? "true" : undefined}
            className={row.holdsFocus ? "holds-focus" : undefined}
          >
            <span className="swatch shape-ellipse" style={{ background: row.colour }} aria-hidden="true" />
            <strong>{row.label}</strong> ({t(M.size, { count: row.size })})
            {row.holdsFocus && props.focusName && (
              <span className="focus-mark"> · {t(M.focusHere, { name: props.focusName })}</span>
            )}
            :{" "}
            {row.shown.map((member, index) => (
              <span key={member.id}>
                {index > 0 && ", "}
                <button type="button" className="link" onClick={() => props.onSelectNode(member.id)}>
                  {member.name}
                </button>
              </span>
            ))}
            {row.more > 0 && (
              <>
                {" "}
                {t(M.more, { count: row.more })}
                {row.expandable && (
                  <>
                    {" "}
                    <button
                      type="button"
                      className="link"
                      onClick={() => setExpanded((current) => new Set(current).add(row.id))}
                    >
                      ({t(M.showAll)})
                    </button>
                  </>
                )}
              </>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
