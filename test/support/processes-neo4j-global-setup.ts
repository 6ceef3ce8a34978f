/**
 * The processes tier's shared Neo4j: one JVM (a start costs 10–25 s of CPU on two cores) for the files that
 * need an empty graph of their own but not a Neo4j process of their own — imports into an empty graph,
 * batched loads, a Neo4j without Graph Data Science. Each such file starts from an empty graph
 * (`sharedFreshNeo4j()` in shared-neo4j.ts empties it), one file at a time. It runs without Graph Data Science,
 * as a server where nobody installed it: only without-gds.test.ts asks about GDS, and those files use none.
 * Suites that kill or restart Neo4j, or start `npm start`, start their own.
 */
import type { TestProject } from "vitest/node";
import { type FreshNeo4j, startFreshNeo4j } from "./fresh-neo4j.js";

declare module "vitest" {
  export interface ProvidedContext {
    sharedNeo4jUri: string;
    sharedNeo4jDataDir: string;
    sharedNeo4jPid: number;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const neo4j: FreshNeo4j = await startFreshNeo4j({
    gds: false,
    log: (message) => console.log(`[shared neo4j] ${message}`),
  });
  project.provide("sharedNeo4jUri", neo4j.uri);
  project.provide("sharedNeo4jDataDir", neo4j.dataDir);
  project.provide("sharedNeo4jPid", neo4j.pid);
  return () => neo4j.stop();
}
