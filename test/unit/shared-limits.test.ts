/**
 * The limits several API processes share through Redis (src/server/shared-limits.ts), against a real
 * `redis-server` of the test's own: two `SharedLimits` on one Redis stand for two processes. A client's
 * request count and export slots are one count for both; Redis holds hashed keys, never a subject or an
 * address; a slot whose holder died frees itself when its lease ends; and when Redis goes away each
 * process counts in its own memory (no error, one warning), then shares again once Redis is back.
 * The HTTP side, with two real processes and a balancer, is test/http/two-processes.test.ts.
 */
import { createClient } from "@keyv/redis";
import type { Options } from "express-rate-limit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../../src/logging/index.js";
import {
  LIMITS_NAMESPACE,
  type SharedLimits,
  type Slot,
  createSharedLimits,
  hashedClient,
  memoryLimits,
} from "../../src/server/shared-limits.js";
import { freePort } from "../../src/database/index.js";
import { type TestRedis, startTestRedis } from "../support/redis-server.js";

/** A logger that keeps what it was told (only warn and info are used). */
function recordingLog() {
  const lines: { level: string; message: string }[] = [];
  const log = {
    warn: (_fields: unknown, message: string) => lines.push({ level: "warn", message }),
    info: (message: string) => lines.push({ level: "info", message }),
  } as unknown as Logger;
  return { log, lines };
}

let redis: TestRedis;
const opened: SharedLimits[] = [];

function limits(leaseMs?: number) {
  const { log, lines } = recordingLog();
  const made = createSharedLimits(redis.url, log, leaseMs === undefined ? {} : { leaseMs });
  opened.push(made);
  return { limits: made, lines };
}

/** Both `SharedLimits` count in Redis (each connects in the background). */
async function connected(...all: SharedLimits[]) {
  await expect.poll(() => all.every((one) => one.shared), { timeout: 30_000 }).toBe(true);
}

function rateStore(from: SharedLimits, name: string) {
  const store = from.rateStore(name)!;
  void store.init?.({ windowMs: 600_000 } as Options);
  return store;
}

const isSlot = (taken: Slot | "client" | "total"): taken is Slot => typeof taken === "object";

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await Promise.all(opened.map((one) => one.close()));
  await redis?.stop();
});

describe("limits shared through Redis", () => {
  it("without a Redis they count in the process", () => {
    const local = createSharedLimits(undefined, recordingLog().log);
    expect([local.kind, local.shared, local.rateStore("graphql"), local.counter("runs", 1_000)]).toEqual([
      "memory",
      false,
      undefined,
      undefined,
    ]);
    expect(memoryLimits().kind).toBe("memory");
  });

  it("two processes count one client's requests once, and other clients apart", async () => {
    const [a, b] = [limits().limits, limits().limits];
    await connected(a, b);
    const [first, second] = [rateStore(a, "test-rate"), rateStore(b, "test-rate")];
    const hits = [];
    for (const store of [first, second, first, second]) hits.push((await store.increment("sub:alice")).totalHits);
    expect(hits).toEqual([1, 2, 3, 4]);
    expect((await second.increment("sub:bob")).totalHits).toBe(1);
    // Each limiter (route) counts on its own.
    expect((await rateStore(a, "test-other").increment("sub:alice")).totalHits).toBe(1);
    // The algorithm runs per client per window (gds-gate.ts) count the same way.
    const [runsA, runsB] = [a.counter("test-runs", 600_000)!, b.counter("test-runs", 600_000)!];
    const runs = [];
    for (const counter of [runsA, runsB, runsA]) runs.push((await counter.increment("sub:alice")).totalHits);
    expect(runs).toEqual([1, 2, 3]);
  });

  it("Redis holds hashed clients, never a subject or an address, and every key expires", async () => {
    const a = limits().limits;
    await connected(a);
    await rateStore(a, "test-keys").increment("ip:203.0.113.7");
    const slot = await a.slots("test-key-slots", 1, 1).take("sub:carol@example.org");
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const keys = await client.keys(`${LIMITS_NAMESPACE}:*`);
      expect(keys).toContain(`${LIMITS_NAMESPACE}:rate:test-keys:${hashedClient("ip:203.0.113.7")}`);
      expect(keys).toContain(`${LIMITS_NAMESPACE}:test-key-slots:client:${hashedClient("sub:carol@example.org")}`);
      expect(keys.join(" ")).not.toMatch(/203\.0\.113|carol/);
      for (const key of keys) expect(await client.pTTL(key)).toBeGreaterThan(0);
    } finally {
      if (isSlot(slot)) slot.release();
      client.destroy();
    }
  });

  it("export slots: one client's share and the total hold across processes, and a release frees one", async () => {
    const [a, b] = [limits().limits, limits().limits];
    await connected(a, b);
    const [onA, onB] = [a.slots("test-exports", 1, 2), b.slots("test-exports", 1, 2)];
    const first = await onA.take("sub:dave");
    expect(isSlot(first)).toBe(true);
    expect(await onB.take("sub:dave")).toBe("client");
    const other = await onB.take("sub:erin");
    expect(isSlot(other)).toBe(true);
    expect(await onA.take("sub:frank")).toBe("total");
    if (isSlot(first)) {
      first.release();
      first.release(); // a second release frees nothing more
    }
    let again: Slot | "client" | "total" = "client";
    await expect
      .poll(async () => {
        again = await onB.take("sub:dave");
        return again;
      })
      .toSatisfy(isSlot);
    expect(await onA.take("sub:frank")).toBe("total");
    if (isSlot(again)) again.release();
    if (isSlot(other)) other.release();
  });

  it("a slot whose process died frees itself when its lease ends; a running one is renewed", async () => {
    const [dying, living] = [limits(1_500).limits, limits(1_500).limits];
    await connected(dying, living);
    const onLiving = living.slots("test-lease", 1, 5);
    const held = await dying.slots("test-lease", 1, 5).take("sub:grace");
    const running = await onLiving.take("sub:heidi");
    expect([isSlot(held), isSlot(running)]).toEqual([true, true]);
    await dying.close(); // no release, no renewal: as if the process were killed
    let freed: Slot | "client" | "total" = "client";
    await expect
      .poll(
        async () => {
          freed = await onLiving.take("sub:grace");
          return freed;
        },
        { timeout: 30_000 },
      )
      .toSatisfy(isSlot);
    // Meanwhile heidi's slot, renewed every third of its lease, is still held.
    expect(await onLiving.take("sub:heidi")).toBe("client");
    for (const slot of [running, freed]) if (isSlot(slot)) slot.release();
  });
});

describe("Redis going away", () => {
  it("each process counts in its own memory, warns once, and shares again when Redis is back", async () => {
    const [a, b] = [limits(), limits()];
    await connected(a.limits, b.limits);
    const [first, second] = [rateStore(a.limits, "test-outage"), rateStore(b.limits, "test-outage")];
    const slotsA = a.limits.slots("test-outage-slots", 1, 1);
    await redis.stop();
    await expect.poll(() => a.limits.shared || b.limits.shared, { timeout: 30_000 }).toBe(false);

    // No error: each process counts on its own, a client's slot too.
    const hits = [];
    for (const store of [first, second, first, second]) hits.push((await store.increment("sub:ivan")).totalHits);
    expect(hits).toEqual([1, 1, 2, 2]);
    const slot = await slotsA.take("sub:ivan");
    expect(isSlot(slot)).toBe(true);
    expect(await slotsA.take("sub:ivan")).toBe("client");
    if (isSlot(slot)) slot.release();
    for (const { lines } of [a, b]) {
      expect(lines.filter((line) => line.level === "warn")).toHaveLength(1);
      expect(lines.find((line) => line.level === "warn")?.message).toMatch(
        /does not answer: each process counts .* in its own memory/,
      );
    }

    redis = await startTestRedis(redis.port);
    await connected(a.limits, b.limits);
    const shared = [];
    for (const store of [first, second, first]) shared.push((await store.increment("sub:judy")).totalHits);
    expect(shared).toEqual([1, 2, 3]);
    for (const { lines } of [a, b]) expect(lines.at(-1)).toMatchObject({ level: "info", message: /shared again/ });
  });

  it("a Redis that hangs costs a request a bounded wait, then the process counts on its own until it answers", async () => {
    const [{ limits: a, lines }, { limits: b }] = [limits(), limits()];
    await connected(a, b);
    const [first, second] = [rateStore(a, "test-hung"), rateStore(b, "test-hung")];
    expect((await first.increment("sub:mallory")).totalHits).toBe(1);
    redis.pause();
    try {
      // Answered (from the process's memory) rather than waiting for Redis for ever.
      expect((await first.increment("sub:mallory")).totalHits).toBe(1);
      expect(a.shared).toBe(false);
      expect(lines.filter((line) => line.level === "warn")).toHaveLength(1);
    } finally {
      redis.resume();
    }
    // Asked again a little later, Redis answers, and the counts are shared again.
    await expect.poll(async () => (await first.increment("sub:probe")) && a.shared, { timeout: 30_000 }).toBe(true);
    expect(lines.at(-1)).toMatchObject({ level: "info", message: /shared again/ });
    const hits = [];
    for (const store of [first, second, first]) hits.push((await store.increment("sub:niaj")).totalHits);
    expect(hits).toEqual([1, 2, 3]);
  });

  it("a Redis down when the process starts: counted in the process, then shared once Redis answers", async () => {
    const port = await freePort();
    const { log, lines } = recordingLog();
    const [a, b] = [
      createSharedLimits(`redis://127.0.0.1:${port}`, log),
      createSharedLimits(`redis://127.0.0.1:${port}`, log),
    ];
    opened.push(a, b);
    const [first, second] = [rateStore(a, "test-late"), rateStore(b, "test-late")];
    expect([(await first.increment("sub:kim")).totalHits, (await second.increment("sub:kim")).totalHits]).toEqual([
      1, 1,
    ]);
    const late = await startTestRedis(port);
    try {
      await connected(a, b);
      const hits = [];
      for (const store of [first, second, first]) hits.push((await store.increment("sub:lee")).totalHits);
      expect(hits).toEqual([1, 2, 3]);
      expect(lines.filter((line) => line.level === "warn").length).toBeGreaterThan(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await late.stop();
    }
  });
});
