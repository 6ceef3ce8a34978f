/**
 * Signs in at an OpenID provider the way a browser would, over plain HTTP: authorization request with PKCE
 * (S256), the provider's login form, the redirect back with a code, the code exchanged for tokens. For the
 * HTTP tests of the API's token checks; the browser test does the same through the explorer in Chromium.
 */
import { createHash, randomBytes } from "node:crypto";

export interface SignedIn {
  readonly accessToken: string;
  readonly idToken: string;
  readonly expiresIn: number;
}

const base64url = (bytes: Buffer) => bytes.toString("base64url");

/** A cookie jar that ignores paths: enough for one provider on one host. */
class Cookies {
  private readonly values = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      this.values.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
  }
  header(): string {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export async function signInOverHttp(options: {
  issuer: string;
  clientId: string;
  redirectUri: string;
  username: string;
  password: string;
  scope?: string;
}): Promise<SignedIn> {
  const discovery = (await (await fetch(`${options.issuer}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash("sha256").update(verifier).digest());
  const state = base64url(randomBytes(16));
  const cookies = new Cookies();
  const go = async (url: string, init: RequestInit = {}): Promise<string> => {
    const response = await fetch(new URL(url, options.issuer), {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string> | undefined), cookie: cookies.header() },
    });
    cookies.take(response);
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new Error(`expected a redirect from ${url}, got ${response.status}: ${await response.text()}`);
    }
    return location;
  };
  const authorize = new URL(discovery.authorization_endpoint);
  for (const [name, value] of Object.entries({
    client_id: options.clientId,
    response_type: "code",
    redirect_uri: options.redirectUri,
    scope: options.scope ?? "openid profile",
    code_challenge: challenge,
    code_challenge_method: "S256",
    state,
  })) {
    authorize.searchParams.set(name, value);
  }
  const interaction = await go(authorize.href);
  const resume = await go(`${interaction}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username: options.username, password: options.password }).toString(),
  });
  const back = new URL(await go(resume));
  if (back.searchParams.get("state") !== state) throw new Error(`no code came back: ${back.href}`);
  const response = await fetch(discovery.token_endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: back.searchParams.get("code") ?? "",
      redirect_uri: options.redirectUri,
      client_id: options.clientId,
      code_verifier: verifier,
    }).toString(),
  });
  const tokens = (await response.json()) as { access_token?: string; id_token?: string; expires_in?: number };
  if (!tokens.access_token || !tokens.id_token) throw new Error(`no tokens: ${JSON.stringify(tokens)}`);
  return { accessToken: tokens.access_token, idToken: tokens.id_token, expiresIn: tokens.expires_in ?? 0 };
}
