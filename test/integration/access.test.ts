/**
 * Who may do what: reads are public; writes need a verified token with role `editor`, cite existing sources
 * and record who made them; personal contact details need role `staff`, however they are reached.
 */
import { SignJWT, UnsecuredJWT, generateKeyPair } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import { connectTestDatabase, countGraph, removeTestData, runCypher } from "../support/test-database.js";
import { TEST_JWT_SECRET, type TestApi, createTestApi, errorCodes, testToken } from "../support/test-api.js";

let db: Database;
let api: TestApi;
let editor: string;
let staff: string;
let reader: string;

beforeAll(async () => {
  db = connectTestDatabase();
  api = await createTestApi(db);
  editor = await testToken(["editor"], "test-editor");
  staff = await testToken(["staff"], "test-staff");
  reader = await testToken([], "test-reader");
});
afterEach(async () => {
  await removeTestData(db);
});
afterAll(async () => {
  await api.stop();
  await db.close();
});

const CREATE_CITY = `
  mutation($input: [CityCreateInput!]!) { createCities(input: $input) { cities { id name createdBy createdAt } } }`;

function cityInput(id: string, extra: Record<string, unknown> = {}) {
  return { id, name: `Test ${id}`, aliases: [], sourceIds: ["hel-fi-international-activities-2020"], ...extra };
}

const PARTNERSHIP = {
  connect: [
    {
      where: { node: { id: { eq: "helsinki" } } },
      edge: {
        kind: "bilateral",
        status: "active",
        validFrom: "2021-03",
        sourceIds: ["hel-fi-international-activities-2020"],
        excerpts: ["test excerpt"],
      },
    },
  ],
};

describe("writes need the editor role", () => {
  it("anonymous: UNAUTHENTICATED, nothing written", async () => {
    const before = await countGraph(db);
    const result = await api.query(CREATE_CITY, { input: [cityInput("test-anon")] });
    expect(errorCodes(result)).toEqual(["UNAUTHENTICATED"]);
    expect(await countGraph(db)).toEqual(before);
  });

  it.each([
    ["no roles", () => reader],
    ["staff only", () => staff],
  ])("a token with %s: FORBIDDEN, nothing written", async (_label, token) => {
    const before = await countGraph(db);
    const result = await api.query(CREATE_CITY, { input: [cityInput("test-forbidden")] }, token());
    expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
    expect(await countGraph(db)).toEqual(before);
  });

  it("a server without a JWT key is read-only: FORBIDDEN for mutations, UNAUTHENTICATED for any token", async () => {
    const readOnly = await createTestApi(db, { JWT_SECRET: "" });
    try {
      expect(errorCodes(await readOnly.query(CREATE_CITY, { input: [cityInput("test-ro")] }))).toEqual(["FORBIDDEN"]);
      await expect(readOnly.query(`{ graphStats { nodes } }`, {}, editor)).rejects.toMatchObject({
        extensions: { code: "UNAUTHENTICATED" },
      });
      expect((await readOnly.query(`{ node(id: "helsinki") { name } }`)).data).toEqual({ node: { name: "Helsinki" } });
    } finally {
      await readOnly.stop();
    }
  });
});

describe("an editor's writes", () => {
  it("create an entity and a cited relationship, recording who and when", async () => {
    const result = await api.query(
      CREATE_CITY,
      { input: [cityInput("test-city", { nameFi: "Testikaupunki", partners: PARTNERSHIP })] },
      editor,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.createCities.cities[0]).toMatchObject({
      id: "test-city",
      createdBy: "test-editor",
      createdAt: expect.any(String),
    });
    const [edge] = await runCypher(
      db,
      "MATCH (:City {id: 'test-city'})-[r:PARTNER_OF]->(:City {id: 'helsinki'}) RETURN properties(r) AS r",
    );
    expect(edge!.r).toMatchObject({
      kind: "bilateral",
      validFrom: "2021-03",
      sourceIds: ["hel-fi-international-activities-2020"],
      excerpts: ["test excerpt"],
      createdBy: "test-editor",
      id: expect.any(String),
    });
  });

  it("update a relationship, recording who changed it", async () => {
    // Between two test cities, so the curated graph is never touched (a nested update stamps both ends).
    const partnership = { connect: [{ ...PARTNERSHIP.connect[0]!, where: { node: { id: { eq: "test-partner" } } } }] };
    await api.query(CREATE_CITY, { input: [cityInput("test-partner")] }, editor);
    await api.query(CREATE_CITY, { input: [cityInput("test-city", { partners: partnership })] }, editor);
    const other = await testToken(["editor"], "test-second-editor");
    const result = await api.query(
      `mutation { updateCities(where: { id: { eq: "test-city" } }, update: { partners: [{ update: { where: { node: { id: { eq: "test-partner" } } }, edge: { status: { set: "suspended" }, validTo: { set: "2022-03" } } } }] }) { cities { id } } }`,
      {},
      other,
    );
    expect(result.errors).toBeUndefined();
    const [edge] = await runCypher(db, "MATCH (:City {id: 'test-city'})-[r:PARTNER_OF]->() RETURN properties(r) AS r");
    expect(edge!.r).toMatchObject({
      status: "suspended",
      validTo: "2022-03",
      createdBy: "test-editor",
      updatedBy: "test-second-editor",
    });
  });

  it("delete what a where names", async () => {
    await api.query(CREATE_CITY, { input: [cityInput("test-city")] }, editor);
    const result = await api.query(
      `mutation { deleteCities(where: { id: { eq: "test-city" } }) { nodesDeleted } }`,
      {},
      editor,
    );
    expect(result.data).toEqual({ deleteCities: { nodesDeleted: 1 } });
  });
});

describe("an editor's bad input is refused before anything is written", () => {
  const CASES: [string, string, Record<string, unknown>, RegExp][] = [
    [
      "a relationship without a source",
      CREATE_CITY,
      {
        input: [
          cityInput("test-x", {
            partners: {
              connect: [{ where: { node: { id: { eq: "helsinki" } } }, edge: { sourceIds: [], excerpts: [] } }],
            },
          }),
        ],
      },
      /must cite at least one source/,
    ],
    [
      "a source that does not exist",
      CREATE_CITY,
      {
        input: [
          cityInput("test-x", {
            partners: {
              connect: [
                { where: { node: { id: { eq: "helsinki" } } }, edge: { sourceIds: ["test-nowhere"], excerpts: ["x"] } },
              ],
            },
          }),
        ],
      },
      /test-nowhere.*does not exist/,
    ],
    [
      "excerpts that do not match the sources",
      CREATE_CITY,
      {
        input: [
          cityInput("test-x", {
            partners: {
              connect: [
                {
                  where: { node: { id: { eq: "helsinki" } } },
                  edge: { sourceIds: ["hel-fi-international-activities-2020"], excerpts: [] },
                },
              ],
            },
          }),
        ],
      },
      /one excerpt per source/,
    ],
    [
      "a bad date",
      CREATE_CITY,
      {
        input: [
          cityInput("test-x", {
            partners: {
              connect: [
                {
                  where: { node: { id: { eq: "helsinki" } } },
                  edge: { ...PARTNERSHIP.connect[0]!.edge, validFrom: "2021-13" },
                },
              ],
            },
          }),
        ],
      },
      /validFrom: must be an ISO 8601 date/,
    ],
    [
      "an end before the start",
      CREATE_CITY,
      {
        input: [
          cityInput("test-x", {
            partners: {
              connect: [
                {
                  where: { node: { id: { eq: "helsinki" } } },
                  edge: { ...PARTNERSHIP.connect[0]!.edge, validTo: "2020" },
                },
              ],
            },
          }),
        ],
      },
      /validTo: must be after validFrom/,
    ],
    [
      "an unknown status",
      CREATE_CITY,
      {
        input: [
          cityInput("test-x", {
            partners: {
              connect: [
                {
                  where: { node: { id: { eq: "helsinki" } } },
                  edge: { ...PARTNERSHIP.connect[0]!.edge, status: "frozen" },
                },
              ],
            },
          }),
        ],
      },
      /status: must be one of active, suspended, ended/,
    ],
    ["an id that is not a slug", CREATE_CITY, { input: [cityInput("Test City!")] }, /id: must be a lowercase slug/],
    [
      "an entity without a source",
      CREATE_CITY,
      { input: [{ ...cityInput("test-x"), sourceIds: [] }] },
      /sourceIds: cite at least one source/,
    ],
    ["a blank name", CREATE_CITY, { input: [cityInput("test-x", { name: "  " })] }, /name: must not be blank/],
    [
      "changing an id",
      `mutation { updateCities(where: { id: { eq: "helsinki" } }, update: { id: { set: "helsingfors" } }) { cities { id } } }`,
      {},
      /ids are stable/,
    ],
    [
      "an update without where",
      `mutation { updateCities(update: { description: { set: "x" } }) { cities { id } } }`,
      {},
      /empty `where` would touch them all/,
    ],
    [
      "a delete with an empty where",
      `mutation { deleteCities(where: {}) { nodesDeleted } }`,
      {},
      /empty `where` would touch them all/,
    ],
  ];

  it.each(CASES)("%s", async (_label, mutation, variables, message) => {
    const before = await countGraph(db);
    const result = await api.query(mutation, variables, editor);
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0]!.message).toMatch(message);
    expect(result.errors![0]!.extensions!.problems).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    expect(await countGraph(db)).toEqual(before);
  });

  it("every problem is reported at once", async () => {
    const result = await api.query(
      CREATE_CITY,
      {
        input: [
          cityInput("Bad Id", {
            name: "",
            partners: {
              connect: [
                {
                  where: { node: { id: { eq: "helsinki" } } },
                  edge: { sourceIds: [], excerpts: [], validFrom: "soon" },
                },
              ],
            },
          }),
        ],
      },
      editor,
    );
    expect(result.errors![0]!.extensions!.problems).toHaveLength(4);
  });

  it("an id that already exists is BAD_USER_INPUT", async () => {
    const before = await countGraph(db);
    const result = await api.query(CREATE_CITY, { input: [cityInput("helsinki")] }, editor);
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(await countGraph(db)).toEqual(before);
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
