#!/usr/bin/env node
/**
 * `npm test`: every tier, as streams side by side so they share the machine's cores (test/README.md).
 * Each stream is one of the package's own scripts; their output is grouped per stream, and the run fails
 * when any stream fails.
 *
 * The integration and HTTP files and the browser files each get a Neo4j of their own when the tests start
 * one, so they run side by side. With NEO4J_URI set they would share that server, and the browser's edits
 * (a partnership of Helsinki's, then undone) would show in the other files' exact counts: then they run one
 * after the other, in one stream.
 */
import process from "node:process";
import concurrently from "concurrently";

const sharedServer = Boolean(process.env.NEO4J_URI);
const streams = [
  { name: "checks", command: "npm run typecheck && npm run lint" },
  { name: "unit", command: "npm run test:no-db" },
  ...(sharedServer
    ? [{ name: "shared-neo4j", command: "npm run test:shared-db && npm run test:browser" }]
    : [
        { name: "shared-neo4j", command: "npm run test:shared-db" },
        { name: "browser", command: "npm run test:browser" },
      ]),
  { name: "servers", command: "npm run test:processes", env: { PROCESSES_PART: "servers" } },
  { name: "processes", command: "npm run test:processes", env: { PROCESSES_PART: "rest" } },
];

const { result } = concurrently(streams, { group: true, prefix: "name" });
try {
  await result;
} catch {
  process.exitCode = 1;
}
