/**
 * The side panel: an editor's open form or the history of changes, the comparison of two days while it marks
 * the drawing, the selection's details and sources (with an editor's actions), the path finder with what its
 * two ends share, and every drawn element as a list.
 */
import { Suspense, lazy } from "react";
import { ClaimsPanel } from "./claims-panel.js";
import { EdgeDetails, NodeDetails } from "./details-panel.js";
import { EditActions } from "./edit-actions.js";
import { ElementList } from "./element-list.js";
import { HistoryPanel } from "./history-panel.js";
import { messages, useT } from "./i18n.js";
import { PathFinder } from "./path-finder.js";
import { ComparisonPanel, comparesBeside } from "./research-panels.js";
import { focusChange, savedChange } from "./selection-model.js";
import { SharedConnections } from "./shared-connections.js";
import { tokenRefused } from "./sign-in.js";
import type { Address } from "./use-address.js";
import type { Comparison } from "./use-compare.js";
import type { Drawing } from "./use-drawing.js";
import type { Editing } from "./use-editing.js";
import type { PathAnswers } from "./use-path.js";
import type { Selected } from "./use-selection.js";

// The edit forms (and the record model they are derived from) load only when an editor opens one.
const EditPanel = lazy(() => import("./edit-form.js").then((module) => ({ default: module.EditPanel })));

const M = messages({
  details: { en: "Details", fi: "Tiedot", sv: "Detaljer" },
  loadingEditor: { en: "Loading the editor…", fi: "Ladataan muokkainta…", sv: "Läser in redigeraren…" },
  notInView: {
    en: "The selection is not in the current view (try another date).",
    fi: "Valinta ei ole nykyisessä näkymässä (kokeile toista päivää).",
    sv: "Det valda finns inte i den aktuella vyn (prova ett annat datum).",
  },
  startHint: {
    en: "Search for an entity, or click a node or a relationship in the graph to see its details and sources.",
    fi: "Hae kohdetta tai napsauta graafin solmua tai suhdetta, niin näet sen tiedot ja lähteet.",
    sv: "Sök efter en entitet, eller klicka på en nod eller en relation i grafen för att se dess uppgifter och källor.",
  },
});

export function SidePanel(props: {
  address: Address;
  editing: Editing;
  selected: Selected;
  comparison: Comparison;
  paths: PathAnswers;
  drawing: Drawing;
  loading: boolean;
}) {
  const { address, editing, selected, paths } = props;
  const { state, update } = address;
  const { editor, mode, revision } = editing;
  const { node, edge } = selected;
  const t = useT();
  return (
    <aside className="side" aria-label={t(M.details)}>
      {/* Shown to an editor, and kept (with its draft) when the sign-in ends, until they sign in again. */}
      {mode && (editor || editing.signIn.kind === "signed-out") && (
        <Suspense fallback={<p className="muted">{t(M.loadingEditor)}</p>}>
          <EditPanel
            key={JSON.stringify(mode)}
            mode={mode}
            token={editor?.token ?? null}
            staff={editor?.viewer.roles.includes("staff") ?? false}
            nameOf={selected.nameOf}
            onCancel={() => editing.open(null)}
            onTokenRefused={(message) => void tokenRefused(message)}
            onSaved={(_report, select) => {
              editing.open(null);
              editing.written();
              const change = savedChange(state, select);
              if (change) update(change);
            }}
          />
        </Suspense>
      )}
      {!mode && editing.historyOpen && (
        <HistoryPanel
          entityId={node?.id ?? null}
          entityName={node?.name ?? null}
          token={editor?.token ?? null}
          revision={revision}
          onClose={editing.closeHistory}
          onTokenRefused={(message) => void tokenRefused(message)}
          onUndone={editing.written}
        />
      )}
      {comparesBeside(state) && <ComparisonPanel address={address} comparison={props.comparison} selected={selected} />}
      {editor && !mode && <EditActions node={node} edge={edge} onEdit={(next) => editing.open(next)} />}
      {node && (
        <NodeDetails
          key={`${node.id}:${revision}`}
          node={node}
          asOf={state.asOf}
          onSelectNode={selected.selectNode}
          onSelectEdge={selected.selectListedEdge}
          onExpand={() => selected.selectNode(node.id)}
          onFocus={() => update(focusChange(node.id))}
          onPathFrom={() => update({ from: node.id })}
          onPathTo={() => update({ to: node.id })}
        />
      )}
      {edge && (
        <EdgeDetails
          edge={edge}
          from={selected.nodeOf(edge.fromId)}
          to={selected.nodeOf(edge.toId)}
          onSelectNode={selected.selectNode}
        />
      )}
      {edge && <ClaimsPanel key={`${edge.id}:${revision}`} edge={edge} />}
      {state.select && !node && !edge && !props.loading && <p className="muted">{t(M.notInView)}</p>}
      {!state.select && <p className="muted">{t(M.startHint)}</p>}
      <PathFinder
        fromName={state.from ? selected.nameOf(state.from) : ""}
        toName={state.to ? selected.nameOf(state.to) : ""}
        result={paths.path}
        onFrom={(picked) => update({ from: picked.id })}
        onTo={(picked) => update({ to: picked.id })}
        onClear={() => update({ from: null, to: null })}
        onSelectEdge={(id) => update({ select: { type: "edge", id }, view: "graph" })}
        asOf={state.asOf}
        onAllDates={() => update({ asOf: null }, "replace")}
      />
      {state.from && state.to && state.from !== state.to && (
        <SharedConnections
          fromId={state.from}
          fromName={selected.nameOf(state.from)}
          toId={state.to}
          toName={selected.nameOf(state.to)}
          connections={paths.shared}
          error={paths.sharedError}
          onSelectEdge={selected.selectListedEdge}
          onSelectNode={selected.selectNode}
        />
      )}
      {state.view !== "dashboard" && (
        <ElementList
          graph={props.drawing.graph}
          selection={state.select}
          onSelect={selected.select}
          asOf={state.asOf}
        />
      )}
    </aside>
  );
}
