/** The header's sign-in control: "Sign in", or who is signed in with which roles and "Sign out"; and why not. */
import "./editing.css";
import { useSyncExternalStore } from "react";
import { messages, useT } from "./i18n.js";
import { type SignInState, getSignInState, signIn, signOut, subscribeSignIn } from "./sign-in.js";

const M = messages({
  signedInAs: { en: "Signed in as", fi: "Kirjautunut:", sv: "Inloggad som" },
  reader: { en: "reader", fi: "lukija", sv: "läsare" },
  signOut: { en: "Sign out", fi: "Kirjaudu ulos", sv: "Logga ut" },
  signIn: { en: "Sign in to edit", fi: "Kirjaudu muokkaamaan", sv: "Logga in för att redigera" },
});

/** The current sign-in, re-rendering on every change (sign-in, expiry, sign-out). */
export function useSignIn(): SignInState {
  return useSyncExternalStore(subscribeSignIn, getSignInState);
}

/** `onSignOut`: called when the user signs out here (the page then closes any open form and its draft). */
export function SignInControl({ onSignOut }: { onSignOut?: () => void }) {
  const state = useSignIn();
  const t = useT();
  if (state.kind === "off") return null;
  return (
    <div className="sign-in" data-testid="sign-in">
      {state.kind === "signed-in" ? (
        <>
          <span>
            {t(M.signedInAs)} <strong>{state.viewer.name}</strong>
            <span className="muted">
              {" "}
              ({state.viewer.roles.length > 0 ? state.viewer.roles.join(", ") : t(M.reader)})
            </span>
          </span>{" "}
          <button
            type="button"
            onClick={() => {
              onSignOut?.();
              void signOut();
            }}
          >
            {t(M.signOut)}
          </button>
        </>
      ) : (
        <>
          {state.message && (
            <span className="sign-in-message" role="status">
              {state.message}
            </span>
          )}{" "}
          <button type="button" onClick={() => void signIn()}>
            {t(M.signIn)}
          </button>
        </>
      )}
    </div>
  );
}
