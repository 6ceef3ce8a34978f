/** The editor's buttons beside the selection: edit it, add from it, end or suspend it; or add something new. */
import type { GraphEdge, GraphNode } from "./api.js";
import type { EditMode } from "./edit-drafts.js";
import { messages, useT } from "./i18n.js";

const M = messages({
  edit: { en: "Edit", fi: "Muokkaa", sv: "Redigera" },
  editEntity: { en: "Edit {name}", fi: "Muokkaa: {name}", sv: "Redigera {name}" },
  addFromHere: {
    en: "Add a relationship from here",
    fi: "Lisää suhde tästä kohteesta",
    sv: "Lägg till en relation härifrån",
  },
  editRelationship: { en: "Edit this relationship", fi: "Muokkaa tätä suhdetta", sv: "Redigera denna relation" },
  endOrSuspend: { en: "End or suspend it", fi: "Päätä tai keskeytä se", sv: "Avsluta eller avbryt den" },
  newEntity: { en: "New entity", fi: "Uusi kohde", sv: "Ny entitet" },
  newRelationship: { en: "New relationship", fi: "Uusi suhde", sv: "Ny relation" },
});

export function EditActions({
  node,
  edge,
  onEdit,
}: {
  node: GraphNode | undefined;
  edge: GraphEdge | undefined;
  onEdit: (mode: EditMode) => void;
}) {
  const t = useT();
  return (
    <section className="edit-actions" aria-label={t(M.edit)} data-testid="edit-actions">
      {node && (
        <>
          <button type="button" onClick={() => onEdit({ kind: "entity", id: node.id })}>
            {t(M.editEntity, { name: node.name })}
          </button>
          <button type="button" onClick={() => onEdit({ kind: "relationship", edge: null, from: node.id })}>
            {t(M.addFromHere)}
          </button>
        </>
      )}
      {edge && (
        <>
          <button type="button" onClick={() => onEdit({ kind: "relationship", edge })}>
            {t(M.editRelationship)}
          </button>
          {!edge.validTo && (
            <button type="button" onClick={() => onEdit({ kind: "end", edge })}>
              {t(M.endOrSuspend)}
            </button>
          )}
        </>
      )}
      <button type="button" onClick={() => onEdit({ kind: "entity", id: null })}>
        {t(M.newEntity)}
      </button>
      <button type="button" onClick={() => onEdit({ kind: "relationship", edge: null })}>
        {t(M.newRelationship)}
      </button>
    </section>
  );
}
