/** Next to the path finder: what the two picked entities both link to, with both relationships and sources. */
import type { GraphEdge, SharedConnection } from "./api.js";
import { relationshipLabelFrom } from "./kinds.js";

interface SharedConnectionsProps {
  readonly fromId: string;
  readonly fromName: string;
  readonly toId: string;
  readonly toName: string;
  readonly connections: SharedConnection[] | null;
  readonly error: string | null;
  readonly onSelectEdge: (edge: GraphEdge) => void;
  readonly onSelectNode: (id: string) => void;
}

export function SharedConnections({
  fromId,
  fromName,
  toId,
  toName,
  connections,
  error,
  onSelectEdge,
  onSelectNode,
}: SharedConnectionsProps) {
  return (
    <section className="shared" aria-labelledby="shared-title" data-testid="shared-connections">
      <h2 id="shared-title">
        Shared by {fromName} and {toName}
      </h2>
      <div aria-live="polite">
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {!connections && !error && <p className="muted">Loading…</p>}
        {connections && connections.length === 0 && <p className="muted">Nothing in common.</p>}
        {connections && connections.length > 0 && (
          <ul>
            {connections.map((shared) => (
              <li key={`${shared.node.id}|${shared.fromA.id}|${shared.fromB.id}`}>
                <button type="button" className="link strong" onClick={() => onSelectNode(shared.node.id)}>
                  {shared.node.name}
                </button>
                :{" "}
                <button type="button" className="link" onClick={() => onSelectEdge(shared.fromA)}>
                  {fromName} {relationshipLabelFrom(shared.fromA, fromId)}
                </button>
                {" · "}
                <button type="button" className="link" onClick={() => onSelectEdge(shared.fromB)}>
                  {toName} {relationshipLabelFrom(shared.fromB, toId)}
                </button>
                <span className="muted">
                  {" "}
                  ({[...new Set([...shared.fromA.sources, ...shared.fromB.sources].map((s) => s.title))].join("; ")})
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
