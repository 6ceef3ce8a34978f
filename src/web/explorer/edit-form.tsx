/**
 * Editing in the explorer: the editor panel, holding one of the forms — an entity (entity-form.tsx), a
 * relationship with its citations (relationship-form.tsx), or ending or suspending a relationship as a new
 * period (end-form.tsx). Every draft goes to the API as the real mutation with `dryRun: true` while the
 * editor types (the one write path's checks: the same rules as an import), so the problems it finds appear
 * beside the fields they concern and the preview lists exactly what saving would change; saving sends the
 * same mutation without `dryRun` — one transaction, recorded in the history (check-and-save.tsx). Forms never
 * write Cypher or judge values themselves. A new record is sent whole (mode REPLACE); an edit of a stored one
 * sends only what the editor changed, an emptied field as null (mode PATCH), so what someone else changed
 * since the form was loaded is kept, and the preview names every field saving would remove (edit-write.ts).
 */
import type { EditPanelProps } from "./edit-panel-props.js";
import { EndForm } from "./end-form.js";
import { EntityForm } from "./entity-form.js";
import { messages, useT } from "./i18n.js";
import { RelationshipForm } from "./relationship-form.js";

export type { EditMode } from "./edit-drafts.js";
export type { EditPanelProps } from "./edit-panel-props.js";

const M = messages({
  editEntity: { en: "Edit {name}", fi: "Muokkaa: {name}", sv: "Redigera {name}" },
  newEntity: { en: "New entity", fi: "Uusi kohde", sv: "Ny entitet" },
  editRelationship: { en: "Edit relationship", fi: "Muokkaa suhdetta", sv: "Redigera relation" },
  newRelationship: { en: "New relationship", fi: "Uusi suhde", sv: "Ny relation" },
  end: {
    en: "End or suspend a relationship",
    fi: "Päätä tai keskeytä suhde",
    sv: "Avsluta eller avbryt en relation",
  },
  about: {
    en: "Checked by the API as you type — the same rules as an import — and saved as one recorded change.",
    fi: "Rajapinta tarkistaa tiedot kirjoittaessasi – samoin säännöin kuin tuonnissa – ja ne tallennetaan yhtenä kirjattuna muutoksena.",
    sv: "API:t kontrollerar uppgifterna medan du skriver – med samma regler som vid import – och de sparas som en registrerad ändring.",
  },
  signInAgain: {
    en: "Your sign-in has ended. Sign in again to check and save: this draft is kept in this tab meanwhile.",
    fi: "Kirjautumisesi on päättynyt. Kirjaudu uudelleen tarkistaaksesi ja tallentaaksesi: luonnos säilyy tällä välin tässä välilehdessä.",
    sv: "Din inloggning har upphört. Logga in igen för att kontrollera och spara: utkastet sparas under tiden i den här fliken.",
  },
});

export function EditPanel(props: EditPanelProps) {
  const t = useT();
  const { mode } = props;
  const title =
    mode.kind === "entity"
      ? mode.id
        ? t(M.editEntity, { name: props.nameOf(mode.id) })
        : t(M.newEntity)
      : mode.kind === "relationship"
        ? mode.edge
          ? t(M.editRelationship)
          : t(M.newRelationship)
        : t(M.end);
  return (
    <section className="editor" aria-labelledby="editor-title" data-testid="editor">
      <h2 id="editor-title">{title}</h2>
      <p className="muted">{t(M.about)}</p>
      {props.token === null && (
        <p className="sign-in-again" role="alert">
          {t(M.signInAgain)}
        </p>
      )}
      {mode.kind === "entity" ? (
        <EntityForm {...props} id={mode.id} />
      ) : mode.kind === "relationship" ? (
        <RelationshipForm {...props} edge={mode.edge} from={mode.from} />
      ) : (
        <EndForm {...props} edge={mode.edge} />
      )}
    </section>
  );
}
