/**
 * Reads of the graph shared by several layers (the API's resolvers, reconciliation, the server's routes, the
 * write path, the crowd loader): pure Cypher and the rows it returns, no GraphQL types. It imports only
 * downward (database, graph-data); everything above imports it.
 */
export {
  ALL_NODE_FIELDS,
  PROJECTION_PARAMS,
  findEntity,
  nodeProjection,
  type NodeRow,
  type NodeSelection,
} from "./node-rows.js";
export {
  searchWords,
  luceneQuery,
  searchEntityRows,
  exactKey,
  exactNamePattern,
  exactNameCypher,
  exactNameParams,
  type SearchRow,
} from "./search.js";
export { entitiesByExternalId } from "./external-ids.js";
