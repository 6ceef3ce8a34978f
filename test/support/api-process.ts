/**
 * An API as a process of its own (`node bin/run-compiled.mjs src/main.ts`, as `npm start` runs it) on the
 * shared tiers' Neo4j and a free port, for tests that need two real processes side by side. Nothing of the
 * caller's configuration reaches it but what starting needs (the path, the start bound); the rest is `env`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { inject } from "vitest";
import { PROJECT_ROOT } from "../../src/config/index.js";
import { freePort } from "../../src/database/index.js";
import { TEST_JWT_SECRET } from "./test-api.js";

export interface ApiProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** What it logged (pino's JSON lines), for a test's assertions and for a failure's message. */
  readonly lines: string[];
}

const CALLERS_SETTINGS =
  /^(NEO4J_|RATE_LIMIT_|EXPORT_|RESULT_CACHE|LIMITS_|JWT_|OIDC_|TRUST_PROXY$|PORT$|HOST$|LOG_LEVEL$)/;

/** Starts the process (it is ready once its /ready says so); `env` is added to the test settings. */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const password = inject("neo4jPassword");
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !CALLERS_SETTINGS.test(key)));
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "bin", "run-compiled.mjs"), "src/main.ts"], {
    cwd: PROJECT_ROOT,
    env: {
      ...inherited,
      PORT: String(port),
      HOST: "127.0.0.1",
      NEO4J_URI: inject("neo4jUri"),
      NEO4J_USER: inject("neo4jUser"),
      ...(password ? { NEO4J_PASSWORD: password } : {}),
      NEO4J_DATABASE: inject("neo4jDatabase"),
      SEED_ON_START: "never",
      WEB_PAGES: "false",
      JWT_SECRET: TEST_JWT_SECRET,
      // A first Graph Data Science call on a busy machine can pass the 15 s default (test-server.ts says more).
      NEO4J_TX_TIMEOUT_MS: "120000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on("line", (line) => lines.push(line));
  return { child, url: `http://127.0.0.1:${port}`, lines };
}
