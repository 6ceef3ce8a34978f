/** The database layer: the driver boundary, the local Neo4j, and the constraints and indexes. */
export {
  Database,
  DEFAULT_DRIVER_TIMEOUTS,
  createDriver,
  toNumber,
  toPlain,
  cypherInt,
  type StatementRunner,
} from "./database.js";
export { connectDatabase, type DatabaseHandle, type ConnectOptions } from "./connect.js";
export { startLocalNeo4j, findRunningLocalNeo4j, freePort, type LocalNeo4j } from "./local-neo4j.js";
export { installLocalNeo4j, javaMajorVersion, type InstallLog } from "./local-neo4j-install.js";
export {
  ensureSchemaIndexes,
  dropDeferrableIndexes,
  DEFERRABLE_INDEXES,
  ENTITY_NAME_INDEX,
  EXTERNAL_ID_INDEX,
  NAME_PROPERTIES,
} from "./schema-indexes.js";
export { superviseLocalNeo4j, type SupervisedNeo4j, type SupervisorLog } from "./local-neo4j-supervisor.js";
