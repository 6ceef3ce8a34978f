/**
 * The gate in front of graph algorithm runs: one at a time, a few waiting, the rest told to come back — and
 * fair between clients, so one client looping at the rate limit cannot keep the others out (issue 19).
 */
import { describe, expect, it } from "vitest";
import { RateLimitedError, ServiceUnavailableError } from "../../src/errors/index.js";
import { WorkGate } from "../../src/resolvers/algorithms/gds-gate.js";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe("WorkGate", () => {
  it("runs one job at a time, queues two, refuses the fourth with SERVICE_UNAVAILABLE, and goes on after", async () => {
    const gate = new WorkGate(1, 2);
    const order: string[] = [];
    const first = deferred();
    const jobs = ["a", "b", "c"].map((name, index) =>
      gate.run(`client-${name}`, async () => {
        order.push(`start ${name}`);
        if (index === 0) await first.promise;
        order.push(`end ${name}`);
        return name;
      }),
    );
    const refused = await gate.run("client-d", async () => "d").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ServiceUnavailableError);
    expect((refused as ServiceUnavailableError).extensions.code).toBe("SERVICE_UNAVAILABLE");
    expect(order).toEqual(["start a"]);
    first.resolve();
    expect(await Promise.all(jobs)).toEqual(["a", "b", "c"]);
    expect(order).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
    expect(await gate.run("client-e", async () => "e")).toBe("e");
  });

  it("a failing job frees its place", async () => {
    const gate = new WorkGate(1, 0);
    await expect(gate.run("x", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.run("x", async () => 1)).toBe(1);
  });

  it("takes clients in turn: one client's queue does not hold another back, and is capped (RATE_LIMITED)", async () => {
    const gate = new WorkGate(1, 8, 3);
    const started: string[] = [];
    const release = new Map<string, () => void>();
    const job = (client: string, name: string) =>
      gate.run(client, async () => {
        started.push(name);
        const done = deferred();
        release.set(name, done.resolve);
        await done.promise;
        return name;
      });
    const flood = ["a1", "a2", "a3", "a4"].map((name) => job("ip:attacker", name));
    const refused = await gate.run("ip:attacker", async () => "a5").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).extensions.code).toBe("RATE_LIMITED");
    const victim = job("sub:researcher", "b1");
    const finish = async (name: string) => {
      // Each job starts on a later turn of the event loop: wait until it has.
      while (!release.has(name)) await new Promise((resolve) => setImmediate(resolve));
      release.get(name)!();
    };
    await finish("a1");
    await finish("a2");
    // With a first-come queue the researcher would wait behind a2, a3 and a4; in turns, behind a2 only.
    await finish("b1");
    await finish("a3");
    await finish("a4");
    expect(await Promise.all([...flood, victim])).toEqual(["a1", "a2", "a3", "a4", "b1"]);
    expect(started).toEqual(["a1", "a2", "b1", "a3", "a4"]);
  });

  it("counts each client's runs per window: over it, RATE_LIMITED with when to come back; others unaffected", async () => {
    let now = 1_000_000;
    const gate = new WorkGate(1, 8, 3, "The graph algorithms", { runsPerWindow: 2, windowMs: 60_000 }, () => now);
    expect(await gate.run("ip:a", async () => 1)).toBe(1);
    expect(await gate.run("ip:a", async () => 2)).toBe(2);
    now += 15_000;
    const refused = await gate.run("ip:a", async () => 3).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).extensions).toMatchObject({ limit: "runs", retryAfterSeconds: 45 });
    expect(await gate.run("sub:b", async () => 4)).toBe(4);
    now += 45_000;
    expect(await gate.run("ip:a", async () => 5)).toBe(5);
  });

  it("with a shared counter, runs are counted there: two gates (two processes) share a client's runs", async () => {
    const counts = new Map<string, number>();
    const resetTime = new Date(Date.now() + 42_000);
    const counter = {
      increment: async (client: string) => {
        counts.set(client, (counts.get(client) ?? 0) + 1);
        return { totalHits: counts.get(client)!, resetTime };
      },
    };
    const rate = { runsPerWindow: 2, windowMs: 60_000, counter };
    const [one, two] = [new WorkGate(1, 8, 3, "The graph algorithms", rate), new WorkGate(1, 8, 3, "x", rate)];
    expect(await one.run("ip:a", async () => 1)).toBe(1);
    expect(await two.run("ip:a", async () => 2)).toBe(2);
    const refused = await one.run("ip:a", async () => 3).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).extensions).toMatchObject({ limit: "runs" });
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThan(30);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(42);
    expect(await two.run("sub:b", async () => 4)).toBe(4);
  });
});
