/**
 * `npm run bench:transfer -- --url http://127.0.0.1:4000`: bytes on the wire and time, as they are, gzipped and
 * brotli-compressed, for what a reader and a tool fetch most: the explorer's first load (the page and every
 * asset it names), GraphiQL's, a large GraphQL answer, and full exports (JSON, CSV, GraphML). Against a running
 * server (start one on the graph you want to measure, e.g. the curated seed with `npm run kg -- crowd`).
 * Requests are made one at a time on this machine's loopback, so the times show what compressing costs the
 * server and the client, not what it saves on a real network; the bytes are what a network would carry (the
 * report adds the time they would take at 10 Mbit/s). Results: bench/results/transfer.json. Not a test.
 */
import { writeFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { performance } from "node:perf_hooks";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

const ENCODINGS = ["identity", "gzip", "br"] as const;
type Encoding = (typeof ENCODINGS)[number];
const LINK_BITS_PER_SECOND = 10_000_000;
const ROUNDS = 3;

interface Fetched {
  readonly wireBytes: number;
  readonly bytes: number;
  readonly ms: number;
  readonly encoding: string;
}

function fetchRaw(url: string, encoding: Encoding, body?: string): Promise<Fetched> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: body ? "POST" : "GET",
        headers: {
          "accept-encoding": encoding,
          ...(body ? { "content-type": "application/json" } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const wire = Buffer.concat(chunks);
          const sent = response.headers["content-encoding"] ?? "identity";
          const plain = sent === "br" ? brotliDecompressSync(wire) : sent === "gzip" ? gunzipSync(wire) : wire;
          if ((response.statusCode ?? 0) >= 400) reject(new Error(`${url}: ${response.statusCode}`));
          else
            resolve({ wireBytes: wire.length, bytes: plain.length, ms: performance.now() - started, encoding: sent });
        });
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

interface Row {
  readonly what: string;
  readonly encoding: Encoding;
  readonly requests: number;
  readonly bytes: number;
  readonly wireBytes: number;
  readonly medianMs: number;
  readonly at10MbitMs: number;
}

async function measure(what: string, urls: () => Promise<{ url: string; body?: string }[]>): Promise<Row[]> {
  const rows: Row[] = [];
  const targets = await urls();
  for (const encoding of ENCODINGS) {
    const times: number[] = [];
    let last: Fetched[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      last = [];
      for (const target of targets) last.push(await fetchRaw(target.url, encoding, target.body));
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const wireBytes = last.reduce((sum, fetched) => sum + fetched.wireBytes, 0);
    rows.push({
      what,
      encoding,
      requests: targets.length,
      bytes: last.reduce((sum, fetched) => sum + fetched.bytes, 0),
      wireBytes,
      medianMs: Math.round(times[Math.floor(times.length / 2)]!),
      at10MbitMs: Math.round((wireBytes * 8 * 1000) / LINK_BITS_PER_SECOND),
    });
    console.log(`${what} [${encoding}]: ${wireBytes} bytes on the wire, ${rows.at(-1)!.medianMs} ms`);
  }
  return rows;
}

async function pageAndAssets(base: string, page: string): Promise<{ url: string }[]> {
  const html = await (await fetch(`${base}/${page}`)).text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
  return [{ url: `${base}/${page}` }, ...assets.map((asset) => ({ url: `${base}${asset}` }))];
}

async function main(): Promise<void> {
  const at = process.argv.indexOf("--url");
  const base = (at > 0 ? process.argv[at + 1] : undefined) ?? "http://127.0.0.1:4000";
  const neighbourhood = JSON.stringify({
    query:
      '{ neighbourhood(id: "helsinki", depth: 2, limit: 200) { nodes { id name kind } edges { type fromId toId validFrom validTo status sources { title publisher excerpt } } } }',
  });
  const rows = [
    ...(await measure("explorer first load", () => pageAndAssets(base, "explorer"))),
    ...(await measure("GraphiQL first load", () => pageAndAssets(base, "graphiql"))),
    ...(await measure("neighbourhood of Helsinki, 2 hops, 200 nodes with sources", async () => [
      { url: `${base}/graphql`, body: neighbourhood },
    ])),
    ...(await measure("export JSON", async () => [{ url: `${base}/export?format=json` }])),
    ...(await measure("export CSV", async () => [{ url: `${base}/export?format=csv` }])),
    ...(await measure("export GraphML", async () => [{ url: `${base}/export?format=graphml` }])),
  ];
  const out = new URL("./results/transfer.json", import.meta.url);
  await writeFile(out, `${JSON.stringify({ date: new Date().toISOString(), base, rounds: ROUNDS, rows }, null, 2)}\n`);
  console.log(`written ${out.pathname}`);
}

await main();
