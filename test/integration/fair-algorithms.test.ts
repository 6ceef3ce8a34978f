/**
 * Issue 19, "one anonymous client can keep centrality and communities from everyone": a flood by one client
 * leaves another its answers. Each client has its own share of the algorithm gate's waiting places and its own
 * runs per window; answers already computed for the graph (asOf normalised) are served without a run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import { type TestApi, createTestApi, errorCodes, testToken } from "../support/test-api.js";
import { connectTestDatabase } from "../support/test-database.js";

const CITIES = ["helsinki", "espoo", "tampere", "turku", "stockholm", "tallinn", "oslo", "copenhagen"];
const OTHERS = ["kyiv", "moscow", "st-petersburg", "eurocities", "finland", "sweden", "estonia", "norway"];
const centrality = (around: string, hops = 1) =>
  `{ centrality(algorithm: PAGERANK, around: ["${around}"], hops: ${hops}, limit: 3) { node { id } } }`;

let db: Database;
let researcher: string;
beforeAll(async () => {
  db = connectTestDatabase();
  researcher = await testToken([], "researcher");
});
afterAll(async () => {
  await db.close();
});

describe("fair algorithms", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(db, { RESULT_CACHE: "off", ALGORITHM_RUNS_PER_WINDOW: "1000" });
  });
  afterAll(async () => {
    await api.stop();
  });

  it("a flood by one client fills only its own share of the queue; another client still gets its answer", async () => {
    // Twelve different questions at once from one anonymous client: one runs, three wait, the rest are told
    // to wait for their answers (RATE_LIMITED), not SERVICE_UNAVAILABLE for everyone.
    const flood = [...CITIES, ...OTHERS.slice(0, 4)].map((id) => api.query(centrality(id, 2)));
    const mine = api.query(centrality("oslo", 1), {}, researcher);
    const answers = await Promise.all(flood);
    const codes = answers.map((answer) => errorCodes(answer)[0] ?? "ok");
    expect(codes.filter((code) => code === "ok")).toHaveLength(4);
    expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(8);
    const answer = await mine;
    expect(answer.errors).toBeUndefined();
    expect(answer.data.centrality.length).toBeGreaterThan(0);
  });
});

describe("runs per client per window", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(db, {
      RESULT_CACHE: "off",
      ALGORITHM_RUNS_PER_WINDOW: "3",
      RATE_LIMIT_WINDOW_MS: "600000",
    });
  });
  afterAll(async () => {
    await api.stop();
  });

  it("past its runs a client is told when to come back, remembered answers are still served, others unaffected", async () => {
    for (const id of OTHERS.slice(4, 7)) expect(errorCodes(await api.query(centrality(id)))).toEqual([]);
    const refused = await api.query(centrality(OTHERS[7]!));
    expect(errorCodes(refused)).toEqual(["RATE_LIMITED"]);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ limit: "runs" });
    expect(Number(refused.errors?.[0]?.extensions?.retryAfterSeconds)).toBeGreaterThan(0);
    // The same question again: answered from what this graph version already computed, no run counted.
    expect(errorCodes(await api.query(centrality(OTHERS[4]!)))).toEqual([]);
    // Another client's flood of days: the graph changes only on its dated days, so few of these are runs.
    const historian = await testToken([], "historian");
    const days = Array.from({ length: 20 }, (_, i) => `2017-${String((i % 12) + 1).padStart(2, "0")}-1${i % 10}`);
    const byDay = await Promise.all(
      days.map((day) =>
        api.query(`{ centrality(algorithm: DEGREE, asOf: "${day}", limit: 1) { score } }`, {}, historian),
      ),
    );
    expect(byDay.map((answer) => errorCodes(answer)[0] ?? "ok")).not.toContain("SERVICE_UNAVAILABLE");
    const last = await api.query(centrality(OTHERS[7]!), {}, researcher);
    expect(errorCodes(last), JSON.stringify(last.errors)).toEqual([]);
  });
});
