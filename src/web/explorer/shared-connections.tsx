/** Next to the path finder: what the two picked entities both link to, with both relationships and sources. */
import type { GraphEdge, SharedConnection } from "./api.js";
import { messages, useLang, useT } from "./i18n.js";
import { relationshipLabelFrom } from "./kinds.js";

const M = messages({
  title: { en: "Shared by {a} and {b}", fi: "Yhteistä: {a} ja {b}", sv: "Gemensamt för {a} och {b}" },
  loading: { en: "Loading…", fi: "Ladataan…", sv: "Läser in…" },
  nothing: { en: "Nothing in common.", fi: "Ei mitään yhteistä.", sv: "Inget gemensamt." },
});

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
  const t = useT();
  const lang = useLang();
  return (
    <section className="shared" aria-labelledby="shared-title" data-testid="shared-connections">
      <h2 id="shared-title">{t(M.title, { a: fromName, b: toName })}</h2>
      <div aria-live="polite">
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {!connections && !error && <p className="muted">{t(M.loading)}</p>}
        {connections && connections.length === 0 && <p className="muted">{t(M.nothing)}</p>}
        {connections && connections.length > 0 && (
          <ul>
            {connections.map((shared) => (
              <li key={`${shared.node.id}|${shared.fromA.id}|${shared.fromB.id}`}>
                <button type="button" className="link strong" onClick={() => onSelectNode(shared.node.id)}>
                  {shared.node.name}
                </button>
                :{" "}
                <button type="button" className="link" onClick={() => onSelectEdge(shared.fromA)}>
                  {fromName} {relationshipLabelFrom(shared.fromA, fromId, lang)}
                </button>
                {" · "}
                <button type="button" className="link" onClick={() => onSelectEdge(shared.fromB)}>
                  {toName} {relationshipLabelFrom(shared.fromB, toId, lang)}
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
