/**
 * The setup most database tests share, in one line: `const { db, api } = useTestGraph()` connects to the
 * test Neo4j (the curated graph, test/support/neo4j-global-setup.ts) and starts the in-process API over it
 * before the file's tests, and closes both after them. With `removeTestDataAfterEach`, what each test wrote
 * (ids starting with `test-`) is removed after it. A file's own hooks come after these: its `beforeAll` runs
 * with the API started, its `afterAll` before the connection closes.
 */
import { afterAll, afterEach, beforeAll } from "vitest";
import type { Database } from "../../src/database/index.js";
import { type TestApi, createTestApi } from "./test-api.js";
import { connectTestDatabase, removeTestData } from "./test-database.js";

export interface TestGraphOptions {
  /** Configuration of the API beyond the tests' defaults (as environment variables). */
  readonly env?: Record<string, string>;
  /** Remove every `test-` record after each test. */
  readonly removeTestDataAfterEach?: boolean;
}

export interface TestGraph {
  readonly db: Database;
  /** The API, started by the time the file's first `beforeAll` runs. */
  readonly api: TestApi;
}

export function useTestGraph(options: TestGraphOptions = {}): TestGraph {
  const db = connectTestDatabase();
  let started: TestApi | undefined;
  const running = (): TestApi => {
    if (!started) throw new Error("useTestGraph: the API is started in beforeAll, not while the file is collected");
    return started;
  };
  beforeAll(async () => {
    started = await createTestApi(db, options.env);
  });
  if (options.removeTestDataAfterEach) {
    afterEach(async () => {
      await removeTestData(db);
    });
  }
  afterAll(async () => {
    await started?.stop();
    await db.close();
  });
  return {
    db,
    api: {
      query: (query, variables, token) => running().query(query, variables, token),
      stop: () => running().stop(),
    },
  };
}
