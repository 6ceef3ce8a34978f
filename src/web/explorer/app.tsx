/**
 * The explorer: a search box, the graph of an entity's neighbourhood (click a node to expand it), a path
 * finder with the shared connections of its two ends, a date control, the selected entity's timeline,
 * comparing two days, centrality and communities, whose word backs the focus's ties (corroboration), the focus
 * side by side with other entities (peers), and a side panel with the selection's details and sources; or the
 * same entities and relationships on a map (map-view.tsx); or the dashboard. Everything it shows follows from
 * `ExplorerState`, which lives in the address (url-state.ts, use-address.ts); each feature's state is a hook
 * (use-*.ts), each part of the page a component.
 */
import { useMemo } from "react";
import { Dashboard } from "./dashboard.js";
import { GraphPane } from "./graph-pane.js";
import { LangContext, type Message, format } from "./i18n.js";
import { MapView } from "./map-view.js";
import { Narrowing } from "./narrowing.js";
import { SidePanel } from "./side-panel.js";
import { TopBar } from "./top-bar.js";
import { useAddress } from "./use-address.js";
import { useAnalysis } from "./use-analysis.js";
import { useCompare } from "./use-compare.js";
import { useDrawing } from "./use-drawing.js";
import { useEditing } from "./use-editing.js";
import { useNeighbourhood } from "./use-neighbourhood.js";
import { useOtherDay } from "./use-other-day.js";
import { usePath } from "./use-path.js";
import { useReaderLang } from "./use-reader-lang.js";
import { useSelection } from "./use-selection.js";
import { VIEW_NAMES } from "./view-switch.js";

export function App() {
  const address = useAddress();
  const { state } = address;
  const { lang, chooseLang } = useReaderLang(address);
  const editing = useEditing();
  const neighbourhoods = useNeighbourhood(state, editing.revision, lang);
  const otherDay = useOtherDay(state, neighbourhoods.nothingInForce);
  const paths = usePath(state, lang);
  const comparison = useCompare(state, lang);
  const analysis = useAnalysis(state, lang);
  const drawing = useDrawing({
    parts: neighbourhoods.parts,
    path: paths.path,
    diff: comparison.diff,
    scores: analysis.scores,
    communities: analysis.communities,
    limit: state.limit,
    lang,
  });
  const selected = useSelection(address, drawing.graph, lang);
  const t = (message: Message) => format(lang, message);
  // The dashboard shows the focus when it is a city, else Helsinki, compared with the peers (named where known).
  const city = selected.focusNode?.kind === "City" ? selected.focusNode : { id: "helsinki", name: "Helsinki" };
  const { nameOf } = selected;
  const peers = useMemo(() => state.peers.map((id) => ({ id, name: nameOf(id) })), [state.peers, nameOf]);

  return (
    <LangContext.Provider value={lang}>
      <div className="layout">
        <TopBar address={address} editing={editing} onChooseLang={chooseLang} />
        <main className="content">
          {state.view === "graph" ? (
            <GraphPane
              address={address}
              neighbourhoods={neighbourhoods}
              otherDay={otherDay}
              drawing={drawing}
              analysis={analysis}
              comparison={comparison}
              selected={selected}
              revision={editing.revision}
            />
          ) : state.view === "map" ? (
            <section className="map-section" aria-label={t(VIEW_NAMES.map)}>
              <Narrowing address={address} graph={drawing.graph} neighbourhoods={neighbourhoods} />
              <MapView graph={drawing.graph} selection={state.select} onSelect={selected.select} asOf={state.asOf} />
            </section>
          ) : (
            <Dashboard
              cityId={city.id}
              cityName={city.name}
              asOf={state.asOf}
              undated={state.undated}
              peers={peers}
              types={state.types}
            />
          )}
          <SidePanel
            address={address}
            editing={editing}
            selected={selected}
            comparison={comparison}
            paths={paths}
            drawing={drawing}
            loading={neighbourhoods.loading}
          />
        </main>
      </div>
    </LangContext.Provider>
  );
}
