import { createRequire } from "node:module";
import { type TestProjectInlineConfiguration, configDefaults, defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/**
 * `npm test` runs the processes tier as two vitests side by side (PROCESSES_PART): "servers", the suites
 * that start the API or the benchmark as processes (each with its own Neo4j), and "rest", every other file
 * of the tier (their own Neo4j where they kill it, else one shared: processes-neo4j-global-setup.ts). Unset: all.
 */
const SERVER_SUITES = ["test/processes/lifecycle.test.ts", "test/processes/bench.test.ts"];
const processesPart = process.env.PROCESSES_PART;

/**
 * The tests' own Neo4j servers may take minutes to start on a machine loaded far beyond its two cores (seen:
 * more than 180 s, `npm start`'s default, with a second `npm test` and more beside this one). Set here, it
 * reaches the global setups, the workers and the processes they start; a start that succeeds ends when ready.
 */
process.env.NEO4J_LOCAL_START_TIMEOUT_MS ??= "600000";

/**
 * The tests start about a dozen short-lived Neo4j servers; with the JVM's first compiler tier only, each start
 * costs about half the CPU (docs/configuration.md, NEO4J_LOCAL_JIT), and the tests' queries are small.
 */
process.env.NEO4J_LOCAL_JIT ??= "quick";

/**
 * Test tiers, each a vitest project with its own script (see package.json):
 * - unit: no database;
 * - schema: the printed schema against its committed snapshots (no database);
 * - integration: test/integration (in-process GraphQL and Cypher) and test/http (over HTTP), against one real
 *   Neo4j that test/support/neo4j-global-setup.ts starts on a fresh store and a free port, with the curated
 *   graph. Its files run one at a time in one worker, so exact counts never see another file's writes and the
 *   API schema is built once.
 * - browser: test/browser (the explorer and GraphiQL in Chromium), the same way on a Neo4j of its own.
 * - processes: suites that start processes of their own (`npm start` through a whole life, an import on a
 *   Neo4j of its own, the benchmark, the local Neo4j's start-up failures), one file at a time.
 * One `vitest run` runs the tiers one after the other (vitest queues every one-file-at-a-time project in one
 * line), after every project's global setup. So `npm test` (bin/test-streams.mjs) runs them as vitests side by
 * side, as they share nothing: unit and schema (no global setup: they start at once, not after a Neo4j has
 * started and loaded the curated graph), integration, browser, and the processes tier's two parts.
 * The compiled server and the web pages are built before the tiers that use them
 * (test/support/build-global-setup.ts; two vitests building at once build once).
 */
/** A tier whose files share one Neo4j with the curated graph, started by its global setup. */
function sharedNeo4jTier(name: string, include: string[]): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name,
      include,
      globalSetup: ["test/support/build-global-setup.ts", "test/support/neo4j-global-setup.ts"],
      fileParallelism: false,
      // One worker runs every file, one after the other, sharing loaded modules: the API schema is built
      // once (test/support/test-api.ts) instead of once per file.
      isolate: false,
      sequence: { groupOrder: 1 },
      testTimeout: 120_000,
      hookTimeout: 720_000,
      // Browser tests wait for pages that wait for the API: a poll ends as soon as its condition holds, so
      // a generous bound costs nothing here and lets a loaded CI machine (several test streams on 2 cores) pass.
      expect: { poll: { timeout: 30_000 } },
    },
  };
}

export default defineConfig({
  resolve: {
    // One copy of graphql: Vite would otherwise load its ESM build next to the CJS one that
    // @neo4j/graphql requires ("Cannot use GraphQLSchema from another module or realm").
    alias: { graphql: require.resolve("graphql/index.js") },
  },
  test: {
    reporters: ["default"],
    // The unit and schema files run two at a time.
    maxWorkers: 2,
    projects: [
      // Bounds a machine loaded far beyond its cores can meet (a test or hook that passes ends when it is done).
      {
        extends: true,
        // The files share loaded modules (no file stubs a module; the two that stub a global or the
        // environment restore it), so each worker imports the code once instead of once per file.
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      // Building the whole schema takes seconds on an idle 2-core machine, and more than 10 s on a loaded one:
      // the files share loaded modules, so each worker builds it once (sharedApiSchema), not each file.
      {
        extends: true,
        test: {
          name: "schema",
          include: ["test/schema/**/*.test.ts"],
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
      sharedNeo4jTier("integration", ["test/integration/**/*.test.ts", "test/http/**/*.test.ts"]),
      sharedNeo4jTier("browser", ["test/browser/**/*.test.ts"]),
      {
        extends: true,
        test: {
          name: "processes",
          include: processesPart === "servers" ? SERVER_SUITES : ["test/processes/**/*.test.ts"],
          exclude: processesPart === "rest" ? [...configDefaults.exclude, ...SERVER_SUITES] : configDefaults.exclude,
          // Global setups run one after the other, so the pages are built once, whichever tier comes first.
          // The shared Neo4j only where its files run (not in the servers part).
          globalSetup: [
            "test/support/build-global-setup.ts",
            ...(processesPart === "servers" ? [] : ["test/support/processes-neo4j-global-setup.ts"]),
          ],
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 720_000,
        },
      },
    ],
  },
});
