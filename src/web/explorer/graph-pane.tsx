/**
 * The graph view: the toolbar and the narrowing above the drawing (or, on a day with nothing in force, the way
 * to a day that has something), the legend, the selected entity's timeline, and the research panels.
 */
import { GraphLegend } from "./graph-legend.js";
import { GraphToolbar } from "./graph-toolbar.js";
import { GraphView } from "./graph-view.js";
import { countWords } from "./count-words.js";
import { messages, useLang, useT } from "./i18n.js";
import { Narrowing } from "./narrowing.js";
import { NothingInForce } from "./nothing-in-force.js";
import { ResearchPanels } from "./research-panels.js";
import { TimelineView } from "./timeline-view.js";
import type { Address } from "./use-address.js";
import type { Analysis } from "./use-analysis.js";
import type { Comparison } from "./use-compare.js";
import type { Drawing } from "./use-drawing.js";
import type { Neighbourhoods } from "./use-neighbourhood.js";
import type { OtherDay } from "./use-other-day.js";
import type { Selected } from "./use-selection.js";
import { VIEW_NAMES } from "./view-switch.js";

const M = messages({
  graphDescription: {
    en: "Graph of {name}: {entities} and {relationships}. The same elements are listed in the side panel.",
    fi: "Graafi kohteesta {name}: {entities} ja {relationships}. Samat osat on lueteltu sivupaneelissa.",
    sv: "Graf över {name}: {entities} och {relationships}. Samma element listas i sidopanelen.",
  },
  nothingYet: { en: "nothing yet", fi: "ei vielä mitään", sv: "inget ännu" },
});

export function GraphPane(props: {
  address: Address;
  neighbourhoods: Neighbourhoods;
  otherDay: OtherDay;
  drawing: Drawing;
  analysis: Analysis;
  comparison: Comparison;
  selected: Selected;
  revision: number;
}) {
  const { address, neighbourhoods, drawing, selected } = props;
  const { state } = address;
  const { graph } = drawing;
  const t = useT();
  const lang = useLang();
  return (
    <section className="graph-pane" aria-label={t(VIEW_NAMES.graph)}>
      <div className="graph-head">
        <GraphToolbar address={address} graph={graph} neighbourhoods={neighbourhoods} />
        <Narrowing address={address} graph={graph} neighbourhoods={neighbourhoods} />
      </div>
      {neighbourhoods.nothingInForce ? (
        <NothingInForce
          address={address}
          focusName={selected.focusNode?.name ?? state.focus ?? ""}
          otherDay={props.otherDay}
        />
      ) : (
        <GraphView
          graph={graph}
          selection={state.select}
          onSelect={selected.select}
          description={t(M.graphDescription, {
            name: selected.focusNode?.name ?? t(M.nothingYet),
            ...countWords(lang, graph.nodes.size, graph.edges.size),
          })}
          nodeSizes={drawing.nodeSizes}
          nodeColors={drawing.nodeColors}
          edgeMarks={drawing.edgeMarks}
          asOf={state.asOf}
          focusId={state.focus}
        />
      )}
      <GraphLegend communities={state.communities ? props.analysis.communities : null} focus={state.focus} />
      <TimelineView
        entity={selected.node ?? selected.focusNode}
        asOf={state.asOf}
        selectedEdgeId={state.select?.type === "edge" ? state.select.id : null}
        onSelectEdge={selected.selectListedEdge}
      />
      <ResearchPanels
        address={address}
        analysis={props.analysis}
        comparison={props.comparison}
        selected={selected}
        revision={props.revision}
      />
    </section>
  );
}
