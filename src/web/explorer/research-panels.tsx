/**
 * The research panels under the drawing: compare two days, centrality and communities, whose word backs the
 * focus's ties (corroboration), the focus side by side with other entities (peers). Once two days are compared,
 * the comparison moves to the side panel, beside the drawing it marks.
 */
import { CentralityPanel } from "./centrality-panel.js";
import { ComparePanel } from "./compare-panel.js";
import { CorroborationPanel } from "./corroboration-panel.js";
import { narrowingWords } from "./hub.js";
import { PeersPanel } from "./peers-panel.js";
import { messages, useLang, useT } from "./i18n.js";
import type { ExplorerState } from "./url-state.js";
import type { Address } from "./use-address.js";
import type { Analysis } from "./use-analysis.js";
import type { Comparison } from "./use-compare.js";
import type { Selected } from "./use-selection.js";

const M = messages({
  theFocus: { en: "the focus", fi: "valittu kohde", sv: "fokus" },
});

/** Two days are compared in the graph view: the answer sits in the side panel. */
export function comparesBeside(state: Pick<ExplorerState, "compareFrom" | "compareTo" | "view">): boolean {
  return state.compareFrom !== null && state.compareTo !== null && state.view === "graph";
}

/** The comparison of two days, tied to the address. */
export function ComparisonPanel({
  address: { state, update },
  comparison,
  selected,
}: {
  address: Address;
  comparison: Comparison;
  selected: Selected;
}) {
  return (
    <ComparePanel
      from={state.compareFrom}
      to={state.compareTo}
      diff={comparison.diff}
      entityId={state.focus}
      undated={state.undated}
      error={comparison.error}
      name={selected.nameOf}
      onCompare={(compareFrom, compareTo) => update({ compareFrom, compareTo })}
      onClear={() => update({ compareFrom: null, compareTo: null })}
      onSelectEdge={selected.selectListedEdge}
    />
  );
}

export function ResearchPanels({
  address,
  analysis,
  comparison,
  selected,
  revision,
}: {
  address: Address;
  analysis: Analysis;
  comparison: Comparison;
  selected: Selected;
  revision: number;
}) {
  const t = useT();
  const lang = useLang();
  const { state, update } = address;
  const focusName = selected.focusNode?.name ?? state.focus;
  return (
    <div className="research-panels">
      {!comparesBeside(state) && <ComparisonPanel address={address} comparison={comparison} selected={selected} />}
      <CentralityPanel
        measure={state.measure}
        communities={state.communities}
        scores={analysis.scores}
        communityList={analysis.communities}
        focusId={state.focus}
        focusName={focusName}
        scope={state.scope}
        around={[state.focus, ...state.peers].filter((id): id is string => id !== null).map(selected.nameOf)}
        narrowing={narrowingWords(state.types, state.sources, lang)}
        asOf={state.asOf}
        undated={state.undated}
        error={analysis.error}
        onScope={(scope) => update({ scope })}
        onMeasure={(measure) => update({ measure })}
        onCommunities={(on) => update({ communities: on })}
        onSelectNode={selected.selectNode}
      />
      <CorroborationPanel
        entityId={state.focus}
        entityName={focusName ?? t(M.theFocus)}
        open={state.corroboration}
        revision={revision}
        onOpen={(corroboration) => update({ corroboration })}
        onSelectEdge={selected.selectListedEdge}
      />
      <PeersPanel
        focusId={state.focus}
        focusName={focusName ?? t(M.theFocus)}
        peers={state.peers}
        asOf={state.asOf}
        name={selected.nameOf}
        onChange={(peers) => update({ peers })}
        onSelectEdge={selected.selectListedEdge}
        onSelectNode={selected.selectNode}
      />
    </div>
  );
}
