/**
 * The graph's legend: what the colours, shapes and lines mean. It follows the colouring (legend-model.ts):
 * kinds, or once *Colour by community* is on, the communities with their first members.
 */
import type { Community } from "./api.js";
import { messages, useLang, useT } from "./i18n.js";
import { lineLegend } from "./kinds.js";
import { legendGroups } from "./legend-model.js";

const M = messages({ legend: { en: "Legend", fi: "Selite", sv: "Teckenförklaring" } });

interface GraphLegendProps {
  /** The communities the nodes are coloured by; null: coloured by kind. */
  readonly communities: readonly Community[] | null;
  readonly focus: string | null;
}

export function GraphLegend({ communities, focus }: GraphLegendProps) {
  const lang = useLang();
  const t = useT();
  const groups = legendGroups(lang, communities, focus);
  return (
    <ul className="legend" aria-label={t(M.legend)} data-testid="graph-legend">
      {groups.map((group) => (
        <li key={group.heading} className="legend-group">
          <span className="legend-heading">{group.heading}</span>
          <ul>
            {group.swatches.map((swatch) => (
              <li key={swatch.key} data-testid="legend-swatch">
                <span
                  className={`swatch shape-${swatch.shape}`}
                  style={{ background: swatch.colour }}
                  aria-hidden="true"
                />
                {swatch.label}
              </li>
            ))}
          </ul>
        </li>
      ))}
      {lineLegend(lang).map((entry) => (
        <li key={entry.line}>
          <span className={`line ${entry.line}`} aria-hidden="true" /> {entry.label}
        </li>
      ))}
    </ul>
  );
}
