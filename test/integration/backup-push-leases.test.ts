/**
 * A backup taken while API servers hold push-mode leases on the version node: the leases are the running
 * servers', not the graph's, so the backup leaves them out and its check (which allows only the version's
 * own properties) passes. Without that, every backup of a graph served in push mode would be refused.
 */
import { PassThrough, Readable } from "node:stream";
import { afterAll, expect, it } from "vitest";
import { backupGraph, checkBackup } from "../../src/backup/index.js";
import { PUSH_LEASES_PROPERTY, renewPushLease } from "../../src/write/index.js";
import { connectTestDatabase } from "../support/test-database.js";

const db = connectTestDatabase();
afterAll(async () => {
  await db.close();
});

it("a backup leaves the servers' push leases out, and its check passes", async () => {
  // A lease of 1 ms: run out before any writer could see it (other test files share this Neo4j).
  expect(await renewPushLease(db, "test-backup-holder", 1)).toMatch(/^\d+:/);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  await backupGraph(db, out);
  out.end();
  const backup = Buffer.concat(chunks).toString("utf8");
  expect(backup).toContain('"GraphVersion"');
  expect(backup).not.toContain(PUSH_LEASES_PROPERTY);
  const check = await checkBackup({ name: "leases.jsonl", open: () => Readable.from([backup]) });
  expect(check.problems.problems.filter((problem) => /GraphVersion/.test(problem.message))).toEqual([]);
});
