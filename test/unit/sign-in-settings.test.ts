/**
 * Sign-in settings and token claims without a provider: OIDC_* and JWT_ROLES_CLAIM as configuration (with
 * the combinations refused at start-up), where the roles are read from, and what happens when the provider's
 * discovery document cannot be had (503, not "invalid token").
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { claimAt, createTokenVerifier } from "../../src/auth/token-verifier.js";
import { discoverJwksUri, discoveredKeySet } from "../../src/auth/oidc-discovery.js";
import { loadConfig } from "../../src/config/index.js";
import { StartupError } from "../../src/errors/index.js";

const OIDC = { OIDC_ISSUER: "https://login.example.org/realms/city", OIDC_CLIENT_ID: "kg-explorer" };

function startupError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(StartupError);
    return (error as StartupError).message;
  }
  throw new Error("expected a start-up error");
}

describe("sign-in configuration", () => {
  it("OIDC_ISSUER turns on sign-in; the API then verifies that issuer's tokens through its discovery document", () => {
    const config = loadConfig({ ...OIDC, JWT_AUDIENCE: "kg-api" });
    expect(config.oidc).toEqual({ ...{ issuer: OIDC.OIDC_ISSUER, clientId: "kg-explorer" }, scopes: "openid profile" });
    expect(config.auth).toMatchObject({
      secret: undefined,
      jwksUrl: undefined,
      discoveryIssuer: OIDC.OIDC_ISSUER,
      issuer: OIDC.OIDC_ISSUER,
      audience: "kg-api",
      rolesClaim: "roles",
      algorithms: ["RS256", "ES256"],
    });
    expect(loadConfig({}).oidc).toBeUndefined();
  });

  it("JWT_JWKS_URL, when given, is used instead of discovery; scopes and the roles claim are settings", () => {
    const config = loadConfig({
      ...OIDC,
      JWT_AUDIENCE: "kg-api",
      JWT_JWKS_URL: "https://login.example.org/keys",
      OIDC_SCOPES: "openid profile api://kg/edit",
      JWT_ROLES_CLAIM: "realm_access.roles",
    });
    expect(config.auth).toMatchObject({ jwksUrl: "https://login.example.org/keys", discoveryIssuer: undefined });
    expect(config.auth.rolesClaim).toBe("realm_access.roles");
    expect(config.oidc?.scopes).toBe("openid profile api://kg/edit");
  });

  it("refuses sign-in settings that would accept the wrong tokens or cannot work", () => {
    expect(startupError({ OIDC_ISSUER: OIDC.OIDC_ISSUER, JWT_AUDIENCE: "a" })).toContain("OIDC_CLIENT_ID");
    expect(startupError({ ...OIDC })).toContain("JWT_AUDIENCE");
    expect(startupError({ ...OIDC, JWT_AUDIENCE: "a", JWT_SECRET: "x".repeat(32) })).toContain("JWT_SECRET");
    expect(startupError({ ...OIDC, JWT_AUDIENCE: "a", JWT_ISSUER: "https://other.example.org" })).toContain(
      "JWT_ISSUER",
    );
    expect(startupError({ ...OIDC, OIDC_ISSUER: "ftp://login.example.org", JWT_AUDIENCE: "a" })).toContain(
      "OIDC_ISSUER",
    );
    expect(startupError({ ...OIDC, JWT_AUDIENCE: "a", OIDC_SCOPES: 'openid "x"' })).toContain("OIDC_SCOPES");
    expect(startupError({ JWT_ROLES_CLAIM: "roles; drop" })).toContain("JWT_ROLES_CLAIM");
  });
});

describe("the roles claim", () => {
  const payload = {
    roles: ["editor"],
    realm_access: { roles: ["staff"] },
    "https://kg.example.org/roles": ["admin"],
    resource_access: { "kg-api": { roles: ["editor", "admin"] } },
  };

  it("is a claim name, a namespaced claim taken whole, or a dotted path into nested claims", () => {
    expect(claimAt(payload, "roles")).toEqual(["editor"]);
    expect(claimAt(payload, "https://kg.example.org/roles")).toEqual(["admin"]);
    expect(claimAt(payload, "realm_access.roles")).toEqual(["staff"]);
    expect(claimAt(payload, "resource_access.kg-api.roles")).toEqual(["editor", "admin"]);
    expect(claimAt(payload, "realm_access.missing.roles")).toBeUndefined();
    expect(claimAt(payload, "roles.length")).toBeUndefined();
    expect(claimAt(payload, "realm_access.__proto__")).toBeUndefined();
  });

  it("is read from where JWT_ROLES_CLAIM says; anything but a list of strings is refused", async () => {
    const secret = "s".repeat(32);
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256" })
        .setSubject("alice")
        .setExpirationTime("1h")
        .sign(new TextEncoder().encode(secret));
    const verifier = createTokenVerifier(
      loadConfig({ JWT_SECRET: secret, JWT_ROLES_CLAIM: "realm_access.roles" }).auth,
    );
    expect((await verifier.verify(await sign(payload))).roles).toEqual(["staff"]);
    expect((await verifier.verify(await sign({ roles: ["editor"] }))).roles).toEqual([]);
    await expect(verifier.verify(await sign({ realm_access: { roles: "editor" } }))).rejects.toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
    });
  });
});

describe("keys from the discovery document", () => {
  const issuer = "https://login.example.org/realms/city";
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

  it("takes jwks_uri from a document that names the same issuer, and nothing else", async () => {
    const good: typeof fetch = async () => json({ issuer, jwks_uri: `${issuer}/certs` });
    expect((await discoverJwksUri(issuer, good)).href).toBe(`${issuer}/certs`);
    const impostor: typeof fetch = async () => json({ issuer: "https://evil.example.org", jwks_uri: "https://evil" });
    await expect(discoverJwksUri(issuer, impostor)).rejects.toThrow("another issuer");
    await expect(discoverJwksUri(issuer, async () => json({}, 500))).rejects.toThrow("500");
  });

  it("a provider that cannot be reached makes token checks answer 503 (not 401), and is tried again later", async () => {
    // A loopback port nobody listens on: connection refused at once.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const downIssuer = `http://127.0.0.1:${port}`;
    const verifier = createTokenVerifier(
      loadConfig({ OIDC_ISSUER: downIssuer, OIDC_CLIENT_ID: "kg-explorer", JWT_AUDIENCE: "kg-api" }).auth,
    );
    const { privateKey } = await generateKeyPair("RS256");
    const token = await new SignJWT({ roles: ["editor"] })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setSubject("alice")
      .setIssuer(downIssuer)
      .setAudience("kg-api")
      .setExpirationTime("1h")
      .sign(privateKey);
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(verifier.verify(token)).rejects.toMatchObject({ extensions: { code: "SERVICE_UNAVAILABLE" } });
    }
    // A token that is not a JWT at all is still the client's fault.
    await expect(verifier.verify("not-a-token")).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });

  it("after a failed discovery, requests fail at once for a few seconds instead of fetching again", async () => {
    let calls = 0;
    const down: typeof fetch = async () => {
      calls++;
      throw new TypeError("fetch failed");
    };
    const keys = discoveredKeySet(issuer, down);
    const token = { payload: "", signature: "" } as never;
    await expect(keys({ alg: "RS256" }, token)).rejects.toThrow("fetch failed");
    await expect(keys({ alg: "RS256" }, token)).rejects.toThrow("moments ago");
    expect(calls).toBe(1);
  });
});
