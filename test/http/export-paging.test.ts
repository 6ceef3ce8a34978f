/**
 * Exports read page by page (issue 10): with small pages, a graph of a few thousand extra entities comes out
 * whole — every record once, in order — and a client that holds an export open (reads nothing) blocks only
 * its own second export (429 with Retry-After), while other clients, /health and queries go on.
 * The extra records have `test-` ids and are removed afterwards.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import type { RunningApi } from "../../src/start.js";
import { testToken } from "../support/test-api.js";
import { connectTestDatabase, countGraph, runCypher } from "../support/test-database.js";
import { post, startTestServer } from "../support/test-server.js";
import { PAGE_SOURCE } from "../support/curated.js";

const EXTRA = 3_000;
/** Long enough descriptions that a held export cannot fit in the sockets' buffers (about 20 MB in all). */
const DESCRIPTION = "d".repeat(6_000);

let api: RunningApi;
let db: Database;
let before: { nodes: number; relationships: number };

beforeAll(async () => {
  db = connectTestDatabase();
  before = await countGraph(db);
  await runCypher(
    db,
    `UNWIND range(0, $n - 1) AS i
       CREATE (c:City:Entity { id: 'test-export-' + right('0000' + toString(i), 5), name: 'Test city ' + i,
                               aliases: [], sourceIds: ['${PAGE_SOURCE}'], description: $description })
       WITH c, i
       MATCH (h:Entity { id: 'helsinki' })
       CREATE (c)-[:PARTNER_OF { id: 'test-export-rel-' + i, kind: 'bilateral', sourceIds: ['${PAGE_SOURCE}'],
                                 excerpts: ['test'] }]->(h)`,
    { n: EXTRA, description: DESCRIPTION },
  );
  api = await startTestServer({
    WEB_PAGES: "false",
    EXPORT_PAGE_SIZE: "100",
    EXPORT_MAX_PER_CLIENT: "1",
    EXPORT_MAX_CONCURRENT: "2",
  });
});
afterAll(async () => {
  await api?.stop();
  await runCypher(db, "MATCH (c:Entity) WHERE c.id STARTS WITH 'test-export-' DETACH DELETE c");
  expect(await countGraph(db)).toEqual(before);
  await db.close();
});

describe("exports read in pages", () => {
  it("a graph of many pages comes out whole: every record once, in id order", async () => {
    const response = await fetch(`${api.url}/export?format=json`);
    expect(response.status).toBe(200);
    const file = (await response.json()) as {
      entities: { id: string }[];
      relationships: { id: string; from: string }[];
      sources: { id: string }[];
    };
    const ids = file.entities.map((entity) => entity.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(ids.filter((id) => id.startsWith("test-export-"))).toHaveLength(EXTRA);
    expect(ids.length).toBe(await entityCount());
    const relationships = file.relationships.map((relationship) => relationship.id);
    expect(new Set(relationships).size).toBe(relationships.length);
    expect(relationships.filter((id) => id.startsWith("test-export-rel-"))).toHaveLength(EXTRA);
    const starts = file.relationships.map((relationship) => relationship.from);
    expect(starts).toEqual([...starts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("a client holding an export open gets 429 for a second one; others, /health and queries go on", async () => {
    const { port } = new URL(api.url);
    // The first export: headers received, then nothing read, so the server waits on the socket.
    const held = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get({ host: "127.0.0.1", port, path: "/export?format=json" }, resolve).on("error", reject);
    });
    held.pause();
    expect(held.statusCode).toBe(200);

    const second = await fetch(`${api.url}/export?format=gexf`);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await second.json()) as any).errors[0].extensions).toMatchObject({
      code: "RATE_LIMITED",
      limit: "exportsPerClient",
    });

    // Another client (a verified token is a client of its own) may export meanwhile.
    const token = await testToken([], "test-exporter");
    const other = await fetch(`${api.url}/export?format=gephi&table=nodes`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(other.status).toBe(200);
    expect((await other.text()).length).toBeGreaterThan(EXTRA * DESCRIPTION.length);

    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    const query = await post(api.url, { query: '{ node(id: "helsinki") { name } }' });
    expect(query.body.data).toEqual({ node: { name: "Helsinki" } });

    // The held export still completes once read, and then the client may export again.
    held.resume();
    let bytes = 0;
    for await (const chunk of held) bytes += (chunk as Buffer).length;
    expect(bytes).toBeGreaterThan(EXTRA * DESCRIPTION.length);
    await expect.poll(async () => (await fetch(`${api.url}/export?format=gephi&table=edges`)).status).toBe(200);
  });
});

async function entityCount(): Promise<number> {
  return db.read(async (tx) => Number((await tx.run("MATCH (n:Entity) RETURN count(n) AS n")).records[0]?.get("n")));
}
