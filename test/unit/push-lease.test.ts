/**
 * The push-mode lease without a server, Neo4j or Redis, on a fake clock: when a server may answer with the
 * version it holds in memory, and every way it stops being allowed to (lease run out, subscription lost or
 * younger than the lease read, no read yet), and how reads and pushes combine (a late read never takes back
 * a pushed version; a read started after a push is authoritative).
 */
import { describe, expect, it } from "vitest";
import { PushLease } from "../../src/result-cache/push-lease.js";
import { unexpiredLeases } from "../../src/write/version-announce.js";

const LEASE = 3_000;

function subscribedAndRead(at = 0, token = "1:a"): PushLease {
  const lease = new PushLease(LEASE);
  lease.subscribed(at);
  lease.leaseRead(at, token);
  return lease;
}

describe("PushLease", () => {
  it("trusts the read version only while the lease read is younger than the lease", () => {
    const lease = subscribedAndRead(100);
    expect(lease.trusted(100)).toBe("1:a");
    expect(lease.trusted(100 + LEASE - 1)).toBe("1:a");
    expect(lease.trusted(100 + LEASE)).toBeUndefined();
  });

  it("counts the lease from the read's start, not its end", () => {
    const lease = new PushLease(LEASE);
    lease.subscribed(0);
    lease.leaseRead(10, "1:a"); // reported late, started at 10
    expect(lease.trusted(10 + LEASE)).toBeUndefined();
  });

  it("trusts nothing before a subscription and a read", () => {
    const lease = new PushLease(LEASE);
    expect(lease.trusted(0)).toBeUndefined();
    lease.leaseRead(0, "1:a");
    expect(lease.trusted(1)).toBeUndefined();
    lease.subscribed(5);
    expect(lease.trusted(6)).toBeUndefined();
  });

  it("ignores a read that started before the subscription came up", () => {
    const lease = new PushLease(LEASE);
    lease.subscribed(50);
    lease.leaseRead(40, "1:a");
    expect(lease.trusted(60)).toBeUndefined();
    lease.leaseRead(60, "1:a");
    expect(lease.trusted(61)).toBe("1:a");
  });

  it("stops trusting at once when the subscription is lost, until a read started after it came back", () => {
    const lease = subscribedAndRead(0);
    lease.lost();
    expect(lease.trusted(1)).toBeUndefined();
    lease.subscribed(10);
    expect(lease.trusted(11)).toBeUndefined();
    lease.leaseRead(5, "1:a"); // in flight across the loss
    expect(lease.trusted(12)).toBeUndefined();
    lease.leaseRead(12, "2:b");
    expect(lease.trusted(13)).toBe("2:b");
  });

  it("takes a pushed version, and a renewal keeps it trusted", () => {
    const lease = subscribedAndRead(0);
    lease.pushed("2:b", 100);
    expect(lease.trusted(101)).toBe("2:b");
    lease.leaseRead(1_000, "2:b");
    expect(lease.trusted(1_000 + LEASE - 1)).toBe("2:b");
  });

  it("never goes back to an older version from a read that started before the push", () => {
    const lease = subscribedAndRead(0);
    lease.pushed("3:c", 100);
    lease.leaseRead(50, "2:b");
    expect(lease.trusted(120)).toBe("3:c");
  });

  it("ignores a late push of an older version", () => {
    const lease = subscribedAndRead(0, "5:e");
    lease.pushed("4:d", 10);
    expect(lease.trusted(11)).toBe("5:e");
  });

  it("takes a read started after a push as it is (a graph counted again from 1)", () => {
    const lease = subscribedAndRead(0, "7:g");
    lease.pushed("8:h", 10);
    lease.leaseRead(20, "1:z");
    expect(lease.trusted(21)).toBe("1:z");
  });

  it("takes a push of the same number from another write", () => {
    const lease = subscribedAndRead(0, "1:a");
    lease.pushed("1:b", 10);
    expect(lease.trusted(11)).toBe("1:b");
  });

  it("takes no push while unsubscribed", () => {
    const lease = subscribedAndRead(0, "1:a");
    lease.lost();
    lease.pushed("2:b", 5);
    lease.subscribed(6);
    lease.leaseRead(7, "1:a");
    expect(lease.trusted(8)).toBe("1:a");
  });
});

describe("unexpiredLeases (what a writer waits for)", () => {
  it("names the holders whose lease runs past now, and how long the last one has left", () => {
    expect(unexpiredLeases(["a@1500", "b@1200", "c@900", "d@1000"], 1_000)).toEqual({
      holders: ["a", "b"],
      remainingMs: 500,
    });
  });

  it("has nothing to wait for without leases, and skips entries it cannot read", () => {
    expect(unexpiredLeases([], 1_000)).toEqual({ holders: [], remainingMs: 0 });
    expect(unexpiredLeases(["@2000", "x@soon", "plain"], 1_000)).toEqual({ holders: [], remainingMs: 0 });
  });
});
