/** The gate in front of graph algorithm runs: one at a time, a few waiting, the rest told to come back. */
import { describe, expect, it } from "vitest";
import { ServiceUnavailableError } from "../../src/errors/index.js";
import { WorkGate } from "../../src/resolvers/gds-gate.js";

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
      gate.run(async () => {
        order.push(`start ${name}`);
        if (index === 0) await first.promise;
        order.push(`end ${name}`);
        return name;
      }),
    );
    const refused = await gate.run(async () => "d").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ServiceUnavailableError);
    expect((refused as ServiceUnavailableError).extensions.code).toBe("SERVICE_UNAVAILABLE");
    expect(order).toEqual(["start a"]);
    first.resolve();
    expect(await Promise.all(jobs)).toEqual(["a", "b", "c"]);
    expect(order).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
    expect(await gate.run(async () => "e")).toBe("e");
  });

  it("a failing job frees its place", async () => {
    const gate = new WorkGate(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.run(async () => 1)).toBe(1);
  });
});
