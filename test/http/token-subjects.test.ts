/**
 * A token's `sub` becomes the actor of every write and is shown in the public history (issue 19, finding 2):
 * a `sub` that is not a non-empty string (`42`, `["x"]`, `true`, `""`, an object) was accepted, recorded, and
 * from then on made `changes { actor }` fail for everyone. Over HTTP with real signed tokens: each odd `sub`
 * is refused with 401 UNAUTHENTICATED naming the claim, writes nothing, and the public history still answers
 * after each; ordinary subjects of real providers pass and are recorded as they are. An actor already in the
 * history that is not text (written here straight into the test database, as an older version recorded it)
 * is shown as its JSON text by `changes`, `deletedRecords` and `recordAsOf`.
 */
import { SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import type { RunningApi } from "../../src/start.js";
import { TEST_JWT_SECRET } from "../support/test-api.js";
import { connectTestDatabase, removeTestData, runCypher } from "../support/test-database.js";
import { post, startTestServer } from "../support/test-server.js";
import { PAGE_SOURCE } from "../support/curated.js";

let api: RunningApi;
let db: Database;

beforeAll(async () => {
  api = await startTestServer();
  db = connectTestDatabase();
});
afterEach(async () => {
  await removeTestData(db);
});
afterAll(async () => {
  await api.stop();
  await db.close();
});

/** A token signed with the test server's secret whose `sub` is whatever is given (jose's setSubject takes strings only). */
function tokenWithSub(sub: unknown, roles: string[] = ["editor"]): Promise<string> {
  const claims: Record<string, unknown> = { roles, ...(sub === undefined ? {} : { sub }) };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

const writeCity = (id: string, token: string, requestId: string) =>
  post(
    api.url,
    {
      query: `mutation($e: [EntityInput!]) { upsertRecords(entities: $e) { writeId } }`,
      variables: { e: [{ kind: "City", id, name: `City ${id}`, sources: [PAGE_SOURCE] }] },
    },
    { authorization: `Bearer ${token}`, "x-request-id": requestId },
  );

/** The public history as anyone reads it: it must answer, whatever tokens came before. */
async function expectPublicHistoryAnswers(): Promise<{ actor: string; itemId: string }[]> {
  const history = await post(api.url, { query: "{ changes(limit: 1000) { actor itemId } }" });
  expect(history.status, JSON.stringify(history.body)).toBe(200);
  expect(history.body.errors).toBeUndefined();
  return history.body.data.changes;
}

describe("a token whose `sub` is not a non-empty string of visible text is refused with 401", () => {
  it.each<[string, unknown]>([
    ["a number (42)", 42],
    ['a list (["x"])', ["x"]],
    ["a boolean (true)", true],
    ["an empty string", ""],
    ["an object (regression: the write answered 500)", { id: "alice" }],
    ["null", null],
    ["blank", "   "],
    ["longer than 255 characters", "a".repeat(256)],
    ["with a NUL", "alice\u0000"],
    ["with a line break", "alice\nbob"],
    ["with an escape sequence", "\u001b[31malice"],
    ["with a right-to-left override", "\u202eecila"],
    ["only a zero-width space", "\u200b"],
    ["with an unpaired surrogate", "alice\ud800"],
  ])("%s", async (label, sub) => {
    const id = `test-sub-${label.replace(/[^a-z]+/g, "-").replace(/-+$/, "")}`;
    const requestId = `test-sub-${Math.abs(hashCode(label))}`;
    const write = await writeCity(id, await tokenWithSub(sub), requestId);
    expect(write.status).toBe(401);
    expect(write.contentType).toMatch(/^application\/json/);
    expect(write.body.errors[0].extensions).toEqual({ code: "UNAUTHENTICATED", claim: "sub", requestId });
    expect(write.body.errors[0].message).toMatch(/`sub`/);
    expect(JSON.stringify(write.body)).not.toMatch(/\bat [\w.<>]+ \(|stacktrace/);
    // Refused for a read too: a bad token is never taken as anonymous.
    const viewer = await post(
      api.url,
      { query: "{ viewer { sub } }" },
      { authorization: `Bearer ${await tokenWithSub(sub)}` },
    );
    expect([viewer.status, viewer.body.errors?.[0]?.extensions?.code]).toEqual([401, "UNAUTHENTICATED"]);
    // Nothing written, and the public history still answers.
    const changes = await expectPublicHistoryAnswers();
    expect(changes.filter((change) => change.itemId === id)).toEqual([]);
  });

  it("without a `sub` at all", async () => {
    const write = await writeCity("test-sub-none", await tokenWithSub(undefined), "test-sub-none");
    expect(write.status).toBe(401);
    expect(write.body.errors[0].extensions).toMatchObject({ code: "UNAUTHENTICATED", claim: "sub" });
  });
});

describe("ordinary subjects of real providers are accepted and recorded as they are", () => {
  it.each([
    ["an Auth0 subject", "auth0|5f7c8ec7c33c6c004bbafe82"],
    ["a Keycloak UUID", "0b9d2c1e-63f8-4b6c-9e0a-2a3f1c0d9b7e"],
    ["letters beyond ASCII and a space", "Åsa Mäkinen"],
    ["an emoji", "editor 🙂"],
    ["exactly 255 characters", "a".repeat(255)],
  ])("%s", async (label, sub) => {
    const id = `test-sub-ok-${label
      .replace(/[^a-z0-9]+/gi, "-")
      .toLowerCase()
      .replace(/-+$/, "")}`;
    const token = await tokenWithSub(sub);
    const write = await writeCity(id, token, "test-sub-ok");
    expect([write.status, write.body.errors]).toEqual([200, undefined]);
    const viewer = await post(api.url, { query: "{ viewer { sub } }" }, { authorization: `Bearer ${token}` });
    expect(viewer.body.data.viewer.sub).toBe(sub);
    const changes = await expectPublicHistoryAnswers();
    expect(changes.filter((change) => change.itemId === id).map((change) => change.actor)).toEqual([sub]);
  });
});

describe("an actor already in the history that is not text is shown as its JSON text", () => {
  it.each<[string, unknown, string]>([
    ["a number", 42, "42"],
    ["a float", 4.5, "4.5"],
    ["a boolean", true, "true"],
    ["a list of strings", ["x"], '["x"]'],
    ["a list of numbers", [1, 2], "[1,2]"],
    ["no actor at all", undefined, "unknown"],
  ])("%s → %s, in changes, deletedRecords and recordAsOf", async (label, actor, shown) => {
    const itemId = `test-bad-actor-${label.replace(/[^a-z]+/g, "-")}`;
    const row: Record<string, unknown> = {
      id: `${itemId}-change`,
      writeId: `${itemId}-write`,
      origin: "graphql:test",
      operation: "delete",
      itemType: "entity",
      itemId,
      itemKind: "City",
      fields: ["name"],
      before: JSON.stringify({ kind: "City", id: itemId, name: "Gone" }),
      ...(actor === undefined ? {} : { actor }),
    };
    await runCypher(db, "CREATE (c:Change) SET c = $row, c.at = datetime()", { row });

    const answer = await post(api.url, {
      query: `query($id: ID!, $day: String!) {
        changes(entityId: $id) { actor itemId }
        deletedRecords(entityId: $id) { actor }
        recordAsOf(id: $id, date: $day) { existed change { actor } }
      }`,
      variables: { id: itemId, day: new Date().toISOString().slice(0, 10) },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.changes).toEqual([{ actor: shown, itemId }]);
    expect(answer.body.data.deletedRecords).toEqual([{ actor: shown }]);
    // The deleting change is the record's last: it did not exist at the end of today, and no change gave it a state.
    expect(answer.body.data.recordAsOf).toEqual({ existed: false, change: { actor: shown } });
    // The whole history, which everyone reads, answers with it in it.
    const changes = await expectPublicHistoryAnswers();
    expect(changes.find((change) => change.itemId === itemId)?.actor).toBe(shown);
  });
});

function hashCode(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.codePointAt(0)!) | 0;
  return hash;
}
