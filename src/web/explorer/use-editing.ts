/**
 * The editor's session: who is signed in (and whether they may edit), the form open (kept in this tab across a
 * reload or a trip to sign in again, edit-drafts.ts), whether the history panel is open, and a counter raised by
 * every write so what is shown is read again.
 */
import { useCallback, useState } from "react";
import { type EditMode, storeEditing, storedEditing } from "./edit-drafts.js";
import { type SignInState, canEdit } from "./sign-in.js";
import { useSignIn } from "./sign-in-control.js";

export interface Editing {
  readonly signIn: SignInState;
  /** The signed-in editor, or null when no one who may edit is signed in. */
  readonly editor: Extract<SignInState, { kind: "signed-in" }> | null;
  /** The form open, or null. */
  readonly mode: EditMode | null;
  readonly open: (mode: EditMode | null) => void;
  readonly historyOpen: boolean;
  readonly toggleHistory: () => void;
  readonly closeHistory: () => void;
  /** Raised by every write (a save, an undo). */
  readonly revision: number;
  readonly written: () => void;
}

export function useEditing(): Editing {
  const signIn = useSignIn();
  const [mode, setMode] = useState<EditMode | null>(storedEditing);
  const open = useCallback((next: EditMode | null) => {
    storeEditing(next);
    setMode(next);
  }, []);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [revision, setRevision] = useState(0);
  return {
    signIn,
    editor: canEdit(signIn) ? signIn : null,
    mode,
    open,
    historyOpen,
    toggleHistory: () => setHistoryOpen((isOpen) => !isOpen),
    closeHistory: () => setHistoryOpen(false),
    revision,
    written: () => setRevision((count) => count + 1),
  };
}
