/** Above the drawing: what it shows (or that it is loading, or failed), the depth, and a way back to the focus alone. */
import { countsLine } from "./count-words.js";
import type { DrawnGraph } from "./graph-model.js";
import { messages, useLang, useT } from "./i18n.js";
import type { Address } from "./use-address.js";
import type { Neighbourhoods } from "./use-neighbourhood.js";

const M = messages({
  couldNotLoad: { en: "Could not load: {error}", fi: "Lataus epäonnistui: {error}", sv: "Kunde inte läsa in: {error}" },
  loading: { en: "Loading…", fi: "Ladataan…", sv: "Läser in…" },
  nothingAsOf: { en: "Nothing in force as of {day}", fi: "Mikään ei ole voimassa {day}", sv: "Inget gäller {day}" },
  drawnInPart: {
    en: " (drawn in part: see below)",
    fi: " (piirretty osittain: ks. alla)",
    sv: " (delvis ritad: se nedan)",
  },
  depth: { en: "Depth", fi: "Syvyys", sv: "Djup" },
  hops: {
    one: { en: "{count} hop", fi: "{count} askel", sv: "{count} steg" },
    other: { en: "{count} hops", fi: "{count} askelta", sv: "{count} steg" },
  },
  resetView: { en: "Reset view", fi: "Palauta näkymä", sv: "Återställ vyn" },
});

export function GraphToolbar({
  address: { state, update },
  graph,
  neighbourhoods: { error, loading, nothingInForce },
}: {
  address: Address;
  graph: DrawnGraph;
  neighbourhoods: Neighbourhoods;
}) {
  const t = useT();
  const lang = useLang();
  return (
    <div className="toolbar">
      <span data-testid="graph-status" aria-live="polite">
        {error
          ? t(M.couldNotLoad, { error })
          : loading
            ? t(M.loading)
            : nothingInForce
              ? t(M.nothingAsOf, { day: state.asOf ?? "" })
              : `${countsLine(lang, graph.nodes.size, graph.edges.size)}${graph.truncated ? t(M.drawnInPart) : ""}`}
      </span>
      <label>
        {t(M.depth)}{" "}
        <select value={state.depth} onChange={(event) => update({ depth: event.target.value === "2" ? 2 : 1 })}>
          <option value="1">{t(M.hops, { count: 1 })}</option>
          <option value="2">{t(M.hops, { count: 2 })}</option>
        </select>
      </label>
      <button type="button" onClick={() => update({ expand: [], from: null, to: null })}>
        {t(M.resetView)}
      </button>
    </div>
  );
}
