/**
 * Edit drafts survive a reload of the tab and a trip to the provider to sign in again: the open form and what
 * was typed are kept in this tab's sessionStorage (like the tokens, gone with the tab, unseen by other tabs)
 * until the form is saved or cancelled. Kept apart from the forms so the explorer can reopen a form without
 * loading them first.
 */
import { type Dispatch, type SetStateAction, useEffect, useState } from "react";
import type { GraphEdge } from "./api.js";

/** What the editor is editing. */
export type EditMode =
  | { readonly kind: "entity"; readonly id: string | null }
  | { readonly kind: "relationship"; readonly edge: GraphEdge | null; readonly from?: string | undefined }
  | { readonly kind: "end"; readonly edge: GraphEdge };

const DRAFT_PREFIX = "kg-explorer-draft:";
const EDITING_KEY = "kg-explorer-editing";

/** What a form is editing, as a storage key: `entity:new`, `relationship:<id>`, `end:<id>`. */
export function draftKeyOf(mode: EditMode): string {
  return mode.kind === "entity"
    ? `entity:${mode.id ?? "new"}`
    : mode.kind === "relationship"
      ? `relationship:${mode.edge?.id ?? `new:${mode.from ?? ""}`}`
      : `end:${mode.edge.id}`;
}

function readStored<T>(key: string): T | undefined {
  try {
    const raw = window.sessionStorage.getItem(key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

/** The open form, if one was open in this tab (restored after a reload or a sign-in). */
export function storedEditing(): EditMode | null {
  return readStored<EditMode>(EDITING_KEY) ?? null;
}

/**
 * Remembers the open form (null: none). Closing it, or opening another one, forgets every draft: a draft is
 * only ever restored into the form it was typed in.
 */
export function storeEditing(mode: EditMode | null): void {
  try {
    const before = readStored<EditMode>(EDITING_KEY);
    if (!mode || !before || draftKeyOf(before) !== draftKeyOf(mode)) forgetDrafts();
    if (mode) window.sessionStorage.setItem(EDITING_KEY, JSON.stringify(mode));
    else window.sessionStorage.removeItem(EDITING_KEY);
  } catch {
    // Storage refused (private mode, quota): drafts then live only as long as the page.
  }
}

function forgetDrafts(): void {
  for (const key of Object.keys(window.sessionStorage)) {
    if (key.startsWith(DRAFT_PREFIX)) window.sessionStorage.removeItem(key);
  }
}

/** `useState` whose value is kept in this tab's sessionStorage under `key`. */
export function useDraft<T>(key: string, initial: T): [T, Dispatch<SetStateAction<T>>] {
  const storageKey = `${DRAFT_PREFIX}${key}`;
  const [value, setValue] = useState<T>(() => readStored<T>(storageKey) ?? initial);
  useEffect(() => {
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify(value));
    } catch {
      // See storeEditing.
    }
  }, [storageKey, value]);
  return [value, setValue];
}
