/** Graph data files: the format, its checks, loading into Neo4j, and the curated Helsinki graph. */
export {
  readGraphFile,
  readGraphFiles,
  parseGraphText,
  SourceRecordSchema,
  EntityRecordSchema,
  RelationshipRecordSchema,
  entityProblems,
  relationshipProblems,
  type KnownIds,
  type FieldProblem,
  type GraphData,
  type EntityRecord,
  type RelationshipRecord,
  type SourceRecord,
} from "./graph-file.js";
export {
  loadGraph,
  entityProperties,
  relationshipProperties,
  sourceProperties,
  type LoadSummary,
} from "./load-graph.js";
export {
  CURATED_GRAPH_DIR,
  CURATED_GRAPH_FILE,
  curatedGraphFiles,
  readCuratedGraph,
  loadCuratedGraph,
  isGraphEmpty,
} from "./curated-graph.js";
