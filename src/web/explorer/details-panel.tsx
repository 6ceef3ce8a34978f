/**
 * The side panel: the selected entity, with its relationships by type and direction (entity-relationships.tsx),
 * or the selected relationship, with its provenance (source, publisher, date, excerpt, link) and whose word each
 * source is (citation-list.tsx).
 */
import { useEffect, useState } from "react";
import {
  type ChangeEntry,
  type GraphEdge,
  type GraphNode,
  type SourceRecord,
  fetchChanges,
  fetchEntitySources,
} from "./api.js";
import { CitationList } from "./citation-list.js";
import { EntityRelationships } from "./entity-relationships.js";
import { formatPartialDate, formatValidity } from "./graph-model.js";
import { operationWords, originWords } from "./history-words.js";
import { kindStyle, relationshipLabel } from "./kinds.js";
import { isCrowdOnly } from "./whose-word.js";

const LANGUAGES: Record<string, string> = { fi: "Finnish", sv: "Swedish", en: "English" };

interface NodeDetailsProps {
  readonly node: GraphNode;
  /** The day the date control is set to (null: all dates), for the relationships' states. */
  readonly asOf: string | null;
  readonly onSelectNode: (id: string) => void;
  readonly onSelectEdge: (edge: GraphEdge) => void;
  readonly onExpand: () => void;
  readonly onFocus: () => void;
  readonly onPathFrom: () => void;
  readonly onPathTo: () => void;
}

export function NodeDetails({
  node,
  asOf,
  onSelectNode,
  onSelectEdge,
  onExpand,
  onFocus,
  onPathFrom,
  onPathTo,
}: NodeDetailsProps) {
  const [sources, setSources] = useState<SourceRecord[] | null>(null);
  const [changes, setChanges] = useState<ChangeEntry[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setSources(null);
    setChanges(null);
    fetchEntitySources(node.id, controller.signal).then(setSources, () => setSources([]));
    fetchChanges(node.id, controller.signal).then(setChanges, () => setChanges([]));
    return () => controller.abort();
  }, [node.id]);
  const style = kindStyle(node.kind);
  return (
    <section className="details" aria-labelledby="details-title" data-testid="details">
      <p className="kind-tag" style={{ borderColor: style.color }}>
        {style.label}
      </p>
      <h2 id="details-title">{node.name}</h2>
      {node.description && <p>{node.description}</p>}
      <dl>
        {node.names.map((name) => (
          <div key={name.lang}>
            <dt>{LANGUAGES[name.lang] ?? name.lang}</dt>
            <dd lang={name.lang}>{name.value}</dd>
          </div>
        ))}
        {node.aliases.length > 0 && (
          <div>
            <dt>Also known as</dt>
            <dd>{node.aliases.join(", ")}</dd>
          </div>
        )}
        <div>
          <dt>Id</dt>
          <dd>
            <code>{node.id}</code>
          </dd>
        </div>
      </dl>
      <div className="actions">
        <button type="button" onClick={onExpand}>
          Expand
        </button>
        <button type="button" onClick={onFocus}>
          Centre here
        </button>
        <button type="button" onClick={onPathFrom}>
          Path from here
        </button>
        <button type="button" onClick={onPathTo}>
          Path to here
        </button>
      </div>
      <EntityRelationships entityId={node.id} asOf={asOf} onSelectNode={onSelectNode} onSelectEdge={onSelectEdge} />
      <h3>Sources</h3>
      {sources === null ? (
        <p className="muted">Loading…</p>
      ) : sources.length === 0 ? (
        <p className="muted">No source is recorded for this entity itself; its relationships cite theirs.</p>
      ) : (
        <ul className="citations">
          {sources.map((source) => (
            <li key={source.id}>
              <SourceLine source={source} />
            </li>
          ))}
        </ul>
      )}
      <h3>History</h3>
      {changes === null ? (
        <p className="muted">Loading…</p>
      ) : changes.length === 0 ? (
        <p className="muted">No recorded changes: as loaded with the curated graph.</p>
      ) : (
        <ul className="history" data-testid="history">
          {changes.map((change, index) => (
            <li key={`${change.at}-${change.itemId}-${index}`}>
              <time dateTime={change.at}>{change.at.slice(0, 10)}</time>{" "}
              {operationWords(change.operation).toLowerCase()}{" "}
              {change.itemType === "relationship"
                ? `a “${relationshipLabel(change.itemKind ?? "relationship")}” relationship`
                : change.itemType === "entity"
                  ? node.name
                  : change.itemType}
              {change.fields.length > 0 && change.operation === "update" && ` (${change.fields.join(", ")})`}
              <span className="muted">
                {" "}
                · {change.actor} · from {originWords(change.origin)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface EdgeDetailsProps {
  readonly edge: GraphEdge;
  readonly from: GraphNode | undefined;
  readonly to: GraphNode | undefined;
  readonly onSelectNode: (id: string) => void;
}

export function EdgeDetails({ edge, from, to, onSelectNode }: EdgeDetailsProps) {
  const validity = formatValidity(edge);
  return (
    <section className="details" aria-labelledby="details-title" data-testid="details">
      <p className="kind-tag">Relationship</p>
      <h2 id="details-title">
        <button type="button" className="link" onClick={() => onSelectNode(edge.fromId)}>
          {from?.name ?? edge.fromId}
        </button>{" "}
        <span className="relationship-type">{relationshipLabel(edge.type)}</span>{" "}
        <button type="button" className="link" onClick={() => onSelectNode(edge.toId)}>
          {to?.name ?? edge.toId}
        </button>
      </h2>
      <dl>
        <div>
          <dt>Type</dt>
          <dd>
            <code>{edge.type}</code>
            {edge.kind && ` (${edge.kind})`}
          </dd>
        </div>
        <div>
          <dt>Valid</dt>
          <dd>{validity ?? "No dates recorded"}</dd>
        </div>
        {edge.status && (
          <div>
            <dt>Status</dt>
            <dd>{edge.status}</dd>
          </div>
        )}
      </dl>
      <h3>Sources</h3>
      {isCrowdOnly(edge) && (
        <p className="crowd-note" data-testid="crowd-only-note">
          Only the crowd says so: every source of this relationship is a crowd-sourced dataset.
        </p>
      )}
      <CitationList citations={edge.sources} testId="citations" />
    </section>
  );
}

function SourceLine({ source }: { source: SourceRecord }) {
  const published = formatPartialDate(source.published);
  return (
    <p className="source">
      {source.url ? (
        <a href={source.url} target="_blank" rel="noreferrer noopener">
          {source.title}
        </a>
      ) : (
        <strong>{source.title}</strong>
      )}
      {source.publisher && <span> · {source.publisher}</span>}
      {published && <span> · {published}</span>}
    </p>
  );
}
