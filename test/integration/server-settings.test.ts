/** Settings for production: introspection can be turned off, field suggestions are hidden by default. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import { connectTestDatabase } from "../support/test-database.js";
import { createTestApi, errorCodes } from "../support/test-api.js";

let db: Database;
beforeAll(() => {
  db = connectTestDatabase();
});
afterAll(async () => {
  await db.close();
});

describe("introspection", () => {
  it("is on by default and off with INTROSPECTION=false", async () => {
    const on = await createTestApi(db);
    const off = await createTestApi(db, { INTROSPECTION: "false" });
    try {
      expect((await on.query(`{ __schema { queryType { name } } }`)).data).toEqual({
        __schema: { queryType: { name: "Query" } },
      });
      expect(errorCodes(await off.query(`{ __schema { queryType { name } } }`))).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
      expect((await off.query(`{ node(id: "echa") { name } }`)).data).toEqual({
        node: { name: "European Chemicals Agency" },
      });
    } finally {
      await on.stop();
      await off.stop();
    }
  });
});

describe("field suggestions", () => {
  it("are shown in development and hidden in production (NODE_ENV=production), unless FIELD_SUGGESTIONS says otherwise", async () => {
    const development = await createTestApi(db, { NODE_ENV: "development" });
    const production = await createTestApi(db, { NODE_ENV: "production" });
    const forced = await createTestApi(db, { NODE_ENV: "production", FIELD_SUGGESTIONS: "true" });
    try {
      const query = `{ cities { nme } }`;
      expect((await development.query(query)).errors![0]!.message).toMatch(/Did you mean "name"/);
      const hidden = await production.query(query);
      expect(hidden.errors![0]!.message).toBe('Cannot query field "nme" on type "City".');
      expect((await forced.query(query)).errors![0]!.message).toMatch(/Did you mean/);
    } finally {
      await development.stop();
      await production.stop();
      await forced.stop();
    }
  });
});
