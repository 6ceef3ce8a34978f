/**
 * `npm run seed [-- FILE.yaml …]`: (re)loads the curated Helsinki graph, or the graph files given, into the
 * configured database. Validation runs first, so a bad file changes nothing. With no NEO4J_URI it uses the
 * local Neo4j that `npm start` is running, or starts one for the duration of the command.
 */
import path from "node:path";
import { loadConfig } from "../config/index.js";
import { connectDatabase, ensureSchemaIndexes } from "../database/index.js";
import { GraphDataError, StartupError } from "../errors/index.js";
import { curatedGraphFiles } from "./curated-graph.js";
import { readGraphFile, readGraphFiles } from "./graph-file.js";
import { loadGraph } from "./load-graph.js";

async function seed(files: string[]): Promise<void> {
  const graphs = [];
  if (files.length === 0) {
    // The curated graph: every seed/*.yaml file, checked and loaded together.
    const curated = curatedGraphFiles();
    graphs.push({
      file: curated.map((file) => path.relative(process.cwd(), file)).join(" + "),
      data: await readGraphFiles(curated),
    });
  }
  for (const file of files) graphs.push({ file, data: await readGraphFile(file) });
  const config = loadConfig();
  const handle = await connectDatabase(config, { info: console.log, error: console.error }, { reuseRunning: true });
  try {
    await ensureSchemaIndexes(handle.database);
    for (const { file, data } of graphs) {
      const summary = await loadGraph(handle.database, data);
      console.log(
        `Loaded ${file}: ${summary.sources} sources, ${summary.entities} entities, ${summary.relationships} relationships.`,
      );
    }
  } finally {
    await handle.close();
  }
}

const files = process.argv.slice(2);
seed(files).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof GraphDataError || error instanceof StartupError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
