/**
 * The hub panel (hub-panel.tsx) tied to the address: above every neighbourhood, folded until wanted; open while
 * something is cut short or narrowed (so the narrowing can be undone where it was made), and kept while a
 * narrowing loads (the control keeps its focus).
 */
import type { DrawnGraph } from "./graph-model.js";
import { HubPanel } from "./hub-panel.js";
import type { Address } from "./use-address.js";
import type { Neighbourhoods } from "./use-neighbourhood.js";

export function Narrowing({
  address: { state, update },
  graph,
  neighbourhoods,
}: {
  address: Address;
  graph: DrawnGraph;
  neighbourhoods: Neighbourhoods;
}) {
  if (state.focus === null && graph.cut.length === 0 && state.types === null && state.sources === null) return null;
  return (
    <HubPanel
      cut={graph.cut}
      offeredTypes={neighbourhoods.offeredTypes}
      typeCounts={neighbourhoods.typeCounts}
      types={state.types}
      sources={state.sources}
      asOf={state.asOf}
      undated={state.undated}
      onTypes={(types) => update({ types })}
      onSources={(sources) => update({ sources })}
      onAsOf={(asOf) => update({ asOf }, "replace")}
      onUndated={(undated) => update({ undated }, "replace")}
      limit={state.limit}
      onLimit={(limit) => update({ limit })}
    />
  );
}
