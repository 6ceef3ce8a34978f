/** The header's sign-in control: "Sign in", or who is signed in with which roles and "Sign out"; and why not. */
import "./editing.css";
import { useSyncExternalStore } from "react";
import { type SignInState, getSignInState, signIn, signOut, subscribeSignIn } from "./sign-in.js";

/** The current sign-in, re-rendering on every change (sign-in, expiry, sign-out). */
export function useSignIn(): SignInState {
  return useSyncExternalStore(subscribeSignIn, getSignInState);
}

/** `onSignOut`: called when the user signs out here (the page then closes any open form and its draft). */
export function SignInControl({ onSignOut }: { onSignOut?: () => void }) {
  const state = useSignIn();
  if (state.kind === "off") return null;
  return (
    <div className="sign-in" data-testid="sign-in">
      {state.kind === "signed-in" ? (
        <>
          <span>
            Signed in as <strong>{state.viewer.name}</strong>
            <span className="muted"> ({state.viewer.roles.length > 0 ? state.viewer.roles.join(", ") : "reader"})</span>
          </span>{" "}
          <button
            type="button"
            onClick={() => {
              onSignOut?.();
              void signOut();
            }}
          >
            Sign out
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
            Sign in to edit
          </button>
        </>
      )}
    </div>
  );
}
