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

/** Why the reader was signed out (sign-in.ts `SignInNotice`); the detail stays in the words it came in. */
const WHY = messages({
  expired: {
    en: "Your sign-in has expired: sign in again.",
    fi: "Kirjautumisesi on vanhentunut: kirjaudu uudelleen.",
    sv: "Din inloggning har gått ut: logga in igen.",
  },
  "api-refused": {
    en: "Signed in at the provider, but the API refused the token: {detail}",
    fi: "Kirjautuminen palveluntarjoajalla onnistui, mutta rajapinta hylkäsi tunnisteen: {detail}",
    sv: "Inloggad hos leverantören, men gränssnittet avvisade token: {detail}",
  },
  incomplete: {
    en: "Sign-in did not complete: {detail}",
    fi: "Kirjautuminen ei onnistunut loppuun: {detail}",
    sv: "Inloggningen slutfördes inte: {detail}",
  },
  "token-refused": { en: "Signed out: {detail}", fi: "Kirjauduttu ulos: {detail}", sv: "Utloggad: {detail}" },
  unreachable: {
    en: "the API cannot be reached",
    fi: "rajapintaan ei saada yhteyttä",
    sv: "gränssnittet kan inte nås",
  },
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
              {t(WHY[state.message.reason], { detail: state.message.detail ?? t(WHY.unreachable) })}
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
