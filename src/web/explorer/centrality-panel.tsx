/**
 * Centrality: choose a measure to size the graph's nodes by it and see the ranking; optionally colour the
 * nodes by community. Both are computed by the API (Neo4j Graph Data Science) as of the explorer's day, over
 * the whole graph or the part around the focus and the compared peers ("the brokers among the eight cities
 * and their partners two steps out"), following the drawing's narrowing (types, whose word).
 */
import { useId } from "react";
import type { Community, NodeScore } from "./api.js";
import { scopeWords } from "./analysis-scope.js";
import { MEASURES, type Measure, SCOPES, type Scope } from "./url-state.js";

const SCOPE_LABELS: Record<Scope, string> = {
  0: "the whole graph",
  1: "one step around",
  2: "two steps around",
  3: "three steps around",
};

const MEASURE_LABELS: Record<Measure, string> = {
  DEGREE: "Degree (relationships)",
  BETWEENNESS: "Betweenness (brokers)",
  CLOSENESS: "Closeness",
  PAGERANK: "PageRank",
};

interface CentralityPanelProps {
  readonly measure: Measure | null;
  readonly communities: boolean;
  readonly scores: NodeScore[] | null;
  readonly communityCount: number | null;
  readonly focusCommunity: Community | null;
  readonly focusName: string | null;
  readonly scope: Scope;
  /** The names of the focus and the compared peers, the centre of a scope. */
  readonly around: readonly string[];
  readonly narrowing: string | null;
  readonly error: string | null;
  readonly onScope: (scope: Scope) => void;
  readonly onMeasure: (measure: Measure | null) => void;
  readonly onCommunities: (on: boolean) => void;
  readonly onSelectNode: (id: string) => void;
}

export function CentralityPanel(props: CentralityPanelProps) {
  const { measure, communities, scores, communityCount, error } = props;
  const selectId = useId();
  const checkId = useId();
  const scopeId = useId();
  return (
    <section className="centrality" aria-labelledby="centrality-title" data-testid="centrality">
      <h2 id="centrality-title">Centrality</h2>
      <div className="centrality-controls">
        <label htmlFor={selectId}>Size nodes by</label>
        <select
          id={selectId}
          value={measure ?? ""}
          onChange={(event) => props.onMeasure((event.target.value || null) as Measure | null)}
        >
          <option value="">nothing</option>
          {MEASURES.map((value) => (
            <option key={value} value={value}>
              {MEASURE_LABELS[value]}
            </option>
          ))}
        </select>
        <input
          id={checkId}
          type="checkbox"
          checked={communities}
          onChange={(event) => props.onCommunities(event.target.checked)}
        />
        <label htmlFor={checkId}>Colour by community</label>
        <label htmlFor={scopeId}>Over</label>
        <select
          id={scopeId}
          data-testid="analysis-scope"
          value={String(props.scope)}
          onChange={(event) => props.onScope(Number(event.target.value) as Scope)}
        >
          {SCOPES.map((value) => (
            <option key={value} value={String(value)}>
              {value === 0 ? SCOPE_LABELS[value] : `${SCOPE_LABELS[value]} the focus and compared entities`}
            </option>
          ))}
        </select>
      </div>
      {(measure || communities) && (
        <p className="muted" data-testid="analysis-scope-words">
          {scopeWords(props.scope, props.around, props.narrowing)}
        </p>
      )}
      <div aria-live="polite">
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {communities && communityCount !== null && (
          <p className="muted" data-testid="community-count">
            {communityCount} communities
            {props.focusCommunity &&
              props.focusName &&
              `; ${props.focusName} is in community ${props.focusCommunity.id} (${props.focusCommunity.size} entities)`}
          </p>
        )}
        {measure && !scores && !error && <p className="muted">Computing…</p>}
        {measure && scores && (
          <table className="ranking" data-testid="ranking">
            <caption>Most central by {MEASURE_LABELS[measure].toLowerCase()}</caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Entity</th>
                <th scope="col">Score</th>
              </tr>
            </thead>
            <tbody>
              {scores.slice(0, 15).map((row) => (
                <tr key={row.node.id}>
                  <td>{row.rank}</td>
                  <td>
                    <button type="button" className="link" onClick={() => props.onSelectNode(row.node.id)}>
                      {row.node.name}
                    </button>
                  </td>
                  <td>{Number.isInteger(row.score) ? row.score : row.score.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
