/**
 * Who may do what: reads are public; every write needs a verified token with role `editor` (what a write may
 * contain is the write path's business: see write-api.test.ts); personal contact details need role `staff`,
 * however they are reached.
 */
import { SignJWT, UnsecuredJWT, generateKeyPair } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { dumpGraph } from "../support/test-database.js";
import { TEST_JWT_SECRET, createTestApi, errorCodes, testToken } from "../support/test-api.js";
import { PAGE_SOURCE } from "../support/curated.js";
import { useTestGraph } from "../support/test-graph.js";

let editor: string;
let staff: string;
let reader: string;

const { db, api } = useTestGraph({ removeTestDataAfterEach: true });
beforeAll(async () => {
  editor = await testToken(["editor"], "test-editor");
  staff = await testToken(["staff"], "test-staff");
  reader = await testToken([], "test-reader");
});

/** One write of each kind: every one needs the editor role. */
const WRITES: [string, Record<string, unknown>][] = [
  [
    `mutation($e: [EntityInput!]) { upsertRecords(entities: $e) { writeId } }`,
    { e: [{ kind: "City", id: "test-city", name: "Test", sources: [PAGE_SOURCE] }] },
  ],
  [
    `mutation { endRelationship(id: "helsinki--PARTNER_OF--tallinn", date: "2030", citation: { source: "${PAGE_SOURCE}", excerpt: "x" }) { writeId } }`,
    {},
  ],
  [`mutation { deleteRecords(ids: ["helsinki"]) { writeId } }`, {}],
  [`mutation { importGraph(content: "entities: []", format: YAML) { writeId } }`, {}],
];

describe("writes need the editor role", () => {
  it.each(WRITES)("anonymous %s: UNAUTHENTICATED, nothing written", async (mutation, variables) => {
    const before = await dumpGraph(db);
    const result = await api.query(mutation, variables);
    expect(errorCodes(result)).toEqual(["UNAUTHENTICATED"]);
    expect(await dumpGraph(db)).toEqual(before);
  });

  it.each(WRITES)("a token without editor %s: FORBIDDEN, nothing written", async (mutation, variables) => {
    const before = await dumpGraph(db);
    for (const token of [reader, staff])
      expect(errorCodes(await api.query(mutation, variables, token))).toEqual(["FORBIDDEN"]);
    expect(await dumpGraph(db)).toEqual(before);
  });

  it("a server without a JWT key is read-only: FORBIDDEN for mutations, UNAUTHENTICATED for any token", async () => {
    const readOnly = await createTestApi(db, { JWT_SECRET: "" });
    try {
      for (const [mutation, variables] of WRITES) {
        expect(errorCodes(await readOnly.query(mutation, variables))).toEqual(["FORBIDDEN"]);
      }
      await expect(readOnly.query(`{ graphStats { nodes } }`, {}, editor)).rejects.toMatchObject({
        extensions: { code: "UNAUTHENTICATED" },
      });
      expect((await readOnly.query(`{ node(id: "helsinki") { name } }`)).data).toEqual({ node: { name: "Helsinki" } });
    } finally {
      await readOnly.stop();
    }
  });
});

describe("personal contact details need the staff role", () => {
  const READS = [
    `{ people { email } }`,
    `{ people { name phone } }`,
    `{ peopleConnection { edges { node { email } } } }`,
    `{ organizations(where: { id: { eq: "helsinki-international-affairs-unit" } }) { headedBy { email } } }`,
    `{ organizations { headedByConnection { edges { node { phone } } } } }`,
    `{ entities(where: { id: { eq: "jani-moliis" } }) { ... on Person { email } } }`,
    `query { people { ...Contact } } fragment Contact on Person { email }`,
  ];

  it.each(READS)("anonymous %s: UNAUTHENTICATED", async (query) => {
    const result = await api.query(query);
    expect(errorCodes(result)).toEqual(["UNAUTHENTICATED"]);
    expect(JSON.stringify(result)).not.toContain("hel.fi");
  });

  it.each(READS)("editor without staff %s: FORBIDDEN", async (query) => {
    const result = await api.query(query, {}, editor);
    expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
    expect(JSON.stringify(result)).not.toContain("hel.fi");
  });

  it("staff read them", async () => {
    const result = await api.query(`{ people { name email phone } }`, {}, staff);
    expect(result.data).toEqual({
      people: [{ name: "Jani Moliis", email: "jani.moliis@hel.fi", phone: "+358 9 310 22781" }],
    });
  });

  it("the insights fields never return them", async () => {
    const result = await api.query(`{ node(id: "jani-moliis") { email } }`, {}, staff);
    expect(errorCodes(result)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });
});

describe("tokens are verified", () => {
  const secret = new TextEncoder().encode(TEST_JWT_SECRET);
  const now = Math.floor(Date.now() / 1000);
  const sign = (claims: Record<string, unknown>, alg = "HS256", key: Parameters<SignJWT["sign"]>[0] = secret) =>
    new SignJWT(claims).setProtectedHeader({ alg }).sign(key);

  const BAD_TOKENS: [string, () => Promise<string>][] = [
    ["expired", () => sign({ sub: "x", roles: ["editor"], exp: now - 3600 })],
    ["without exp", () => sign({ sub: "x", roles: ["editor"] })],
    ["without sub", () => sign({ roles: ["editor"], exp: now + 3600 })],
    [
      "signed with another secret",
      () =>
        sign(
          { sub: "x", roles: ["editor"], exp: now + 3600 },
          "HS256",
          new TextEncoder().encode("another-secret-of-at-least-32-characters"),
        ),
    ],
    ["alg none", async () => new UnsecuredJWT({ sub: "x", roles: ["editor"] }).setExpirationTime("1h").encode()],
    ["HS512 when only HS256 is accepted", () => sign({ sub: "x", roles: ["editor"], exp: now + 3600 }, "HS512")],
    [
      "RS256 from a stranger",
      async () => {
        const { privateKey } = await generateKeyPair("RS256");
        return sign({ sub: "x", roles: ["editor"], exp: now + 3600 }, "RS256", privateKey);
      },
    ],
    ["roles that are not a list", () => sign({ sub: "x", roles: "editor", exp: now + 3600 })],
    ["not a JWT at all", async () => "not.a.jwt"],
    [
      "tampered payload",
      async () => {
        const [header, , signature] = (await testToken(["staff"])).split(".");
        const payload = Buffer.from(JSON.stringify({ sub: "x", roles: ["editor"], exp: now + 3600 })).toString(
          "base64url",
        );
        return `${header}.${payload}.${signature}`;
      },
    ],
  ];

  it.each(BAD_TOKENS)("a token %s is refused, even for a read", async (_label, make) => {
    await expect(api.query(`{ graphStats { nodes } }`, {}, await make())).rejects.toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
    });
  });

  it("issuer and audience are checked when configured", async () => {
    const strict = await createTestApi(db, { JWT_ISSUER: "https://id.example", JWT_AUDIENCE: "kg" });
    try {
      const wrong = await sign({ sub: "x", roles: [], exp: now + 3600, iss: "https://evil.example", aud: "kg" });
      await expect(strict.query(`{ graphStats { nodes } }`, {}, wrong)).rejects.toMatchObject({
        extensions: { code: "UNAUTHENTICATED" },
      });
      const right = await sign({ sub: "x", roles: [], exp: now + 3600, iss: "https://id.example", aud: "kg" });
      expect((await strict.query(`{ node(id: "helsinki") { id } }`, {}, right)).data).toEqual({
        node: { id: "helsinki" },
      });
    } finally {
      await strict.stop();
    }
  });
});
