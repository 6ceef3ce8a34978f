/** Every drawn element as a button: the keyboard's (and screen readers') way into the graph. */
import { countWords } from "./count-words.js";
import { PeriodButton } from "./entity-relationships.js";
import type { DrawnGraph } from "./graph-model.js";
import { messages, useLang, useT } from "./i18n.js";
import { kindStyle, stateWords, typeLabel } from "./kinds.js";
import { drawnTies } from "./relationship-groups.js";
import { RECORD_WORDS } from "./relationship-words.js";
import type { Selection } from "./url-state.js";

const M = messages({
  inView: {
    en: "In view: {entities}, {relationships}",
    fi: "Näkymässä: {entities}, {relationships}",
    sv: "I vyn: {entities}, {relationships}",
  },
  entitiesHeading: { en: "Entities", fi: "Kohteet", sv: "Entiteter" },
  relationshipsHeading: { en: "Relationships", fi: "Suhteet", sv: "Relationer" },
});

export function ElementList({
  graph,
  selection,
  onSelect,
  asOf,
}: {
  graph: DrawnGraph;
  selection: Selection | null;
  onSelect: (selection: Selection) => void;
  asOf: string | null;
}) {
  const nodes = [...graph.nodes.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  const edges = [...graph.edges.values()];
  const ties = drawnTies(edges, asOf);
  const name = (id: string) => graph.nodes.get(id)?.name ?? id;
  const t = useT();
  const lang = useLang();
  return (
    <details className="element-list" data-testid="element-list">
      <summary>{t(M.inView, countWords(lang, nodes.length, edges.length))}</summary>
      <h3>{t(M.entitiesHeading)}</h3>
      <ul data-testid="entity-list">
        {nodes.map((node) => (
          <li key={node.id}>
            <button
              type="button"
              className="link"
              aria-current={selection?.type === "node" && selection.id === node.id}
              onClick={() => onSelect({ type: "node", id: node.id })}
            >
              <span className="kind-dot" style={{ background: kindStyle(node.kind).color }} aria-hidden="true" />
              {node.name}
            </button>
          </li>
        ))}
      </ul>
      <h3>{t(M.relationshipsHeading)}</h3>
      <ul data-testid="relationship-list">
        {ties.map((tie) => {
          const first = tie.periods[0]!;
          const words = `${name(tie.fromId)} — ${typeLabel(tie.type, lang)} → ${name(tie.toId)}`;
          return (
            <li key={tie.key} className={tie.periods.some((p) => graph.onPath.has(p.edge.id)) ? "on-path" : undefined}>
              <button
                type="button"
                className="link"
                data-type={tie.type}
                aria-current={selection?.type === "edge" && tie.periods.some((p) => p.edge.id === selection.id)}
                onClick={() => onSelect({ type: "edge", id: first.edge.id })}
              >
                {words}
              </button>
              {tie.periods.length === 1 && first.state !== "CURRENT" && (
                <span className="muted" data-state={first.state}>
                  {" "}
                  · {stateWords(first.state, lang)}
                </span>
              )}
              {/* Several records of one tie (its periods, or several sources' claims) are one line. */}
              {tie.periods.length > 1 && (
                <>
                  <span className="muted" title={t(RECORD_WORDS.why)}>
                    {" "}
                    · {t(RECORD_WORDS.count, { count: tie.periods.length })}:
                  </span>{" "}
                  <span className="periods">
                    {tie.periods.map((period) => (
                      <PeriodButton
                        key={period.edge.id}
                        period={period}
                        heading={`${name(tie.fromId)} ${typeLabel(tie.type, lang)}`}
                        name={name(tie.toId)}
                        onOpen={() => onSelect({ type: "edge", id: period.edge.id })}
                      />
                    ))}
                  </span>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
