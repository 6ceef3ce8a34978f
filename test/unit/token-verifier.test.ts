/**
 * Bearer tokens without a database: what the verifier refuses (expired, not yet valid, another key, another
 * algorithm — `none` included —, another issuer or audience, no `sub`, no `exp`) always as UNAUTHENTICATED and
 * never echoing the token; where the roles are read from and what an unknown role grants (nothing); the
 * `Authorization` header's form; tokens minted by `npm run token`; and keys found through an OpenID provider's
 * discovery document served by a local HTTP server, with the provider's outages answered 503, not 401.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role, bearerToken, createTokenVerifier, hasRole, mintToken } from "../../src/auth/index.js";
import { discoverJwksUri } from "../../src/auth/oidc-discovery.js";
import { type AuthSettings, loadConfig } from "../../src/config/index.js";

const SECRET = "a-shared-secret-of-32-characters!";
const OTHER_SECRET = "another-secret-of-32-characters!!";
const key = (secret: string) => new TextEncoder().encode(secret);
const now = () => Math.floor(Date.now() / 1000);

const settings = (env: Record<string, string> = {}): AuthSettings => loadConfig({ JWT_SECRET: SECRET, ...env }).auth;

interface TokenOptions {
  claims?: Record<string, unknown>;
  sub?: string | null;
  exp?: number | null;
  nbf?: number;
  iss?: string;
  aud?: string | string[];
  alg?: string;
  secret?: string;
}

function sign(options: TokenOptions = {}): Promise<string> {
  let jwt = new SignJWT({ roles: ["editor"], ...options.claims }).setProtectedHeader({ alg: options.alg ?? "HS256" });
  if (options.sub !== null) jwt = jwt.setSubject(options.sub ?? "alice");
  if (options.exp !== null) jwt = jwt.setExpirationTime(options.exp ?? now() + 3600);
  if (options.nbf !== undefined) jwt = jwt.setNotBefore(options.nbf);
  if (options.iss) jwt = jwt.setIssuer(options.iss);
  if (options.aud) jwt = jwt.setAudience(options.aud);
  return jwt.sign(key(options.secret ?? SECRET));
}

/** An unsecured JWT (RFC 7519 §6): header `{"alg":"none"}`, no signature. */
function unsecured(payload: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part(payload)}.`;
}

/** The code and message of a refusal; fails the test when the token is accepted. */
async function refusal(token: string, auth: AuthSettings = settings()): Promise<{ code: unknown; message: string }> {
  try {
    await createTokenVerifier(auth).verify(token);
  } catch (error) {
    const { extensions, message } = error as { extensions: { code: unknown }; message: string };
    expect(message).not.toContain(token);
    return { code: extensions.code, message };
  }
  throw new Error("the token was accepted");
}

describe("a valid HS256 token", () => {
  it("gives its claims, its subject and its roles", async () => {
    const token = await sign({ claims: { roles: ["editor", "staff"], name: "Alice" } });
    const claims = await createTokenVerifier(settings()).verify(token);
    expect(claims).toMatchObject({ sub: "alice", roles: ["editor", "staff"], name: "Alice" });
  });

  it("is accepted up to 30 s after it expired (clocks differ)", async () => {
    const claims = await createTokenVerifier(settings()).verify(await sign({ exp: now() - 10 }));
    expect(claims.sub).toBe("alice");
  });

  it("with issuer and audience set: matching ones pass, and an audience list holding ours passes", async () => {
    const auth = settings({ JWT_ISSUER: "https://issuer.example.org", JWT_AUDIENCE: "kg-api" });
    const verifier = createTokenVerifier(auth);
    await expect(
      verifier.verify(await sign({ iss: "https://issuer.example.org", aud: "kg-api" })),
    ).resolves.toMatchObject({ sub: "alice" });
    await expect(
      verifier.verify(await sign({ iss: "https://issuer.example.org", aud: ["other-app", "kg-api"] })),
    ).resolves.toMatchObject({ sub: "alice" });
  });
});

describe("tokens refused with UNAUTHENTICATED (never treated as anonymous)", () => {
  const issuerAndAudience = { JWT_ISSUER: "https://issuer.example.org", JWT_AUDIENCE: "kg-api" };
  const good = { iss: "https://issuer.example.org", aud: "kg-api" };

  it.each<[string, () => Promise<string>, Record<string, string>, string]>([
    ["expired two minutes ago", () => sign({ exp: now() - 120 }), {}, "expired"],
    ["not valid for another two minutes (nbf)", () => sign({ nbf: now() + 120 }), {}, "`nbf`"],
    ["without `exp`", () => sign({ exp: null }), {}, "`exp`"],
    ["without `sub`", () => sign({ sub: null }), {}, "`sub`"],
    ["signed with another secret", () => sign({ secret: OTHER_SECRET }), {}, "signature"],
    ["signed with HS384 where only HS256 is accepted", () => sign({ alg: "HS384" }), {}, "algorithm"],
    [
      "HS512 where HS256,HS384 are accepted",
      () => sign({ alg: "HS512" }),
      { JWT_ALGORITHMS: "HS256,HS384" },
      "algorithm",
    ],
    [
      "unsecured (`alg: none`)",
      async () => unsecured({ sub: "alice", exp: now() + 3600, roles: ["admin"] }),
      {},
      "algorithm",
    ],
    ["from another issuer", () => sign({ ...good, iss: "https://evil.example.org" }), issuerAndAudience, "`iss`"],
    ["with no issuer where one is required", () => sign({ aud: "kg-api" }), issuerAndAudience, "`iss`"],
    ["for another audience", () => sign({ ...good, aud: "other-app" }), issuerAndAudience, "`aud`"],
    ["with no audience where one is required", () => sign({ iss: good.iss }), issuerAndAudience, "`aud`"],
    ["not a JWT at all", async () => "not-a-token", {}, "not a valid JWT"],
    ["a JWT cut short", async () => (await sign()).split(".").slice(0, 2).join("."), {}, "not a valid JWT"],
  ])("%s", async (_label, token, env, words) => {
    const { code, message } = await refusal(await token(), settings(env));
    expect(code).toBe("UNAUTHENTICATED");
    expect(message).toContain(words);
  });

  it("a token whose header says HS256 with a payload changed after signing", async () => {
    const [header, , signature] = (await sign()).split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "alice", exp: now() + 3600, roles: ["admin"] })).toString(
      "base64url",
    );
    expect(await refusal(`${header}.${forged}.${signature}`)).toEqual({
      code: "UNAUTHENTICATED",
      message: "The token's signature is not valid.",
    });
  });

  it("a server with no key accepts no token at all, and says it is read-only", async () => {
    const verifier = createTokenVerifier(loadConfig({}).auth);
    expect(verifier.configured).toBe(false);
    const { code, message } = await refusal(await sign(), loadConfig({}).auth);
    expect(code).toBe("UNAUTHENTICATED");
    expect(message).toContain("read-only");
  });
});

describe("the subject (`sub`): recorded as the actor of writes and shown in the public history", () => {
  /** The refusal's code, claim and message for a token whose `sub` is `value` (jose's setSubject takes strings only). */
  async function subRefusal(value: unknown) {
    const token = await sign({ sub: null, claims: { sub: value } });
    try {
      await createTokenVerifier(settings()).verify(token);
    } catch (error) {
      const { extensions, message } = error as { extensions: Record<string, unknown>; message: string };
      return { code: extensions.code, claim: extensions.claim, message };
    }
    throw new Error("the token was accepted");
  }

  it.each<[string, unknown, string]>([
    ["a number", 42, "must be a string, not a number"],
    ["a list", ["x"], "must be a string, not a list"],
    ["a boolean", true, "must be a string, not a boolean"],
    ["an object", { id: "alice" }, "must be a string, not an object"],
    ["null", null, "must be a string, not null"],
    ["empty", "", "must not be empty or blank"],
    ["blank", " \t ", "must not be empty or blank"],
    ["256 characters", "a".repeat(256), "at most 255 characters (it has 256)"],
    ["a NUL", "alice\u0000", "control"],
    ["a line break", "alice\nbob", "control"],
    ["a DEL", "alice\u007f", "control"],
    ["a C1 control", "alice\u0085", "control"],
    ["a right-to-left override", "\u202eecila", "bidi"],
    ["a zero-width joiner", "al\u200dice", "zero-width"],
    ["a line separator", "alice\u2028", "control"],
    ["an unpaired surrogate", "alice\ud800", "surrogate"],
  ])("%s is refused with UNAUTHENTICATED naming `sub`", async (_label, value, words) => {
    const refused = await subRefusal(value);
    expect([refused.code, refused.claim]).toEqual(["UNAUTHENTICATED", "sub"]);
    expect(refused.message).toContain(words);
  });

  it.each([
    ["an Auth0 subject", "auth0|5f7c8ec7c33c6c004bbafe82"],
    ["a UUID", "0b9d2c1e-63f8-4b6c-9e0a-2a3f1c0d9b7e"],
    ["letters beyond ASCII with a space", "Åsa Mäkinen"],
    ["an emoji (a surrogate pair)", "editor 🙂"],
    ["255 characters", "a".repeat(255)],
  ])("%s is accepted as it is", async (_label, sub) => {
    expect((await createTokenVerifier(settings()).verify(await sign({ sub }))).sub).toBe(sub);
  });

  it("a claim jose refuses is named too", async () => {
    const token = await sign({ exp: now() - 120 });
    await expect(createTokenVerifier(settings()).verify(token)).rejects.toMatchObject({
      extensions: { code: "UNAUTHENTICATED", claim: "exp" },
    });
  });
});

describe("roles", () => {
  it.each<[string, Record<string, string>, Record<string, unknown>, string[]]>([
    ["the `roles` claim by default", {}, { roles: ["staff"] }, ["staff"]],
    ["no roles claim: no roles", {}, { roles: undefined }, []],
    [
      "a namespaced claim (Auth0), taken whole",
      { JWT_ROLES_CLAIM: "https://kg.example.org/roles" },
      { "https://kg.example.org/roles": ["admin"], roles: ["editor"] },
      ["admin"],
    ],
    [
      "a dotted path (Keycloak client roles)",
      { JWT_ROLES_CLAIM: "resource_access.kg-api.roles" },
      { resource_access: { "kg-api": { roles: ["editor"] }, other: { roles: ["admin"] } } },
      ["editor"],
    ],
    [
      "a claim named with dots wins over the path it looks like",
      { JWT_ROLES_CLAIM: "realm_access.roles" },
      { "realm_access.roles": ["staff"], realm_access: { roles: ["admin"] } },
      ["staff"],
    ],
    [
      "repeats and unknown roles are kept as sent",
      {},
      { roles: ["editor", "editor", "superuser"] },
      ["editor", "editor", "superuser"],
    ],
  ])("%s", async (_label, env, claims, roles) => {
    const verified = await createTokenVerifier(settings(env)).verify(await sign({ claims }));
    expect(verified.roles).toEqual(roles);
  });

  it.each([
    ["a string", "editor"],
    ["a list with a number", ["editor", 1]],
    ["null", null],
    ["an object", { editor: true }],
  ])("a roles claim that is %s is refused", async (_label, value) => {
    const { code, message } = await refusal(await sign({ claims: { roles: value } }));
    expect(code).toBe("UNAUTHENTICATED");
    expect(message).toContain("`roles`");
  });

  it("an unknown role, or a known one in another case, grants nothing", () => {
    const claims = { sub: "alice", roles: ["superuser", "EDITOR", "Staff"] };
    expect(Object.values(Role).map((role) => hasRole(claims, role))).toEqual([false, false, false]);
    expect(hasRole(undefined, Role.Editor)).toBe(false);
    expect(hasRole({ sub: "bob", roles: ["admin"] }, Role.Admin)).toBe(true);
  });
});

describe("the Authorization header", () => {
  it.each([
    [undefined, undefined],
    ["Bearer abc.def.ghi", "abc.def.ghi"],
    ["bearer abc", "abc"],
    ["BEARER   abc  ", "abc"],
  ])("%j → %j", (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each(["Basic YWxpY2U6c2VjcmV0", "Bearer", "Bearer ", "Bearer a b", "abc.def.ghi", ""])(
    "%j is refused with UNAUTHENTICATED",
    (header) => {
      expect(() => bearerToken(header)).toThrow(
        expect.objectContaining({ extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } }),
      );
    },
  );
});

describe("tokens minted by `npm run token`", () => {
  it("are HS256 JWTs the server accepts, with issuer and audience when set", async () => {
    const token = await mintToken(SECRET, {
      sub: "alice",
      roles: ["editor", "staff"],
      issuer: "https://issuer.example.org",
      audience: "kg-api",
    });
    expect(decodeProtectedHeader(token)).toEqual({ alg: "HS256", typ: "JWT" });
    const claims = await createTokenVerifier(
      settings({ JWT_ISSUER: "https://issuer.example.org", JWT_AUDIENCE: "kg-api" }),
    ).verify(token);
    expect(claims).toMatchObject({
      sub: "alice",
      roles: ["editor", "staff"],
      iss: "https://issuer.example.org",
      aud: "kg-api",
    });
  });

  it("expire in 8 hours unless told otherwise; a number is the expiry itself", async () => {
    const eightHours = decodeJwt(await mintToken(SECRET, { sub: "alice", roles: [] }));
    expect(eightHours.exp! - eightHours.iat!).toBe(8 * 3600);
    const fixed = now() + 600;
    expect(decodeJwt(await mintToken(SECRET, { sub: "alice", roles: [], expiresIn: fixed })).exp).toBe(fixed);
    const thirty = decodeJwt(await mintToken(SECRET, { sub: "alice", roles: [], expiresIn: "30m" }));
    expect(thirty.exp! - thirty.iat!).toBe(1800);
  });

  it("without issuer or audience carry neither", async () => {
    const claims = decodeJwt(await mintToken(SECRET, { sub: "alice", roles: ["editor"] }));
    expect(Object.keys(claims).sort()).toEqual(["exp", "iat", "roles", "sub"]);
  });
});

/** A small OpenID provider: a discovery document and a key set, each answering as the test sets. */
interface Provider {
  server: Server;
  issuer: string;
  requests: { path: string; accept: string | undefined }[];
  discovery: (res: ServerResponse) => void;
  jwks: (res: ServerResponse) => void;
}

const json = (res: ServerResponse, body: unknown, status = 200) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

let provider: Provider;
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
let publicJwk: Record<string, unknown>;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  const requests: Provider["requests"] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push({ path: req.url ?? "", accept: req.headers.accept });
    if (req.url?.endsWith("/.well-known/openid-configuration")) provider.discovery(res);
    else if (req.url === "/keys") provider.jwks(res);
    else json(res, { error: "not found" }, 404);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = {
    server,
    issuer,
    requests,
    discovery: (res) => json(res, { issuer, jwks_uri: `${issuer}/keys` }),
    jwks: (res) => json(res, { keys: [publicJwk] }),
  };
});

afterAll(async () => {
  await new Promise<void>((resolve) => provider.server.close(() => resolve()));
});

describe("keys from a provider's discovery document", () => {
  const reset = () => {
    provider.requests.length = 0;
    provider.discovery = (res) => json(res, { issuer: provider.issuer, jwks_uri: `${provider.issuer}/keys` });
    provider.jwks = (res) => json(res, { keys: [publicJwk] });
  };
  const oidcAuth = () =>
    loadConfig({ OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: "kg-explorer", JWT_AUDIENCE: "kg-api" }).auth;
  const providerToken = (overrides: { kid?: string; aud?: string; iss?: string; roles?: unknown } = {}) =>
    new SignJWT({ roles: overrides.roles ?? ["editor"] })
      .setProtectedHeader({ alg: "RS256", kid: overrides.kid ?? "k1" })
      .setSubject("alice")
      .setIssuer(overrides.iss ?? provider.issuer)
      .setAudience(overrides.aud ?? "kg-api")
      .setExpirationTime("1h")
      .sign(privateKey);

  it("verifies the provider's tokens, asking for the document once and for JSON", async () => {
    reset();
    const verifier = createTokenVerifier(oidcAuth());
    expect(await verifier.verify(await providerToken())).toMatchObject({ sub: "alice", roles: ["editor"] });
    expect(await verifier.verify(await providerToken({ roles: ["staff"] }))).toMatchObject({ roles: ["staff"] });
    const discoveries = provider.requests.filter((request) => request.path.endsWith("openid-configuration"));
    expect(discoveries).toEqual([{ path: "/.well-known/openid-configuration", accept: "application/json" }]);
  });

  it("an issuer written with a trailing slash is looked up once, below it", async () => {
    reset();
    provider.discovery = (res) => json(res, { issuer: `${provider.issuer}/`, jwks_uri: `${provider.issuer}/keys` });
    expect((await discoverJwksUri(`${provider.issuer}/`)).href).toBe(`${provider.issuer}/keys`);
    expect(provider.requests.map((request) => request.path)).toEqual(["/.well-known/openid-configuration"]);
  });

  it.each<[string, (issuer: string) => unknown, number, string]>([
    [
      "a document naming another issuer",
      () => ({ issuer: "https://evil.example.org", jwks_uri: "x" }),
      200,
      "another issuer",
    ],
    ["a document with no jwks_uri", (issuer) => ({ issuer }), 200, "no jwks_uri"],
    ["a jwks_uri that is not text", (issuer) => ({ issuer, jwks_uri: ["a"] }), 200, "no jwks_uri"],
    ["a 404", () => ({}), 404, "404"],
  ])("refuses %s", async (_label, document, status, words) => {
    reset();
    provider.discovery = (res) => json(res, document(provider.issuer), status);
    await expect(discoverJwksUri(provider.issuer)).rejects.toThrow(words);
  });

  it.each<[string, () => Promise<string>, string]>([
    ["a key id the key set lacks", () => providerToken({ kid: "k2" }), "No key"],
    ["another audience (an ID token, or another application's)", () => providerToken({ aud: "kg-explorer" }), "`aud`"],
    ["another issuer", () => providerToken({ iss: "https://evil.example.org" }), "`iss`"],
    ["an HS256 token (RS256 and ES256 only)", () => sign({ iss: provider.issuer, aud: "kg-api" }), "algorithm"],
  ])("refuses %s with UNAUTHENTICATED", async (_label, token, words) => {
    reset();
    const { code, message } = await refusal(await token(), oidcAuth());
    expect(code).toBe("UNAUTHENTICATED");
    expect(message).toContain(words);
  });

  it.each<[string, Partial<Pick<Provider, "discovery" | "jwks">>]>([
    ["the discovery document answers 503", { discovery: (res) => json(res, {}, 503) }],
    [
      "the discovery document is not JSON",
      {
        discovery: (res) => {
          res.writeHead(200, { "content-type": "text/html" });
          res.end("<html>maintenance</html>");
        },
      },
    ],
    ["the key set answers 503", { jwks: (res) => json(res, { error: "down" }, 503) }],
    [
      "the key set is not JSON (a proxy's error page)",
      {
        jwks: (res) => {
          res.writeHead(200, { "content-type": "text/html" });
          res.end("<html>502 Bad Gateway</html>");
        },
      },
    ],
  ])("the provider is out — %s: 503 SERVICE_UNAVAILABLE, not 401", async (_label, answers) => {
    reset();
    Object.assign(provider, answers);
    const { code } = await refusal(await providerToken(), oidcAuth());
    expect(code).toBe("SERVICE_UNAVAILABLE");
  });
});

describe("keys from JWT_JWKS_URL", () => {
  const jwksAuth = () => loadConfig({ JWT_JWKS_URL: `${provider.issuer}/keys` }).auth;
  const token = () =>
    new SignJWT({ roles: ["editor"] })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setSubject("alice")
      .setExpirationTime("1h")
      .sign(privateKey);

  it("verifies tokens signed with a key of the set, without any discovery", async () => {
    provider.requests.length = 0;
    provider.jwks = (res) => json(res, { keys: [publicJwk] });
    expect(await createTokenVerifier(jwksAuth()).verify(await token())).toMatchObject({ sub: "alice" });
    expect(provider.requests.map((request) => request.path)).toEqual(["/keys"]);
  });

  it("a key set that answers 503 is the provider's outage: 503 SERVICE_UNAVAILABLE, not 401", async () => {
    provider.jwks = (res) => json(res, { error: "down" }, 503);
    expect((await refusal(await token(), jwksAuth())).code).toBe("SERVICE_UNAVAILABLE");
  });
});
