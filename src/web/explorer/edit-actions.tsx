/** The editor's buttons beside the selection: edit it, add from it, end or suspend it; or add something new. */
import type { GraphEdge, GraphNode } from "./api.js";
import type { EditMode } from "./edit-drafts.js";

export function EditActions({
  node,
  edge,
  onEdit,
}: {
  node: GraphNode | undefined;
  edge: GraphEdge | undefined;
  onEdit: (mode: EditMode) => void;
}) {
  return (
    <section className="edit-actions" aria-label="Edit" data-testid="edit-actions">
      {node && (
        <>
          <button type="button" onClick={() => onEdit({ kind: "entity", id: node.id })}>
            Edit {node.name}
          </button>
          <button type="button" onClick={() => onEdit({ kind: "relationship", edge: null, from: node.id })}>
            Add a relationship from here
          </button>
        </>
      )}
      {edge && (
        <>
          <button type="button" onClick={() => onEdit({ kind: "relationship", edge })}>
            Edit this relationship
          </button>
          {!edge.validTo && (
            <button type="button" onClick={() => onEdit({ kind: "end", edge })}>
              End or suspend it
            </button>
          )}
        </>
      )}
      <button type="button" onClick={() => onEdit({ kind: "entity", id: null })}>
        New entity
      </button>
      <button type="button" onClick={() => onEdit({ kind: "relationship", edge: null })}>
        New relationship
      </button>
    </section>
  );
}
