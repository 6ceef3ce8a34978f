/**
 * Sign-in with a real OpenID provider (the development `oidc-provider`, started here on a free port), over
 * HTTP as the explorer uses it: the API configured with OIDC_ISSUER finds the provider's keys through its
 * discovery document and accepts its access tokens with the roles they carry; it refuses the ID token (another
 * audience), a token whose claims were altered, and a token from another provider. The explorer learns only
 * public values from /explorer/config.json, and its CSP lets it reach that provider and nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDevProvider, DEV_USERS, startDevProvider } from "../../dev/oidc/dev-provider.js";
import type { RunningApi } from "../../src/start.js";
import { signInOverHttp } from "../support/oidc-sign-in.js";
import { post, startTestServer } from "../support/test-server.js";

let provider: RunningDevProvider;
let otherProvider: RunningDevProvider;
let api: RunningApi;

const user = (username: string) => DEV_USERS.find((candidate) => candidate.username === username)!;

function signIn(username: string, at: RunningDevProvider = provider) {
  return signInOverHttp({
    issuer: at.issuer,
    clientId: at.clientId,
    redirectUri: `${api.url}/explorer`,
    username,
    password: user(username).password,
  });
}

beforeAll(async () => {
  provider = await startDevProvider();
  otherProvider = await startDevProvider();
  // JWT_SECRET "" drops the test secret: with OIDC_ISSUER the API accepts only the provider's tokens.
  api = await startTestServer({ JWT_SECRET: "", ...provider.env });
});
afterAll(async () => {
  await api?.stop();
  await provider?.stop();
  await otherProvider?.stop();
});

const VIEWER = "{ viewer { sub roles } }";
const DRY_RUN_SOURCE = `mutation { upsertRecords(sources: [{ id: "test-oidc-source", title: "A report" }], dryRun: true) {
  dryRun sources { new } } }`;

describe("tokens from the OpenID provider", () => {
  it("an editor's access token is accepted with the editor role, and may write", async () => {
    const { accessToken } = await signIn("editor");
    const auth = { authorization: `Bearer ${accessToken}` };
    expect((await post(api.url, { query: VIEWER }, auth)).body).toEqual({
      data: { viewer: { sub: "dev-editor", roles: ["editor"] } },
    });
    const write = await post(api.url, { query: DRY_RUN_SOURCE }, auth);
    expect(write.status).toBe(200);
    expect(write.body).toEqual({ data: { upsertRecords: { dryRun: true, sources: { new: 1 } } } });
    // Without the staff role, contact details stay closed.
    const people = await post(api.url, { query: "{ people { email } }" }, auth);
    expect(people.body.errors.map((error: any) => error.extensions.code)).toEqual(["FORBIDDEN"]);
  });

  it("a staff member's token carries both roles and opens contact details", async () => {
    const { accessToken } = await signIn("staff");
    const auth = { authorization: `Bearer ${accessToken}` };
    expect((await post(api.url, { query: VIEWER }, auth)).body).toEqual({
      data: { viewer: { sub: "dev-staff", roles: ["editor", "staff"] } },
    });
    const people = await post(api.url, { query: "{ people(limit: 1) { name email } }" }, auth);
    expect(people.status).toBe(200);
    expect(people.body.errors).toBeUndefined();
  });

  it("without a token everything stays readable, and writing needs one", async () => {
    expect((await post(api.url, { query: VIEWER })).body).toEqual({ data: { viewer: null } });
    const read = await post(api.url, { query: '{ node(id: "helsinki") { name } }' });
    expect(read.body).toEqual({ data: { node: { name: "Helsinki" } } });
    const write = await post(api.url, { query: DRY_RUN_SOURCE });
    expect(write.status).toBe(401);
    expect(write.body.errors.map((error: any) => error.extensions.code)).toEqual(["UNAUTHENTICATED"]);
  });

  it("refuses the ID token, an altered token and another provider's token with 401", async () => {
    const { accessToken, idToken } = await signIn("editor");
    const [header, payload, signature] = accessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const altered = [
      header,
      Buffer.from(JSON.stringify({ ...claims, roles: ["editor", "admin", "staff"] })).toString("base64url"),
      signature,
    ].join(".");
    const foreign = (await signIn("editor", otherProvider)).accessToken;
    for (const token of [idToken, altered, foreign]) {
      const result = await post(api.url, { query: VIEWER }, { authorization: `Bearer ${token}` });
      expect(result.status).toBe(401);
      expect(result.body.errors.map((error: any) => error.extensions.code)).toEqual(["UNAUTHENTICATED"]);
    }
  });
});

describe("the explorer's sign-in settings", () => {
  it("config.json names the provider, the public client and the scopes, and nothing else", async () => {
    const response = await fetch(`${api.url}/explorer/config.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      signIn: { issuer: provider.issuer, clientId: "kg-explorer", scopes: "openid profile" },
    });
  });

  it("the explorer's CSP lets it reach that provider's origin only; GraphiQL's reaches none", async () => {
    const connectSrc = async (page: string) => {
      const csp = (await fetch(`${api.url}/${page}`)).headers.get("content-security-policy") ?? "";
      return /connect-src ([^;]*)/.exec(csp)?.[1];
    };
    expect(await connectSrc("explorer")).toBe(`'self' ${provider.issuer}`);
    expect(await connectSrc("graphiql")).toBe("'self'");
  });
});
