/**
 * A real OpenID provider for local use and the tests — `oidc-provider` (panva; OpenID Certified), never a
 * mock — so sign-in is exercised exactly as against the city's provider: authorization code + PKCE, a
 * discovery document, a JWKS, access tokens as JWTs (RFC 9068) for the API's audience with a `roles` claim.
 *
 * DEVELOPMENT ONLY. Its users and passwords are written below and in docs/security.md; its keys are made anew at
 * every start and live only in memory; it accepts any loopback redirect address (`http://127.0.0.1:<any
 * port>/explorer`, RFC 8252 §7.3's rule for loopback), so a test server on a free port can use it. Nothing
 * in src/ imports this: the API only ever sees its issuer in OIDC_ISSUER, as it would see Entra ID's.
 */
import { randomBytes, timingSafeEqual, createHash } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type Configuration, type KoaContextWithOIDC, errors } from "oidc-provider";

/** The explorer's client id at the dev provider (a public client: no secret, PKCE required). */
export const DEV_CLIENT_ID = "kg-explorer";
/** The `aud` of the dev provider's access tokens: what JWT_AUDIENCE must say. */
export const DEV_API_AUDIENCE = "urn:helsinki-kg:api";

export interface DevUser {
  readonly username: string;
  /** Dev-only, documented in docs/security.md; never a real secret. */
  readonly password: string;
  readonly sub: string;
  readonly name: string;
  readonly roles: readonly string[];
}

/** The test users: an editor, and a staff member (who edits and sees contact details). */
export const DEV_USERS: readonly DevUser[] = [
  { username: "editor", password: "editor-dev-password", sub: "dev-editor", name: "Eeva Editor", roles: ["editor"] },
  {
    username: "staff",
    password: "staff-dev-password",
    sub: "dev-staff",
    name: "Sami Staff",
    roles: ["editor", "staff"],
  },
];

export interface DevProviderOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Lifetime of access tokens, seconds (default one hour). */
  readonly accessTokenTtlSeconds?: number;
}

export interface RunningDevProvider {
  /** `http://127.0.0.1:<port>`: what OIDC_ISSUER must say. */
  readonly issuer: string;
  readonly clientId: string;
  readonly audience: string;
  /** The environment `npm start` (or a test server) needs to use this provider. */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/;

function isLoopbackExplorer(value: string): boolean {
  try {
    const url = new URL(value);
    return LOOPBACK_ORIGIN.test(url.origin) && url.pathname === "/explorer" && url.hash === "";
  } catch {
    return false;
  }
}

function findUser(username: string): DevUser | undefined {
  return DEV_USERS.find((user) => user.username === username);
}

/** Compares digests so the time taken does not tell how much of a password was right. */
function samePassword(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function loginPage(uid: string, error: string | null): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · development identity provider</title>
<style>body{font:16px system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}label{display:block;margin:.8rem 0 .2rem}
input{width:100%;padding:.4rem;font:inherit;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1rem;font:inherit}
.error{color:#a00}.note{color:#555;font-size:.9rem}</style></head>
<body><main><h1>Sign in</h1>
<p class="note">Development identity provider: for local use and tests only (users in docs/security.md).</p>
${error ? `<p class="error" role="alert" id="login-error">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
<label for="username">User name</label><input id="username" name="username" required autofocus${error ? ' aria-describedby="login-error"' : ""}>
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit">Sign in</button></form></main></body></html>`;
}

/** Reads a small urlencoded form body. */
async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) throw new Error("form too large");
  }
  return new URLSearchParams(body);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
  });
  res.end(html);
}

export async function startDevProvider(options: DevProviderOptions = {}): Promise<RunningDevProvider> {
  const host = options.host ?? "127.0.0.1";
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}`;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = {
    ...(await exportJWK(privateKey)),
    kid: randomBytes(8).toString("hex"),
    alg: "RS256",
    use: "sig",
  };

  const configuration: Configuration = {
    clients: [
      {
        client_id: DEV_CLIENT_ID,
        token_endpoint_auth_method: "none",
        // Any loopback /explorer is accepted (see redirectUriAllowed below); this one is the default.
        redirect_uris: ["http://127.0.0.1:4000/explorer"],
        post_logout_redirect_uris: ["http://127.0.0.1:4000/explorer"],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: { openid: ["sub"], profile: ["name", "preferred_username"] },
    scopes: ["openid", "profile"],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => DEV_API_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== DEV_API_AUDIENCE) throw new errors.InvalidTarget();
          return {
            scope: "",
            audience: DEV_API_AUDIENCE,
            accessTokenTTL: options.accessTokenTtlSeconds ?? 3600,
            accessTokenFormat: "jwt",
            jwt: { sign: { alg: "RS256" } },
          };
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const user = DEV_USERS.find((candidate) => candidate.sub === sub);
      if (!user) return undefined;
      return {
        accountId: user.sub,
        claims: () => ({ sub: user.sub, name: user.name, preferred_username: user.username }),
      };
    },
    // The roles travel in the access token, where the API reads them (JWT_ROLES_CLAIM, default `roles`).
    extraTokenClaims: (_ctx, token) => {
      const accountId = "accountId" in token ? token.accountId : undefined;
      const user = DEV_USERS.find((candidate) => candidate.sub === accountId);
      return user ? { roles: [...user.roles] } : undefined;
    },
    // A first-party client: consent is implied, so the grant covers what it asked for.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, params, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = session.grantIdFor(client.clientId);
      const existing = grantId ? await provider.Grant.find(grantId) : undefined;
      const grant = existing ?? new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(typeof params?.scope === "string" ? params.scope : "openid");
      grant.addOIDCClaims(["sub", "name", "preferred_username"]);
      grant.addResourceScope(DEV_API_AUDIENCE, "");
      await grant.save();
      return grant;
    },
    clientBasedCORS: (_ctx, origin) => LOOPBACK_ORIGIN.test(origin),
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = `<!doctype html><meta charset="utf-8"><title>Sign-in error</title><h1>Sign-in error</h1><p>${escapeHtml(
        String(out.error),
      )}: ${escapeHtml(String(out.error_description ?? ""))}</p>`;
    },
  };
  const provider = new Provider(issuer, configuration);
  // Loopback redirects on any port (RFC 8252 §7.3): test servers run on free ports.
  const allowed = (value: string) => isLoopbackExplorer(value);
  provider.Client.prototype.redirectUriAllowed = allowed;
  provider.Client.prototype.postLogoutRedirectUriAllowed = allowed;

  const handleProvider = provider.callback();
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", issuer);
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (!match) {
      void handleProvider(req, res);
      return;
    }
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.uid !== match[1]) {
          sendHtml(res, 400, "<p>This sign-in page belongs to another sign-in. Start again from the explorer.</p>");
          return;
        }
        if (details.prompt.name !== "login") {
          // Consent is implied for this first-party client (loadExistingGrant); anything else is finished as is.
          await provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
          return;
        }
        if (req.method === "GET" && !match[2]) {
          sendHtml(res, 200, loginPage(details.uid, null));
          return;
        }
        if (req.method === "POST" && match[2]) {
          const form = await formBody(req);
          const user = findUser(form.get("username") ?? "");
          const password = form.get("password") ?? "";
          if (!user || !samePassword(password, user.password)) {
            sendHtml(res, 401, loginPage(details.uid, "Wrong user name or password."));
            return;
          }
          await provider.interactionFinished(
            req,
            res,
            { login: { accountId: user.sub } },
            { mergeWithLastSubmission: false },
          );
          return;
        }
        sendHtml(res, 405, "<p>Method not allowed.</p>");
      } catch {
        sendHtml(res, 400, "<p>This sign-in has expired or is not valid. Start again from the explorer.</p>");
      }
    })();
  });

  return {
    issuer,
    clientId: DEV_CLIENT_ID,
    audience: DEV_API_AUDIENCE,
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: DEV_CLIENT_ID, JWT_AUDIENCE: DEV_API_AUDIENCE },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
