/** Pick two entities and see a shortest path between them, highlighted in the graph and listed step by step. */
import type { GraphEdge, GraphNode } from "./api.js";
import { relationshipLabel } from "./kinds.js";
import { SearchBox } from "./search-box.js";

export type PathResult =
  | { readonly status: "idle" }
  | { readonly status: "loading" }
  | { readonly status: "none" }
  | { readonly status: "error"; readonly message: string }
  | {
      readonly status: "found";
      readonly nodes: readonly GraphNode[];
      readonly edges: readonly GraphEdge[];
    };

interface PathFinderProps {
  readonly fromName: string;
  readonly toName: string;
  readonly result: PathResult;
  readonly onFrom: (node: GraphNode) => void;
  readonly onTo: (node: GraphNode) => void;
  readonly onClear: () => void;
  readonly onSelectEdge: (id: string) => void;
  /** The day the path is looked for as of (null: all dates), and a way to look over all dates instead. */
  readonly asOf?: string | null;
  readonly onAllDates?: () => void;
}

export function PathFinder({
  fromName,
  toName,
  result,
  onFrom,
  onTo,
  onClear,
  onSelectEdge,
  asOf = null,
  onAllDates,
}: PathFinderProps) {
  return (
    <section className="path-finder" aria-labelledby="path-title" data-testid="path-finder">
      <h2 id="path-title">Path finder</h2>
      <SearchBox label="From" placeholder="e.g. Tampere" value={fromName} onPick={onFrom} testId="path-from" />
      <SearchBox label="To" placeholder="e.g. Brussels" value={toName} onPick={onTo} testId="path-to" />
      <div aria-live="polite" data-testid="path-result">
        {result.status === "loading" && <p className="muted">Finding a path…</p>}
        {result.status === "none" && (
          <p>
            {asOf ? (
              <>
                No path within 6 steps as of {asOf}: only relationships in force on that day are followed.{" "}
                {onAllDates && (
                  <button type="button" className="link" onClick={onAllDates}>
                    Try all dates
                  </button>
                )}
              </>
            ) : (
              "No path within 6 steps, over all dates."
            )}
          </p>
        )}
        {result.status === "error" && (
          <p className="error" role="alert">
            {result.message}
          </p>
        )}
        {result.status === "found" && (
          <ol className="path-steps">
            {result.edges.map((edge, index) => {
              const from = result.nodes[index];
              const to = result.nodes[index + 1];
              const forward = edge.fromId === from?.id;
              return (
                <li key={edge.id}>
                  <button type="button" className="link" onClick={() => onSelectEdge(edge.id)}>
                    {from?.name} {forward ? "→" : "←"} {relationshipLabel(edge.type)} {forward ? "→" : "←"} {to?.name}
                  </button>
                </li>
              );
            })}
          </ol>
        )}
      </div>
      {result.status !== "idle" && (
        <button type="button" onClick={onClear}>
          Clear path
        </button>
      )}
    </section>
  );
}
