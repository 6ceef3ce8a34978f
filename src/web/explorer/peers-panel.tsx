/**
 * Entities side by side (`peers`): the focused entity and the ones picked here — what all of them have, what
 * some have (with three or more), what only one has — grouped by relationship type in plain words, each row
 * naming since when each has it, its relationships and sources a click away. The picks live in the address
 * (`peers=stockholm,oslo`) and the date control's day is passed on.
 */
import { useEffect, useState } from "react";
import { ApiError } from "../shared/graphql-client.js";
import { type GraphEdge, type GraphNode, type PeerComparison, type PeerConnection, fetchPeers } from "./api.js";
import { CitationList } from "./citation-list.js";
import { formatValidity } from "./graph-model.js";
import { type TypeGroup, groupByType, sinceText, uniqueByPeer } from "./peers-model.js";
import { SearchBox } from "./search-box.js";
import { MAX_PEERS } from "./url-state.js";

interface PeersPanelProps {
  readonly focusId: string | null;
  readonly focusName: string;
  readonly peers: readonly string[];
  readonly asOf: string | null;
  readonly name: (id: string) => string;
  readonly onChange: (peers: string[]) => void;
  readonly onSelectEdge: (edge: GraphEdge) => void;
  readonly onSelectNode: (id: string) => void;
}

export function PeersPanel({
  focusId,
  focusName,
  peers,
  asOf,
  name,
  onChange,
  onSelectEdge,
  onSelectNode,
}: PeersPanelProps) {
  const [answer, setAnswer] = useState<PeerComparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const compared = focusId ? [focusId, ...peers.filter((id) => id !== focusId)] : [];
  const comparedKey = compared.join(",");
  useEffect(() => {
    setAnswer(null);
    setError(null);
    const ids = comparedKey.split(",").filter(Boolean);
    if (ids.length < 2) return;
    const controller = new AbortController();
    fetchPeers(ids, asOf, controller.signal).then(setAnswer, (failure: unknown) => {
      if (controller.signal.aborted) return;
      setError(failure instanceof ApiError ? failure.message : "Something went wrong while loading.");
    });
    return () => controller.abort();
  }, [comparedKey, asOf]);

  const add = (node: GraphNode) => {
    if (node.id === focusId || peers.includes(node.id) || peers.length >= MAX_PEERS) return;
    onChange([...peers, node.id]);
  };
  const rows = (groups: TypeGroup[], level: "h4" | "h5") =>
    groups.map((group) => {
      const Heading = level;
      return (
        <div key={group.type} className="peer-group" data-type={group.type}>
          <Heading>
            {group.label} ({group.connections.length})
          </Heading>
          <ul>
            {group.connections.map((connection) => (
              <ConnectionRow
                key={`${connection.type}|${connection.node.id}`}
                connection={connection}
                onSelectEdge={onSelectEdge}
                onSelectNode={onSelectNode}
              />
            ))}
          </ul>
        </div>
      );
    });

  return (
    <section className="peers wide" aria-labelledby="peers-title" data-testid="peers">
      <h2 id="peers-title">Side by side: {focusName} and others</h2>
      <SearchBox
        label={`Compare ${focusName} with`}
        placeholder="Another city, network or body"
        onPick={add}
        testId="peer-search"
      />
      {peers.length > 0 && (
        <ul className="peer-chosen" aria-label="Compared with">
          {peers.map((id) => (
            <li key={id}>
              {name(id)}{" "}
              <button
                type="button"
                className="link"
                aria-label={`Remove ${name(id)}`}
                onClick={() => onChange(peers.filter((other) => other !== id))}
              >
                ✕
              </button>
            </li>
          ))}
          <li>
            <button type="button" className="link" onClick={() => onChange([])}>
              Clear
            </button>
          </li>
        </ul>
      )}
      {peers.length >= MAX_PEERS && <p className="muted">At most {MAX_PEERS + 1} entities side by side.</p>}
      <div aria-live="polite" data-testid="peers-result">
        {compared.length < 2 && <p className="muted">Pick one or more entities to compare with {focusName}.</p>}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {compared.length >= 2 && !answer && !error && <p className="muted">Loading…</p>}
        {answer && (
          <>
            <p className="muted">
              {answer.peers.map((peer) => peer.name).join(", ")}
              {asOf ? `, as of ${asOf}` : ", at any date"}.
            </p>
            <section data-testid="shared-by-all" aria-labelledby="shared-by-all-title">
              <h3 id="shared-by-all-title">Shared by all ({answer.sharedByAll.length})</h3>
              {answer.sharedByAll.length === 0 ? (
                <p className="muted">Nothing all of them have.</p>
              ) : (
                rows(groupByType(answer.sharedByAll), "h4")
              )}
            </section>
            {answer.peers.length > 2 && (
              <section data-testid="shared-by-some" aria-labelledby="shared-by-some-title">
                <h3 id="shared-by-some-title">Shared by some ({answer.sharedBySome.length})</h3>
                {answer.sharedBySome.length === 0 ? (
                  <p className="muted">Nothing more than one but not all of them have.</p>
                ) : (
                  rows(groupByType(answer.sharedBySome), "h4")
                )}
              </section>
            )}
            <section data-testid="unique" aria-labelledby="unique-title">
              <h3 id="unique-title">Unique to each ({answer.unique.length})</h3>
              {uniqueByPeer(answer.peers, answer.unique).map(({ peer, groups }) => (
                <div key={peer.id} data-testid={`unique-${peer.id}`}>
                  <h4>
                    Only {peer.name} ({groups.reduce((sum, group) => sum + group.connections.length, 0)})
                  </h4>
                  {groups.length === 0 ? <p className="muted">None.</p> : rows(groups, "h5")}
                </div>
              ))}
            </section>
          </>
        )}
      </div>
    </section>
  );
}

function ConnectionRow({
  connection,
  onSelectEdge,
  onSelectNode,
}: {
  connection: PeerConnection;
  onSelectEdge: (edge: GraphEdge) => void;
  onSelectNode: (id: string) => void;
}) {
  return (
    <li data-testid="peer-connection" data-node={connection.node.id}>
      <button type="button" className="link strong" onClick={() => onSelectNode(connection.node.id)}>
        {connection.node.name}
      </button>
      <ul className="peer-links">
        {connection.links.map((link) => (
          <li key={link.peer.id}>
            {link.peer.name}: {sinceText(link)}
            <details>
              <summary>
                Sources ({link.relationships.length}{" "}
                {link.relationships.length === 1 ? "relationship" : "relationships"})
              </summary>
              <ul>
                {link.relationships.map((relationship) => (
                  <li key={relationship.id}>
                    <button type="button" className="link" onClick={() => onSelectEdge(relationship)}>
                      {[relationship.kind, relationship.status, formatValidity(relationship) ?? "no dates recorded"]
                        .filter(Boolean)
                        .join(" · ")}
                    </button>
                    <CitationList citations={relationship.sources} />
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </li>
  );
}
