/** What the editor panel (edit-form.tsx) and each of its forms are given by the page. */
import type { WriteReport } from "./edit-api.js";
import type { EditMode } from "./edit-drafts.js";
import type { Selection } from "./url-state.js";

export interface EditPanelProps {
  readonly mode: EditMode;
  /** The editor's access token; null once the sign-in has ended (the draft stays, checks and Save wait). */
  readonly token: string | null;
  readonly staff: boolean;
  /** A display name for an entity id. */
  readonly nameOf: (id: string) => string;
  readonly onSaved: (report: WriteReport, select: Selection | null) => void;
  readonly onCancel: () => void;
  /** The API refused the token (it expired): the page signs out. */
  readonly onTokenRefused: (message: string) => void;
}
