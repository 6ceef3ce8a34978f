/**
 * `npm run seed [-- --dry-run]`: (re)loads the curated Helsinki graph (every seed/*.yaml) into the
 * configured database through the write path, as the `seed` actor: unchanged records stay as they are,
 * records an editor changed since are kept and reported as conflicts, and what changes is recorded in the
 * history. With no NEO4J_URI it uses the local Neo4j that `npm start` is running, or starts one.
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../config/index.js";
import { connectDatabase, ensureSchemaIndexes } from "../database/index.js";
import { StartupError } from "../errors/index.js";
import { formatProblem } from "../graph-data/index.js";
import { RejectedWrite, configureVersionAnnouncement, formatWriteReport, loadCuratedGraph } from "../write/index.js";

async function seed(dryRun: boolean): Promise<void> {
  const config = loadConfig();
  const handle = await connectDatabase(config, { info: console.error, error: console.error }, { reuseRunning: true });
  const closeAnnouncement = configureVersionAnnouncement(config.resultCache.redisUrl, () => undefined);
  try {
    await ensureSchemaIndexes(handle.database);
    console.log(formatWriteReport(await loadCuratedGraph(handle.database, { dryRun })));
  } finally {
    await closeAnnouncement();
    await handle.close();
  }
}

const { values } = parseArgs({ options: { "dry-run": { type: "boolean", default: false } } });
seed(values["dry-run"]).then(
  () => process.stdout.write("", () => process.exit(0)),
  (error: unknown) => {
    if (error instanceof RejectedWrite) {
      console.error(`${error.message}\n${error.problems.map((problem) => `  - ${formatProblem(problem)}`).join("\n")}`);
    } else if (error instanceof StartupError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
