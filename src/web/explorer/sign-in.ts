/**
 * Signing in to the explorer with OpenID Connect (authorization code + PKCE), through `oidc-client-ts`
 * (a maintained, certified-flow client: PKCE, state, nonce and the code exchange are its, not ours).
 *
 * - The provider, client id and scopes come from `/explorer/config.json`; without them sign-in is off and
 *   the explorer is read-only, as it is for anyone signed out.
 * - The code comes back in the address's fragment (`response_mode=fragment`), which browsers never send to
 *   a server, so it cannot land in a log; it is exchanged at once (with the PKCE verifier) and wiped from the
 *   address bar.
 * - Tokens are kept in `sessionStorage`: they survive a reload of this tab (a researcher in the middle of an
 *   edit loses nothing) but not the tab itself, and other tabs do not see them. `localStorage` would keep
 *   them after the browser closes; memory alone would sign out on every reload. Either way a script running
 *   in the page could read them, which the CSP (`script-src 'self'`) is there to prevent.
 * - The API, not the page, decides who may edit: after sign-in the page asks `viewer` with the access token
 *   (to the page, an access token is opaque). Reads never carry the token, so an expired one cannot break
 *   browsing; when it expires the page signs out and says so.
 */
import type { User, UserManager } from "oidc-client-ts";
import { ApiError, graphql } from "../shared/graphql-client.js";
import { VIEWER_QUERY } from "./edit-api.js";
import type { ExplorerViewerQuery } from "./generated/operations.js";

export interface SignInSettings {
  issuer: string;
  clientId: string;
  scopes: string;
}

export interface Viewer {
  /** What the API records as the actor of a write. */
  sub: string;
  /** Display name from the ID token, else the user name, else `sub`. */
  name: string;
  roles: string[];
}

/**
 * Why the reader is signed out, said by the header in the reader's language (sign-in-control.tsx); `detail` is
 * what the API or the provider said, in its own words.
 */
export interface SignInNotice {
  readonly reason: "expired" | "api-refused" | "incomplete" | "token-refused";
  readonly detail?: string;
}

export type SignInState =
  | { kind: "off" }
  | { kind: "signed-out"; message: SignInNotice | null }
  | { kind: "signed-in"; viewer: Viewer; token: string; expiresAt: number | null };

let manager: UserManager | null = null;
let state: SignInState = { kind: "off" };
const listeners = new Set<() => void>();

function set(next: SignInState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function getSignInState(): SignInState {
  return state;
}

export function subscribeSignIn(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True when the signed-in user may write (the API's own rule: `editor` or `admin`). */
export function canEdit(current: SignInState): current is Extract<SignInState, { kind: "signed-in" }> {
  return current.kind === "signed-in" && current.viewer.roles.some((role) => role === "editor" || role === "admin");
}

function redirectUri(): string {
  return `${window.location.origin}/explorer`;
}

/** The address holds a provider's answer (in the fragment): a code or an error, with our state. */
function isCallback(): boolean {
  const params = new URLSearchParams(window.location.hash.slice(1));
  return params.has("state") && (params.has("code") || params.has("error"));
}

async function adopt(user: User | null, message: SignInNotice | null = null): Promise<void> {
  if (!user || user.expired) {
    if (user) await manager?.removeUser();
    set({ kind: "signed-out", message: user ? { reason: "expired" } : message });
    return;
  }
  try {
    const data = await graphql<ExplorerViewerQuery>(VIEWER_QUERY, {}, { token: user.access_token });
    if (!data.viewer) throw new ApiError("The API did not see the sign-in.", "UNAUTHENTICATED");
    const profile = user.profile as { name?: unknown; preferred_username?: unknown };
    const name =
      typeof profile.name === "string"
        ? profile.name
        : typeof profile.preferred_username === "string"
          ? profile.preferred_username
          : data.viewer.sub;
    set({
      kind: "signed-in",
      viewer: { sub: data.viewer.sub, name, roles: data.viewer.roles },
      token: user.access_token,
      expiresAt: user.expires_at ?? null,
    });
  } catch (error) {
    await manager?.removeUser();
    set({
      kind: "signed-out",
      message: { reason: "api-refused", ...(error instanceof ApiError ? { detail: error.message } : {}) },
    });
  }
}

/**
 * Reads the sign-in settings, finishes a sign-in whose answer is in the address, or picks up the tab's
 * earlier sign-in. Runs once, before the explorer first renders (so the address it reads is the one the
 * user left for the provider). Never throws: a failure leaves sign-in off or signed out, with the reason.
 */
export async function startSignIn(): Promise<void> {
  let settings: SignInSettings | null;
  try {
    const response = await fetch("/explorer/config.json", { headers: { accept: "application/json" } });
    settings = response.ok ? ((await response.json()) as { signIn: SignInSettings | null }).signIn : null;
  } catch {
    settings = null;
  }
  if (!settings) {
    set({ kind: "off" });
    return;
  }
  // Loaded only where sign-in is configured.
  const { UserManager, WebStorageStateStore } = await import("oidc-client-ts");
  const sessionStore = new WebStorageStateStore({ store: window.sessionStorage });
  manager = new UserManager({
    authority: settings.issuer,
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    post_logout_redirect_uri: redirectUri(),
    response_type: "code",
    response_mode: "fragment",
    scope: settings.scopes,
    userStore: sessionStore,
    stateStore: sessionStore,
    loadUserInfo: false,
    monitorSession: false,
    automaticSilentRenew: false,
  });
  manager.events.addAccessTokenExpired(() => {
    void manager?.removeUser().then(() => set({ kind: "signed-out", message: { reason: "expired" } }));
  });
  if (isCallback()) {
    try {
      const user = await manager.signinRedirectCallback(window.location.href);
      const back = typeof user.state === "string" && user.state.startsWith("/explorer") ? user.state : "/explorer";
      window.history.replaceState(null, "", back);
      await adopt(user);
    } catch (error) {
      window.history.replaceState(null, "", "/explorer");
      const detail = error instanceof Error ? error.message : String(error);
      set({ kind: "signed-out", message: { reason: "incomplete", detail } });
    }
    return;
  }
  await adopt(await manager.getUser().catch(() => null));
}

/** Leaves for the provider's sign-in page; comes back to this very view. */
export async function signIn(): Promise<void> {
  if (!manager) return;
  await manager.signinRedirect({ state: `${window.location.pathname}${window.location.search}` });
}

/** Forgets the tokens here, then ends the provider's session too (RP-initiated logout) when it offers that. */
export async function signOut(): Promise<void> {
  if (!manager) return;
  const user = await manager.getUser().catch(() => null);
  await manager.removeUser();
  set({ kind: "signed-out", message: null });
  const metadata = await manager.metadataService.getEndSessionEndpoint().catch(() => undefined);
  if (metadata && user?.id_token) {
    await manager.signoutRedirect({ id_token_hint: user.id_token }).catch(() => undefined);
  }
}

/** The API refused the token (expired or revoked meanwhile): sign out here and say so. */
export async function tokenRefused(message: string): Promise<void> {
  await manager?.removeUser();
  set({ kind: "signed-out", message: { reason: "token-refused", detail: message } });
}
