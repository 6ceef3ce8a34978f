/**
 * The signing keys of an OpenID provider named only by its issuer (OIDC_ISSUER): its discovery document
 * (OpenID Connect Discovery 1.0 §4, `<issuer>/.well-known/openid-configuration`) names `jwks_uri`, and
 * `jose`'s remote key set fetches, caches and refreshes the keys from there. Both are fetched on the first
 * token, not at start-up, so the API starts (and serves reads) while the provider is down; a provider that
 * cannot be reached makes token checks answer SERVICE_UNAVAILABLE (503), never "invalid token".
 */
import { type JWTVerifyGetKey, createRemoteJWKSet, errors } from "jose";

/** The provider's keys could not be fetched: the token may be fine, we cannot tell yet. */
export class KeySourceUnavailable extends Error {}

/**
 * Whether a key getter's failure is the provider's outage rather than a verdict on the token: the fetch
 * failed (not a `jose` error), timed out, or the key set's address answered something other than 200 with
 * JSON (a 503, a proxy's error page) — the one case `jose` reports with its generic `JOSEError`. Its
 * verdicts (no matching key, several, a malformed key set) stand.
 */
export function isKeyFetchFailure(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return error instanceof errors.JWKSTimeout || error.code === errors.JOSEError.code;
}

/** How long one fetch of the discovery document may take. */
const DISCOVERY_TIMEOUT_MS = 5_000;
/** After a failed discovery, requests within this time fail at once instead of fetching again. */
const RETRY_AFTER_MS = 5_000;

/** The `jwks_uri` of `issuer`, after checking the document is that issuer's (Discovery §4.3). */
export async function discoverJwksUri(issuer: string, fetchImpl: typeof fetch = fetch): Promise<URL> {
  const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  const response = await fetchImpl(url, {
    headers: { accept: "application/json" },
    signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
  });
  if (!response.ok) throw new KeySourceUnavailable(`${url} answered ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (document.issuer !== issuer) {
    throw new KeySourceUnavailable(`${url} names another issuer (${String(document.issuer)})`);
  }
  if (typeof document.jwks_uri !== "string") throw new KeySourceUnavailable(`${url} names no jwks_uri`);
  return new URL(document.jwks_uri);
}

/** A key getter for `jwtVerify` that discovers the key set on first use and retries discovery after failures. */
export function discoveredKeySet(issuer: string, fetchImpl: typeof fetch = fetch): JWTVerifyGetKey {
  let keySet: JWTVerifyGetKey | undefined;
  let pending: Promise<JWTVerifyGetKey> | undefined;
  let failedAt = 0;
  const load = (): Promise<JWTVerifyGetKey> => {
    if (keySet) return Promise.resolve(keySet);
    if (Date.now() - failedAt < RETRY_AFTER_MS) {
      return Promise.reject(new KeySourceUnavailable("the provider's discovery document failed moments ago"));
    }
    pending ??= discoverJwksUri(issuer, fetchImpl).then(
      (uri) => {
        keySet = createRemoteJWKSet(uri);
        pending = undefined;
        return keySet;
      },
      (error: unknown) => {
        failedAt = Date.now();
        pending = undefined;
        throw error instanceof KeySourceUnavailable ? error : new KeySourceUnavailable(String(error));
      },
    );
    return pending;
  };
  return async (header, token) => {
    const keys = await load();
    try {
      return await keys(header, token);
    } catch (error) {
      // jose's own verdicts (no matching key, bad key set) stand; a failed fetch is the provider's outage.
      if (!isKeyFetchFailure(error)) throw error;
      throw new KeySourceUnavailable(String(error));
    }
  };
}
