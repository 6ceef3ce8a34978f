/**
 * The backup file's permissions (issue 19: `kg backup` wrote personal data world-readable, mode 644): a new
 * backup is 0600 whatever the umask; an existing file's mode is never loosened; a backup that fails leaves the
 * earlier file as it was and no temporary file behind. (`kg backup` itself, against a Neo4j, is checked for
 * the same mode in test/processes/import-export.test.ts.)
 */
import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writePrivateFile } from "../../src/backup/index.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "kg-backup-file-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;
const writeText = (text: string) => async (out: NodeJS.WritableStream) => {
  out.write(text);
  return text.length;
};

describe("a backup file", () => {
  it("is readable and writable by its owner only, even under a permissive umask", async () => {
    const file = path.join(dir, "new.jsonl");
    const umask = process.umask(0o000);
    try {
      expect(await writePrivateFile(file, writeText("backup\n"))).toBe(7);
    } finally {
      process.umask(umask);
    }
    expect(await modeOf(file)).toBe(0o600);
    expect(await readFile(file, "utf8")).toBe("backup\n");
  });

  it("replacing a world-readable file, is owner-only; replacing a read-only one, stays read-only", async () => {
    const open = path.join(dir, "open.jsonl");
    await writeFile(open, "old\n", { mode: 0o644 });
    await chmod(open, 0o644);
    await writePrivateFile(open, writeText("new\n"));
    expect([await modeOf(open), await readFile(open, "utf8")]).toEqual([0o600, "new\n"]);

    const strict = path.join(dir, "strict.jsonl");
    await writeFile(strict, "old\n");
    await chmod(strict, 0o400);
    await writePrivateFile(strict, writeText("new\n"));
    expect([await modeOf(strict), await readFile(strict, "utf8")]).toEqual([0o400, "new\n"]);
  });

  it("that fails half-way leaves the earlier backup whole and nothing else behind", async () => {
    const file = path.join(dir, "kept.jsonl");
    await writeFile(file, "earlier backup\n", { mode: 0o600 });
    const failing = writePrivateFile(file, async (out) => {
      out.write("half a back");
      throw new Error("Neo4j went away");
    });
    await expect(failing).rejects.toThrow("Neo4j went away");
    expect(await readFile(file, "utf8")).toBe("earlier backup\n");
    expect((await readdir(dir)).filter((name) => name.includes("kept"))).toEqual(["kept.jsonl"]);
  });

  it("into a folder that does not exist fails at once, with the reason", async () => {
    let worked = false;
    await expect(
      writePrivateFile(path.join(dir, "missing", "b.jsonl"), async () => {
        worked = true;
      }),
    ).rejects.toMatchObject({ code: "ENOENT" });
    expect(worked).toBe(false);
  });
});
