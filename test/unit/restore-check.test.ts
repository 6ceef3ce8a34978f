/**
 * What `kg restore` checks before writing anything (src/backup/restore-check.ts), on backup files made by hand:
 * a backup as `kg backup` writes it passes; a crafted one — issue 19's invalid id, an email on a city and a
 * citation of a missing source among them — is refused with every problem, its code and its line. No
 * database: the checks read the file only (the restore that refuses it, writing nothing, is tested against a
 * Neo4j in test/processes/import-export.test.ts).
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { type Problem, formatProblem } from "../../src/graph-data/index.js";
import { BACKUP_FORMAT, checkBackup } from "../../src/backup/index.js";

const AT = { $datetime: [2026, 1, 2, 10, 30, 0, 123456789, 0] };
const STAMPS = { createdAt: AT, createdBy: "cli:ada", updatedAt: AT, updatedBy: "cli:ada" };

const header = { format: BACKUP_FORMAT, labels: ["Source", "Entity", "Change", "GraphVersion"] };
const source = { node: { labels: ["Source"], props: { id: "hel-report", title: "Report", ...STAMPS } } };
const city = (id: string, extra: Record<string, unknown> = {}) => ({
  node: {
    labels: ["City", "Entity"],
    props: {
      id,
      name: id,
      aliases: [],
      sourceIds: ["hel-report"],
      location: { $point: [4326, 24.9, 60.1] },
      ...STAMPS,
      ...extra,
    },
  },
});
const person = {
  node: {
    labels: ["Entity", "Person"],
    props: { id: "ann", name: "Ann", aliases: [], sourceIds: ["hel-report"], email: "ann@example.org", ...STAMPS },
  },
};
const partnership = (from: string, to: string, props: Record<string, unknown> = {}) => ({
  relationship: {
    type: "PARTNER_OF",
    from,
    to,
    props: { id: `${from}--PARTNER_OF--${to}`, sourceIds: ["hel-report"], excerpts: ["partners"], ...STAMPS, ...props },
  },
});
const change = (props: Record<string, unknown> = {}) => ({
  node: {
    labels: ["Change"],
    props: {
      id: "c-1",
      writeId: "w-1",
      actor: "cli:ada",
      origin: "file:facts.yaml",
      operation: "create",
      itemType: "entity",
      itemId: "ann",
      itemKind: "Person",
      fields: ["email", "name", "sources"],
      after: JSON.stringify({
        kind: "Person",
        id: "ann",
        name: "Ann",
        email: "ann@example.org",
        sources: ["hel-report"],
      }),
      at: AT,
      ...props,
    },
  },
});
const version = { node: { labels: ["GraphVersion"], props: { id: "graph", version: 3, writeId: "w-1", at: AT } } };

const GOOD = [
  header,
  source,
  city("helsinki"),
  city("tallinn"),
  person,
  change(),
  version,
  partnership("helsinki", "tallinn"),
];

const text = (lines: readonly unknown[]) => `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`;
const input = (body: string) => ({ name: "crafted.jsonl", open: () => Readable.from([body]) });

async function problemsOf(lines: readonly unknown[]): Promise<Problem[]> {
  return (await checkBackup(input(text(lines)))).problems.problems;
}

/** Each problem as `line code field`, for exact comparisons. */
const brief = (problems: readonly Problem[]) => problems.map((p) => `${p.line} ${p.code} ${p.field ?? "-"}`);

describe("a restore's checks", () => {
  it("pass a backup as kg backup writes it, counting its nodes and relationships", async () => {
    const check = await checkBackup(input(text(GOOD)));
    expect(check.problems.problems).toEqual([]);
    expect([check.nodes, check.relationships]).toEqual([6, 1]);
  });

  it("pass the history an erasure leaves: records without the erased fields, and the erase change", async () => {
    const scrubbed = JSON.stringify({ kind: "Person", id: "ann", name: "Ann", sources: ["hel-report"] });
    const problems = await problemsOf([
      header,
      source,
      {
        node: {
          labels: ["Entity", "Person"],
          props: { id: "ann", name: "Ann", aliases: [], sourceIds: ["hel-report"] },
        },
      },
      change({ after: scrubbed, erased: ["email"] }),
      change({
        id: "c-2",
        writeId: "w-2",
        operation: "erase",
        fields: ["email"],
        after: scrubbed,
        reason: "request 2026/17",
      }),
    ]);
    expect(problems).toEqual([]);
  });

  it("refuse issue 19's crafted file: an invalid id, an email on a city, a citation of a missing source", async () => {
    const problems = await problemsOf([
      header,
      source,
      city("Not An Id!"),
      city("tallinn", { email: "mayor@example.org" }),
      person,
      partnership("tallinn", "ann-city", { id: "x--PARTNER_OF--y", sourceIds: ["missing-source"] }),
    ]);
    expect(brief(problems)).toEqual([
      "3 INVALID_VALUE id",
      "4 NOT_ALLOWED email",
      "6 UNKNOWN_REFERENCE to",
      "6 UNKNOWN_REFERENCE citations.0.source",
    ]);
    expect(problems.map(formatProblem)).toContain(
      "crafted.jsonl:4: entity tallinn, field email: personal data has no place on a City: only a Person holds email (NOT_ALLOWED)",
    );
    expect(problems.map(formatProblem)).toContain(
      "crafted.jsonl:6: relationship x--PARTNER_OF--y, field citations.0.source: unknown source missing-source (UNKNOWN_REFERENCE)",
    );
  });

  it("hold every fact to the record model: fields, values, vocabulary, ends of allowed kinds", async () => {
    const problems = await problemsOf([
      header,
      source,
      city("helsinki", { staffCount: 3 }),
      city("tallinn", { name: "Tallinn\u200B" }),
      person,
      {
        node: {
          labels: ["Entity", "Country"],
          props: { id: "finland", name: "Finland", isoCode: "fin", sourceIds: ["hel-report"] },
        },
      },
      { node: { labels: ["Entity", "Spaceship"], props: { id: "x" } } },
      { relationship: { type: "ORBITS", from: "helsinki", to: "tallinn", props: { id: "a--ORBITS--b" } } },
      // A relationship FUNDS ends at an Office, never at a Person.
      {
        relationship: {
          type: "FUNDS",
          from: "helsinki",
          to: "ann",
          props: { id: "helsinki--FUNDS--ann", sourceIds: ["hel-report"], excerpts: ["funds"] },
        },
      },
      partnership("helsinki", "helsinki"),
      partnership("tallinn", "helsinki", { excerpts: [] }),
      city("oslo", { location: { $point: [7203, 1, 2] }, sourceIds: [] }),
      city("riga", { note: { nested: "map" } }),
    ]);
    expect(brief(problems)).toEqual([
      "3 UNKNOWN_FIELD staffCount",
      "4 INVISIBLE_CHARACTERS name",
      "6 INVALID_VALUE isoCode",
      "7 INVALID_FILE -",
      "8 INVALID_VALUE type",
      "10 NOT_ALLOWED to",
      "11 INVALID_VALUE excerpts",
      "11 REQUIRED citations.0.excerpt",
      "12 INVALID_VALUE location",
      "12 REQUIRED sources",
      "13 INVALID_VALUE note",
      "13 UNKNOWN_FIELD note",
      "9 NOT_ALLOWED to",
    ]);
  });

  it("find ids used twice, and every stamp and value in a form Neo4j stores", async () => {
    const problems = await problemsOf([
      header,
      source,
      {
        node: {
          labels: ["Entity", "City"],
          props: { id: "hel-report", name: "Clash", aliases: [], sourceIds: ["hel-report"] },
        },
      },
      city("tallinn", { createdAt: "yesterday", updatedBy: "" }),
      city("tallinn"),
      city("riga", { aliases: ["Rīga", 1] }),
      city("vilnius", { updatedAt: { $datetime: [2026, 2, 30, 0, 0, 0, 0, 0] } }),
    ]);
    expect(brief(problems)).toEqual([
      "3 DUPLICATE_ID id",
      "4 INVALID_VALUE createdAt",
      "4 INVALID_VALUE updatedBy",
      "5 DUPLICATE_ID id",
      "6 INVALID_VALUE aliases",
      "7 INVALID_VALUE updatedAt",
    ]);
  });

  it("check the history's shape: each Change as the history writer makes it, one GraphVersion", async () => {
    const problems = await problemsOf([
      header,
      source,
      city("helsinki"),
      person,
      change({ id: "c-ok" }),
      change({ id: "c-ok" }),
      change({ id: "c-2", at: undefined, operation: "rename" }),
      change({ id: "c-3", before: JSON.stringify({ kind: "Person", id: "ann", name: "Ann" }) }),
      change({
        id: "c-4",
        itemId: "helsinki",
        itemKind: "City",
        after: JSON.stringify({ kind: "City", id: "helsinki", name: "H", email: "x@example.org", sources: ["s"] }),
      }),
      change({ id: "c-5", after: JSON.stringify({ kind: "Person", id: "bob", name: "Bob", sources: ["s"] }) }),
      change({ id: "c-6", after: "not json", secret: "x" }),
      change({ id: "c-7", operation: "erase", after: undefined }),
      version,
      { node: { labels: ["GraphVersion"], props: { id: "graph", version: -1 } } },
    ]);
    expect(brief(problems)).toEqual([
      "6 DUPLICATE_ID id",
      "7 REQUIRED at",
      "8 INVALID_VALUE before",
      "9 NOT_ALLOWED after.email",
      "10 INVALID_VALUE after.id",
      "11 UNKNOWN_FIELD secret",
      "12 REQUIRED reason",
      "14 INVALID_VALUE version",
      "14 DUPLICATE_ID -",
    ]);
    expect(problems.map(formatProblem)[1]).toBe("crafted.jsonl:7: field at: Change c-2: is required (REQUIRED)");
  });

  it("refuse what is not a backup, and lines that are neither nodes nor relationships", async () => {
    expect(brief(await problemsOf([{ format: "something-else" }, source]))).toEqual(["1 INVALID_FILE -"]);
    expect(brief((await checkBackup(input(""))).problems.problems)).toEqual(["1 INVALID_FILE -"]);
    const body = `${JSON.stringify(header)}\n{not json\n${JSON.stringify({ edge: {} })}\n${JSON.stringify({ node: { labels: "City" } })}\n\n${JSON.stringify(source)}\n`;
    expect(brief((await checkBackup(input(body))).problems.problems)).toEqual([
      "2 INVALID_FILE -",
      "3 INVALID_FILE -",
      "4 INVALID_FILE -",
    ]);
  });
});
